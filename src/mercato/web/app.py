"""The app `mercato serve` runs: the REST API with the dashboard's pages on the same address."""

from __future__ import annotations

from fastapi import FastAPI

from mercato.api.app import create_api
from mercato.settings import Settings
from mercato.web.pages import install_pages


def create_app(settings: Settings) -> FastAPI:
    """The REST API and the dashboard over the store that `settings` names."""
    app = create_api(settings)
    install_pages(app)
    return app
