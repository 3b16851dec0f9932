"""The reads behind each page and its JSON twin, so both show the same data."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Literal

from ..render.brief import brief_view
from ..store import SearchFilters, Store
from . import views
from .errors import WebError, not_found

StoryOrder = Literal["newest", "largest"]
MAX_QUERY = 500
"""The longest search query accepted, in characters."""
RELATED = 20
"""Other stories of the same topic listed on a story's page."""
PER_TOPIC = 3
"""Stories of a topic shown on the home page (the topic's page lists them all)."""
STORY_FIELDS = (
    "id",
    "headline",
    "article_count",
    "outlet_count",
    "independent_origins",
    "first_published",
    "last_published",
    "topic",
    "split_from",
)
"""A story's row as the lists give it (``Store.stories``)."""
OUTLET_CHOICES = 200
"""Outlets offered by the search page's outlet filter (those with most articles)."""


def story_page(store: Store, order: StoryOrder, page: int, per_page: int) -> dict[str, Any]:
    """One page of the story list (each story with its lead and outlets), and whether
    another follows."""
    found = store.stories(order, limit=per_page + 1, offset=(page - 1) * per_page)
    cards = store.story_cards([row["id"] for row in found[:per_page]])
    stories = [views.story_card(row, cards[row["id"]]) for row in found[:per_page]]
    return {"order": order, "page": page, "stories": stories, "has_next": len(found) > per_page}


def topic_page(store: Store, order: StoryOrder, page: int, per_page: int) -> dict[str, Any]:
    """One page of the home page: topics (a lone story is a topic of its own) by newest
    activity or size, each with its newest ``PER_TOPIC`` stories as cards."""
    groups = store.topic_groups(order, limit=per_page + 1, offset=(page - 1) * per_page)
    shown = groups[:per_page]
    members = store.group_stories([g["group"] for g in shown], PER_TOPIC)
    cards = store.story_cards([row["id"] for row in members])
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in members:
        by_group.setdefault(row["grp"], []).append(views.story_card(row, cards[row["id"]]))
    topics = [views.topic_group(group, by_group.get(group["group"], [])) for group in shown]
    return {"order": order, "page": page, "topics": topics, "has_next": len(groups) > per_page}


def topic(store: Store, topic_id: str) -> dict[str, Any]:
    """A topic's stories, newest first, as cards (404 for an unknown topic)."""
    members = [row for row in store.group_stories([topic_id]) if row["topic"] == topic_id]
    if not members:
        raise not_found("topic", topic_id)
    cards = store.story_cards([row["id"] for row in members])
    stories = [views.story_card(row, cards[row["id"]]) for row in members]
    return {"topic": views.topic_group(views.topic_row(topic_id, members), stories)}


def search_page(
    store: Store,
    query: str,
    page: int,
    per_page: int,
    filters: SearchFilters | None = None,
) -> dict[str, Any]:
    """One page of search results for ``query`` narrowed by ``filters`` (400 when the
    query is blank or too long)."""
    if not query.strip():
        raise WebError(400, "the search query is empty: type a word to look for")
    if len(query) > MAX_QUERY:
        raise WebError(400, f"the search query is longer than {MAX_QUERY} characters")
    filters = filters or SearchFilters()
    if filters.since and filters.until and filters.since > filters.until:
        raise WebError(400, f"the date range is empty: from {filters.since} to {filters.until}")
    mark = views.search_marks()
    found = store.search(
        query, limit=per_page + 1, offset=(page - 1) * per_page, mark=mark, filters=filters
    )
    return {
        "query": query,
        "page": page,
        "filters": filters,
        "results": [views.search_hit(hit, mark) for hit in found[:per_page]],
        "has_next": len(found) > per_page,
    }


def outlet_choices(store: Store) -> list[tuple[str, int]]:
    """The outlets the search filter offers, with their article counts."""
    return store.outlets(OUTLET_CHOICES)


LAZY_BRIEFS = 256
"""Briefs built on first view (stale or missing in the store) kept in memory."""
_built: OrderedDict[tuple[str, str, str], dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def current_brief(store: Store, story_id: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """The story's brief: as stored when fresh, else built now from the store's articles
    (``ingest --briefs lazy``, or a story changed since) and kept in memory."""
    if not store.brief_is_stale(story_id):
        brief: dict[str, Any] | None = row.get("brief") or store.brief(story_id)
        return brief
    key = (str(store.path), story_id, str(row.get("updated_at")))
    with _lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    from ..ingest import build_brief

    built = build_brief(store, story_id, words=120)
    with _lock:
        _built[key] = built
        while len(_built) > LAZY_BRIEFS:
            _built.popitem(last=False)
    return built


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
    row = store.story(story_id)
    if row is None:
        raise _missing_story(store, story_id)
    brief = current_brief(store, story_id, row)
    if brief is None:
        raise WebError(404, f"story {story_id!r} has no brief yet")
    if row.get("split_from"):
        brief = {**brief, "split_from": row["split_from"]}
    return brief


def story(store: Store, story_id: str) -> dict[str, Any]:
    """A story's row, its brief drawn for the page (or None), its article table and the
    other stories of its topic (:class:`Merged` for an alias)."""
    row = store.story(story_id)
    if row is None:
        raise _missing_story(store, story_id)
    brief = current_brief(store, story_id, row)
    view = None
    if brief is not None:
        texts = {article.id: article.text for article in store.load_articles(row["articles"])}
        view = brief_view(brief, texts=texts, article_pages=True)
    sources = view["sources"] if view else []
    listed = brief["articles"] if brief else []
    related = store.same_topic(story_id, limit=RELATED)
    cards = store.story_cards([other["id"] for other in related])
    return {
        "story": {**row, "day": views.day(row["last_published"])},
        "view": view,
        "articles": views.story_articles(sources, listed, row["articles"]),
        "related": [views.story_card(other, cards[other["id"]]) for other in related],
    }


def article(store: Store, article_id: str) -> dict[str, Any]:
    """An article as stored (404 if unknown)."""
    row = store.article(article_id)
    if row is None:
        raise not_found("article", article_id)
    return row


def article_attributions(store: Store, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The article's attributions as its story's brief carries them (none while the
    article is in no story, or its story was not analysed)."""
    story_id = row.get("story_id")
    story_row = store.story(story_id) if story_id else None
    if story_id is None or story_row is None:
        return []
    brief = current_brief(store, story_id, story_row)
    for listed in (brief or {}).get("articles", ()):
        if listed.get("id") == row["id"]:
            return list(listed.get("attributions") or ())
    return []
