"""JSON Lines (one article object per line) and JSON files (an object or an array of them).

A record needs ``text`` or ``html`` (a string); ``id`` (a string or an integer),
``title``, ``url``, ``published``, ``outlet``, ``byline`` and ``language`` (strings) are
optional. ``null`` or an empty string counts as absent; other keys are ignored. When both
``text`` and ``html`` are given, a non-blank ``text`` wins.

The keys of common crawler dumps (news-please and the like) are read too, each only
when the key above is absent: ``maintext`` for ``text``, ``date_publish`` for
``published``, ``source_domain`` for ``outlet`` (``title``, ``url`` and ``language`` are
the same). ``language`` (``en``, ``en-US``, ``EN``) is kept as its primary subtag and
spares the language detection.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import AnyStr, BinaryIO

from ..errors import InputError
from ..settings import Settings
from ..types import DocumentKind, RawDocument, Rejection
from .decode import Decoded, bom_encoding
from .ids import given_id
from .rejections import from_error, reject, too_large
from .text import decode_document, read_limited

Item = RawDocument | Rejection

_OPTIONAL = ("title", "url", "published", "outlet", "byline", "language")
_ALIASES = {"text": "maintext", "published": "date_publish", "outlet": "source_domain"}
"""A crawler dump's key for each of ours, read when ours is absent."""
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DRAIN_BYTES = 1 << 16
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}


@dataclass(frozen=True)
class _Line:
    number: int
    data: bytes | None  # UTF-8 bytes without the line end; None when over the limit
    size: int | None  # of the line without its end, when known


def read_jsonl(
    stream: BinaryIO, source_path: str, settings: Settings, *, head: bytes = b""
) -> Iterator[Item]:
    """One RawDocument per good line, one Rejection per bad one; blank lines are skipped.

    ``head`` (the first bytes, when the caller has them) tells a UTF-16/32 file by its
    byte-order mark; otherwise lines must be UTF-8.
    """
    limit = settings.max_document_bytes
    encoding = bom_encoding(head)
    lines: Iterator[_Line | Rejection]
    if encoding == "utf-16" or encoding == "utf-32":
        lines = _text_lines(stream, source_path, limit, encoding)
        decoding = Decoded("", encoding, "byte-order-mark")
    else:
        lines = _byte_lines(stream, limit)
        decoding = Decoded("", "utf-8", "utf-8")
    seen = False
    for line in lines:
        if isinstance(line, Rejection):
            yield line
            return
        if line.data is not None and not line.data.strip():
            continue
        seen = True
        if line.data is None:
            yield too_large(source_path, "line", line.size, limit, line=line.number)
            continue
        try:
            yield _document(_parse_line(line.data), source_path, decoding, line=line.number)
        except InputError as err:
            yield from_error(err, source_path, line=line.number)
    if not seen:
        yield reject(source_path, "empty", "no records (the file has only blank lines)")


def read_json(stream: BinaryIO, source_path: str, settings: Settings) -> Iterator[Item]:
    """A ``.json`` file: one object, or an array of objects, read whole up to the size limit."""
    limit = settings.max_document_bytes
    data = read_limited(stream, limit)
    if data is None:
        yield too_large(source_path, "file", None, limit)
        return
    try:
        decoded = decode_document(data, kind="text")
        value = _loads(decoded.text)
    except InputError as err:
        yield from_error(err, source_path)
        return
    items = value if isinstance(value, list) else [value]
    if not items:
        yield reject(source_path, "empty", "no records (the file holds an empty JSON array)")
    for index, item in enumerate(items, 1):
        where = f"item {index}: " if isinstance(value, list) else ""
        try:
            yield _document(item, source_path, decoded)
        except InputError as err:
            yield from_error(InputError(where + err.message, code=err.code), source_path)


def _byte_lines(stream: BinaryIO, limit: int) -> Iterator[_Line]:
    """Lines split on LF, each read only up to ``limit`` bytes (longer ones are drained)."""
    number = 0
    while chunk := stream.readline(limit + 2):
        number += 1
        if not chunk.endswith(b"\n") and len(chunk) == limit + 2:
            yield _Line(number, None, len(chunk) + _drain(stream.readline, b"\n"))
            continue
        if number == 1:
            chunk = chunk.removeprefix(codecs.BOM_UTF8)
        data = chunk.removesuffix(b"\n").removesuffix(b"\r")
        yield _Line(number, data if len(data) <= limit else None, len(data))


def _text_lines(
    stream: BinaryIO, source_path: str, limit: int, encoding: str
) -> Iterator[_Line | Rejection]:
    """Lines of a UTF-16/32 file (with a byte-order mark), re-encoded as UTF-8."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="\n")
    number = 0
    try:
        while chunk := text.readline(limit + 2):
            number += 1
            if not chunk.endswith("\n") and len(chunk) == limit + 2:
                _drain(text.readline, "\n")
                yield _Line(number, None, None)
                continue
            data = chunk.removesuffix("\n").removesuffix("\r").encode("utf-8")
            yield _Line(number, data if len(data) <= limit else None, len(data))
    except UnicodeDecodeError as err:
        message = f"not valid {encoding} ({err.reason}); convert the file to UTF-8"
        yield reject(source_path, "undecodable", message, line=number + 1)
    finally:
        text.detach()


def _drain(readline: Callable[[int], AnyStr], newline: AnyStr) -> int:
    """Skip to the end of the current line; how many characters or bytes were skipped."""
    skipped = 0
    while more := readline(_DRAIN_BYTES):
        if more.endswith(newline):
            return skipped + len(more) - 1
        skipped += len(more)
    return skipped


def _parse_line(data: bytes) -> object:
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"not UTF-8 (invalid byte 0x{data[err.start]:02x} at column {err.start + 1}); "
            "JSON Lines must be UTF-8",
            code="undecodable",
        ) from err
    return _loads(line)


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"not valid JSON ({err.msg} at column {err.colno}); each line must be one JSON object",
            code="bad-json",
        ) from err
    except (ValueError, RecursionError) as err:
        raise InputError(f"not valid JSON ({err})", code="bad-json") from err


def _document(
    value: object, source_path: str, decoding: Decoded, *, line: int | None = None
) -> Item:
    """A RawDocument from one parsed record (``decoding``: how its bytes were decoded);
    raises InputError for a bad or empty record."""
    if not isinstance(value, dict):
        raise InputError(
            f'the record is {_json_type(value)}, not an object with "text" or "html"',
            code="bad-record",
        )
    fields = {name: _field(value, name) for name in ("text", "html", *_OPTIONAL)}
    if fields["text"] is None and fields["html"] is None:
        raise InputError('the record has neither "text" nor "html"', code="bad-record")
    content, kind = _content(fields["text"], fields["html"])
    metadata = {name: (fields[name] or "").strip() or None for name in _OPTIONAL}
    return RawDocument(
        provenance=decoding.provenance(source_path, url=metadata["url"], line=line),
        content=content,
        kind=kind,
        id=_identifier(value),
        title=metadata["title"],
        published=metadata["published"],
        outlet=metadata["outlet"],
        byline=metadata["byline"],
        encoding=decoding.encoding,
        language=_language(metadata["language"]),
    )


def _field(record: dict[object, object], name: str) -> str | None:
    """Our key's value, else (absent, null or blank) its crawler alias's."""
    value = _string(record, name)
    alias = _ALIASES.get(name)
    if alias is not None and (value is None or not value.strip()):
        return _string(record, alias) if record.get(alias) is not None else value
    return value


def _language(value: str | None) -> str | None:
    """``en`` for ``en``, ``EN`` or ``en-US``; None for anything that is no language tag."""
    if value is None or not _LANGUAGE.fullmatch(value):
        return None
    return re.split(r"[-_]", value, maxsplit=1)[0].lower()


def _content(text: str | None, html: str | None) -> tuple[str, DocumentKind]:
    if text is not None and text.strip():
        return text, "text"
    if html is not None and html.strip():
        return html, "html"
    name = "text" if text is not None else "html"
    raise InputError(f'"{name}" is empty; the record has no content', code="empty")


def _string(record: dict[object, object], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f'"{name}" must be a string, not {_json_type(value)}', code="bad-record")
    if _SURROGATE.search(value):
        raise InputError(
            f'"{name}" holds a lone surrogate escape (\\ud800-\\udfff), which is not text',
            code="bad-record",
        )
    return value


def _identifier(record: dict[object, object]) -> str | None:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return given_id(_string(record, "id"))


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPES.get(type(value), type(value).__name__)
