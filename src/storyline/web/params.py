"""The query parameters the routes accept, validated by FastAPI (a bad one answers 400)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from .queries import StoryOrder

MAX_PAGE = 100_000

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page number, from 1")]
Order = Annotated[StoryOrder, Query(description="newest (default) or largest first")]
SearchText = Annotated[str, Query(description="words to find (stemmed; word* for a prefix)")]
