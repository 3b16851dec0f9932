"""Full-text search over articles and briefs (FTS5), safe for any text a user types."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # and lone surrogates: not text
SNIPPET_TOKENS = 16
TITLE_WEIGHT = 3.0  # a word in the title or headline counts three times one in the body


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of ``text``; None when it has no word at all.

    Each whitespace-separated term is quoted as a phrase, so FTS5 operators and syntax
    characters in user input (``"``, ``*``, ``AND(``, ``-``, ``:``) are searched as text
    and can never be a syntax error. A trailing ``*`` keeps its meaning: a prefix search.
    Control characters separate terms: FTS5 ends a string at NUL ("unterminated string");
    so do lone surrogates, which no database text can hold.
    """
    if not text.strip():
        raise ValueError("empty search query")
    terms = []
    for raw in _CONTROL.sub(" ", text).split():
        body = raw.rstrip("*")
        if not any(ch.isalnum() for ch in body):
            continue  # only punctuation: the tokenizer would index nothing for it
        phrase = '"' + body.replace('"', '""') + '"'
        terms.append(phrase + "*" if raw.endswith("*") else phrase)
    return " ".join(terms) if terms else None


_ARTICLES = f"""
    SELECT 'article' AS kind, a.id AS id, a.title AS title, a.published AS published,
           a.outlet AS outlet, a.url AS url, sa.story_id AS story_id,
           s.headline AS story_headline,
           snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) AS snippet,
           bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS rank
    FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
    LEFT JOIN story_articles AS sa ON sa.article_id = a.id
    LEFT JOIN stories AS s ON s.id = sa.story_id
    WHERE articles_fts MATCH ? {{filters}}
    ORDER BY rank, a.id
    LIMIT ?
"""

_BRIEFS = f"""
    SELECT 'story' AS kind, b.story_id AS id, briefs_fts.headline AS title,
           s.last_published AS published, NULL AS outlet, NULL AS url,
           b.story_id AS story_id, briefs_fts.headline AS story_headline,
           snippet(briefs_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) AS snippet,
           bm25(briefs_fts, {TITLE_WEIGHT}, 1.0) AS rank
    FROM briefs_fts JOIN briefs AS b ON b.seq = briefs_fts.rowid
    LEFT JOIN stories AS s ON s.id = b.story_id
    WHERE briefs_fts MATCH ? {{filters}}
    ORDER BY rank, b.story_id
    LIMIT ?
"""


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search: articles of one outlet, published within [since, until] (ISO
    dates, inclusive, compared with the date as the article states it); a story matches
    when one of its articles is of that outlet and its articles' dates meet the range."""

    outlet: str | None = None
    since: str | None = None
    until: str | None = None

    def articles(self) -> tuple[str, list[str]]:
        """The SQL conditions (and their parameters) on an article hit ``a``."""
        sql, params = "", []
        for condition, value in (
            ("a.outlet = ?", self.outlet),
            ("substr(a.published, 1, 10) >= ?", self.since),
            ("substr(a.published, 1, 10) <= ?", self.until),
        ):
            if value is not None:
                sql += " AND " + condition
                params.append(value)
        return sql, params

    def stories(self) -> tuple[str, list[str]]:
        """The SQL conditions (and their parameters) on a story hit ``b`` (its row ``s``)."""
        sql, params = "", []
        if self.outlet is not None:
            sql += (
                " AND EXISTS (SELECT 1 FROM story_articles AS m JOIN articles AS o "
                "ON o.id = m.article_id WHERE m.story_id = b.story_id AND o.outlet = ?)"
            )
            params.append(self.outlet)
        if self.since is not None:
            sql += " AND substr(s.last_published, 1, 10) >= ?"
            params.append(self.since)
        if self.until is not None:
            sql += " AND substr(s.first_published, 1, 10) <= ?"
            params.append(self.until)
        return sql, params


def search(
    conn: sqlite3.Connection,
    query: str,
    limit: int,
    offset: int,
    mark: tuple[str, str],
    filters: SearchFilters | None = None,
) -> list[dict[str, Any]]:
    """Article and story hits for ``query``, best first (lower ``rank`` is better)."""
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    match = fts_query(query)
    if match is None:
        return []
    filters = filters or SearchFilters()
    wanted = limit + offset
    hits: list[dict[str, Any]] = []
    for sql, (narrow, params) in ((_ARTICLES, filters.articles()), (_BRIEFS, filters.stories())):
        cursor = conn.execute(sql.format(filters=narrow), (*mark, match, *params, wanted))
        names = [d[0] for d in cursor.description]
        hits.extend(dict(zip(names, row, strict=True)) for row in cursor)
    hits.sort(key=lambda hit: (hit["rank"], hit["kind"], hit["id"]))
    return hits[offset:wanted]
