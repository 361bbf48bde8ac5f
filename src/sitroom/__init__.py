"""sitroom: news reports on armed conflict and security crises turned into a trusted event database.

The Python API mirrors the CLI: every ``sitroom`` command has a same-named function here.
"""

from __future__ import annotations

__version__ = "0.1.0"


def extract(text, published=None, outlet=None, **kwargs):  # type: ignore[no-untyped-def]
    """Claims from one report (see :func:`sitroom.extract.extract`); imported lazily so that
    ``import sitroom`` stays cheap and spaCy loads only when extraction is asked for."""
    from sitroom.extract import extract as _extract

    return _extract(text, published=published, outlet=outlet, **kwargs)
