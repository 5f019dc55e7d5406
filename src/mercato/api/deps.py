"""Typed dependencies, so that route signatures read like prose."""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator

from mercato.domain import Status
from mercato.services.board import StoryFilters
from mercato.settings import Settings
from mercato.store import Store

MAX_PER_PAGE = 200
# "2023 summer", "2024 winter"
WINDOW_PATTERN = r"^\d{4} (summer|winter)$"


class StoreHolder:
    """Opens the store on first use (never at import or app creation) and closes it at shutdown."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._store: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        """The open store, opened now if this is the first request."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    # The board's own table is declared on the store's metadata by importing
                    # its module, so that opening the store creates it with the rest.
                    import mercato.store.board_tables  # noqa: F401

                    self._store = Store.open(self.url)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings  # type: ignore[no-any-return]


def get_store(request: Request) -> Store:
    """The app's store."""
    holder: StoreHolder = request.app.state.store_holder
    return holder.get()


def get_kb_dir(request: Request) -> Path | None:
    """The knowledge-base folder whose completed transfers settle stories."""
    return get_settings(request).kb_dir


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
KbDir = Annotated[Path | None, Depends(get_kb_dir)]

_bearer = HTTPBearer(auto_error=False, description="The token set as MERCATO_API_TOKEN.")


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a writing request through only with the configured bearer token."""
    if not settings.api_token:
        raise HTTPException(
            status_code=403,
            detail="writing is disabled: no API token is configured (set MERCATO_API_TOKEN)",
        )
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, detail="a bearer token is required", headers=challenge)
    if not secrets.compare_digest(credentials.credentials.encode(), settings.api_token.encode()):
        raise HTTPException(401, detail="the bearer token is not valid", headers=challenge)


TokenDep = Annotated[None, Depends(require_token)]


@dataclass(frozen=True)
class Paging:
    """Which page of a list to answer."""

    page: int
    per_page: int

    @property
    def offset(self) -> int:
        """Index of the page's first item."""
        return (self.page - 1) * self.per_page


def get_paging(
    page: Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Items per page.")] = 50,
) -> Paging:
    """Page and page size from the query string."""
    return Paging(page, per_page)


PagingDep = Annotated[Paging, Depends(get_paging)]

def _iso_day(value: object) -> object:
    """Only a YYYY-MM-DD day: pydantic would read "0" or "1700000000" as a Unix time (1970...)."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Day = Annotated[date, BeforeValidator(_iso_day)]

AsOf = Annotated[
    Day | None,
    Query(description="Answer with only what had been published by this day (YYYY-MM-DD)."),
]


def _name_filter(value: str | None) -> str | None:
    """A name to filter by, stripped; blank is none."""
    return value.strip() or None if value else None


# A name filter must hold a letter or digit: "%" or "-" folds to an empty key, which would
# match every story that has no such name at all. In the schema too, so clients know.
NAME_PATTERN = r"[0-9A-Za-z\u00C0-\u02AF\u0370-\u1FFF\u3040-\u9FFF\uAC00-\uD7AF]"


def get_story_filters(
    as_of: AsOf = None,
    person: Annotated[
        str | None, Query(max_length=200, pattern=NAME_PATTERN, description="Person name.")
    ] = None,
    club: Annotated[
        str | None, Query(max_length=200, pattern=NAME_PATTERN, description="Club, in or out.")
    ] = None,
    status: Annotated[Status | None, Query(description="rumour, done or off.")] = None,
    window: Annotated[
        str | None, Query(pattern=WINDOW_PATTERN, description='Window, e.g. "2023 summer".')
    ] = None,
    source: Annotated[
        str | None,
        Query(max_length=200, pattern=NAME_PATTERN, description="Outlet or journalist."),
    ] = None,
    since: Annotated[Day | None, Query(description="Latest news on or after.")] = None,
    until: Annotated[Day | None, Query(description="First news on or before.")] = None,
    min_probability: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Minimum probability (scored only).")
    ] = None,
    sort: Annotated[
        Literal["probability", "latest"], Query(description="Order of the stories.")
    ] = "latest",
) -> StoryFilters:
    """Story filters from the query string."""
    return StoryFilters(
        person=_name_filter(person),
        club=_name_filter(club),
        status=status,
        window=window,
        source=_name_filter(source),
        since=since,
        until=until,
        as_of=as_of,
        min_probability=min_probability,
        sort=sort,
    )


StoryFiltersDep = Annotated[StoryFilters, Depends(get_story_filters)]
