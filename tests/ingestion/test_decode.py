"""Bytes to text: binary refused, encodings detected, lossy decodes flagged, nothing else raised."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.ingestion.decode import decode_bytes, declared_charset, sniff_binary
from sitroom.ingestion.errors import IngestError, Reason

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


@pytest.mark.parametrize("data,kind", [(PNG, "PNG image"), (PDF, "PDF document"), (b"PK\x03\x04" + b"\x00" * 50, "ZIP"),
                                        (b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "ELF"), (b"SQLite format 3\x00" + b"\x00" * 80, "SQLite")])
def test_known_binary_formats_refused_by_name(data, kind):
    with pytest.raises(IngestError) as err:
        decode_bytes(data)
    assert err.value.reason is Reason.BINARY
    assert kind in err.value.detail


def test_nul_heavy_bytes_are_binary():
    assert sniff_binary(bytes(range(256)) * 10) is not None


def test_utf8_and_bom_and_utf16():
    assert decode_bytes("Al-Hol — الهول".encode()).text == "Al-Hol — الهول"
    assert decode_bytes("\ufeffhello".encode("utf-8")).text == "hello"
    decoded = decode_bytes("Thousands escaped the camp.".encode("utf-16"))
    assert decoded.text == "Thousands escaped the camp." and decoded.encoding.startswith("utf-16")


def test_legacy_encodings_detected():
    french = "Des milliers de déplacés ont fui les combats près d'Alep, selon les secours."
    assert decode_bytes(french.encode("cp1252")).text == french
    arabic = "هرب الآلاف من مخيم الهول في محافظة الحسكة بحسب مصادر أمنية وإنسانية"
    assert decode_bytes(arabic.encode("cp1256")).text == arabic


def test_declared_charset_used():
    html = '<html><head><meta charset="windows-1252"></head><body>café crème brûlée</body></html>'.encode("cp1252")
    assert declared_charset(html) == "cp1252"
    assert "café" in decode_bytes(html).text


def test_gzip_unpacked_and_capped():
    assert decode_bytes(gzip.compress(b"plain words in a gzip file")).text == "plain words in a gzip file"
    bomb = gzip.compress(b"a" * 200_000)
    with pytest.raises(IngestError) as err:
        decode_bytes(bomb, max_bytes=10_000)
    assert err.value.reason is Reason.TOO_LARGE


def test_too_large_refused():
    with pytest.raises(IngestError) as err:
        decode_bytes(b"x" * 101, max_bytes=100)
    assert err.value.reason is Reason.TOO_LARGE


def test_mostly_utf8_with_a_bad_byte_is_lossy_or_detected():
    data = ("Thousands escaped the camp on Tuesday, officials said. " * 40).encode() + b"\xff"
    decoded = decode_bytes(data)
    assert decoded.text.startswith("Thousands escaped")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_raise_ingest_error(data):
    try:
        decoded = decode_bytes(data)
    except IngestError as err:
        assert err.reason in {Reason.BINARY, Reason.UNDECODABLE, Reason.TOO_LARGE}
    else:
        assert isinstance(decoded.text, str)
