"""ingest: bytes from files, directories and standard input to RawDocuments.

Reads plain text, HTML, JSON Lines, JSON, WARC (``.warc``, ``.warc.gz``), RSS/Atom
feeds and gzip-compressed files of these. Everything that cannot be read becomes a
:class:`~storyline.types.Rejection` with a stable reason (see :data:`REASONS`); nothing
here raises for bad input. Article ids are not assigned here, except an ``id`` given by
a JSON record or a feed entry, which rides along in ``RawDocument.id``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..settings import Settings
from ..types import RawDocument, Rejection
from .dispatch import read_source, read_stream
from .rejections import REASONS
from .sources import STDIN_PATH, expand_paths

__all__ = ["REASONS", "read_bytes", "read_inputs"]


def read_inputs(
    paths: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Rejection]:
    """One RawDocument per article and one Rejection per thing skipped, in input order.

    ``paths`` are files, directories (walked recursively in sorted order, hidden entries
    skipped) or ``-`` for standard input (``stdin``, default ``sys.stdin.buffer``).
    Large JSON Lines and WARC files are streamed; other files over
    ``settings.max_document_bytes`` are rejected without being read.
    """
    for source in expand_paths(paths):
        if isinstance(source, Rejection):
            yield source
            continue
        yield from read_source(source, settings, stdin)


def read_bytes(
    data: bytes, source_path: str, settings: Settings
) -> Iterator[RawDocument | Rejection]:
    """Read in-memory ``data`` as if it were the file ``source_path`` (its name picks the
    reader; without a known extension, the content does). ``"<stdin>"`` sniffs."""
    name = "" if source_path == STDIN_PATH else os.path.basename(source_path)
    yield from read_stream(io.BytesIO(data), source_path, name, settings, size=len(data))
