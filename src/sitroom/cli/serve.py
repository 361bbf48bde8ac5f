"""``sitroom serve``: the REST API and the dashboard on http://127.0.0.1:8000 (loopback by default)."""

from __future__ import annotations

import click

from . import main
from .context import AppContext, fail, pass_app


@main.command("serve")
@click.option("--host", help="Address to bind (default 127.0.0.1; anything else exposes the API) [setting host].")
@click.option("--port", type=click.IntRange(1, 65535), help="TCP port (default 8000) [setting port].")
@click.option("--token", envvar="SITROOM_TOKEN", show_envvar=True,
              help="Bearer token for write endpoints (unset: writes refused) [setting token].")
@pass_app
def serve_cmd(app: AppContext, host: str | None, port: int | None, token: str | None) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the dashboard page at /."""
    import uvicorn

    from ..api import create_app
    from ..api.routes.pages import bundle_built
    from ..store import open_store

    settings = app.settings.with_overrides(host=host, port=port, token=token)
    try:
        open_store(settings.db_url).close()  # fail now, with one clear line, if the store cannot open
    except Exception as exc:  # noqa: BLE001 - turned into a message
        raise fail(f"cannot open the store at {settings.db_url}: {exc}") from exc
    if not bundle_built():
        app.err.print("[yellow]dashboard bundle not built: run `make web` (needs Node.js + npm); serving the API only[/]")
    if settings.host not in ("127.0.0.1", "::1", "localhost"):
        app.err.print(f"[yellow]binding {settings.host}: reads from other machines need the token, writes always do[/]")
    app.err.print(f"sitroom on http://{settings.host}:{settings.port}/  (API docs: /docs; Ctrl-C stops)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning",
                proxy_headers=False, server_header=False)
