"""Bytes to text, in layers, trusting nothing.

Order (each step only when the one before failed): refuse known binary formats by their magic
numbers; unpack gzip (bounded); honour a byte-order mark; strict UTF-8; the declared charset (HTTP
header or HTML meta); charset detection (charset-normalizer) when it is confident; UTF-8 with
replacement characters only when almost all bytes were valid, flagged as lossy. Anything else is
undecodable and skipped — a wrong guess would store mojibake that no one notices.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass

from .errors import IngestError, Reason

__all__ = ["Decoded", "decode_bytes", "sniff_binary", "declared_charset"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (old Office) document"),
    (b"\x00asm", "WebAssembly module"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"PAR1", "Parquet file"),
)
_GZIP = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Share of replacement characters tolerated in a lossy UTF-8 decode.
MAX_LOSSY_RATIO = 0.005
#: Share of control bytes (other than whitespace) above which unknown bytes are called binary.
MAX_CONTROL_RATIO = 0.02
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)["']""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    lossy: bool = False


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` (by magic number or control-byte density), else ``None``."""
    head = data[:64]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and not _looks_like_pe(data):
                continue
            return name
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WAVE", b"WEBP", b"AVI "):
        return "RIFF media"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = data[:8192]
    if not sample:
        return None
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if b"\x00" in sample and not _looks_like_utf16(sample):
        return "binary data (NUL bytes)"
    if controls / len(sample) > MAX_CONTROL_RATIO:
        return "binary data (control bytes)"
    return None


def _looks_like_pe(data: bytes) -> bool:
    return len(data) > 0x40 and b"This program" in data[:512]


def _looks_like_utf16(sample: bytes) -> bool:
    """BOM-less UTF-16 text has a NUL in nearly every other byte, all on one side."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first 4 KiB."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(Reason.BINARY, f"corrupt gzip data: {exc}") from exc
    if len(out) > max_bytes:
        raise IngestError(Reason.TOO_LARGE, f"gzip content over {max_bytes} bytes when unpacked")
    return out


def decode_bytes(data: bytes, declared: str | None = None, *, max_bytes: int = 10_000_000) -> Decoded:
    """Decode ``data`` to text or raise :class:`IngestError` (``binary``/``undecodable``/``too_large``).

    Args:
        data: raw bytes of a file or HTTP body.
        declared: a charset named by the transport (HTTP ``Content-Type``), tried after UTF-8.
        max_bytes: cap for decompressed content.

    Returns:
        The text, the encoding used, and whether undecodable bytes were replaced.

    Example:
        >>> decode_bytes("café".encode("latin-1")).text
        'café'
    """
    if len(data) > max_bytes:
        raise IngestError(Reason.TOO_LARGE, f"{len(data)} bytes, limit {max_bytes}")
    if data.startswith(_GZIP):
        data = _gunzip(data, max_bytes)
    kind = sniff_binary(data)
    if kind:
        raise IngestError(Reason.BINARY, kind)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for candidate in (declared, declared_charset(data)):
        if candidate:
            try:
                return Decoded(data.decode(candidate), codecs.lookup(candidate).name)
            except (UnicodeDecodeError, LookupError):
                pass
    guessed = _detect(data)
    if guessed is not None:
        return guessed
    lossy = data.decode("utf-8", errors="replace")
    if lossy.count("\ufffd") <= MAX_LOSSY_RATIO * max(len(lossy), 1):
        return Decoded(lossy, "utf-8", lossy=True)
    raise IngestError(Reason.UNDECODABLE, "no encoding fits the bytes")


#: Multi-byte East Asian encodings: implausible for bytes that are mostly ASCII, where a short
#: Western text in a single-byte code page is otherwise often misread as one of them.
_CJK = ["big5", "big5hkscs", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213", "euc_jp", "euc_kr",
        "gb18030", "gb2312", "gbk", "hz", "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
        "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr", "johab", "shift_jis", "shift_jis_2004", "shift_jisx0213"]


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    ascii_share = sum(1 for b in sample if b < 128) / max(len(sample), 1)
    best = from_bytes(sample, cp_exclusion=_CJK if ascii_share > 0.8 else None).best()
    if best is None or best.chaos > 0.25:
        return None
    try:
        return Decoded(data.decode(best.encoding), codecs.lookup(best.encoding).name)
    except (UnicodeDecodeError, LookupError):
        return None
