"""Which reader a file needs: from its name first, else from its first bytes."""

from __future__ import annotations

import codecs
import re
import zlib
from typing import Literal

from .decode import bom_encoding

Format = Literal["text", "html", "jsonl", "json", "warc", "feed", "xml", "gzip", "unsupported"]

#: How many leading bytes the sniffer looks at.
HEAD_BYTES = 8192

_BY_SUFFIX: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
    ".gz": "gzip",
}

# Formats we know and do not read: say so instead of decoding them as text.
_OFFICE = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx", ".ods", ".ppt")
_ARCHIVES = (".zip", ".tar", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar")
_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg", ".ico")
_AV = (".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".mov", ".avi", ".mkv", ".webm")
_PROGRAMS = (".exe", ".dll", ".so", ".bin", ".class", ".pyc", ".parquet", ".sqlite", ".db")
_UNSUPPORTED = frozenset((*_OFFICE, ".pptx", *_ARCHIVES, *_MEDIA, *_AV, *_PROGRAMS))

_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
_HTML_ROOTS = frozenset({"html", "head", "body"})
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)
_DOCTYPE = re.compile(r"\s*<!doctype\s+([a-z]+)", re.I)
_ROOT = re.compile(r"\s*<([a-z][\w:.-]*)", re.I)


def suffix(name: str) -> str:
    """The lower-cased last extension of a file name ("" when it has none)."""
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def format_from_name(name: str) -> Format | None:
    """The format a file name says, or None when content sniffing must decide."""
    if name.lower().endswith(".warc.gz"):
        return "warc"
    ext = suffix(name)
    if ext in _UNSUPPORTED:
        return "unsupported"
    return _BY_SUFFIX.get(ext)


def strip_gz(name: str) -> str:
    """``a.txt.gz`` -> ``a.txt``; a name without ``.gz`` is kept."""
    return name[:-3] if name.lower().endswith(".gz") else name


def sniff(head: bytes) -> Format:
    """The format of content starting with ``head`` (the first :data:`HEAD_BYTES`)."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith((b"WARC/", b"filedesc://")):  # WARC, or its predecessor ARC
        return "warc"
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return "jsonl"
    if text.startswith("["):
        return "json"
    return markup_format(text)


def gunzip_head(head: bytes) -> bytes:
    """The start of the decompressed content of gzip data starting with ``head``."""
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def sniff_gzip(head: bytes) -> Format:
    """The format inside gzip-compressed content starting with ``head``."""
    inner = gunzip_head(head)
    return "gzip" if inner.startswith(b"\x1f\x8b") else sniff(inner)


def could_be_warc(head: bytes) -> bool:
    """Whether ``head`` starts a WARC (or ARC) file, plain or gzipped, perhaps cut short."""
    inner = gunzip_head(head) if head.startswith(b"\x1f\x8b") else head
    if sniff(inner) == "warc":
        return True
    # A file cut off inside its first header is a truncated WARC, not some other format.
    cut_short = b"WARC/".startswith(inner[:5]) or b"\x1f\x8b".startswith(head)
    return len(head) < HEAD_BYTES and cut_short


def markup_format(text: str) -> Format:
    """ "html", "feed", "xml" (other markup) or "text", from the root element."""
    position = 0
    while match := _PROLOG.match(text, position):
        position = match.end()
    doctype = _DOCTYPE.match(text, position)
    if doctype:
        return "html" if doctype.group(1).lower() == "html" else "xml"
    root = _ROOT.match(text, position)
    if root is None:
        return "text"
    name = root.group(1).lower()
    if name in _FEED_ROOTS:
        return "feed"
    if name in _HTML_ROOTS:
        return "html"
    return "xml" if text.lstrip().startswith("<?xml") else "text"


def _head_text(head: bytes) -> str:
    """Enough of a decoding to read ASCII markers (tags, braces) in the head."""
    encoding = bom_encoding(head)
    if encoding in {"utf-16", "utf-32"}:
        return head.decode(encoding, errors="ignore")
    # Only ASCII matters here; latin-1 maps every byte, so nothing can fail.
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
