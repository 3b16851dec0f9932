"""The store's exceptions: something about the database file a person can fix.

``code`` tells the CLI which exit status to use (README, "Exit codes"): ``store`` the
file cannot be used as asked (4), ``store-locked`` another ingest holds it (5),
``store-damaged`` it is corrupt and must be rebuilt (6).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from ..errors import StorylineError


class StoreError(StorylineError):
    """The database cannot be opened, migrated, locked or written as asked."""

    code = "store"


class StoreLockedError(StoreError):
    """Another process holds the store's writer lock."""

    code = "store-locked"


class StoreDamagedError(StoreError):
    """The database file is corrupt: it must be rebuilt (``storyline store rebuild``)."""

    code = "store-damaged"


def damaged(path: Path | str, detail: str) -> StoreDamagedError:
    """The one message for a corrupt store: what is wrong and the command that recovers."""
    return StoreDamagedError(
        f"{path} is damaged ({detail}); rebuild it from the articles it still holds with "
        f"`storyline store rebuild --db {path}`, or ingest the original inputs into a new store"
    )


def sqlite_error(path: Path | str, err: sqlite3.Error, doing: str) -> StoreError:
    """A StoreError for a failed SQLite call on ``path`` (``doing``: "read", "write"...)."""
    name = getattr(err, "sqlite_errorname", "") or ""
    text = _printable(str(err))
    if name == "SQLITE_NOTADB":  # no SQLite header: nothing in it can be read back
        return StoreError(f"{path} is not a storyline database ({text})")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text or "Could not decode" in text:
        return damaged(path, text)
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StoreError(
            f"cannot {doing} {path}: {text} (the file or its directory is read-only; "
            "`storyline serve` can still read it)"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreLockedError(f"cannot {doing} {path}: {text}; another process is using it")
    if name.startswith("SQLITE_FULL"):
        return StoreError(f"cannot {doing} {path}: the disk is full ({text})")
    return StoreError(f"cannot {doing} {path}: {text}")


def _printable(text: str, limit: int = 160) -> str:
    """An error's text on one line: control characters escaped, long text cut (a damaged
    page can put any bytes of a row into SQLite's message)."""
    line = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def place_error(db: Path, what: Path, err: OSError) -> StoreError:
    """A StoreError for a file of the store (``what``: the lock, the database) that the
    operating system would not create or open."""
    reason = err.strerror or str(err)
    if err.errno == errno.ENOENT:
        return StoreError(
            f"cannot create the store {db}: the directory {db.parent} does not exist "
            "(create it first)"
        )
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"cannot write the store {db}: {what} cannot be created or opened for writing "
            f"({reason}); use a directory you can write to (`storyline serve` reads a store "
            "in a read-only one)"
        )
    if err.errno == errno.ENOTDIR:
        return StoreError(f"cannot open the store {db}: a part of its path is not a directory")
    return StoreError(f"cannot open the store {db}: {what}: {reason}")
