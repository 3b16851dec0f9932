"""The local web page: ``create_app(db_path)`` serves the stories of one store, read-only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from ..store import open_store
from .cache import Memo, PageCache
from .errors import GuardMiddleware, install_error_handlers
from .jsonapi import api_routes
from .pages import page_routes
from .templating import templates_version

PER_PAGE = 50
"""Stories or search results per page."""


def create_app(
    db_path: str | Path, *, per_page: int = PER_PAGE, immutable: bool = False
) -> FastAPI:
    """The web app over the store at ``db_path``, opened once here as a reader (shared by
    every request, closed at shutdown; ``immutable``: see ``Store``); StoreError if it
    cannot be read."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, not {per_page}")
    store = open_store(db_path, immutable=immutable)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="storyline",
        docs_url=None,  # the docs pages load scripts from a CDN; this app loads nothing
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    cache = PageCache(salt=f"{templates_version()}{per_page}")
    lists = Memo(store.stories_version)
    app.state.cache = cache
    install_error_handlers(app)
    app.add_middleware(GuardMiddleware)
    app.include_router(api_routes(store, per_page, cache, lists))
    app.include_router(page_routes(store, per_page, cache, lists))
    return app
