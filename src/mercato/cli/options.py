"""What every command shares: the process's one `Settings`, built when the group starts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from mercato.errors import NotFound

if TYPE_CHECKING:
    from mercato.settings import Settings


def current_settings() -> Settings:
    """The settings of this run of `mercato` (read from the environment once, by the group)."""
    from mercato.settings import Settings

    ctx = click.get_current_context()
    found = ctx.find_object(Settings)
    if found is None:  # a command invoked on its own, outside the `mercato` group
        found = ctx.ensure_object(Settings)
    return found


def store_url(db: str | None) -> str:
    """The store named by a command's --db option, else the configured one."""
    return current_settings().store_url(db)


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, or None for another database or an in-memory one."""
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if name in ("", ":memory:") else Path(name).expanduser()


def existing_store_url(db: str | None) -> str:
    """The store a reading command opens; a SQLite file that does not exist is an error.

    Opening a missing SQLite file would create an empty store, so a mistyped --db path would
    answer "no stories" instead of saying what is wrong; only `mercato ingest` creates a store.
    """
    return require_store(store_url(db))


def require_store(url: str) -> str:
    """`url` itself, or NotFound naming the path when it is a SQLite file that does not exist."""
    path = sqlite_file(url)
    if path is not None and not path.exists():
        raise NotFound(
            f"no store at {path}: the file does not exist "
            f"(`mercato ingest --db {path} PATH` creates one)"
        )
    return url


def is_new_store(url: str) -> bool:
    """True when `url` names a SQLite file that opening it will create."""
    path = sqlite_file(url)
    return path is not None and not path.exists()
