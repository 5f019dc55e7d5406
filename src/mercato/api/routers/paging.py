"""Page answers: cut a list to one page and link to the next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from fastapi import Request

from mercato.api.deps import Paging
from mercato.api.schemas import Page

T = TypeVar("T")


def next_url(request: Request, paging: Paging, has_more: bool) -> str | None:
    """The URL of the next page, or None on the last page."""
    if not has_more:
        return None
    # Relative: the Host header is the client's to choose, so it must not reach a link.
    url = request.url.include_query_params(page=paging.page + 1)
    return f"{url.path}?{url.query}"


def window(items: Sequence[T], paging: Paging) -> tuple[list[T], bool]:
    """The page's items of one list, and whether the list goes on after them."""
    end = paging.offset + paging.per_page
    return list(items[paging.offset : end]), len(items) > end


def page_of(items: Sequence[T], request: Request, paging: Paging) -> Page[T]:
    """One page of an already complete list."""
    shown, has_more = window(items, paging)
    return Page[T](
        items=shown,
        page=paging.page,
        per_page=paging.per_page,
        next=next_url(request, paging, has_more),
        total=len(items),
    )


def page_fetched(
    fetched: Sequence[T], request: Request, paging: Paging, total: int | None = None
) -> Page[T]:
    """One page from a fetch of per_page + 1 items (the extra one tells there is more)."""
    has_more = len(fetched) > paging.per_page
    return Page[T](
        items=list(fetched[: paging.per_page]),
        page=paging.page,
        per_page=paging.per_page,
        next=next_url(request, paging, has_more),
        total=total,
    )
