"""The JSON API: the same reads as the pages, as JSON (``/api/...``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter

from ..store import Store
from . import queries, views
from .params import Order, Page, SearchText


def api_routes(store: Store, per_page: int) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/stories")
    def stories(order: Order = "newest", page: Page = 1) -> dict[str, Any]:
        data = queries.story_page(store, order, page, per_page)
        keep = {"order": order} if order != "newest" else {}
        links = views.page_links("/api/stories", page, data["has_next"], **keep)
        stories = [{k: v for k, v in row.items() if k != "day"} for row in data["stories"]]
        return {"order": order, "page": page, "per_page": per_page, "stories": stories, **links}

    @router.get("/stories/{story_id:path}")
    def story(story_id: str) -> dict[str, Any]:
        try:
            return queries.stored_brief(store, story_id)
        except queries.Merged as merged:
            target = quote(merged.merged_into, safe="")
            return {
                "story_id": merged.story_id,
                "merged_into": merged.merged_into,
                "links": {"story": f"/api/stories/{target}"},
            }

    @router.get("/articles/{article_id:path}")
    def article(article_id: str) -> dict[str, Any]:
        return queries.article(store, article_id)

    @router.get("/search")
    def search(q: SearchText, page: Page = 1) -> dict[str, Any]:
        data = queries.search_page(store, q, page, per_page)
        links = views.page_links("/api/search", page, data["has_next"], q=q)
        results = [views.search_json(hit) for hit in data["results"]]
        return {"query": q, "page": page, "per_page": per_page, "results": results, **links}

    return router
