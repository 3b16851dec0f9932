"""WARC files (``.warc``, ``.warc.gz``, as in Common Crawl's CC-NEWS): one article per
HTML response.

An article is a ``response`` record with HTTP status 200 and an HTML content type; other
records are not articles and are passed over. warcio reads a cut-off file without
complaint, so the reader checks each record's length and the gzip stream's end itself: a
truncated file yields the records read so far, then one ``truncated`` Rejection.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader

from ..errors import InputError
from ..settings import Settings
from ..types import RawDocument, Rejection
from .rejections import from_error, reject, too_large
from .text import decode_document

Item = RawDocument | Rejection

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';\s]+)""", re.I)
_DRAIN_BYTES = 1 << 16


class _Cut(Exception):
    """A record ended before its Content-Length."""


class _Records(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, remembering whether the last gzip member was cut off."""

    gzip_cut = False

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None)
        if decompressor is not None and not decompressor.eof:
            self.gzip_cut = True
        super().close()


def read_warc(stream: BinaryIO, source_path: str, settings: Settings) -> Iterator[Item]:
    """One RawDocument per HTML response record, streamed record by record."""
    records = _Records(stream)
    iterator = iter(records)
    total = articles = 0
    while True:
        try:
            record = next(iterator, None)
            if record is None:
                break
            total += 1
            item = _read_record(record, records, source_path, settings.max_document_bytes)
        except OSError:
            raise  # the file could not be read: the caller reports it as unreadable
        # warcio raises assorted exception types (AttributeError, ValueError, ...) on
        # malformed input; each one ends the file with a Rejection here.
        except Exception as err:
            yield _broken(records, stream, source_path, err)
            return
        if item is not None:
            articles += 1
            yield item
    if records.gzip_cut or records.fh.tell() > records.offset:
        yield _truncated(source_path, records.offset)
    elif articles == 0:
        message = f"no HTML responses among its {total:,} WARC records, so no articles"
        yield reject(source_path, "empty", message)


def _read_record(record: Any, records: _Records, source_path: str, limit: int) -> Item | None:
    """The record's article or Rejection, or None when it is not an HTML response."""
    if not _is_html_response(record):
        _drain(record)
        return None
    declared = _int(record.rec_headers.get_header("Content-Length"))
    payload = None
    if declared is None or declared <= limit:
        payload = record.content_stream().read(limit + 1)
    _drain(record)
    offset = records.get_record_offset()
    if payload is None or len(payload) > limit:
        size = declared if payload is None else None
        return too_large(source_path, "WARC record", size, limit, offset=offset)
    charset = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    try:
        decoded = decode_document(
            payload, kind="html", declared=charset.group(1) if charset else None
        )
    except InputError as err:
        return from_error(
            InputError(f"HTML payload: {err.message}", code=err.code), source_path, offset=offset
        )
    return RawDocument(
        provenance=decoded.provenance(
            source_path,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            offset=offset,
            fetched=record.rec_headers.get_header("WARC-Date"),
        ),
        content=decoded.text,
        kind="html",
        encoding=decoded.encoding,
    )


def _is_html_response(record: Any) -> bool:
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return False
    if headers.get_statuscode() != "200":
        return False
    content_type = headers.get_header("Content-Type") or ""
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


def _drain(record: Any) -> None:
    """Read the rest of the record; raise _Cut when it is shorter than it says."""
    raw = record.raw_stream
    while raw.read(_DRAIN_BYTES):
        pass
    declared = _int(record.rec_headers.get_header("Content-Length"))
    if declared is None or not isinstance(raw, LimitReader) or raw.tell() < declared:
        raise _Cut


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _broken(records: _Records, stream: BinaryIO, source_path: str, err: Exception) -> Rejection:
    """``truncated`` when the input ran out mid-record, else ``bad-record`` or ``unsupported``."""
    offset = records.offset
    if "non-chunked gzip" in str(err):
        return reject(
            source_path,
            "unsupported",
            "the WARC is gzip-compressed as one stream instead of one gzip member per "
            "record; recompress it with `warcio recompress IN OUT`",
            offset=offset,
        )
    buffered = records.reader.rem_length() if records.reader is not None else 0
    if buffered == 0 and not stream.read(1):
        return _truncated(source_path, offset)
    detail = "a record without a Content-Length" if isinstance(err, _Cut) else str(err).strip()
    return reject(
        source_path,
        "bad-record",
        f"malformed WARC record ({detail[:200]}); the rest of the file is skipped",
        offset=offset,
    )


def _truncated(source_path: str, offset: int) -> Rejection:
    return reject(
        source_path,
        "truncated",
        f"the WARC file ends in the middle of the record at offset {offset:,} (it was cut "
        "off; copy or download it again); the records before it were read",
        offset=offset,
    )
