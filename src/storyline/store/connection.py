"""Opening the database: pragmas, the single-writer lock file and the pool of readers."""

from __future__ import annotations

import fcntl
import math
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..dedupe.canonical import published_timestamp
from .errors import StoreError, StoreLockedError, place_error, sqlite_error


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def utc_key(value: str | None) -> str | None:
    """A sortable UTC form of an ISO 8601 date or time (naive means UTC); None if unparsable.

    Stored dates keep their own offsets (``+05:30``), which do not sort as strings.
    """
    moment = published_timestamp(value)
    if not math.isfinite(moment):
        return None
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def real_path(db: str | Path) -> Path:
    """The database's path with every symlink resolved: one file, one lock, whatever path
    (a symlink, ``..``) names it."""
    return Path(os.path.realpath(db))


class WriterLock:
    """An exclusive ``flock`` on ``<db>.lock``, held while a writer store is open.

    SQLite serialises transactions, but two ingests interleaving batches would interleave
    their clusterer checkpoints; the lock makes "one writer" hold across processes. The
    lock sits next to the real file (symlinks resolved), so two paths to one store share it.
    """

    def __init__(self, db: Path) -> None:
        real = real_path(db)
        self.path = real.with_name(real.name + ".lock")
        if real.is_dir():
            raise StoreError(f"cannot use {db} as a store: it is a directory")
        try:
            self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise place_error(real, self.path, err) from err
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            os.close(self._fd)
            self._fd = None
            raise StoreLockedError(
                f"another storyline ingest is writing to {db}; wait for it to finish "
                f"(the lock is {self.path})"
            ) from err

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _configure(conn: sqlite3.Connection, timeout: float, *, writer: bool) -> sqlite3.Connection:
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if writer:  # a reader has nothing to sync, and in a read-only directory may not ask
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _open_error(db: Path, err: sqlite3.Error) -> StoreError:
    if getattr(err, "sqlite_errorname", "") == "SQLITE_NOTADB":
        return StoreError(f"{db} is not a storyline database: {err}")
    return sqlite_error(db, err, "open")


def connect_writer(db: Path, timeout: float) -> sqlite3.Connection:
    """A read-write connection in WAL mode, creating the file if needed."""
    try:
        conn = sqlite3.connect(real_path(db), timeout=timeout, isolation_level=None)
    except sqlite3.Error as err:
        raise _open_error(db, err) from err
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise StoreError(f"cannot switch {db} to WAL mode (got {mode!r})")
        return _configure(conn, timeout, writer=True)
    except sqlite3.Error as err:
        conn.close()
        raise _open_error(db, err) from err
    except StoreError:
        conn.close()
        raise


def connect_reader(db: Path, timeout: float, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection that other threads may borrow (one at a time); ``immutable``
    promises SQLite that nobody changes the file, so it needs no ``-shm`` file (a store in
    a read-only directory) and ignores any write-ahead log."""
    uri = real_path(db).as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    try:
        conn = sqlite3.connect(
            uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as err:
        raise _open_error(db, err) from err
    try:
        return _configure(conn, timeout, writer=False)
    except sqlite3.Error as err:
        conn.close()
        raise _open_error(db, err) from err


class ReaderPool:
    """Read-only connections lent to one thread at a time and returned after each read.

    A web server that starts a thread per request keeps only as many connections as it
    has concurrent requests, never one per thread it ever ran.
    """

    def __init__(self, db: Path, timeout: float, *, immutable: bool = False) -> None:
        self._db = db
        self._timeout = timeout
        self.immutable = immutable
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._all: list[sqlite3.Connection] = []
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self._db} is closed")
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = connect_reader(self._db, self._timeout, immutable=self.immutable)
            with self._lock:
                if self._closed:
                    conn.close()
                    raise StoreError(f"the store {self._db} is closed")
                self._all.append(conn)
        try:
            yield conn
        finally:
            with self._lock:
                if not self._closed:
                    self._idle.append(conn)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            connections, self._all, self._idle = self._all, [], []
        for conn in connections:
            conn.close()
