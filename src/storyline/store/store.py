"""The Store: every read and write storyline makes to its SQLite database."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from ..types import Article, Rejection
from . import articles as _articles
from . import fetchlog as _fetchlog
from . import search as _search
from . import stories as _stories
from .connection import ReaderPool, WriterLock, connect_writer, real_path, utc_now
from .errors import StoreError, sqlite_error
from .migrations import migrate, pending
from .rows import dumps, rows
from .snapshot import dump as _dump

log = logging.getLogger(__name__)

StoryOrder = Literal["newest", "largest"]
DuplicateKind = Literal["exact", "near"]

_COUNTED = (
    "articles",
    "sentences",
    "removed",
    "duplicates",
    "syndication",
    "stories",
    "story_articles",
    "facts",
    "briefs",
    "discards",
    "runs",
    "state",
)


class Store:
    """A storyline database: one writer (``writer=True``) or any number of readers.

    A writer holds ``<db>.lock`` while open, applies missing migrations on opening, and
    writes only inside ``with store.write():``; it is used from the thread that opened it.
    A reader never creates, locks or changes the file, and may be shared by threads: each
    read borrows a pooled read-only connection. ``immutable`` (readers only) promises that
    nothing writes the file while it is open; a reader falls back on it by itself for a
    store in a directory it cannot write, when no write-ahead log is left to read.

    Every SQLite error surfaces as a :class:`StoreError` (a corrupt file as
    :class:`StoreDamagedError`, whose message names the command that rebuilds it).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        writer: bool = False,
        timeout: float = 5.0,
        immutable: bool = False,
    ) -> None:
        self.path = Path(path)
        self.writer = writer
        self.immutable = immutable and not writer
        self.applied: tuple[str, ...] = ()  # migrations applied by this open
        self._timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._readers: ReaderPool | None = None
        self._lock: WriterLock | None = None
        self._in_write = False
        if writer:
            self._open_writer(timeout)
        else:
            self._open_reader(timeout)

    def _open_writer(self, timeout: float) -> None:
        self._lock = WriterLock(self.path)
        try:
            self._conn = connect_writer(self.path, timeout)
            self.applied = tuple(migrate(self._conn, str(self.path)))
        except sqlite3.Error as err:
            self.close()
            raise sqlite_error(self.path, err, "open") from err
        except BaseException:
            self.close()
            raise
        if self.applied:
            log.info("%s: applied migrations %s", self.path, ", ".join(self.applied))

    def _open_reader(self, timeout: float) -> None:
        if not self.path.is_file():
            raise StoreError(
                f"no storyline database at {self.path}; create it with `storyline ingest`"
            )
        self._readers = ReaderPool(self.path, timeout, immutable=self.immutable)
        try:
            missing = self._first_read()
        except sqlite3.Error as err:
            self.close()
            if "no such table" in str(err):
                raise StoreError(f"{self.path} is not a storyline database: {err}") from err
            raise sqlite_error(self.path, err, "read") from err
        except BaseException:
            self.close()
            raise
        if missing:
            self.close()
            raise StoreError(
                f"{self.path} needs migrations ({', '.join(m.name for m in missing)}); "
                "open it once for writing (`storyline ingest`) to upgrade it"
            )

    def _first_read(self) -> list[Any]:
        """The migrations the file lacks; a store in a directory this process cannot write
        is reopened immutable (a WAL reader must create ``<db>-shm`` next to the file)."""
        assert self._readers is not None
        try:
            with self._readers.connection() as conn, _snapshot(conn):
                return pending(conn, str(self.path))
        except sqlite3.OperationalError as err:
            name = getattr(err, "sqlite_errorname", "") or ""
            real = real_path(self.path)
            journal = real.with_name(real.name + "-journal")  # an unfinished transaction
            if self.immutable or journal.exists():
                raise
            if not name.startswith(("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN")):
                raise
            wal = real.with_name(real.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise StoreError(
                    f"cannot read {self.path}: its directory is read-only and its write-ahead "
                    f"log {wal} ({wal.stat().st_size:,} bytes) holds writes not yet in the "
                    "file; copy the store with its -wal file to a directory you can write and "
                    "read it there, or serve it with --immutable to leave the log out"
                ) from err
            log.info("%s: read-only directory; reading it as immutable", self.path)
            self._readers.close()
            self.immutable = True
            self._readers = ReaderPool(self.path, self._timeout, immutable=True)
            with self._readers.connection() as conn, _snapshot(conn):
                return pending(conn, str(self.path))

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        """Close every connection and release the writer lock; closing twice is harmless."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._readers is not None:
            self._readers.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for one read, inside one snapshot (the open write's, if any); an
        SQLite error in the read is a StoreError."""
        try:
            if self._readers is not None:
                with self._readers.connection() as conn, _snapshot(conn):
                    yield conn
                return
            if self._conn is None:
                raise StoreError(f"the store {self.path} is closed")
            if self._in_write:
                yield self._conn
                return
            with _snapshot(self._conn):
                yield self._conn
        except sqlite3.Error as err:
            raise sqlite_error(self.path, err, "read") from err

    # -- writing --------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One transaction (BEGIN IMMEDIATE ... COMMIT); any exception rolls it all back.

        Foreign keys are checked at COMMIT, so a batch may write rows in any order; a
        batch that links to an article or story it never stored fails as a whole.
        """
        conn = self._writing(inside=False)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise sqlite_error(self.path, err, "write") from err
        self._in_write = True
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException as err:
            _rollback(conn)
            if isinstance(err, sqlite3.IntegrityError):
                raise StoreError(
                    f"write to {self.path} rolled back: {err} (store an article before "
                    "linking it, and save_story before assign_story or save_brief)"
                ) from err
            if isinstance(err, sqlite3.Error):
                raise sqlite_error(self.path, err, "write") from err
            raise
        finally:
            self._in_write = False

    def _writing(self, inside: bool = True) -> sqlite3.Connection:
        if not self.writer:
            raise StoreError(f"the store {self.path} was opened read-only (writer=False)")
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed")
        if inside and not self._in_write:
            raise StoreError("store writes must happen inside `with store.write():`")
        if not inside and self._in_write:
            raise StoreError("store.write() is already open; transactions do not nest")
        return self._conn

    def add_article(self, article: Article, run_id: str | None) -> bool:
        """Store an article with its sentences and removed text; False if already stored."""
        return _articles.insert_article(self._writing(), article, run_id, utc_now())

    def set_duplicate(
        self, article_id: str, canonical_id: str, kind: DuplicateKind, similarity: float
    ) -> None:
        """Link a duplicate to its canonical copy (replacing an earlier link)."""
        self._writing().execute(
            "INSERT INTO duplicates (article_id, canonical_id, kind, similarity) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
            "canonical_id = excluded.canonical_id, kind = excluded.kind, "
            "similarity = excluded.similarity",
            (article_id, canonical_id, kind, similarity),
        )

    def add_syndication(self, a: str, b: str, shared_chars: int) -> None:
        """Record that two articles share wire text; the pair is unordered."""
        first, second = sorted((a, b))
        self._writing().execute(
            "INSERT INTO syndication (a, b, shared_chars) VALUES (?, ?, ?) "
            "ON CONFLICT(a, b) DO UPDATE SET shared_chars = excluded.shared_chars",
            (first, second, shared_chars),
        )

    def assign_story(self, article_id: str, story_id: str) -> None:
        """Put an article in a story (moving it out of any other)."""
        self._writing().execute(
            "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
            (story_id, article_id),
        )

    def save_story(
        self,
        story_id: str,
        *,
        headline: str | None,
        first_published: str | None,
        last_published: str | None,
        article_count: int,
        outlet_count: int,
        independent_origins: int,
        topic: str | None = None,
    ) -> None:
        """Create or update a story's row (its members are set with ``assign_story``);
        ``topic`` is kept from an earlier save when not given."""
        _stories.upsert_story(
            self._writing(),
            story_id,
            utc_now(),
            headline=headline,
            first_published=first_published,
            last_published=last_published,
            article_count=article_count,
            outlet_count=outlet_count,
            independent_origins=independent_origins,
            topic=topic,
        )

    def add_alias(self, old_id: str, story_id: str) -> None:
        """Record that story ``old_id`` was merged into ``story_id`` (its id stays an alias)."""
        _stories.add_alias(self._writing(), old_id, story_id, utc_now())

    def set_split_from(self, story_id: str, parent: str) -> None:
        """Record that ``story_id`` split off ``parent``."""
        _stories.set_split_from(self._writing(), story_id, parent)

    def delete_story(self, story_id: str) -> None:
        """Remove a story with its members' links, brief, facts and search row."""
        _stories.delete_story(self._writing(), story_id)

    def save_brief(self, story_id: str, brief: Mapping[str, Any]) -> None:
        """Store a story's brief (``storyline/brief/v1``), its facts and its search row."""
        if brief.get("story_id", story_id) != story_id:
            raise ValueError(f"the brief of story {brief['story_id']} saved as {story_id}")
        _stories.upsert_brief(self._writing(), story_id, brief, utc_now())

    def add_discard(self, run_id: str | None, rejection: Rejection) -> None:
        """Record an input that was skipped, with its stage and reason."""
        self._writing().execute(
            'INSERT INTO discards (run_id, source_path, line, "offset", stage, reason, message) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                *(run_id, rejection.source_path, rejection.line, rejection.offset),
                *(rejection.stage, rejection.reason, rejection.message),
            ),
        )

    def start_run(self, run_id: str) -> None:
        """Record the start of a run (starting the same run again keeps its first start)."""
        self._writing().execute(
            "INSERT INTO runs (id, started_at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING",
            (run_id, utc_now()),
        )

    def finish_run(self, run_id: str, summary: Mapping[str, Any]) -> None:
        """Record a run's end and its summary."""
        cursor = self._writing().execute(
            "UPDATE runs SET finished_at = ?, summary_json = ? WHERE id = ?",
            (utc_now(), dumps(summary), run_id),
        )
        if not cursor.rowcount:
            raise StoreError(f"run {run_id} was never started (call start_run first)")

    def put_state(self, key: str, value: bytes) -> None:
        """Checkpoint a blob (e.g. the pickled clusterer) in the same batch as its articles."""
        self._writing().execute(
            "INSERT INTO state (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- reading --------------------------------------------------------------------

    def put_term_counts(self, buckets: Sequence[int], counts: Sequence[int]) -> None:
        """Set the ingest engine's document frequency of each hashed term bucket."""
        self._writing().executemany(
            "INSERT INTO term_counts (bucket, count) VALUES (?, ?) "
            "ON CONFLICT(bucket) DO UPDATE SET count = excluded.count",
            zip(buckets, counts, strict=True),
        )

    def term_counts(self) -> tuple[list[int], list[int]]:
        """Every (bucket, count) of the ingest engine's document frequencies."""
        with self._reading() as conn:
            found = conn.execute("SELECT bucket, count FROM term_counts").fetchall()
        return [row[0] for row in found], [row[1] for row in found]

    def has_article(self, article_id: str) -> bool:
        with self._reading() as conn:
            row = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def article_ids(self) -> set[str]:
        with self._reading() as conn:
            return {row[0] for row in conn.execute("SELECT id FROM articles")}

    def text_hash_owner(self, digest: str) -> str | None:
        """The first stored article (by id) whose ``text_hash(text)`` is ``digest``."""
        with self._reading() as conn:
            sql = "SELECT min(id) FROM articles WHERE text_hash = ?"
            owner: str | None = conn.execute(sql, (digest,)).fetchone()[0]
        return owner

    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article's fields with ``sentences``, ``removed``, ``duplicate_of`` (id or
        None), ``duplicate``, ``syndicated_with`` and ``story_id``; None if unknown."""
        with self._reading() as conn:
            return _articles.article_row(conn, article_id)

    def load_articles(self, ids: Iterable[str]) -> list[Article]:
        """Stored articles as Article objects, in the order of ``ids``; StoreError if any
        is missing."""
        wanted = list(ids)
        with self._reading() as conn:
            found = _articles.load_articles(conn, wanted)
        missing = [ident for ident in wanted if ident not in found]
        if missing:
            raise StoreError(f"articles not in {self.path}: {', '.join(missing[:5])}")
        return [found[ident] for ident in wanted]

    def story_members(self, story_id: str) -> list[str]:
        """The ids of a story's articles, sorted."""
        with self._reading() as conn:
            return _stories.members(conn, story_id)

    def brief_is_stale(self, story_id: str) -> bool:
        """Whether a stored story lacks a brief or changed after it was built (``ingest
        --briefs lazy`` leaves them so; ``serve`` builds them on first view)."""
        with self._reading() as conn:
            return _stories.brief_is_stale(conn, story_id)

    def alias_of(self, story_id: str) -> str | None:
        """The story an old (merged) story id now answers as, or None."""
        with self._reading() as conn:
            return _stories.alias_of(conn, story_id)

    def duplicates_of(self, article_id: str) -> list[str]:
        """The stored duplicates of an article, sorted."""
        with self._reading() as conn:
            sql = "SELECT article_id FROM duplicates WHERE canonical_id = ? ORDER BY article_id"
            return [str(row[0]) for row in conn.execute(sql, (article_id,))]

    def story_of(self, article_id: str) -> str | None:
        with self._reading() as conn:
            sql = "SELECT story_id FROM story_articles WHERE article_id = ?"
            row = conn.execute(sql, (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def stories(
        self, order: StoryOrder = "newest", limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """A page of stories: ``newest`` (latest last_published, in UTC) or ``largest``
        (most articles) first. Each has id, headline, article_count, outlet_count,
        independent_origins, first_published and last_published."""
        with self._reading() as conn:
            return _stories.page(conn, order, limit, offset)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story's row with created_at/updated_at, ``articles`` (member ids) and
        ``brief`` (parsed, or None); None if unknown."""
        with self._reading() as conn:
            return _stories.story_row(conn, story_id)

    def same_topic(self, story_id: str, limit: int = 20) -> list[dict[str, Any]]:
        """The other stories of the story's topic (the thread of related stories), newest
        first, as rows of :meth:`stories`; none for a story without a topic."""
        with self._reading() as conn:
            return _stories.same_topic(conn, story_id, limit)

    def brief(self, story_id: str) -> dict[str, Any] | None:
        """A story's brief as saved (the ``storyline/brief/v1`` object), or None."""
        with self._reading() as conn:
            return _stories.brief(conn, story_id)

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        mark: tuple[str, str] = ("[", "]"),
    ) -> list[dict[str, Any]]:
        """Articles and stories matching every word of ``query`` (stemmed), best first.

        Each hit has ``kind`` ('article' or 'story'), ``id``, ``title`` (article title or
        brief headline), ``snippet`` (matches wrapped in ``mark``; not HTML-escaped) and
        ``rank`` (FTS5 bm25, lower is better). Any text is a valid query; an empty one
        raises ValueError.
        """
        with self._reading() as conn:
            return _search.search(conn, query, limit, offset, mark)

    # -- the fetch log (storyline fetch, storyline watch) ------------------------------

    def add_fetches(self, entries: Iterable[Mapping[str, Any]]) -> None:
        """Append rows to the fetch log (keys: ``store.fetchlog.COLUMNS``)."""
        _fetchlog.add(self._writing(), entries)

    def last_fetch(self, url: str, transient: Sequence[str]) -> dict[str, Any] | None:
        """A URL's latest fetch log row, with ``failures`` (transient ones in a row)."""
        with self._reading() as conn:
            return _fetchlog.last(conn, url, transient)

    def pages_to_retry(
        self, transient: Sequence[str], attempts: int, limit: int = 1000
    ) -> list[dict[str, Any]]:
        """Pages whose last fetches failed for a transient reason, fewer than ``attempts``
        times in a row (``url``, ``source``, ``via``), oldest first."""
        with self._reading() as conn:
            return _fetchlog.retry_pages(conn, transient, attempts, limit)

    def last_fetched(self, urls: Sequence[str]) -> dict[str, str]:
        """When each URL was last fetched (ISO 8601 UTC); URLs never fetched left out."""
        with self._reading() as conn:
            return _fetchlog.last_fetched(conn, urls)

    def child_sitemaps(self, parents: Sequence[str]) -> list[tuple[str, str]]:
        """(sitemap, index) for the sitemaps the indexes ``parents`` listed before."""
        with self._reading() as conn:
            return _fetchlog.children(conn, parents)

    def fetch_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The fetch log, oldest first (the newest ``limit`` rows when given)."""
        with self._reading() as conn:
            return _fetchlog.entries(conn, limit)

    def get_state(self, key: str) -> bytes | None:
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._reading() as conn:
            return {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in _COUNTED
            }

    def discards(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """Recorded rejections, oldest first (of one run, or of all)."""
        sql = 'SELECT run_id, source_path, line, "offset", stage, reason, message FROM discards'
        with self._reading() as conn:
            if run_id is None:
                return rows(conn.execute(sql + " ORDER BY id"))
            return rows(conn.execute(sql + " WHERE run_id = ? ORDER BY id", (run_id,)))

    def run(self, run_id: str) -> dict[str, Any] | None:
        """A run's id, started_at, finished_at and summary (parsed), or None."""
        with self._reading() as conn:
            sql = "SELECT id, started_at, finished_at, summary_json FROM runs WHERE id = ?"
            found = rows(conn.execute(sql, (run_id,)))
        if not found:
            return None
        row = found[0]
        summary = row.pop("summary_json")
        row["summary"] = None if summary is None else json.loads(summary)
        return row

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """A deterministic snapshot of every table, without timestamps or run ids."""
        with self._reading() as conn:
            return _dump(conn)


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Several SELECTs that see one consistent state of the database."""
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        _rollback(conn)  # the read's own error is the one to report
        raise
    conn.execute("COMMIT")


def _rollback(conn: sqlite3.Connection) -> None:
    """End a failed transaction; on a damaged file ROLLBACK can fail too, and the first
    error is the one to report."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        log.debug("ROLLBACK failed after an error", exc_info=True)


def open_store(
    path: str | Path, *, writer: bool = False, timeout: float = 5.0, immutable: bool = False
) -> Store:
    """Open a storyline database: ``writer=True`` for ingest, the default for reading
    (``immutable``: see :class:`Store`)."""
    return Store(path, writer=writer, timeout=timeout, immutable=immutable)
