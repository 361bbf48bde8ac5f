"""Each reader on good input and on the hostile input it will meet."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sitroom.ingestion.candidate import Candidate
from sitroom.ingestion.errors import Reason, Skipped
from sitroom.ingestion.readers import ColumnMap, ReadOptions, read_csv, read_feed, read_html, read_jsonl, read_text
from sitroom.registry import readers

OPTS = ReadOptions()
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Camp escape | Ledger</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2026-03-04T11:30:00+02:00">
<meta property="og:site_name" content="The Northern Ledger"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Thousands escape camp</h1>
<p>Thousands of people escaped the al-Hol camp on Tuesday after the guards were replaced, officials said.</p>
<p>The camp held about 40,000 people, most of them women and children, according to aid groups.</p>
<p>Iraqi forces said they arrested at least 40 escapees near the border crossing at Rabia.</p></article>
<footer><p>Copyright 2026 The Northern Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_registry_has_every_builtin_reader():
    assert {"text", "html", "jsonl", "csv", "feed"} <= set(readers.names())


def test_text_headline_and_encoding():
    c = only(read_text("Headline here\n\nBody of the report, long enough.".encode("utf-16"), "a.txt", OPTS))
    assert isinstance(c, Candidate)
    assert c.title == "Headline here" and c.encoding.startswith("utf-16") and c.source_kind == "text"


def test_text_binary_is_skipped():
    s = only(read_text(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "a.png", OPTS))
    assert isinstance(s, Skipped) and s.reason is Reason.BINARY and "PNG" in s.line()


def test_html_boilerplate_removed_and_metadata_read():
    c = only(read_html(PAGE.encode(), "page.html", OPTS))
    assert isinstance(c, Candidate)
    assert "al-Hol camp" in c.text and "Privacy policy" not in c.text and "Sport" not in c.text
    assert c.title == "Thousands escape camp" and c.author == "Jane Roe" and c.outlet == "The Northern Ledger"
    assert c.published == datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)
    assert c.language == "en"


def test_manifest_metadata_wins_over_page_metadata():
    opts = ReadOptions(base_meta={"outlet": "Gulf Monitor", "published": "2026-03-05T08:00:00Z"})
    c = only(read_html(PAGE.encode(), "page.html", opts))
    assert c.outlet == "Gulf Monitor" and c.published == datetime(2026, 3, 5, 8, tzinfo=timezone.utc)


def test_broken_html_still_yields_text_or_reason():
    broken = b"<html><body><div><p>Shelling hit the town of Hajin overnight, residents said, <b>killing two<div></p></table>"
    item = only(read_html(broken, "broken.html", OPTS))
    if isinstance(item, Candidate):
        assert "Hajin" in item.text
    else:
        assert item.reason in {Reason.EMPTY, Reason.MALFORMED_HTML}


def test_html_with_no_text_is_empty():
    s = only(read_html(b"<html><head><title>x</title></head><body><nav></nav></body></html>", "e.html", OPTS))
    assert isinstance(s, Skipped) and s.reason is Reason.EMPTY


def test_html_script_content_never_becomes_text():
    page = PAGE.replace("<article>", "<article><script>alert('x')</script>")
    c = only(read_html(page.encode(), "p.html", OPTS))
    assert "alert" not in c.text


def test_jsonl_good_bad_and_missing_lines():
    lines = [
        json.dumps({"text": "Floods displaced hundreds of families in Duhok.", "title": "Floods", "date": "2026-03-01", "source": "Gulf Monitor"}),
        "{not json",
        json.dumps({"headline": "no text field here"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"text": "A report with a bad date value in it, still long.", "published": "not a date at all"}),
    ]
    items = list(read_jsonl("\n".join(lines).encode(), "dump.jsonl", OPTS))
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds == [("Candidate", None), ("Skipped", Reason.MALFORMED_RECORD), ("Skipped", Reason.MISSING_COLUMN),
                     ("Skipped", Reason.MALFORMED_RECORD), ("Skipped", Reason.BAD_VALUE)]
    first = items[0]
    assert first.outlet == "Gulf Monitor" and first.published == datetime(2026, 3, 1, tzinfo=timezone.utc)
    assert items[1].source == "dump.jsonl:2"


def test_jsonl_column_mapping_and_json_array():
    data = json.dumps([{"body_text": "Protesters gathered in Amman on Sunday demanding higher wages.", "when": "2026-03-08T10:00:00Z"}])
    opts = ReadOptions(columns=ColumnMap(text="body_text", published="when"))
    c = only(read_jsonl(data.encode(), "dump.json", opts))
    assert c.published == datetime(2026, 3, 8, 10, tzinfo=timezone.utc)


def test_jsonl_html_field_is_extracted():
    c = only(read_jsonl(json.dumps({"text": PAGE}).encode(), "d.jsonl", OPTS))
    assert "al-Hol" in c.text and "<p>" not in c.text


def test_csv_reads_rows_and_detects_delimiter():
    data = "title\ttext\tpublished\nFloods\tFloods displaced hundreds of families in Duhok.\t2026-03-01\n"
    c = only(read_csv(data.encode(), "d.tsv", OPTS))
    assert c.title == "Floods" and c.source == "d.tsv:2"


def test_csv_missing_text_column_skips_file():
    s = only(read_csv(b"title,date\nA,2026-01-01\n", "d.csv", OPTS))
    assert s.reason is Reason.MISSING_COLUMN and "title" in s.detail


def test_csv_quoted_multiline_and_ragged_rows():
    data = 'text,outlet\n"Line one of a report,\nline two of it.",Ledger\n"Another report with extra cells here.",Wire,extra\n'
    items = list(read_csv(data.encode(), "d.csv", OPTS))
    assert [type(i).__name__ for i in items] == ["Candidate", "Candidate"]
    assert "line two" in items[0].text


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Levant Wire Service</title>
<language>en-us</language><link>https://levantwire.example/</link>
<item><title>Thousands escape al-Hol camp</title><link>https://levantwire.example/a</link><guid>a1</guid>
<pubDate>Wed, 04 Mar 2026 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Thousands of people escaped the camp, security sources said.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Floods in Duhok</title><link>https://levantwire.example/b</link><guid>b2</guid>
<description>Floods displaced hundreds of families.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gulf Monitor</title>
<id>urn:gm</id><updated>2026-03-05T00:00:00Z</updated>
<entry><title>Drone strike near Sinjar</title><id>urn:gm:1</id><link href="https://gulfmonitor.example/1"/>
<published>2026-03-05T06:00:00+03:00</published><updated>2026-03-05T06:00:00+03:00</updated>
<content type="html">&lt;p&gt;A drone strike hit a vehicle near Sinjar on Thursday, killing two people.&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries():
    items = list(read_feed(RSS.encode(), "feed.xml", OPTS))
    assert [type(i).__name__ for i in items] == ["Candidate", "Candidate"]
    first = items[0]
    assert first.outlet == "Levant Wire Service" and first.url == "https://levantwire.example/a"
    assert first.published == datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)
    assert first.text.startswith("Thousands escape al-Hol camp") and "alert" not in first.text
    assert first.language == "en" and first.source == "feed.xml#a1"


def test_atom_entries():
    c = only(read_feed(ATOM.encode(), "atom.xml", OPTS))
    assert c.published == datetime(2026, 3, 5, 3, tzinfo=timezone.utc) and "Sinjar" in c.text


def test_malformed_feed_is_skipped():
    s = only(read_feed(b"<rss><channel><title>x</title><item><title>unclosed", "bad.xml", OPTS))
    assert isinstance(s, (Skipped, Candidate))
    s2 = only(read_feed(b"this is not xml at all {", "bad2.xml", OPTS))
    assert isinstance(s2, Skipped) and s2.reason in {Reason.MALFORMED_FEED, Reason.EMPTY}


def test_feed_item_limit():
    items = "".join(f"<item><title>Report {i}</title><guid>g{i}</guid><description>Body {i} of the wire report.</description></item>" for i in range(5))
    feed = f"<rss version='2.0'><channel><title>W</title>{items}</channel></rss>".encode()
    got = list(read_feed(feed, "f.xml", ReadOptions(max_feed_items=3)))
    assert sum(isinstance(i, Candidate) for i in got) == 3
    assert got[-1].reason is Reason.TOO_LARGE
