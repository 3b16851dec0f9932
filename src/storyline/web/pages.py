"""The HTML pages: parse the request, read through :mod:`.queries`, render a template.

The home page, topic pages and story pages are cached per version (:mod:`.cache`);
search and article pages are rendered per request.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..store import Store
from . import queries, views
from .cache import Memo, PageCache, Rendered
from .errors import WebError, not_found
from .params import Order, Outlet, Page, SearchText, Since, Until, search_filters
from .templating import STATIC_FILES, page_policy, render_html, render_page, static_file

HTML = "text/html; charset=utf-8"
STATIC_MAX_AGE = 365 * 24 * 3600


def page_routes(store: Store, per_page: int, cache: PageCache, lists: Memo) -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse)
    cached_headers = {"Content-Security-Policy": page_policy()}

    @router.get("/", response_model=None)
    async def home(request: Request, order: Order = "newest", page: Page = 1) -> Response:
        def render() -> tuple[str, str]:
            data = queries.topic_page(store, order, page, per_page)
            keep = {} if order == "newest" else {"order": order}
            links = views.page_links("/", page, data["has_next"], **keep)
            return render_html("stories.html", title="Stories", links=links, **data), HTML

        key = f"home:{order}:{page}"
        return await cache.page(request, key, lists(), render, headers=cached_headers)

    @router.get("/topics/{topic_id:path}", response_model=None)
    async def topic(request: Request, topic_id: str) -> Response:
        def render() -> tuple[str, str]:
            data = queries.topic(store, topic_id)
            title = f"Topic: {data['topic']['title'] or topic_id}"
            return render_html("topic.html", title=title, **data), HTML

        key = f"topic:{topic_id}"
        return await cache.page(request, key, lists(), render, headers=cached_headers)

    @router.get("/search")
    def search(
        q: SearchText,
        page: Page = 1,
        outlet: Outlet = None,
        since: Since = None,
        until: Until = None,
    ) -> HTMLResponse:
        filters = search_filters(outlet, since, until)
        data = queries.search_page(store, q, page, per_page, filters)
        keep = views.filter_params(filters)
        links = views.page_links("/search", page, data["has_next"], q=q, **keep)
        return render_page(
            "search.html",
            title=f"Search: {q}",
            links=links,
            outlets=queries.outlet_choices(store),
            **data,
        )

    @router.get("/stories/{story_id:path}", response_model=None)
    async def story(request: Request, story_id: str) -> Response:
        version = store.story_version(story_id)
        if version is None:
            target = store.alias_of(story_id)
            if target is None:
                raise not_found("story", story_id)
            return RedirectResponse(f"/stories/{quote(target, safe='')}", 308)

        def render() -> tuple[str, str]:
            try:
                data = queries.story(store, story_id)
            except queries.Merged as merged:  # merged between the version and the read
                raise WebError(503, f"story {story_id} was just merged; reload") from merged
            view = data["view"]
            title = (view and view["headline"]) or data["story"]["headline"]
            return render_html("story.html", title=title or f"Story {story_id}", **data), HTML

        return await cache.page(
            request, f"story:{story_id}", version, render, headers=cached_headers
        )

    @router.get("/articles/{article_id:path}")
    def article(article_id: str) -> HTMLResponse:
        row = queries.article(store, article_id)
        data = views.article_view(row, queries.article_attributions(store, row))
        return render_page("article.html", title=data["shown_title"], article=data)

    @router.get("/static/{name}", response_model=None)
    def static(request: Request, name: str) -> Response:
        if name not in STATIC_FILES:
            raise WebError(404, f"no page at /static/{name}")
        data, version = static_file(name)
        page = Rendered(
            f'"{version}"',
            data,
            b"",
            STATIC_FILES[name],
            {"Cache-Control": f"public, max-age={STATIC_MAX_AGE}, immutable"},
        )
        return page.response(request, gzip=False)

    return router
