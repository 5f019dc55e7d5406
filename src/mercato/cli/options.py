"""What every command shares: the process's one `Settings`, built when the group starts."""

from __future__ import annotations

import click

from mercato.settings import Settings


def current_settings() -> Settings:
    """The settings of this run of `mercato` (read from the environment once, by the group)."""
    ctx = click.get_current_context()
    found = ctx.find_object(Settings)
    if found is None:  # a command invoked on its own, outside the `mercato` group
        found = ctx.ensure_object(Settings)
    return found


def store_url(db: str | None) -> str:
    """The store named by a command's --db option, else the configured one."""
    return current_settings().store_url(db)
