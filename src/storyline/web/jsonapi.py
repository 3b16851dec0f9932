"""The JSON API: the same reads as the pages, as JSON (``/api/...``); a story's brief is
cached per story version, with ETag and 304 as the pages."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..store import Store
from . import queries, views
from .cache import Memo, PageCache
from .errors import not_found
from .params import Order, Outlet, Page, SearchText, Since, Until, search_filters

JSON = "application/json"
CARD_FIELDS = ("lead", "outlet_names")


def _json(content: Any) -> str:
    """As FastAPI's JSONResponse writes it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def api_routes(store: Store, per_page: int, cache: PageCache, lists: Memo) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/stories")
    def stories(order: Order = "newest", page: Page = 1) -> dict[str, Any]:
        data = queries.story_page(store, order, page, per_page)
        keep = {"order": order} if order != "newest" else {}
        links = views.page_links("/api/stories", page, data["has_next"], **keep)
        stories = [_story_item(row) for row in data["stories"]]
        return {"order": order, "page": page, "per_page": per_page, "stories": stories, **links}

    @router.get("/stories/{story_id:path}", response_model=None)
    async def story(request: Request, story_id: str) -> Response | dict[str, Any]:
        version = store.story_version(story_id)
        if version is None:
            target = store.alias_of(story_id)
            if target is None:
                raise not_found("story", story_id)
            return {
                "story_id": story_id,
                "merged_into": target,
                "links": {"story": f"/api/stories/{quote(target, safe='')}"},
            }

        def render() -> tuple[str, str]:
            return _json(queries.stored_brief(store, story_id)), JSON

        return await cache.page(request, f"api-story:{story_id}", version, render)

    @router.get("/articles/{article_id:path}")
    def article(article_id: str) -> dict[str, Any]:
        return queries.article(store, article_id)

    @router.get("/search")
    def search(
        q: SearchText,
        page: Page = 1,
        outlet: Outlet = None,
        since: Since = None,
        until: Until = None,
    ) -> dict[str, Any]:
        filters = search_filters(outlet, since, until)
        data = queries.search_page(store, q, page, per_page, filters)
        keep = views.filter_params(filters)
        links = views.page_links("/api/search", page, data["has_next"], q=q, **keep)
        results = [views.search_json(hit) for hit in data["results"]]
        return {
            "query": q,
            "filters": keep,
            "page": page,
            "per_page": per_page,
            "results": results,
            **links,
        }

    return router


def _story_item(card: dict[str, Any]) -> dict[str, Any]:
    """A story of the list as the API gives it: its row, its lead and outlets."""
    item = {k: card[k] for k in queries.STORY_FIELDS}
    item["lead"] = card["lead_sentence"]
    item["outlets"] = card["outlet_names"]
    return item
