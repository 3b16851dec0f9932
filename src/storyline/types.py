"""Frozen dataclasses that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .words import count_words

DocumentKind = Literal["text", "html"]


@dataclass(frozen=True)
class Provenance:
    """Where an article came from: enough to find its bytes again."""

    source_path: str
    url: str | None = None
    offset: int | None = None  # byte offset of the WARC record
    line: int | None = None  # 1-based line of a JSON Lines file
    fetched: str | None = None  # ISO 8601 fetch time, when the container says
    encoding: str | None = None  # the charset the bytes were decoded with
    # why that charset: utf-8, byte-order-mark, declared, detected or mostly-utf-8
    encoding_evidence: str | None = None
    replaced_bytes: int = 0  # bytes that were not UTF-8, each now U+FFFD (mostly-utf-8)
    first_replaced: int | None = None  # byte offset of the first of them
    entry: int | None = None  # 1-based entry of an RSS/Atom feed
    status: int | None = None  # the HTTP status of a fetched page (storyline fetch)


@dataclass(frozen=True)
class RawDocument:
    """One input document as read, before cleaning.

    ``content`` is decoded text (plain text or HTML, as ``kind`` says). Metadata given by
    the container (a JSON line, a feed entry, a WARC header) rides along and wins over
    what the cleaner would infer.
    """

    provenance: Provenance
    content: str
    kind: DocumentKind
    id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    encoding: str | None = None  # charset the bytes were decoded with

    def reject(self, stage: str, reason: str, message: str) -> Rejection:
        """A Rejection of this document, located by its provenance (a feed entry by its
        number, at the head of the message)."""
        where = self.provenance
        if where.entry is not None:
            message = f"feed entry {where.entry}: {message}"
        return Rejection(where.source_path, stage, reason, message, where.line, where.offset)


@dataclass(frozen=True)
class Rejection:
    """An input (or part of one) that was skipped, with the reason: rejections are data."""

    source_path: str
    stage: str  # "ingest", "clean", ...
    reason: str  # stable code, e.g. "empty", "binary", "not-found", "bad-json"
    message: str
    line: int | None = None
    offset: int | None = None

    def where(self) -> str:
        place = self.source_path
        if self.line is not None:
            place += f":{self.line}"
        if self.offset is not None:
            place += f" (offset {self.offset})"
        return place


@dataclass(frozen=True)
class Removed:
    """A piece of boilerplate the cleaner removed, kept for audit."""

    text: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """The unit of citation: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    """Where a claim comes from: a sentence of an article and the characters it spans.

    ``start``/``end`` are offsets into the article's cleaned text (``article.text``), so
    anyone can check a citation by slicing that text.
    """

    article: str
    sentence: int
    start: int
    end: int

    @classmethod
    def of(cls, sentence: Sentence) -> Citation:
        return cls(sentence.article_id, sentence.index, sentence.start, sentence.end)


@dataclass(frozen=True)
class Article:
    """A cleaned article with its metadata and sentences."""

    id: str
    source_path: str
    text: str
    provenance: Provenance
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    dateline: str | None = None
    language: str | None = None
    sentences: tuple[Sentence, ...] = ()
    removed: tuple[Removed, ...] = ()
    kind: DocumentKind = "text"
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def word_count(self) -> int:
        return count_words(self.text)
