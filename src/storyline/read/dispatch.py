"""Pick the reader for a stream from its name and first bytes, and run it.

Gzip-compressed input (other than ``.warc.gz``, which warcio reads itself) is
decompressed as a stream and dispatched on its inner name (``a.jsonl.gz`` ->
``a.jsonl``) or, without one, on its decompressed first bytes.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..settings import Settings
from ..types import RawDocument, Rejection
from .feed import read_feed
from .gunzip import Gunzip
from .jsonl import read_json, read_jsonl
from .rejections import reject, too_large
from .sniff import (
    HEAD_BYTES,
    Format,
    could_be_warc,
    format_from_name,
    sniff,
    sniff_gzip,
    strip_gz,
    suffix,
)
from .sources import Source
from .text import read_document, unsupported
from .warc import read_warc

Item = RawDocument | Rejection

# Formats read whole: a file over the size limit is rejected before it is read.
_WHOLE: frozenset[Format | None] = frozenset({"text", "html", "json", "feed", "xml"})
_WHITESPACE = b" \t\r\n\x0b\x0c"


def read_source(source: Source, settings: Settings, stdin: BinaryIO | None) -> Iterator[Item]:
    """Everything in one file (or stdin, by default ``sys.stdin.buffer``); never raises for
    bad input."""
    try:
        if source.path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(stream, source.source_path, "", settings)
            return
        with open(source.path, "rb") as stream:
            info = os.fstat(stream.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            name = os.path.basename(source.path)
            yield from read_stream(stream, source.source_path, name, settings, size=size)
    except FileNotFoundError:
        yield reject(
            source.source_path,
            "not-found",
            "no such file; it was removed after the path was listed",
        )
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        yield reject(source.source_path, "unreadable", f"cannot read the file ({reason})")


def read_stream(
    stream: BinaryIO,
    source_path: str,
    name: str,
    settings: Settings,
    *,
    size: int | None = None,
    compressed: bool = False,
) -> Iterator[Item]:
    """Dispatch ``stream`` (positioned at its start) on ``name``, then on its first bytes.

    ``size`` (when known, e.g. from ``os.stat``) lets a file over the limit be rejected
    unread; ``compressed`` says ``stream`` is the inside of a gzip file.
    """
    what = "decompressed file" if compressed else "file"
    limit = settings.max_document_bytes
    named = format_from_name(name)
    if named == "unsupported":
        yield unsupported(source_path, f"a {suffix(name)} file")
        return
    if size == 0:
        yield reject(source_path, "empty", "the file is empty (0 bytes)")
        return
    if size is not None and size > limit and named in _WHOLE:
        yield too_large(source_path, what, size, limit)
        return
    head, stream = _peek(stream)
    if not head.strip(_WHITESPACE) and len(head) < HEAD_BYTES:
        detail = "empty" if not head else "only whitespace"
        yield reject(source_path, "empty", f"the {what} is {detail}")
        return
    sniffed = sniff(head)
    if (sniffed == "gzip" or named == "gzip") and named != "warc":
        if sniffed == "gzip" and sniff_gzip(head) == "warc":
            yield from read_warc(stream, source_path, settings)
        elif compressed:
            yield unsupported(source_path, "gzip inside gzip")
        else:
            yield from _read_gzip(stream, source_path, strip_gz(name), settings)
        return
    fmt = _resolve(named, sniffed)
    if size is not None and size > limit and fmt in _WHOLE:
        yield too_large(source_path, what, size, limit)
        return
    yield from _read_format(fmt, stream, source_path, settings, head, what)


def _resolve(named: Format | None, sniffed: Format) -> Format:
    """The format to read: the name's, refined by content where the content is certain."""
    if named is None:
        return sniffed
    if named in {"text", "xml"} and sniffed == "html":
        return "html"
    return named


def _read_format(
    fmt: Format, stream: BinaryIO, source_path: str, settings: Settings, head: bytes, what: str
) -> Iterator[Item]:
    if fmt in {"text", "html"}:
        yield from read_document(
            stream, source_path, settings, kind="html" if fmt == "html" else "text", what=what
        )
    elif fmt == "jsonl":
        yield from read_jsonl(stream, source_path, settings, head=head)
    elif fmt == "json":
        yield from read_json(stream, source_path, settings)
    elif fmt in {"feed", "xml"}:
        yield from read_feed(stream, source_path, settings, claimed=fmt == "feed")
    elif fmt == "warc" and could_be_warc(head):
        yield from read_warc(stream, source_path, settings)
    elif fmt == "warc":
        message = "not a WARC file (it does not begin with a WARC/1.x record header)"
        yield reject(source_path, "bad-record", message, offset=0)
    else:
        yield unsupported(source_path, f"this {fmt} input")


def _read_gzip(
    stream: BinaryIO, source_path: str, inner_name: str, settings: Settings
) -> Iterator[Item]:
    """Decompress and dispatch on ``inner_name``; a cut or corrupt stream ends in a Rejection.

    The last item is held back until the stream is known to end cleanly: at a cut it may
    be a document cut short, so it is replaced by the ``truncated`` Rejection.
    """
    gunzip = Gunzip(stream)
    inner = io.BufferedReader(gunzip)
    held: Item | None = None
    for item in read_stream(inner, source_path, inner_name, settings, compressed=True):
        if held is not None:
            yield held
        held = item
    if gunzip.error is not None:
        yield reject(
            source_path,
            "undecodable",
            f"not valid gzip data ({gunzip.error}) near byte {gunzip.consumed:,}; check the "
            "file; anything complete before that point was read",
            offset=gunzip.consumed,
        )
    elif gunzip.truncated:
        yield reject(
            source_path,
            "truncated",
            f"the gzip data ends early, at byte {gunzip.consumed:,} (the file was cut off; "
            "copy or download it again); anything complete before the cut was read",
            offset=gunzip.consumed,
        )
    elif held is not None:
        yield held


def _peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first HEAD_BYTES of ``stream``, and a stream that still starts at the beginning."""
    start = stream.tell() if stream.seekable() else None
    chunks: list[bytes] = []
    got = 0
    while got < HEAD_BYTES and (chunk := stream.read(HEAD_BYTES - got)):
        chunks.append(chunk)
        got += len(chunk)
    head = b"".join(chunks)
    if start is not None:
        stream.seek(start)
        return head, stream
    return head, io.BufferedReader(_Replay(head, stream))


class _Replay(io.RawIOBase):
    """Bytes already read from a stream, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
