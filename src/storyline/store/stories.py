"""Stories in SQL: their rows, members, briefs, facts and the briefs' search rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from .connection import utc_key
from .rows import dumps, rows

COLUMNS = (
    "id, headline, article_count, outlet_count, independent_origins, "
    "first_published, last_published, topic, split_from"
)
ORDER = {
    "newest": "last_published_key DESC, id",
    "largest": "article_count DESC, last_published_key DESC, id",
}


def upsert_story(
    conn: sqlite3.Connection,
    story_id: str,
    now: str,
    *,
    headline: str | None,
    first_published: str | None,
    last_published: str | None,
    article_count: int,
    outlet_count: int,
    independent_origins: int,
    topic: str | None = None,
) -> None:
    """Create a story's row or update it, keeping ``created_at`` (and ``topic`` when none
    is given: a story's topic is set once, when it is founded)."""
    conn.execute(
        "INSERT INTO stories (id, created_at, updated_at, first_published, last_published, "
        "last_published_key, article_count, outlet_count, independent_origins, headline, topic) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "updated_at = excluded.updated_at, first_published = excluded.first_published, "
        "last_published = excluded.last_published, "
        "last_published_key = excluded.last_published_key, "
        "article_count = excluded.article_count, outlet_count = excluded.outlet_count, "
        "independent_origins = excluded.independent_origins, headline = excluded.headline, "
        "topic = COALESCE(excluded.topic, stories.topic)",
        (
            *(story_id, now, now, first_published, last_published, utc_key(last_published)),
            *(article_count, outlet_count, independent_origins, headline, topic),
        ),
    )


def delete_story(conn: sqlite3.Connection, story_id: str) -> None:
    conn.execute(
        "DELETE FROM briefs_fts WHERE rowid IN (SELECT seq FROM briefs WHERE story_id = ?)",
        (story_id,),
    )
    for table, column in (
        ("briefs", "story_id"),
        ("facts", "story_id"),
        ("story_articles", "story_id"),
        ("stories", "id"),
    ):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (story_id,))


def upsert_brief(
    conn: sqlite3.Connection, story_id: str, brief: Mapping[str, Any], now: str
) -> None:
    """Store a brief, rewrite its search row from headline and summary, replace its facts."""
    (seq,) = conn.execute(
        "INSERT INTO briefs (story_id, json, built_at) VALUES (?, ?, ?) "
        "ON CONFLICT(story_id) DO UPDATE SET json = excluded.json, "
        "built_at = excluded.built_at RETURNING seq",
        (story_id, dumps(brief), now),
    ).fetchone()
    conn.execute("DELETE FROM briefs_fts WHERE rowid = ?", (seq,))
    conn.execute(
        "INSERT INTO briefs_fts (rowid, headline, summary) VALUES (?, ?, ?)",
        (
            seq,
            brief.get("headline") or "",
            "\n".join(s["text"] for s in brief.get("summary", ())),
        ),
    )
    conn.execute("DELETE FROM facts WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO facts (story_id, position, id, text, outlets, independent_origins, json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (story_id, n, f["id"], f["text"], f["outlets"], f["independent_origins"], dumps(f))
            for n, f in enumerate(brief.get("facts", ()))
        ],
    )


def members(conn: sqlite3.Connection, story_id: str) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id",
            (story_id,),
        )
    ]


def brief(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT json FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    parsed: dict[str, Any] = json.loads(row[0])
    return parsed


def page(conn: sqlite3.Connection, order: str, limit: int, offset: int) -> list[dict[str, Any]]:
    if order not in ORDER:
        raise ValueError(f"unknown story order {order!r}; use 'newest' or 'largest'")
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    sql = f"SELECT {COLUMNS} FROM stories ORDER BY {ORDER[order]} LIMIT ? OFFSET ?"
    return rows(conn.execute(sql, (limit, offset)))


def same_topic(conn: sqlite3.Connection, story_id: str, limit: int) -> list[dict[str, Any]]:
    """The other stories of a story's topic, newest first."""
    sql = (
        f"SELECT {COLUMNS} FROM stories WHERE topic = "
        "(SELECT topic FROM stories WHERE id = ?) AND id != ? "
        f"ORDER BY {ORDER['newest']} LIMIT ?"
    )
    return rows(conn.execute(sql, (story_id, story_id, limit)))


def story_row(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    found = rows(
        conn.execute(
            f"SELECT {COLUMNS}, created_at, updated_at FROM stories WHERE id = ?", (story_id,)
        )
    )
    if not found:
        return None
    row = found[0]
    row["articles"] = members(conn, story_id)
    row["brief"] = brief(conn, story_id)
    return row


def add_alias(conn: sqlite3.Connection, old_id: str, story_id: str, now: str) -> None:
    """``old_id`` now answers as ``story_id``; aliases that led to ``old_id`` follow it, and
    a story that comes back under an aliased id stops being an alias."""
    conn.execute("UPDATE story_aliases SET story_id = ? WHERE story_id = ?", (story_id, old_id))
    conn.execute(
        "INSERT INTO story_aliases (old_id, story_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT(old_id) DO UPDATE SET story_id = excluded.story_id",
        (old_id, story_id, now),
    )
    conn.execute("DELETE FROM story_aliases WHERE old_id = ?", (story_id,))


def alias_of(conn: sqlite3.Connection, old_id: str) -> str | None:
    row = conn.execute("SELECT story_id FROM story_aliases WHERE old_id = ?", (old_id,)).fetchone()
    return None if row is None else str(row[0])


def set_split_from(conn: sqlite3.Connection, story_id: str, parent: str) -> None:
    conn.execute("UPDATE stories SET split_from = ? WHERE id = ?", (parent, story_id))


def brief_is_stale(conn: sqlite3.Connection, story_id: str) -> bool:
    """Whether the story has no brief, or its row changed after its brief was built."""
    row = conn.execute(
        "SELECT s.updated_at, b.built_at FROM stories AS s "
        "LEFT JOIN briefs AS b ON b.story_id = s.id WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    return row is not None and (row[1] is None or row[1] < row[0])
