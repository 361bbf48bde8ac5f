"""Geoparsing: the offline gazetteer, toponym recognition, resolution and the event-place choice.

Public entry points (each in its own module):

- :func:`sitroom.geo.build.build_gazetteer` / :func:`sitroom.geo.geonames_import.import_geonames`
- :func:`sitroom.geo.gazetteer.open_gazetteer` (default file: ``~/.cache/sitroom/gazetteer-v2.sqlite``)
- :func:`sitroom.geo.toponyms.find_toponyms`, :func:`sitroom.geo.resolve.resolve_mentions`
- :func:`sitroom.geo.geoparse.geoparse_doc`, :func:`sitroom.geo.geoparse.geoparse_jsonl`
- :func:`sitroom.geo.geocoding.geocode`, :func:`sitroom.geo.event_place.choose_event_place`
"""

from __future__ import annotations

from typing import Any

__all__ = ["geocode", "open_gazetteer", "build_gazetteer", "import_geonames", "geoparse_jsonl", "find_toponyms",
           "resolve_mentions", "choose_event_place"]

_LAZY = {
    "geocode": "sitroom.geo.geocoding",
    "open_gazetteer": "sitroom.geo.gazetteer",
    "build_gazetteer": "sitroom.geo.build",
    "import_geonames": "sitroom.geo.geonames_import",
    "geoparse_jsonl": "sitroom.geo.geoparse",
    "find_toponyms": "sitroom.geo.toponyms",
    "resolve_mentions": "sitroom.geo.resolve",
    "choose_event_place": "sitroom.geo.event_place",
}


def __getattr__(name: str) -> Any:
    # Lazy so that importing sitroom.geo does not pull in spaCy for gazetteer-only users.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
