"""The REST API and dashboard as one FastAPI app, built from :class:`~sitroom.settings.Settings`.

Why a factory: ``sitroom serve``, the tests and the benchmarks each build an app around their own
store; nothing here reads the environment or opens a connection at import time.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from typing import Callable

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..settings import Settings
from ..store import Store, open_store
from ..store.queries import EventFilter
from .cache import ResponseCache
from .deps import StorePool
from .errors import install_error_handlers
from .routes import alerts, apidocs, claims, documents, events, exports, health, pages, places, search, skips, sources
from .routes.pages import static_dir
from .security import LoopbackHostOnly, SecurityHeaders, is_loopback

__all__ = ["create_app"]

log = logging.getLogger("sitroom.api")

DESCRIPTION = """Events fused from news reports, with the claims and exact text spans behind every value.

Read endpoints are open to loopback clients. Write endpoints (ingest, edit, merge, split) need
`Authorization: Bearer <SITROOM_TOKEN>`. Errors are JSON: `{"error": {"status", "code", "message", "details"}}`.
Lists are paged with an opaque `cursor` (pass back `next_cursor`)."""


def _warm(app: FastAPI) -> None:
    """Build the dashboard's default event collection before the first page asks for it."""
    pool: StorePool = app.state.store_pool
    try:
        store = pool.acquire()
    except Exception:  # noqa: BLE001 - a store that cannot open is reported by the first request
        return
    try:
        events.cached_collection(app.state.geojson_cache, store, "", EventFilter())
    except Exception:  # noqa: BLE001 - warming is an optimisation; requests report real errors
        log.debug("warming the event collection failed", exc_info=True)
    finally:
        pool.release(store)


def create_app(
    settings: Settings | None = None, store_factory: Callable[[], Store] | None = None, *, warm: bool = True,
) -> FastAPI:
    """Build the app.

    Args:
        settings: token, CORS origins, tile URL and the store URL (``settings.db_url``).
        store_factory: opens a store; default ``open_store(settings.db_url)``. Called lazily, once per
            concurrent request at most, and the stores are reused.
        warm: at startup, build the dashboard's default event collection in a background thread.
    """
    settings = settings or Settings()
    factory = store_factory or (lambda: open_store(settings.db_url))
    pool = StorePool(factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm:
            threading.Thread(target=_warm, args=(app,), name="sitroom-warm", daemon=True).start()
        yield
        pool.close()

    app = FastAPI(title="sitroom", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # /docs is our own offline page (routes/apidocs.py)
    app.state.settings = settings
    app.state.store_pool = pool
    app.state.geojson_cache = ResponseCache(size=32)
    install_error_handlers(app)
    for module in (health, documents, claims, events, places, alerts, sources, skips, search, exports, apidocs,
                   pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=static_dir(), check_dir=False), name="static")
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type", "X-Sitroom-Analyst"])
    if is_loopback(settings.host):
        app.add_middleware(LoopbackHostOnly)
    app.add_middleware(SecurityHeaders, settings=settings)
    return app
