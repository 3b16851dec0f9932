"""What the reader's pages show of many stories at once: topics, story cards, versions.

A topic is a thread of related stories (``stories.topic``); a story without one is a
group of its own, keyed by its id. A story's *version* changes whenever anything its
page shows could change (its row, its brief, the other stories of its topic), so the
web app can cache a page per version and answer ``If-None-Match`` with 304.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from .rows import rows
from .stories import COLUMNS, ORDER

GROUP = "COALESCE(topic, id)"
"""The group a story is listed in: its topic, or the story alone."""

_GROUP_ORDER = {
    "newest": "newest DESC NULLS LAST, grp",
    "largest": "articles DESC, newest DESC NULLS LAST, grp",
}


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=9).hexdigest()


def story_version(conn: sqlite3.Connection, story_id: str) -> str | None:
    """A short hash of what the story's page shows (None for an unknown story)."""
    found = conn.execute(
        "SELECT s.updated_at, s.split_from, s.topic, b.built_at, "
        "(SELECT max(t.updated_at) || '|' || count(*) FROM stories AS t "
        " WHERE s.topic IS NOT NULL AND t.topic = s.topic) "
        "FROM stories AS s LEFT JOIN briefs AS b ON b.story_id = s.id WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    return None if found is None else _digest(*found)


def stores_version(conn: sqlite3.Connection) -> str:
    """A short hash that changes when any story, brief or alias changes."""
    found = conn.execute(
        "SELECT (SELECT max(updated_at) || '|' || count(*) FROM stories), "
        "(SELECT max(built_at) || '|' || count(*) FROM briefs), "
        "(SELECT count(*) FROM story_aliases), (SELECT max(seq) FROM articles)"
    ).fetchone()
    return _digest(*found)


def topic_groups(
    conn: sqlite3.Connection, order: str, limit: int, offset: int
) -> list[dict[str, Any]]:
    """A page of groups (``group``, ``stories``, ``articles``, ``newest``: the latest
    last-published key), by newest activity or size."""
    if order not in _GROUP_ORDER:
        raise ValueError(f"unknown order {order!r}; use 'newest' or 'largest'")
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    sql = (
        f"SELECT {GROUP} AS grp, count(*) AS stories, sum(article_count) AS articles, "
        "max(last_published_key) AS newest, max(topic) AS topic FROM stories "
        f"GROUP BY grp ORDER BY {_GROUP_ORDER[order]} LIMIT ? OFFSET ?"
    )
    return [
        {"group": r["grp"], "topic": r["topic"]}
        | {k: r[k] for k in ("stories", "articles", "newest")}
        for r in rows(conn.execute(sql, (limit, offset)))
    ]


def group_stories(
    conn: sqlite3.Connection, groups: Sequence[str], per_group: int | None
) -> list[dict[str, Any]]:
    """The stories of each group, newest first within it (at most ``per_group`` each)."""
    if not groups:
        return []
    marks = ", ".join("?" * len(groups))
    ranked = (
        f"SELECT {COLUMNS}, {GROUP} AS grp, "
        f"row_number() OVER (PARTITION BY {GROUP} ORDER BY {ORDER['newest']}) AS rank "
        f"FROM stories WHERE topic IN ({marks}) OR (topic IS NULL AND id IN ({marks}))"
    )
    sql = f"SELECT * FROM ({ranked})" + (" WHERE rank <= ?" if per_group else "")
    params: list[Any] = [*groups, *groups] + ([per_group] if per_group else [])
    return rows(conn.execute(sql + " ORDER BY grp, rank", params))


def story_cards(conn: sqlite3.Connection, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per story: ``lead`` (its brief's first summary sentence, else its earliest
    article's first sentence) and ``outlets`` ([name, articles] by articles, then name:
    each article's outlet, else its URL's host; unknown ones left out)."""
    if not story_ids:
        return {}
    marks = ", ".join("?" * len(story_ids))
    cards: dict[str, dict[str, Any]] = {s: {"lead": None, "outlets": []} for s in story_ids}
    sql = (
        "SELECT story_id, json_extract(json, '$.summary[0].text') FROM briefs "
        f"WHERE story_id IN ({marks})"
    )
    for story, lead in conn.execute(sql, list(story_ids)):
        cards[story]["lead"] = lead
    sql = (
        "SELECT sa.story_id, a.outlet, a.url, a.published, a.id, "
        "(SELECT text FROM sentences WHERE article_id = a.id AND idx = 0) "
        "FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id "
        f"WHERE sa.story_id IN ({marks})"
    )
    firsts: dict[str, tuple[str, str, str]] = {}
    counts: dict[str, dict[str, int]] = {}
    for story, outlet, url, published, ident, first in conn.execute(sql, list(story_ids)):
        name = outlet or _host(url)
        if name:
            counts.setdefault(story, {}).setdefault(name, 0)
            counts[story][name] += 1
        key = (published or "\uffff", ident, first or "")
        if first and (story not in firsts or key < firsts[story]):
            firsts[story] = key
    for story, card in cards.items():
        named = counts.get(story, {})
        card["outlets"] = sorted(named.items(), key=lambda item: (-item[1], item[0]))
        if card["lead"] is None and story in firsts:
            card["lead"] = firsts[story][2]
    return cards


def outlets(conn: sqlite3.Connection, limit: int) -> list[tuple[str, int]]:
    """The outlets of the stored articles with their article counts, most first."""
    sql = (
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL AND outlet != '' "
        "GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?"
    )
    return [(str(name), int(n)) for name, n in conn.execute(sql, (limit,))]


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None
