"""The query parameters the routes accept, validated by FastAPI (a bad one answers 400)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from ..store import SearchFilters
from .errors import WebError
from .queries import StoryOrder

MAX_PAGE = 100_000

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page number, from 1")]
Order = Annotated[StoryOrder, Query(description="newest (default) or largest first")]
SearchText = Annotated[str, Query(description="words to find (stemmed; word* for a prefix)")]
Outlet = Annotated[
    str | None, Query(max_length=500, description="only articles of this outlet (exact name)")
]
Since = Annotated[
    str | None,
    Query(alias="from", max_length=40, description="only articles published on or after"),
]
Until = Annotated[
    str | None,
    Query(alias="to", max_length=40, description="only articles published on or before"),
]


def search_filters(outlet: str | None, since: str | None, until: str | None) -> SearchFilters:
    """The search filters of a request; an empty field (a form's blank date) is no filter,
    a date that is not YYYY-MM-DD a 400."""
    return SearchFilters(outlet or None, _day(since, "from"), _day(until, "to"))


def _day(value: str | None, name: str) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise WebError(
            400, f"bad request: query parameter {name!r}: not a date (YYYY-MM-DD)"
        ) from None
