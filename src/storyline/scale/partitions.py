"""The inputs cut into partitions for the Dask engine, and reading one piece of a partition.

A partition is a run of whole files in input order (grouped up to ``partition_bytes``), or
one byte range of a large JSON Lines file. A range owns the lines that *start* inside its
nominal ``[start, end)`` (Hadoop's rule: each task finds its own line boundaries, so no
line is read twice or lost and the client never scans the file). Line numbers inside a
range are local; the client adds the line counts of the ranges before it.

Only plain JSON Lines files are split (``.jsonl``/``.ndjson``, not gzip-compressed, not
UTF-16/32): a range of one reads exactly as the same lines of the whole file. WARC, gzip,
JSON, feeds and the rest are read whole, one file per piece, by the local readers.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from ..read.decode import bom_encoding
from ..read.dispatch import read_source, read_stream
from ..read.jsonl import read_jsonl
from ..read.rejections import reject
from ..read.sniff import HEAD_BYTES, format_from_name, sniff
from ..read.sources import STDIN_PATH, Source, expand_paths
from ..settings import Settings
from ..types import Provenance, RawDocument, Rejection

DEFAULT_PARTITION_BYTES = 64 << 20
"""Input bytes per partition: small files are grouped up to this, large JSON Lines split."""

_SCAN_BYTES = 1 << 16


@dataclass(frozen=True)
class Piece:
    """One input of a partition: a whole file, a byte range of a JSON Lines file, or stdin."""

    source_path: str
    path: str | None
    split: bool = False  # a byte range of a JSON Lines file (``end`` None: to the end)
    start: int = 0
    end: int | None = None
    data: bytes | None = None  # standard input, read once on the client


Partition = tuple[Piece | Rejection, ...]


@dataclass(frozen=True)
class PieceRead:
    """What one piece held, in order; for a range, its line count and held-back rejection."""

    items: Iterable[RawDocument | Rejection]  # a whole file: read as it is iterated
    lines: int = 0
    blank: Rejection | None = None  # a range without records: the file's "no records" rejection


def plan_partitions(
    paths: Sequence[str], *, partition_bytes: int, stdin: BinaryIO | None = None
) -> list[Partition]:
    """The inputs in order, as partitions of about ``partition_bytes`` (at least one)."""
    partitions: list[Partition] = []
    current: list[Piece | Rejection] = []
    size = 0
    for source in expand_paths(paths):
        if isinstance(source, Rejection):
            current.append(source)
            continue
        if source.path is None:
            stream = stdin if stdin is not None else _stdin()
            data = stream.read()
            current.append(Piece(source.source_path, None, data=data))
            size += len(data)
        else:
            length = _size(source.path)
            if length > partition_bytes and _splittable(source.path):
                if current:
                    partitions.append(tuple(current))
                    current, size = [], 0
                starts = range(0, length, partition_bytes)
                for start in starts:
                    end = start + partition_bytes if start + partition_bytes < length else None
                    piece = Piece(source.source_path, source.path, True, start, end)
                    partitions.append((piece,))
                continue
            current.append(Piece(source.source_path, source.path))
            size += length
        if size >= partition_bytes:
            partitions.append(tuple(current))
            current, size = [], 0
    if current or not partitions:
        partitions.append(tuple(current))
    return partitions


def range_start(partition: Partition) -> int | None:
    """The first byte of a partition that is a byte range of a JSON Lines file, else None."""
    if len(partition) == 1 and isinstance(partition[0], Piece) and partition[0].split:
        return partition[0].start
    return None


def read_piece(piece: Piece, settings: Settings) -> PieceRead:
    """Read one piece with the local readers (a range: the lines that start inside it)."""
    if piece.data is not None:
        return PieceRead(read_stream(io.BytesIO(piece.data), STDIN_PATH, "", settings))
    if not piece.split:
        return PieceRead(read_source(Source(piece.source_path, piece.path), settings, None))
    try:
        return _read_range(piece, settings)
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        failed = reject(piece.source_path, "unreadable", f"cannot read the file ({reason})")
        return PieceRead([failed])


def with_line(item: RawDocument | Rejection, base: int) -> RawDocument | Rejection:
    """``item`` with its range-local line number made a file line number."""
    if isinstance(item, Rejection):
        return item if item.line is None else replace(item, line=item.line + base)
    return replace(item, provenance=provenance_with_line(item.provenance, base))


def provenance_with_line(provenance: Provenance, base: int) -> Provenance:
    if provenance.line is None or base == 0:
        return provenance
    return replace(provenance, line=provenance.line + base)


def _read_range(piece: Piece, settings: Settings) -> PieceRead:
    assert piece.path is not None
    with open(piece.path, "rb") as file:
        first = _line_start(file, piece.start)
        last = None if piece.end is None else _line_start(file, piece.end)
        file.seek(first)
        data = file.read() if last is None else file.read(max(0, last - first))
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    if piece.start > 0:
        # A blank first line stands in for the lines before: the reader strips a byte-order
        # mark only from line 1, which must stay the file's first line. Shift back by one.
        shifted = io.BytesIO(b"\n" + data)
        items = [with_line(i, -1) for i in read_jsonl(shifted, piece.source_path, settings)]
    else:
        items = list(read_jsonl(io.BytesIO(data), piece.source_path, settings))
    blank = items[-1] if items else None
    if isinstance(blank, Rejection) and blank.reason == "empty" and blank.line is None:
        items.pop()  # "no records": only the file's last range may say so (see settle)
        return PieceRead(items, lines, blank)
    return PieceRead(items, lines)


def _line_start(stream: BinaryIO, offset: int) -> int:
    """The first line start at or after ``offset``: 0, or one past a line feed."""
    if offset == 0:
        return 0
    stream.seek(offset - 1)
    position = offset - 1
    while chunk := stream.read(_SCAN_BYTES):
        found = chunk.find(b"\n")
        if found >= 0:
            return position + found + 1
        position += len(chunk)
    return position


def _splittable(path: str) -> bool:
    """A plain JSON Lines file the whole-file reader would read as JSON Lines."""
    if format_from_name(os.path.basename(path)) != "jsonl":
        return False
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return False  # read whole: the local reader reports it
    return (
        len(head) == HEAD_BYTES
        and sniff(head) != "gzip"
        and bom_encoding(head) not in {"utf-16", "utf-32"}
    )


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def read_partition(partition: Partition, settings: Settings) -> Iterator[PieceRead]:
    """Each entry of a partition read in order (a path rejection stands for itself)."""
    for entry in partition:
        if isinstance(entry, Rejection):
            yield PieceRead([entry])
        else:
            yield read_piece(entry, settings)
