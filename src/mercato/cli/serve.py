"""`mercato serve`: the REST API and the dashboard on one local address."""

from __future__ import annotations

import threading

import click

from mercato.cli.options import current_settings, require_store
from mercato.settings import Settings, database_url_from


def serve_settings(
    settings: Settings, db: str | None, host: str | None, port: int | None, token: str | None
) -> Settings:
    """The run's settings, overridden by the command's options."""
    update: dict[str, object] = {}
    if db is not None:
        update["database_url"] = database_url_from(db)
    if host is not None:
        update["host"] = host
    if port is not None:
        update["port"] = port
    if token is not None:
        update["api_token"] = token
    return settings.model_copy(update=update)


@click.command("serve")
@click.option(
    "--db", metavar="URL", help="Database URL or SQLite file (default: MERCATO_DATABASE_URL)."
)
@click.option(
    "--host", metavar="ADDRESS", help="Address to bind (default 127.0.0.1, MERCATO_HOST)."
)
@click.option(
    "--port", type=click.IntRange(1, 65535), help="Port to listen on (default 8000, MERCATO_PORT)."
)
@click.option(
    "--token",
    metavar="TOKEN",
    help="Token that writing endpoints require (default MERCATO_API_TOKEN; none: writing is off).",
)
def serve_command(db: str | None, host: str | None, port: int | None, token: str | None) -> None:
    """Serve the REST API and the web dashboard (rumour board, stories, sources)."""
    import uvicorn

    from mercato.services.known import preload_knowledge
    from mercato.web.app import create_app

    settings = serve_settings(current_settings(), db, host, port, token)
    require_store(settings.database_url)
    address = f"http://{settings.host}:{settings.port}/"
    click.echo(f"Mercato is serving {settings.database_url}")
    click.echo(f"Open {address} for the dashboard, {address}docs for the API.")
    if not settings.api_token:
        click.echo("Writing endpoints are off: no API token (use --token or MERCATO_API_TOKEN).")
    # Read beside the server starting up, so that no first reader waits for it.
    threading.Thread(target=preload_knowledge, name="preload-knowledge", daemon=True).start()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
