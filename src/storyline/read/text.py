"""Whole documents: a plain-text or HTML file (or a WARC payload) to one RawDocument."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..settings import Settings
from ..types import DocumentKind, RawDocument, Rejection
from .decode import Decoded, decode
from .rejections import from_error, reject, too_large

_WHITESPACE = b" \t\r\n\x0b\x0c"


def decode_document(data: bytes, *, kind: DocumentKind, declared: str | None = None) -> Decoded:
    """Decode one document, or raise InputError (``empty``, ``binary``, ``undecodable``)."""
    if not data.strip(_WHITESPACE):
        raise InputError("no content (the input is empty or only whitespace)", code="empty")
    decoded = decode(data, html=kind == "html", declared=declared)
    if not decoded.text.strip():
        raise InputError("no content (the input is only whitespace)", code="empty")
    return decoded


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``, or None when it holds more."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def read_document(
    stream: BinaryIO,
    source_path: str,
    settings: Settings,
    *,
    kind: DocumentKind,
    what: str = "file",
) -> Iterator[RawDocument | Rejection]:
    """One document from the whole of ``stream``, read only up to the size limit."""
    limit = settings.max_document_bytes
    data = read_limited(stream, limit)
    if data is None:
        yield too_large(source_path, what, None, limit)
        return
    try:
        decoded = decode_document(data, kind=kind)
    except InputError as err:
        yield from_error(err, source_path)
        return
    yield RawDocument(
        provenance=decoded.provenance(source_path),
        content=decoded.text,
        kind=kind,
        encoding=decoded.encoding,
    )


def unsupported(source_path: str, what: str) -> Rejection:
    return reject(
        source_path,
        "unsupported",
        f"{what} is not a supported format; give plain text, HTML, JSON Lines, WARC or "
        "RSS/Atom (convert other documents to text first)",
    )
