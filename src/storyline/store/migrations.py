"""Named schema migrations, applied in order, each in its own transaction.

The ``migrations`` table records every applied name. Opening a store for writing applies
the missing ones; a database that records a name this code does not know was written by
a newer storyline and is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from .errors import StoreError


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _statements(*sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        for statement in sql:
            conn.execute(statement)

    return apply


# Foreign keys between rows a batch writes in any order (a duplicate and its canonical
# copy, a story and its members) are checked at COMMIT, not per statement.
_LATER = "DEFERRABLE INITIALLY DEFERRED"
_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"

_INITIAL = _statements(
    # ``seq`` is an explicit rowid alias so VACUUM cannot renumber the FTS rows.
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_path TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        updated TEXT,
        byline TEXT,
        dateline TEXT,
        language TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        provenance TEXT NOT NULL,
        extra TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        run_id TEXT
    )""",
    "CREATE INDEX articles_by_text_hash ON articles(text_hash)",
    """CREATE TABLE removed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    )""",
    """CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    )""",
    f"""CREATE TABLE duplicates (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE {_LATER},
        canonical_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE {_LATER},
        kind TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
        similarity REAL NOT NULL
    )""",
    "CREATE INDEX duplicates_by_canonical ON duplicates(canonical_id)",
    f"""CREATE TABLE syndication (
        a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE {_LATER},
        b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE {_LATER},
        shared_chars INTEGER NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    )""",
    "CREATE INDEX syndication_by_b ON syndication(b)",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        last_published_key TEXT,
        article_count INTEGER NOT NULL,
        outlet_count INTEGER NOT NULL,
        independent_origins INTEGER NOT NULL,
        headline TEXT
    )""",
    "CREATE INDEX stories_newest ON stories(last_published_key DESC, id)",
    "CREATE INDEX stories_largest ON stories(article_count DESC, last_published_key DESC, id)",
    f"""CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE {_LATER},
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE {_LATER}
    )""",
    "CREATE INDEX story_articles_by_story ON story_articles(story_id)",
    f"""CREATE TABLE facts (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE {_LATER},
        position INTEGER NOT NULL,
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        outlets INTEGER NOT NULL,
        independent_origins INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (story_id, position)
    )""",
    f"""CREATE TABLE briefs (
        seq INTEGER PRIMARY KEY,
        story_id TEXT NOT NULL UNIQUE REFERENCES stories(id) ON DELETE CASCADE {_LATER},
        json TEXT NOT NULL,
        built_at TEXT NOT NULL
    )""",
    """CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        summary_json TEXT
    )""",
    """CREATE TABLE discards (
        id INTEGER PRIMARY KEY,
        run_id TEXT,
        source_path TEXT NOT NULL,
        line INTEGER,
        "offset" INTEGER,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL
    )""",
    "CREATE INDEX discards_by_run ON discards(run_id)",
    "CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
    # The article text lives once, in ``articles``; the index reads it from there.
    f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content = 'articles', content_rowid = 'seq', {_TOKENIZE}
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    # Rows keyed by briefs.seq; the store rewrites a story's row with its brief.
    f"CREATE VIRTUAL TABLE briefs_fts USING fts5(headline, summary, {_TOKENIZE})",
)

_STORY_TOPIC = _statements(
    # the topic (thread of related stories) a story was placed in when it was founded
    "ALTER TABLE stories ADD COLUMN topic TEXT",
    "CREATE INDEX stories_by_topic ON stories(topic, id)",
)

_STORY_LINEAGE = _statements(
    # a story merged into another keeps its id as an alias; a split-off story names its parent
    """CREATE TABLE story_aliases (
        old_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX story_aliases_by_story ON story_aliases(story_id)",
    "ALTER TABLE stories ADD COLUMN split_from TEXT",
)

_TERM_COUNTS = _statements(
    # the ingest engine's document frequencies (hashed term bucket -> articles with it),
    # updated batch by batch instead of pickled whole with each checkpoint
    "CREATE TABLE term_counts (bucket INTEGER PRIMARY KEY, count INTEGER NOT NULL)",
)

_FETCH_LOG = _statements(
    # storyline fetch / watch: one row per fetch (a feed, sitemap, home page or article
    # page), success or failure; the latest row of a URL gives its conditional-GET
    # validators and whether a later round should try it again
    """CREATE TABLE fetch_log (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        final_url TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'page', 'site')),
        source TEXT,
        via TEXT,
        status INTEGER,
        bytes INTEGER NOT NULL,
        elapsed REAL NOT NULL,
        error TEXT,
        message TEXT,
        etag TEXT,
        last_modified TEXT,
        article_id TEXT,
        fetched_at TEXT NOT NULL
    )""",
    "CREATE INDEX fetch_log_by_url ON fetch_log(url, id)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_story_topic", _STORY_TOPIC),
    Migration("0003_story_lineage", _STORY_LINEAGE),
    Migration("0004_term_counts", _TERM_COUNTS),
    Migration("0005_fetch_log", _FETCH_LOG),
)

_CREATE_LEDGER = (
    "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
)


def migrate(
    conn: sqlite3.Connection, where: str, migrations: Sequence[Migration] = MIGRATIONS
) -> list[str]:
    """Apply the missing migrations in order; return the names applied now."""
    conn.execute(_CREATE_LEDGER)
    missing = pending(conn, where, migrations)
    for migration in missing:
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(
                "INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                (migration.name, datetime.now(UTC).isoformat(timespec="milliseconds")),
            )
        except sqlite3.Error as err:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed on {where}: {err}") from err
        conn.execute("COMMIT")
    return [m.name for m in missing]


def pending(
    conn: sqlite3.Connection, where: str, migrations: Sequence[Migration] = MIGRATIONS
) -> list[Migration]:
    """The migrations this database still lacks; StoreError if it is from a newer storyline."""
    applied = {name for (name,) in conn.execute("SELECT name FROM migrations")}
    unknown = sorted(applied - {m.name for m in migrations})
    if unknown:
        raise StoreError(
            f"{where} was written by a newer storyline (unknown migrations: "
            f"{', '.join(unknown)}); upgrade storyline to open it"
        )
    return [m for m in migrations if m.name not in applied]
