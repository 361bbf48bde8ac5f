"""From what the user typed (paths, folders, globs, URLs) to bytes and the reader for them.

Why here and not in the readers: choosing a reader is about the container (extension, content
type, the first bytes), reading is about the content. A folder is walked recursively in sorted
order so runs are reproducible; hidden files and manifests are not reports. A ``manifest.csv``
beside reports supplies their outlet, URL and publication time.
"""

from __future__ import annotations

import csv
import glob
import io
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator, Mapping

from .decode import decode_bytes, sniff_binary
from .errors import IngestError, Reason, Skipped
from .fetch import fetch
from .html import looks_like_html
from .readers import ReadOptions, looks_like_feed

__all__ = ["SourceItem", "expand_sources", "load_manifest", "reader_for_path", "reader_for_content", "fetch_item", "MANIFEST_NAMES", "is_url"]

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
_MANIFEST_FIELDS = ("outlet", "url", "published", "title", "language", "author")
_BY_EXTENSION = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One thing to read: a file or a URL, with metadata known beforehand."""

    location: str
    is_url: bool = False
    kind: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


def is_url(text: str) -> bool:
    return "://" in text[:12]


def load_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows of a manifest (CSV or JSONL with a ``file`` column), keyed by resolved file path."""
    import json

    data = decode_bytes(path.read_bytes()).text
    rows: list[dict[str, Any]]
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in data.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        name = (row.get("file") or row.get("path") or "").strip()
        if not name:
            raise IngestError(Reason.MISSING_COLUMN, f"manifest {path} needs a 'file' column")
        key = str((path.parent / name).resolve())
        out[key] = {k: str(row[k]).strip() for k in _MANIFEST_FIELDS if row.get(k) not in (None, "")}
    return out


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name not in MANIFEST_NAMES and not name.lower().startswith("readme"):
                yield Path(root) / name


def expand_sources(
    sources: list[str], *, kind: str | None = None, manifest: Path | None = None
) -> Iterator[SourceItem | Skipped]:
    """Every file or URL the arguments name, in order, each once; unknown paths as ``Skipped``."""
    explicit = load_manifest(manifest) if manifest else {}
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    seen: set[str] = set()

    def meta_for(path: Path) -> dict[str, str]:
        resolved = str(path.resolve())
        if resolved in explicit:
            return explicit[resolved]
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = {}
            for name in MANIFEST_NAMES:
                if (folder / name).is_file():
                    manifests[folder] = load_manifest(folder / name)
                    break
        return manifests[folder].get(resolved, {})

    for source in sources:
        if is_url(source):
            if source not in seen:
                seen.add(source)
                yield SourceItem(source, is_url=True, kind=kind)
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            paths = list(_walk(path))
        elif path.is_file():
            paths = [path]
        elif any(ch in source for ch in "*?["):
            paths = [Path(p) for p in sorted(glob.glob(str(path), recursive=True)) if Path(p).is_file()]
            if not paths:
                yield Skipped(source, Reason.NOT_FOUND, "the pattern matches no file")
                continue
        else:
            yield Skipped(source, Reason.NOT_FOUND, "no such file or folder")
            continue
        for p in paths:
            key = str(p.resolve())
            if key in seen:
                continue
            seen.add(key)
            try:
                meta = meta_for(p)
            except (IngestError, OSError, ValueError) as exc:
                yield Skipped(str(p.parent), Reason.MALFORMED_RECORD, f"bad manifest: {exc}")
                meta = {}
            yield SourceItem(str(p), kind=kind, meta=meta)


def reader_for_path(path: str, data: bytes) -> str:
    """The reader for a file: by extension, else by content."""
    ext = Path(path).suffix.lower()
    chosen = _BY_EXTENSION.get(ext)
    if chosen == "feed" and not looks_like_feed(data):
        return "html" if looks_like_html(data[:5000].decode("utf-8", "ignore")) else "text"
    return chosen or reader_for_content("", data)


def reader_for_content(content_type: str, data: bytes) -> str:
    """The reader for bytes of a given media type (HTTP) or none (an unknown file)."""
    ct = content_type.lower()
    if any(t in ct for t in ("rss", "atom")) or (("xml" in ct or not ct) and looks_like_feed(data)):
        return "feed"
    if "html" in ct:
        return "html"
    if "json" in ct:
        return "jsonl"
    if "csv" in ct or "tab-separated" in ct:
        return "csv"
    if not ct or ct.startswith("text/"):
        head = data[:5000].decode("utf-8", "ignore")
        if not ct and looks_like_feed(data):
            return "feed"
        return "html" if looks_like_html(head) else "text"
    return "text"


def read_file(item: SourceItem, max_bytes: int) -> bytes:
    """A file's bytes, refusing over-large files before reading them."""
    try:
        size = os.path.getsize(item.location)
        if size > max_bytes:
            raise IngestError(Reason.TOO_LARGE, f"{size} bytes, limit {max_bytes}")
        with open(item.location, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(Reason.UNREADABLE, exc.strerror or str(exc)) from exc


def fetch_item(item: SourceItem, opts: ReadOptions, **fetch_kwargs: Any) -> tuple[str, bytes, ReadOptions]:
    """Download a URL item; return the reader to use, the body and options carrying HTTP metadata."""
    got = fetch(item.location, max_bytes=opts.max_bytes, **fetch_kwargs)
    if sniff_binary(got.body):
        raise IngestError(Reason.BINARY, f"{sniff_binary(got.body)} at {got.url}")
    kind = item.kind or reader_for_content(got.content_type, got.body)
    # A feed's entries carry their own links; only a page or a text is "at" the fetched URL.
    meta = dict(item.meta) if kind == "feed" else {"url": got.url, **item.meta}
    return kind, got.body, replace(opts, declared_charset=got.charset, base_meta=meta)
