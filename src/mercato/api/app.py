"""The REST API's app: `create_api(settings)` (the dashboard adds its pages: `mercato.web.app`).

Nothing connects at import time or when the app is created: the store opens on the first
request that needs it and closes when the app shuts down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from mercato.api.deps import StoreHolder
from mercato.api.errors import install_error_handlers
from mercato.api.routers import articles, claims, clubs, people, search, sources, stories
from mercato.api.schemas import ErrorOut
from mercato.api.security import SecurityMiddleware
from mercato.settings import Settings
from mercato.version import __version__

ROUTERS = (articles, claims, stories, people, clubs, sources, search)

DESCRIPTION = """Football transfer news as a queryable record: articles and the claims extracted
from them, stories (possible moves) with their timelines, people, clubs, and the track records
of outlets and journalists. Writing endpoints need `Authorization: Bearer <MERCATO_API_TOKEN>`.
Errors are JSON: `{"error": "...", "detail": ...}`."""


def create_api(settings: Settings) -> FastAPI:
    """The REST API over the store that `settings` names."""
    holder = StoreHolder(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(
        title="Mercato",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # The interactive docs are Mercato's own page over vendored Swagger UI (`install_docs`):
        # FastAPI's default loads it from a CDN, so /docs was blank without internet.
        docs_url=None,
        redoc_url=None,
        responses={
            400: {"model": ErrorOut, "description": "A request body that cannot be read."},
            404: {"model": ErrorOut, "description": "Not found."},
            413: {"model": ErrorOut, "description": "A request body over the size limit."},
            422: {"model": ErrorOut, "description": "Invalid parameters."},
        },
    )
    app.state.settings = settings
    app.state.store_holder = holder
    install_error_handlers(app)
    # Outermost: headers on every answer, errors included; the size limit before any body is read.
    app.add_middleware(SecurityMiddleware, max_request_bytes=settings.max_request_bytes)
    for module in ROUTERS:
        app.include_router(module.router)
    install_docs(app)
    return app


DOCS_ASSETS = Path(__file__).resolve().parent / "static"

_DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - API docs</title>
<link rel="stylesheet" href="{assets}/swagger-ui/swagger-ui.css">
<link rel="icon" type="image/png" href="{assets}/swagger-ui/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi}"></div>
<script src="{assets}/swagger-ui/swagger-ui-bundle.js"></script>
<script src="{assets}/docs.js"></script>
</body>
</html>
"""


def install_docs(app: FastAPI) -> None:
    """Serve the interactive API docs at /docs from assets shipped in the package, no CDN."""
    app.mount("/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        return HTMLResponse(
            _DOCS_PAGE.format(
                title=escape(app.title),
                assets=escape(f"{root}/docs/assets"),
                openapi=escape(f"{root}{app.openapi_url}"),
            )
        )
