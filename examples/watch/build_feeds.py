"""Build RSS 2.0 feed files, one per outlet, from the bundled reports (examples/reports).

Usage (from the repository root)::

    python examples/watch/build_feeds.py                      # every report
    python examples/watch/build_feeds.py --until 2026-02-28   # only reports published by then

The feeds go to ``examples/watch/feeds/`` (git-ignored) and are what ``examples/watch/sources.toml``
watches. Running the script again with a later ``--until`` adds the newer items to the same files,
which is how the demo shows a second watch cycle picking up only what is new. Each item carries
the report's title, link, publication time and full text; HTML pages are reduced to their article
text with sitroom's own extractor.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "outlet"


def _body(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        sys.path.insert(0, str(ROOT / "src"))
        from sitroom.ingestion.html import extract_html

        return extract_html(raw).text
    return raw


def build(reports: Path, out: Path, until: datetime | None) -> dict[str, int]:
    """Write one feed per outlet; return the number of items per feed file."""
    rows = list(csv.DictReader((reports / "manifest.csv").open(encoding="utf-8")))
    by_outlet: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_outlet.setdefault(row["outlet"], [])  # every outlet gets a file, empty until it publishes
        published = datetime.fromisoformat(row["published"])
        if until is not None and published > until:
            continue
        by_outlet.setdefault(row["outlet"], []).append(row)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for outlet, items in sorted(by_outlet.items()):
        rss = ET.Element("rss", version="2.0")
        channel = ET.SubElement(rss, "channel")
        ET.SubElement(channel, "title").text = outlet
        ET.SubElement(channel, "link").text = "https://" + _slug(outlet) + ".example/"
        ET.SubElement(channel, "description").text = f"Reports from {outlet} (sitroom example corpus)"
        ET.SubElement(channel, "language").text = "en"
        for row in sorted(items, key=lambda r: datetime.fromisoformat(r["published"]), reverse=True):
            item = ET.SubElement(channel, "item")
            ET.SubElement(item, "title").text = row["title"]
            ET.SubElement(item, "link").text = row["url"]
            ET.SubElement(item, "guid", isPermaLink="false").text = "sitroom-example:" + row["file"]
            published = datetime.fromisoformat(row["published"]).astimezone(timezone.utc)
            ET.SubElement(item, "pubDate").text = format_datetime(published, usegmt=True)
            ET.SubElement(item, "description").text = _body(reports / row["file"])
        path = out / f"{_slug(outlet)}.xml"
        path.write_bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True))
        counts[path.name] = len(items)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "examples" / "reports")
    parser.add_argument("--out", type=Path, default=HERE / "feeds")
    parser.add_argument("--until", help="only reports published at or before this ISO date/time (UTC if no zone)")
    args = parser.parse_args(argv)
    until = None
    if args.until:
        until = datetime.fromisoformat(args.until)
        if until.tzinfo is None:
            until = until.replace(tzinfo=timezone.utc)
        if len(args.until) == 10:  # a bare date means the end of that day
            until = until.replace(hour=23, minute=59, second=59)
    counts = build(args.reports, args.out, until)
    total = sum(counts.values())
    print(f"{total} items in {len(counts)} feeds under {args.out}")  # noqa: T201 - a script's output
    return 0


if __name__ == "__main__":
    sys.exit(main())
