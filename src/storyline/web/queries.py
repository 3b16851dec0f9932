"""The reads behind each page and its JSON twin, so both show the same data."""

from __future__ import annotations

from typing import Any, Literal

from ..render.brief import brief_view
from ..store import Store
from . import views
from .errors import WebError, not_found

StoryOrder = Literal["newest", "largest"]
MAX_QUERY = 500
"""The longest search query accepted, in characters."""
RELATED = 20
"""Other stories of the same topic listed on a story's page."""


def story_page(store: Store, order: StoryOrder, page: int, per_page: int) -> dict[str, Any]:
    """One page of the story list, and whether another follows."""
    found = store.stories(order, limit=per_page + 1, offset=(page - 1) * per_page)
    stories = [{**row, "day": views.day(row["last_published"])} for row in found[:per_page]]
    return {"order": order, "page": page, "stories": stories, "has_next": len(found) > per_page}


def search_page(store: Store, query: str, page: int, per_page: int) -> dict[str, Any]:
    """One page of search results for ``query`` (400 when it is blank)."""
    if not query.strip():
        raise WebError(400, "the search query is empty: type a word to look for")
    if len(query) > MAX_QUERY:
        raise WebError(400, f"the search query is longer than {MAX_QUERY} characters")
    mark = views.search_marks()
    found = store.search(query, limit=per_page + 1, offset=(page - 1) * per_page, mark=mark)
    return {
        "query": query,
        "page": page,
        "results": [views.search_hit(hit, mark) for hit in found[:per_page]],
        "has_next": len(found) > per_page,
    }


class Merged(Exception):
    """The story asked for was merged into another: its id is now an alias."""

    def __init__(self, story_id: str, merged_into: str) -> None:
        super().__init__(f"story {story_id} was merged into {merged_into}")
        self.story_id = story_id
        self.merged_into = merged_into


def _missing_story(store: Store, story_id: str) -> Exception:
    """Merged (the id is an alias) or a 404."""
    target = store.alias_of(story_id)
    return Merged(story_id, target) if target else not_found("story", story_id)


def stored_brief(store: Store, story_id: str) -> dict[str, Any]:
    """A story's brief as stored, with ``split_from`` when the story split off another
    (404 for an unknown story or one without a brief; :class:`Merged` for an alias)."""
    brief = store.brief(story_id)
    row = store.story(story_id) if brief is None or "split_from" not in brief else None
    if brief is not None:
        if row and row.get("split_from"):
            brief = {**brief, "split_from": row["split_from"]}
        return brief
    if row is None:
        raise _missing_story(store, story_id)
    raise WebError(404, f"story {story_id!r} has no brief yet")


def story(store: Store, story_id: str) -> dict[str, Any]:
    """A story's row, its brief drawn for the page (or None), its article table and the
    other stories of its topic (:class:`Merged` for an alias)."""
    row = store.story(story_id)
    if row is None:
        raise _missing_story(store, story_id)
    brief = row["brief"]
    view = None
    if brief is not None:
        texts = {article.id: article.text for article in store.load_articles(row["articles"])}
        view = brief_view(brief, texts=texts)
    sources = view["sources"] if view else []
    listed = brief["articles"] if brief else []
    return {
        "story": {**row, "day": views.day(row["last_published"])},
        "view": view,
        "articles": views.story_articles(sources, listed, row["articles"]),
        "related": [
            {**other, "day": views.day(other["last_published"])}
            for other in store.same_topic(story_id, limit=RELATED)
        ],
    }


def article(store: Store, article_id: str) -> dict[str, Any]:
    """An article as stored (404 if unknown)."""
    row = store.article(article_id)
    if row is None:
        raise not_found("article", article_id)
    return row
