"""A deterministic snapshot of the store's content, for comparing two stores.

Timestamps, run ids and internal row numbers are left out: two stores given the same
writes, in one batch or in many, or resumed after a crash, snapshot alike.
"""

from __future__ import annotations

import sqlite3
from typing import Any

_TABLES = {
    "migrations": "SELECT name FROM migrations ORDER BY name",
    "articles": """
        SELECT id, source_path, url, outlet, title, published, updated, byline, dateline,
               language, kind, text, text_hash, word_count, provenance, extra
        FROM articles ORDER BY id""",
    "sentences": 'SELECT article_id, idx, start, "end", text FROM sentences '
    "ORDER BY article_id, idx",
    "removed": "SELECT article_id, position, text, reason FROM removed "
    "ORDER BY article_id, position",
    "duplicates": "SELECT article_id, canonical_id, kind, similarity FROM duplicates "
    "ORDER BY article_id",
    "syndication": "SELECT a, b, shared_chars FROM syndication ORDER BY a, b",
    "stories": """
        SELECT id, first_published, last_published, last_published_key, article_count,
               outlet_count, independent_origins, headline, topic, split_from
        FROM stories ORDER BY id""",
    "story_aliases": "SELECT old_id, story_id FROM story_aliases ORDER BY old_id",
    "story_articles": "SELECT story_id, article_id FROM story_articles "
    "ORDER BY story_id, article_id",
    "facts": """
        SELECT story_id, position, id, text, outlets, independent_origins, json
        FROM facts ORDER BY story_id, position""",
    "briefs": "SELECT story_id, json FROM briefs ORDER BY story_id",
    # LEFT JOIN: an index row whose brief is gone shows up (as story_id None).
    "briefs_fts": """
        SELECT b.story_id, f.headline, f.summary
        FROM briefs_fts AS f LEFT JOIN briefs AS b ON b.seq = f.rowid
        ORDER BY b.story_id, f.headline, f.summary""",
    "discards": """
        SELECT source_path, line, "offset", stage, reason, message FROM discards
        ORDER BY source_path, line, "offset", stage, reason, message""",
    "state": "SELECT key, value FROM state ORDER BY key",
}


def _plain(value: Any) -> Any:
    return value.hex() if isinstance(value, bytes) else value


def dump(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as dicts (bytes as hex), in a fixed order."""
    snapshot = {}
    for table, sql in _TABLES.items():
        cursor = conn.execute(sql)
        names = [d[0] for d in cursor.description]
        snapshot[table] = [
            {name: _plain(value) for name, value in zip(names, row, strict=True)} for row in cursor
        ]
    return snapshot
