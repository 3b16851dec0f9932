"""The fetch log in SQL: one row per fetch by ``storyline fetch`` and ``storyline watch``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .rows import rows

COLUMNS = (
    "url",
    "final_url",
    "kind",
    "source",
    "via",
    "status",
    "bytes",
    "elapsed",
    "error",
    "message",
    "etag",
    "last_modified",
    "article_id",
    "fetched_at",
)
_INSERT = f"INSERT INTO fetch_log ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def add(conn: sqlite3.Connection, entries: Iterable[Mapping[str, Any]]) -> None:
    conn.executemany(_INSERT, [tuple(entry.get(c) for c in COLUMNS) for entry in entries])


def last(conn: sqlite3.Connection, url: str, transient: Sequence[str]) -> dict[str, Any] | None:
    """The URL's latest row, with ``failures``: its rows with a transient error since its
    last row without one."""
    found = rows(
        conn.execute(
            f"SELECT id, {', '.join(COLUMNS)} FROM fetch_log WHERE url = ? "
            "ORDER BY id DESC LIMIT 1",
            (url,),
        )
    )
    if not found:
        return None
    row = found[0]
    marks = ", ".join("?" * len(transient))
    row["failures"] = conn.execute(
        f"SELECT count(*) FROM fetch_log WHERE url = ? AND error IN ({marks}) AND id > "
        f"(SELECT coalesce(max(id), 0) FROM fetch_log WHERE url = ? "
        f"AND (error IS NULL OR error NOT IN ({marks})))",
        (url, *transient, url, *transient),
    ).fetchone()[0]
    return row


def retry_pages(
    conn: sqlite3.Connection, transient: Sequence[str], attempts: int, limit: int
) -> list[dict[str, Any]]:
    """Pages whose latest rows are fewer than ``attempts`` transient failures in a row
    (oldest first): what a restarted ``watch`` tries again."""
    marks = ", ".join("?" * len(transient))
    candidates = rows(
        conn.execute(
            f"SELECT l.url, l.source, l.via, l.id FROM fetch_log AS l "
            f"JOIN (SELECT url, max(id) AS id FROM fetch_log WHERE kind = 'page' "
            f"GROUP BY url) AS latest ON latest.id = l.id "
            f"WHERE l.error IN ({marks}) ORDER BY l.id LIMIT ?",
            (*transient, limit * 4),
        )
    )
    out = []
    for row in candidates:
        latest = last(conn, row["url"], transient)
        if latest is not None and latest["failures"] < attempts:
            out.append(row)
        if len(out) >= limit:
            break
    return out


def last_fetched(conn: sqlite3.Connection, urls: Sequence[str]) -> dict[str, str]:
    """Each URL's latest ``fetched_at`` (URLs never fetched are left out)."""
    out: dict[str, str] = {}
    for url in urls:
        row = conn.execute(
            "SELECT fetched_at FROM fetch_log WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        ).fetchone()
        if row is not None:
            out[url] = row[0]
    return out


def children(conn: sqlite3.Connection, parents: Sequence[str]) -> list[tuple[str, str]]:
    """(sitemap, parent) for the sitemaps that ``parents`` (sitemap indexes) listed and
    whose latest fetch did not fail for good."""
    out: list[tuple[str, str]] = []
    for parent in parents:
        listed = conn.execute(
            "SELECT DISTINCT url FROM fetch_log WHERE via = ? AND kind = 'sitemap'", (parent,)
        ).fetchall()
        for (url,) in listed:
            error = conn.execute(
                "SELECT error FROM fetch_log WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
            ).fetchone()[0]
            if error in (None, "server-error", "rate-limited", "timeout", "connection"):
                out.append((url, parent))
    return out


def entries(conn: sqlite3.Connection, limit: int | None = None) -> list[dict[str, Any]]:
    """The log, oldest first (the newest ``limit`` rows when given)."""
    sql = f"SELECT id, {', '.join(COLUMNS)} FROM fetch_log ORDER BY id"
    if limit is not None:
        sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) ORDER BY id"
    return rows(conn.execute(sql))
