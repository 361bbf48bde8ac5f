"""The dashboard page at ``/`` and its bundled assets under ``/static``.

The page is a static HTML file with no inline script or style: everything it runs comes from
``/static/dist`` (built by ``make web``), so the Content-Security-Policy can forbid inline code.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)


def static_dir() -> Path:
    return Path(str(resources.files("sitroom.web") / "static"))


def bundle_built() -> bool:
    """True when ``make web`` has produced the dashboard bundle."""
    dist = static_dir() / "dist"
    return (dist / "app.js").is_file() and (dist / "app.css").is_file()


_MISSING = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sitroom</title></head>
<body><h1>sitroom</h1><p>The dashboard bundle is not built. Run <code>make web</code> (needs Node.js and npm),
then reload. The REST API is available under <a href="/api/health">/api</a> and documented at
<a href="/docs">/docs</a>.</p></body></html>"""


@router.get("/", response_model=None)
def index() -> FileResponse | HTMLResponse:
    if not bundle_built():
        return HTMLResponse(_MISSING, status_code=503)
    return FileResponse(static_dir() / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})
