"""Storage: one SQLite file by default, PostgreSQL at scale, one data-access module for both."""

from .backends import StoreURLError
from .store import AmbiguousId, DocumentNotFound, SearchHit, SkipRecord, Store, open_store

__all__ = ["Store", "open_store", "SearchHit", "SkipRecord", "StoreURLError", "DocumentNotFound", "AmbiguousId"]
