"""The query parameters the routes accept, validated by FastAPI (a bad one answers 400)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from .queries import StoryOrder

MAX_PAGE = 100_000

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page number, from 1")]
Order = Annotated[StoryOrder, Query(description="newest (default) or largest first")]
SearchText = Annotated[str, Query(description="words to find (stemmed; word* for a prefix)")]
Outlet = Annotated[
    str | None, Query(max_length=500, description="only articles of this outlet (exact name)")
]
Since = Annotated[
    date | None, Query(alias="from", description="only articles published on or after (ISO)")
]
Until = Annotated[
    date | None, Query(alias="to", description="only articles published on or before (ISO)")
]
