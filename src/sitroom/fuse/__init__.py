"""Fusion: claims from many reports become events — clustered, chains judged, numbers reconciled."""

from .cluster import cluster_claims, event_id_for
from .events import build_event
from .runner import FuseReport, chain_judge, fuse_claims, fuse_store
from .views import ClaimView, family_of, make_view

__all__ = ["ClaimView", "FuseReport", "build_event", "chain_judge", "cluster_claims", "event_id_for", "family_of",
           "fuse_claims", "fuse_store", "make_view"]
