"""The clean stage: a RawDocument becomes an Article (text, metadata, sentences, removed)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import PurePath
from urllib.parse import urlsplit

from ..settings import Settings
from ..types import Article, RawDocument, Rejection
from ..words import count_words
from . import metadata
from .controls import body_text, one_line, without_codes
from .dates import date_in_name
from .html import HtmlExtraction, extract_html, page_text
from .language import detect_language
from .page_dates import consistent_update
from .plaintext import PlainCleaning, clean_plaintext
from .sentences import split_sentences

__all__ = ["clean_document", "content_id"]


def content_id(content: str) -> str:
    """An article id derived from the input's content: the same bytes give the same id."""
    return hashlib.blake2b(content.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _from_html(
    raw: RawDocument, content: str, settings: Settings
) -> tuple[PlainCleaning, str | None]:
    """The cleaned page, and the address it states for itself (og:url, canonical, JSON-LD)."""
    page = extract_html(content, url=raw.provenance.url)
    return _page_cleaning(page, content, settings), page.stated_url


def _page_cleaning(page: HtmlExtraction, content: str, settings: Settings) -> PlainCleaning:
    if page.too_deep or count_words(page.text) < settings.min_words:
        # no article in the tree (a fragment such as a feed entry's paragraph, or a page
        # nested too deep to parse): clean the visible text as plain text instead
        text, title = page_text(content)
        fallback = clean_plaintext(text)
        return replace(
            fallback,
            title=page.title or title or fallback.title,
            outlet=page.sitename or fallback.outlet,
            language=page.language or fallback.language,
        )
    outlet = page.sitename or metadata.find_outlet(page.text, url=page.url)
    paragraphs = tuple(p.strip() for p in page.text.split("\n") if p.strip())
    stated = page.published or page.date
    published = metadata.parse_iso_or_text_date(stated) if stated else None
    updated = metadata.parse_iso_or_text_date(page.updated) if page.updated else None
    return PlainCleaning(
        text="\n\n".join(paragraphs),
        removed=(),
        language=page.language,
        title=page.title,
        published=published,
        updated=updated,
        byline=page.author,
        dateline=metadata.find_dateline(paragraphs[0]) if paragraphs else None,
        outlet=outlet,
        paragraphs=paragraphs,
    )


def _named_date(raw: RawDocument, stated_url: str | None) -> str | None:
    """The day the article's URL path or, for a file that is one article, its file name
    writes (``APW19980809.0700.txt``, ``/2024/06/12/slug``): the date of last resort."""
    url = raw.provenance.url or stated_url
    if url:
        return date_in_name(urlsplit(url).path)
    one = raw.provenance.line is None and raw.provenance.offset is None
    if one and raw.provenance.entry is None and raw.provenance.source_path:
        return date_in_name(PurePath(raw.provenance.source_path).name)
    return None


def clean_document(raw: RawDocument, settings: Settings) -> Article | Rejection:
    """Clean one document; an article with too little text left is a Rejection. Control
    characters never reach the article (``controls``)."""
    content = body_text(raw.content)
    stated_url = None
    if raw.kind == "html":
        cleaning, stated_url = _from_html(raw, content, settings)
    else:
        cleaning = clean_plaintext(without_codes(content))
    words = count_words(cleaning.text)
    if words < settings.min_words:
        return raw.reject(
            "clean",
            "empty",
            f"only {words} words of article text left after cleaning "
            f"(the minimum is {settings.min_words}); nothing to analyse",
        )
    article_id = raw.id or content_id(raw.content)
    language = raw.language or cleaning.language
    if settings.language_detection and language is None:
        language = detect_language(cleaning.text)
    stated = one_line(raw.published)
    published = (
        (metadata.parse_iso_or_text_date(stated) if stated else None)
        or cleaning.published
        or _named_date(raw, stated_url)
    )
    return Article(
        id=article_id,
        source_path=raw.provenance.source_path,
        text=cleaning.text,
        provenance=raw.provenance,
        url=one_line(raw.provenance.url) or one_line(stated_url),
        outlet=one_line(raw.outlet) or one_line(cleaning.outlet),
        title=one_line(raw.title) or one_line(cleaning.title),
        published=published,
        updated=consistent_update(published, cleaning.updated),
        byline=one_line(raw.byline) or one_line(cleaning.byline),
        dateline=one_line(cleaning.dateline),
        language=language,
        sentences=split_sentences(cleaning.text, article_id),
        removed=cleaning.removed,
        kind=raw.kind,
    )
