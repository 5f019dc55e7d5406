"""One settings object for the whole program (env prefix ``MERCATO_``), passed explicitly."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_FILE = "mercato.db"


class Settings(BaseSettings):
    """Where the store lives and how Mercato runs; read from ``MERCATO_*`` variables."""

    model_config = SettingsConfigDict(env_prefix="MERCATO_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DATABASE_FILE}",
        description="SQLAlchemy URL of the store; a SQLite file in the working directory by default.",
    )
    api_token: str | None = Field(
        default=None, description="Token that the REST API's writing endpoints require."
    )
    max_request_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=1024,
        description="Largest request body the API accepts; refused with 413 before it is read.",
    )
    workers: int = Field(default=1, ge=1, description="Worker processes for extraction.")
    host: str = Field(default="127.0.0.1", description="Address `mercato serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `mercato serve` listens on.")
    kb_dir: Path | None = Field(
        default=Path("..") / "shared" / "kb",
        description="Knowledge-base folder whose completed-transfer tables settle stories.",
    )
    forecast_report: Path | None = Field(
        default=None,
        description=(
            "Backtest report (`mercato backtest --json`) that the dashboard's /reliability page "
            "shows; default: the one shipped in the package."
        ),
    )
    home: Path = Field(
        default=Path.home() / ".mercato", description="Folder for user state (aliases, watch state)."
    )


    def store_url(self, db: str | None) -> str:
        """The store a command names with --db (a URL or a SQLite file), else the configured one."""
        return database_url_from(db) if db else self.database_url


def database_url_from(value: str) -> str:
    """Turn a --db value into a SQLAlchemy URL: a bare path becomes a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{value}"
