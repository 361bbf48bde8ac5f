"""The REST API (FastAPI) and the dashboard page: :func:`create_app`."""

from .app import create_app

__all__ = ["create_app"]
