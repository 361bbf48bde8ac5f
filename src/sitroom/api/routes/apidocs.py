"""``/docs``: the API reference, rendered on the server from the OpenAPI document — offline.

Why not Swagger UI: it loads from a CDN (or from an npm package that bundles an analytics
dependency) and boots with an inline script, which the dashboard's strict Content-Security-Policy
forbids. This page is plain HTML built from ``app.openapi()``: every path, method, parameter and
response, each text HTML-escaped, styled by one static stylesheet; ``/openapi.json`` stays the
machine-readable source for client generators.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..deps import ReadAccess

router = APIRouter(tags=["docs"], dependencies=[ReadAccess], include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_schema_name(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array of {_schema_name(schema.get('items'))}"
    return str(schema.get("type", ""))


def render_reference(spec: dict[str, Any]) -> str:
    """The HTML of the reference page for an OpenAPI document (every text escaped)."""
    info = spec.get("info", {})
    parts = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>{escape(info.get('title', 'API'))} API reference</title>",
        "<link rel=\"stylesheet\" href=\"/static/apidocs.css\"></head><body>",
        f"<h1>{escape(info.get('title', 'API'))} API <small>{escape(str(info.get('version', '')))}</small></h1>",
        f"<p>{escape(info.get('description', ''))}</p>",
        "<p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI "
        f"{escape(str(spec.get('openapi', '')))}).</p>",
    ]
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if not op:
                continue
            anchor = escape(f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""))
            parts.append(f"<section id=\"{anchor}\"><h2><span class=\"method {method}\">{method.upper()}</span> "
                         f"<code>{escape(path)}</code></h2>")
            if op.get("summary"):
                parts.append(f"<p class=\"summary\">{escape(op['summary'])}</p>")
            if op.get("description"):
                parts.append(f"<p>{escape(op['description'])}</p>")
            params = op.get("parameters", [])
            if params:
                parts.append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th><th>about</th></tr>")
                for p in params:
                    parts.append(
                        f"<tr><td><code>{escape(p.get('name', ''))}</code></td><td>{escape(p.get('in', ''))}</td>"
                        f"<td>{escape(_schema_name(p.get('schema')))}</td><td>{'yes' if p.get('required') else ''}</td>"
                        f"<td>{escape(p.get('description', '') or p.get('schema', {}).get('description', '') or '')}</td></tr>")
                parts.append("</table>")
            body = op.get("requestBody", {}).get("content", {})
            for ctype, media in body.items():
                parts.append(f"<p>request body ({escape(ctype)}): {escape(_schema_name(media.get('schema')))}</p>")
            responses = op.get("responses", {})
            if responses:
                parts.append("<ul class=\"responses\">")
                for status, resp in responses.items():
                    parts.append(f"<li><code>{escape(str(status))}</code> {escape(resp.get('description', ''))}</li>")
                parts.append("</ul>")
            parts.append("</section>")
    parts.append("</body></html>")
    return "".join(parts)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference page."""
    return HTMLResponse(render_reference(request.app.openapi()))
