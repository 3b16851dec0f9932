"""The HTML pages: parse the request, read through :mod:`.queries`, render a template."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from ..store import Store
from . import queries, views
from .params import Order, Page, SearchText
from .templating import render_page


def page_routes(store: Store, per_page: int) -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse)

    @router.get("/")
    def story_list(order: Order = "newest", page: Page = 1) -> HTMLResponse:
        data = queries.story_page(store, order, page, per_page)
        keep = {} if order == "newest" else {"order": order}
        links = views.page_links("/", page, data["has_next"], **keep)
        return render_page("stories.html", title="Stories", links=links, **data)

    @router.get("/search")
    def search(q: SearchText, page: Page = 1) -> HTMLResponse:
        data = queries.search_page(store, q, page, per_page)
        links = views.page_links("/search", page, data["has_next"], q=q)
        return render_page("search.html", title=f"Search: {q}", links=links, **data)

    @router.get("/stories/{story_id:path}", response_model=None)
    def story(story_id: str) -> HTMLResponse | RedirectResponse:
        try:
            data = queries.story(store, story_id)
        except queries.Merged as merged:
            return RedirectResponse(f"/stories/{quote(merged.merged_into, safe='')}", 308)
        view = data["view"]
        title = (view and view["headline"]) or data["story"]["headline"] or f"Story {story_id}"
        return render_page("story.html", title=title, **data)

    @router.get("/articles/{article_id:path}")
    def article(article_id: str) -> HTMLResponse:
        row = queries.article(store, article_id)
        data = views.article_view(row, queries.article_attributions(store, row))
        title = data["title"] or f"Article {article_id}"
        return render_page("article.html", title=title, article=data)

    return router
