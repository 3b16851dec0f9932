"""What can still be read from a damaged store, and its integrity check.

A corrupt page loses the rows on it, not the file: the article rows are found through
both the table and its id index (either may hold the damaged page), read one by one, and
each is kept only when its text still matches the hash stored with it. Sentences are
re-split from the text when their rows are gone or do not fit it. Everything else in a
store (duplicates, stories, briefs, search) is derived from the articles and is rebuilt
from them by ``storyline store rebuild``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..types import Article, Rejection, Removed, Sentence
from .articles import COLUMNS, text_hash
from .articles import _article as article_from_row
from .connection import real_path
from .errors import StoreError

log = logging.getLogger(__name__)

_SEQS = (
    "SELECT seq FROM articles NOT INDEXED",
    "SELECT seq FROM articles INDEXED BY sqlite_autoindex_articles_1 WHERE id > ''",
)
_DISCARDS = (
    'SELECT id, source_path, line, "offset", stage, reason, message FROM discards NOT INDEXED'
)


@dataclass
class Salvage:
    """The articles read back (in ingest order), the skipped-input records, the engine
    checkpoint if it is whole, and how many article rows were lost."""

    articles: list[Article] = field(default_factory=list)
    discards: list[Rejection] = field(default_factory=list)
    engine: bytes | None = None
    lost: int = 0
    resplit: int = 0  # articles whose sentences were split again from their text


def integrity_problems(path: str | Path, *, limit: int = 20) -> list[str]:
    """SQLite's integrity check of the store (empty when it is sound); StoreError when the
    file cannot be opened at all."""
    conn = _open(path)
    try:
        found = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as err:
        return [str(err)]
    finally:
        _close(conn)
    return [] if found == ["ok"] else found


def salvage(path: str | Path, split: Callable[[str, str], tuple[Sentence, ...]]) -> Salvage:
    """Every article of the store at ``path`` that can still be read whole (``split``
    re-splits an article's text into sentences when its sentence rows are lost)."""
    conn = _open(path)
    found = Salvage()
    try:
        seqs = sorted(set(_each(conn, _SEQS)))
        for seq in seqs:
            article = _read_article(conn, seq, split, found)
            if article is None:
                found.lost += 1
            else:
                found.articles.append(article)
        found.discards = list(_discards(conn))
        found.engine = _engine(conn)
    finally:
        _close(conn)
    return found


def _close(conn: sqlite3.Connection) -> None:
    """Close; on a damaged file the closing checkpoint can fail, and that changes nothing
    about what was read."""
    try:
        conn.close()
    except sqlite3.Error as err:
        log.info("closing a damaged store: %s", err)


def _open(path: str | Path) -> sqlite3.Connection:
    """A connection that sees every committed write: read-write where the file allows (a
    process killed inside a transaction leaves a journal only a writer may roll back,
    as the next ingest would), else read-only; never one that creates the file."""
    real = real_path(path)
    if not real.is_file():
        raise StoreError(f"no storyline database at {path}")
    writable = os.access(real, os.W_OK) and os.access(real.parent, os.W_OK)
    uri = real.as_uri() + ("?mode=rw" if writable else "?mode=ro")
    try:
        return sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as err:
        raise StoreError(f"cannot open {path}: {err}") from err


def _each(conn: sqlite3.Connection, queries: tuple[str, ...]) -> Iterator[int]:
    """The first column of each query's rows, as far as each can be read."""
    for sql in queries:
        try:
            for (value,) in conn.execute(sql):
                yield int(value)
        except sqlite3.DatabaseError as err:
            log.info("salvage: %s stopped: %s", sql, err)


def _read_article(
    conn: sqlite3.Connection,
    seq: int,
    split: Callable[[str, str], tuple[Sentence, ...]],
    found: Salvage,
) -> Article | None:
    try:
        cursor = conn.execute(f"SELECT {COLUMNS} FROM articles WHERE seq = ?", (seq,))
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        if row is None:
            return None
        record = dict(zip(names, row, strict=True))
        if not isinstance(record["text"], str) or text_hash(record["text"]) != record["text_hash"]:
            return None
        json.loads(record["provenance"])
        json.loads(record["extra"])
    except (sqlite3.DatabaseError, ValueError, TypeError):
        return None
    ident, text = record["id"], record["text"]
    sentences = _sentences(conn, ident, text)
    if sentences is None:
        sentences = split(text, ident)
        found.resplit += 1
    try:
        removed = conn.execute(
            "SELECT text, reason FROM removed WHERE article_id = ? ORDER BY position", (ident,)
        ).fetchall()
    except sqlite3.DatabaseError:
        removed = []
    try:
        return article_from_row(record, list(sentences), [Removed(t, r) for t, r in removed])
    except (TypeError, ValueError):
        return None


def _sentences(conn: sqlite3.Connection, ident: str, text: str) -> tuple[Sentence, ...] | None:
    """The stored sentences when they are all readable and each slices ``text`` to itself."""
    try:
        rows = conn.execute(
            'SELECT idx, start, "end", text FROM sentences WHERE article_id = ? ORDER BY idx',
            (ident,),
        ).fetchall()
    except sqlite3.DatabaseError:
        return None
    sentences = tuple(Sentence(ident, i, s, e, t) for i, s, e, t in rows)
    whole = [s.index for s in sentences] == list(range(len(sentences)))
    if not sentences or not whole or any(text[s.start : s.end] != s.text for s in sentences):
        return None
    return sentences


def _discards(conn: sqlite3.Connection) -> Iterator[Rejection]:
    try:
        for _, path, line, offset, stage, reason, message in conn.execute(_DISCARDS):
            yield Rejection(path, stage, reason, message, line, offset)
    except sqlite3.DatabaseError as err:
        log.info("salvage: discards stopped: %s", err)


def _engine(conn: sqlite3.Connection) -> bytes | None:
    try:
        row = conn.execute("SELECT value FROM state WHERE key = 'engine'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else bytes(row[0])
