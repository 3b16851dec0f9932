"""Input paths to the files to read: files as given, directories walked, ``-`` for stdin.

A directory is walked recursively in sorted order (by relative path, component by
component), skipping hidden files and directories (names starting with "."). A file's
``source_path`` is the directory as given joined with its relative path. Symbolic links
are followed; a link back to a directory being walked is reported, not looped through.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..types import Rejection
from .rejections import reject

STDIN = "-"
STDIN_PATH = "<stdin>"


@dataclass(frozen=True)
class Source:
    """One input to read: a file (``path``) or standard input (``path`` is None)."""

    source_path: str  # what Provenance and Rejection show
    path: str | None


def expand_paths(paths: Sequence[str]) -> Iterator[Source | Rejection]:
    """Each path's files in order, or a Rejection for a path that cannot be used."""
    for path in paths:
        if path == STDIN:
            yield Source(STDIN_PATH, None)
            continue
        info = _stat(path)
        if isinstance(info, Rejection):
            yield info
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, {_identity(info)})
        else:
            yield Source(path, path)


def _stat(path: str) -> os.stat_result | Rejection:
    """The path's status, or the Rejection that says why it cannot be used."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return _missing(path)
    except OSError as err:
        return reject(path, "unreadable", f"cannot read the path ({_reason(err)})")


def _walk(directory: str, ancestors: set[tuple[int, int]]) -> Iterator[Source | Rejection]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(
                (entry for entry in scan if not entry.name.startswith(".")), key=lambda e: e.name
            )
    except OSError as err:
        yield reject(directory, "unreadable", f"cannot list the directory ({_reason(err)})")
        return
    for entry in entries:
        path = os.path.join(directory, entry.name)
        info = _stat(path)
        if isinstance(info, Rejection):
            yield info
            continue
        if stat.S_ISDIR(info.st_mode):
            if _identity(info) in ancestors:
                yield reject(
                    path,
                    "unsupported",
                    "a symbolic link back to a directory above it; not followed (it would loop)",
                )
            else:
                yield from _walk(path, ancestors | {_identity(info)})
        elif stat.S_ISREG(info.st_mode):
            yield Source(path, path)
        else:
            yield reject(
                path, "unsupported", "not a regular file (a device, socket or pipe); skipped"
            )


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _missing(path: str) -> Rejection:
    if os.path.islink(path):
        return reject(path, "not-found", "a symbolic link to a file that does not exist")
    return reject(path, "not-found", "no such file or directory; check the path")


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()
