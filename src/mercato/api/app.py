"""The REST API's app: `create_api(settings)` (the dashboard adds its pages: `mercato.web.app`).

Nothing connects at import time or when the app is created: the store opens on the first
request that needs it and closes when the app shuts down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

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
    return app
