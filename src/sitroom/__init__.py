"""sitroom: news reports on armed conflict and security crises turned into a trusted event database.

The Python API mirrors the CLI: every ``sitroom`` command has a same-named function here
(``sitroom.ingest``, ``sitroom.search``, ``sitroom.documents``, ``sitroom.connect`` …). They are
cheap to import: models and heavy libraries load only when a function needs them.

Why these are imported eagerly and not lazily: a lazy attribute named like a subpackage would be
replaced by the module the first time that subpackage is imported, so the API names are bound
here once, and no subpackage shares a name with an API function.
"""

from __future__ import annotations

import os

# One BLAS thread unless the user chose otherwise. Why: the spaCy pipelines parse one document at
# a time with small matrices, so OpenBLAS' extra thread only spins; it cost 6-10% of extraction
# CPU time in bench/extract_speed.py. Parallelism comes from engines (one process per core).
# Must run before numpy loads, hence here; it has no effect if numpy was imported first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"

from .geo.geocoding import geocode
from .library import connect, documents, ingest, search
from .settings import Settings, load_settings
from .store import open_store

__all__ = ["__version__", "connect", "documents", "extract", "geocode", "ingest", "search", "open_store", "Settings",
           "load_settings"]


def extract(text, published=None, outlet=None, **kwargs):  # type: ignore[no-untyped-def]
    """Claims from one report (see :func:`sitroom.extraction.extract`); imported lazily so that
    ``import sitroom`` stays cheap and spaCy loads only when extraction is asked for."""
    from .extraction import extract as _extract

    return _extract(text, published=published, outlet=outlet, **kwargs)
