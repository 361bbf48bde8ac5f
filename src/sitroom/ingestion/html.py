"""HTML pages to article text plus metadata (title, author, published time, language, site).

trafilatura removes boilerplate (menus, footers, related links) and finds title and author; we
read the publication *time* from the page's own metadata ourselves (``article:published_time``,
JSON-LD ``datePublished``, ``<time datetime>``), because trafilatura keeps only the day and the
hour matters for resolving "yesterday" across time zones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from .errors import IngestError, Reason
from .language import normalize_language
from .times import parse_published

__all__ = ["HtmlArticle", "extract_html", "looks_like_html", "html_to_text"]

_TAG = re.compile(r"<\s*(html|body|p|div|article|head|br|span|a|h[1-6])\b", re.IGNORECASE)
_META_TIME_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "pubdate", "publishdate", "sailthru.date", "parsely-pub-date",
)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    site_name: str | None = None
    description: str | None = None


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup rather than prose (several HTML tags near its start)."""
    head = text[:5000]
    return head.lstrip().startswith("<") and len(_TAG.findall(head)) >= 2


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed entry's content), entities decoded, tags dropped.

    Block elements become line breaks so paragraphs survive.
    """
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//h5|//h6|//tr|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content()


def _meta_published(tree: object) -> datetime | None:
    """The publication time named in the page's metadata, or ``None``."""
    candidates: list[str] = []
    for meta in tree.xpath("//meta[@content]"):  # type: ignore[attr-defined]
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _META_TIME_KEYS:
            candidates.append(meta.get("content"))
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):  # type: ignore[attr-defined]
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                graph = item.get("@graph")
                for node in graph if isinstance(graph, list) else [item]:
                    if isinstance(node, dict) and isinstance(node.get("datePublished"), str):
                        candidates.append(node["datePublished"])
    candidates += tree.xpath("//time[@datetime]/@datetime")[:1]  # type: ignore[attr-defined]
    for value in candidates:
        try:
            parsed = parse_published(value)
        except IngestError:
            continue
        if parsed:
            return parsed
    return None


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Article text and metadata of one HTML page.

    Raises:
        IngestError: ``malformed_html`` when no text can be found at all, ``empty`` when the page
        has markup but no words.
    """
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise IngestError(Reason.MALFORMED_HTML, f"unparseable HTML: {exc}") from exc
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, deduplicate=False,
    )
    info = result.as_dict() if result is not None and not isinstance(result, dict) else (result or {})
    text = info.get("text") or ""
    if not text.strip():
        # Pages trafilatura cannot segment (a bare body of text): fall back to all visible text.
        body = tree.find("body")
        text = html_to_text(lxml.html.tostring(body, encoding="unicode")) if body is not None else ""
    if not text.strip():
        raise IngestError(Reason.EMPTY, "the page has no article text")
    title = info.get("title") or (tree.findtext(".//title") or "").strip() or None
    lang = normalize_language(tree.get("lang") or info.get("language"))
    published = _meta_published(tree)
    if published is None and info.get("date"):
        try:
            published = parse_published(info["date"])
        except IngestError:
            published = None
    return HtmlArticle(
        text=text, title=title, author=info.get("author"), published=published, language=lang,
        site_name=info.get("sitename"), description=info.get("description"),
    )
