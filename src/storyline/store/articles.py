"""Articles in SQL: the row with its sentences and removed text, and the links between them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from ..types import Article, Provenance, Removed, Sentence
from .rows import dumps, rows

COLUMNS = (
    "id, source_path, url, outlet, title, published, updated, byline, dateline, language, "
    "kind, text, text_hash, word_count, provenance, extra, ingested_at, run_id"
)
_PLACES = ", ".join("?" * len(COLUMNS.split(", ")))


def text_hash(text: str) -> str:
    """The hash the store keeps of an article's cleaned text (``text_hash_owner`` looks it up)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def insert_article(
    conn: sqlite3.Connection, article: Article, run_id: str | None, now: str
) -> bool:
    """Insert an article, its sentences and removed text; False if the id is stored."""
    for sentence in article.sentences:
        if sentence.article_id != article.id:
            raise ValueError(
                f"sentence {sentence.index} of {article.id} names {sentence.article_id}"
            )
    values = (
        *(article.id, article.source_path, article.url, article.outlet, article.title),
        *(article.published, article.updated, article.byline, article.dateline),
        *(article.language, article.kind, article.text, text_hash(article.text)),
        *(article.word_count, dumps(asdict(article.provenance)), dumps(article.extra)),
        *(now, run_id),
    )
    sql = f"INSERT INTO articles ({COLUMNS}) VALUES ({_PLACES}) ON CONFLICT(id) DO NOTHING"
    if not conn.execute(sql, values).rowcount:
        return False
    conn.executemany(
        'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(article.id, s.index, s.start, s.end, s.text) for s in article.sentences],
    )
    conn.executemany(
        "INSERT INTO removed (article_id, position, text, reason) VALUES (?, ?, ?, ?)",
        [(article.id, n, r.text, r.reason) for n, r in enumerate(article.removed)],
    )
    return True


def article_row(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article's fields with sentences, removed text, links and story, as plain data."""
    found = rows(conn.execute(f"SELECT {COLUMNS} FROM articles WHERE id = ?", (article_id,)))
    if not found:
        return None
    row = found[0]
    row["provenance"] = json.loads(row["provenance"])
    row["extra"] = json.loads(row["extra"])
    row["sentences"] = rows(
        conn.execute(
            'SELECT idx AS "index", start, "end", text FROM sentences '
            "WHERE article_id = ? ORDER BY idx",
            (article_id,),
        )
    )
    row["removed"] = rows(
        conn.execute(
            "SELECT text, reason FROM removed WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    )
    duplicate = rows(
        conn.execute(
            "SELECT canonical_id, kind, similarity FROM duplicates WHERE article_id = ?",
            (article_id,),
        )
    )
    row["duplicate_of"] = duplicate[0]["canonical_id"] if duplicate else None
    row["duplicate"] = duplicate[0] if duplicate else None
    row["syndicated_with"] = rows(
        conn.execute(
            "SELECT CASE WHEN a = ?1 THEN b ELSE a END AS article, shared_chars "
            "FROM syndication WHERE a = ?1 OR b = ?1 ORDER BY article",
            (article_id,),
        )
    )
    story = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    row["story_id"] = story[0] if story else None
    return row


def load_articles(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Article]:
    """The stored articles among ``ids`` as Article objects, by id."""
    wanted = dumps(list(ids))
    among = "IN (SELECT value FROM json_each(?))"
    found = rows(conn.execute(f"SELECT {COLUMNS} FROM articles WHERE id {among}", (wanted,)))
    sentences: dict[str, list[Sentence]] = {}
    for ident, index, start, end, text in conn.execute(
        f'SELECT article_id, idx, start, "end", text FROM sentences WHERE article_id {among} '
        "ORDER BY article_id, idx",
        (wanted,),
    ):
        sentences.setdefault(ident, []).append(Sentence(ident, index, start, end, text))
    removed: dict[str, list[Removed]] = {}
    for ident, text, reason in conn.execute(
        f"SELECT article_id, text, reason FROM removed WHERE article_id {among} "
        "ORDER BY article_id, position",
        (wanted,),
    ):
        removed.setdefault(ident, []).append(Removed(text, reason))
    return {
        row["id"]: _article(row, sentences.get(row["id"], []), removed.get(row["id"], []))
        for row in found
    }


def _article(row: dict[str, Any], sentences: list[Sentence], removed: list[Removed]) -> Article:
    return Article(
        id=row["id"],
        source_path=row["source_path"],
        text=row["text"],
        provenance=Provenance(**json.loads(row["provenance"])),
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        updated=row["updated"],
        byline=row["byline"],
        dateline=row["dateline"],
        language=row["language"],
        sentences=tuple(sentences),
        removed=tuple(removed),
        kind=row["kind"],
        extra=json.loads(row["extra"]),
    )
