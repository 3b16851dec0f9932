"""RSS and Atom feeds (feedparser): one article per entry.

The entry's full content, else its summary, becomes the article; the feed's title is the
outlet. Dates come from feedparser's parsed (UTC) time as ISO 8601; when feedparser could
not parse a date the raw string is passed on for the cleaner to try.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

import feedparser

from ..errors import InputError
from ..settings import Settings
from ..types import RawDocument, Rejection
from .decode import Decoded, decode
from .ids import given_id
from .rejections import from_error, reject, too_large
from .text import read_limited

Item = RawDocument | Rejection

_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""")
_XML_DECLARED = re.compile(r"""^(\s*<\?xml[^>]*?)\sencoding\s*=\s*["'][^"']*["']""")
_MARKUP = re.compile(r"<[A-Za-z!/][^<>]*>|&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);")


def read_feed(
    stream: BinaryIO, source_path: str, settings: Settings, *, claimed: bool = True
) -> Iterator[Item]:
    """One RawDocument per entry of the feed in ``stream`` (read whole, up to the limit).

    ``claimed``: the name says this is a feed (``.rss``, ``.atom``), so anything else is a
    ``bad-record``; otherwise (``.xml``) XML that is not a feed is ``unsupported``.
    """
    limit = settings.max_document_bytes
    data = read_limited(stream, limit)
    if data is None:
        yield too_large(source_path, "feed file", None, limit)
        return
    try:
        data, decoded = _as_utf8(data)
    except InputError as err:
        yield from_error(err, source_path)
        return
    parsed = _parse(data)
    if parsed is None or not (parsed.get("version") or parsed.get("entries")):
        yield _not_a_feed(source_path, parsed, claimed=claimed)
        return
    entries = parsed.get("entries") or []
    if not entries:
        yield reject(source_path, "empty", "the feed has no entries")
    outlet = _text(parsed.get("feed") or {}, "title")
    for number, entry in enumerate(entries, 1):
        yield _entry(entry, number, source_path, outlet, decoded)


def _as_utf8(data: bytes) -> tuple[bytes, Decoded]:
    """The feed as UTF-8 bytes, decoded by storyline's rules (feedparser would fall back on
    ISO-8859-1 silently), and how it was decoded."""
    declared = _XML_ENCODING.search(data, 0, 512)
    decoded = decode(data, declared=declared.group(1).decode("ascii") if declared else None)
    if decoded.encoding == "utf-8" and decoded.evidence == "utf-8":
        return data, decoded
    text = _XML_DECLARED.sub(r"\1", decoded.text, count=1)  # it is UTF-8 now
    return text.encode("utf-8", "surrogatepass"), decoded


def _parse(data: bytes) -> Any:
    # A BytesIO, never bytes: feedparser treats a bytes argument that names a file or URL
    # as a place to read from.
    try:
        return feedparser.parse(io.BytesIO(data))
    # feedparser reports most problems in ``bozo`` but raises assorted types on some
    # malformed input; any of them means "not a usable feed" here.
    except Exception:
        return None


def _not_a_feed(source_path: str, parsed: Any, *, claimed: bool) -> Rejection:
    problem = parsed.get("bozo_exception") if parsed is not None else None
    detail = f" ({str(problem)[:200]})" if problem else ""
    if claimed:
        return reject(source_path, "bad-record", f"not a valid RSS or Atom feed{detail}")
    return reject(
        source_path,
        "unsupported",
        "XML that is not an RSS or Atom feed is not supported; give the articles as text, "
        "HTML or JSON Lines",
    )


def _entry(entry: Any, number: int, source_path: str, outlet: str | None, decoded: Decoded) -> Item:
    content, content_type = _content(entry)
    title = _text(entry, "title")
    try:
        identifier = given_id(_text(entry, "id"))
    except InputError as err:
        return reject(source_path, "bad-record", f"feed entry {number}: {err.message}")
    if not content.strip():
        name = f" ({title or identifier})" if title or identifier else ""
        return reject(source_path, "empty", f"feed entry {number}{name} has no text or summary")
    is_html = content_type != "text/plain" and _MARKUP.search(content) is not None
    link = _text(entry, "link")
    return RawDocument(
        provenance=decoded.provenance(source_path, url=link, entry=number),
        content=content,
        kind="html" if is_html else "text",
        id=identifier,
        title=title,
        published=_date(entry),
        outlet=outlet,
        byline=_text(entry, "author"),
        encoding=decoded.encoding,
    )


def _content(entry: Any) -> tuple[str, str]:
    """The first content block, else the summary, with its MIME type."""
    for block in dict.get(entry, "content") or []:
        value = dict.get(block, "value")
        if isinstance(value, str) and value.strip():
            return value, str(dict.get(block, "type") or "")
    summary = _text(entry, "summary") or ""
    detail = dict.get(entry, "summary_detail") or {}
    return summary, str(dict.get(detail, "type") or "")


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if parsed is not None:
            try:
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
            except (TypeError, ValueError, OverflowError):
                pass
    return _text(entry, "published") or _text(entry, "updated")


def _text(mapping: Any, key: str) -> str | None:
    """A non-blank string field, read without feedparser's deprecated key aliases."""
    value = dict.get(mapping, key) if isinstance(mapping, dict) else None
    if not isinstance(value, str):
        return None
    return value.strip() or None
