"""Pages of a list on a dashboard page: one page of items, a count, and links to its neighbours.

A page can hold several paged lists (a club's incoming and outgoing stories), each with its own
query parameter; every link keeps the rest of the query (filters, as-of day, the other lists'
pages), so moving through one list loses nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Request

T = TypeVar("T")

# Page numbers beyond this are a typo or a probe, not a reader.
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list, how many the list holds, and the links to the pages around it."""

    items: tuple[T, ...]
    total: int
    page: int
    pages: int
    per_page: int
    previous: str | None
    next: str | None

    @property
    def first(self) -> int:
        """Position (from 1) of the page's first item, 0 on an empty page."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        """Position of the page's last item, 0 on an empty page."""
        return (self.page - 1) * self.per_page + len(self.items) if self.items else 0


def page_number(request: Request, param: str) -> int:
    """The page a query parameter asks for (1 when absent); 422 for anything but 1..MAX_PAGE."""
    raw = request.query_params.get(param)
    if raw is None or not raw.strip():
        return 1
    if not raw.strip().isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise HTTPException(422, detail=f"{param}: expected a page number from 1 to {MAX_PAGE}")
    return int(raw)


def url_with_page(request: Request, param: str, page: int) -> str:
    """This page's address with `param` set to `page` (left out for page 1), the rest kept."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != param and v != ""]
    if page > 1:
        kept.append((param, str(page)))
    query = urlencode(kept)
    # The path arrives decoded ("/clubs/Brighton & Hove Albion"): quoted again, a name with
    # "#" or "?" in it stays part of the path.
    return quote(request.url.path) + (f"?{query}" if query else "")


def paged(items: Sequence[T], request: Request, *, param: str = "page", per_page: int) -> Pager[T]:
    """The page of `items` the request asks for through `param`."""
    page = page_number(request, param)
    pages = max(1, math.ceil(len(items) / per_page))
    start = (page - 1) * per_page
    return Pager(
        items=tuple(items[start : start + per_page]),
        total=len(items),
        page=page,
        pages=pages,
        per_page=per_page,
        previous=url_with_page(request, param, page - 1) if page > 1 else None,
        next=url_with_page(request, param, page + 1) if page < pages else None,
    )
