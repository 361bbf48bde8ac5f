"""Stored text keeps paragraphs; the id ignores layout so the same report is one document."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitroom.ingestion.language import guess_language, normalize_language
from sitroom.ingestion.normalize import document_id, identity_key, normalize_text


def test_paragraphs_kept_spaces_tidied():
    raw = "  Headline \r\n\r\n\r\n\r\nFirst   para\tline.\x07\n\n\nSecond\u200b para.  "
    assert normalize_text(raw) == "Headline\n\nFirst para line.\n\nSecond para."


def test_same_text_rewrapped_has_same_id():
    a = "Thousands escaped the camp\non Tuesday, officials said."
    b = "Thousands   escaped the camp on Tuesday,\r\n officials said.  "
    assert document_id(a) == document_id(b)
    assert document_id(a) != document_id(a.replace("Thousands", "Hundreds"))
    assert len(document_id(a)) == 32


def test_nfkc_folds_compatibility_forms():
    assert identity_key("ﬁve\u00a0people") == "five people"


@given(st.text(max_size=500))
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert document_id(once) == document_id(normalize_text(once))


def test_language_guess_and_tags():
    assert guess_language("Thousands of people escaped the camp after the guards were replaced, officials said on Tuesday.") == "en"
    assert guess_language("Des milliers de personnes se sont échappées du camp selon les responsables de la sécurité.") == "fr"
    assert guess_language("هرب الآلاف من مخيم الهول في محافظة الحسكة بحسب مصادر أمنية") == "ar"
    assert guess_language("12 34 56") is None
    assert normalize_language("en-GB") == "en" and normalize_language("EN_us") == "en" and normalize_language("??") is None
