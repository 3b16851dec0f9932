"""What a fetched body is (a feed, a sitemap or a page) and the links a feed or sitemap
lists. Feeds: feedparser (RSS 0.9x/1.0/2.0, Atom) and trafilatura's link finder (JSON
Feed); sitemaps: lxml over ``<loc>`` (urlset, sitemapindex, Google News extensions) or a
text sitemap of one URL per line; a site's home page: trafilatura's feed finder
(``<link rel="alternate">``).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import feedparser
from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed, find_links

from .body import Body, BodyError
from .outcome import Hint
from .urls import normalize_url

MAX_LINKS = 50_000  # the sitemap protocol's limit per file
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD = 2048
_XML_PROLOGUE = re.compile(rb"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_URL_LINE = re.compile(r"^https?://\S+$")


@dataclass
class Found:
    """A body's kind and, for a feed or sitemap, its links (normalised, in order)."""

    kind: Literal["feed", "sitemap", "page"]
    pages: dict[str, Hint | None] = field(default_factory=dict)
    sitemaps: list[str] = field(default_factory=list)


class NotUsable(Exception):
    """Neither a feed, a sitemap nor a page (the message says what it looked like)."""


def discover(body: bytes, url: str, media_type: str, limit: int) -> Found:
    """Classify ``body`` (fetched from ``url``) and list its links; raise NotUsable."""
    if body.startswith(_GZIP_MAGIC):  # sitemap.xml.gz, served as a file, not an encoding
        try:
            inner = Body("gzip", limit)
            inner.feed(body)
            body = inner.finish()
        except BodyError as err:
            raise NotUsable(f"a gzip file that cannot be read: {err.message}") from err
    head = body[:_HEAD].lstrip(b"\xef\xbb\xbf")
    start = _XML_PROLOGUE.sub(b"", head, count=1)[:200].lower()
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")):
        return _feed(body, url)
    if start.startswith((b"<urlset", b"<sitemapindex")):
        return _sitemap(body, url)
    if start.startswith((b"<!doctype html", b"<html")) or media_type in {
        "text/html",
        "application/xhtml+xml",
    }:
        return Found("page")
    if start.startswith(b"{") and b"jsonfeed.org" in body[:4096]:
        return _json_feed(body, url)
    text = _text_sitemap(body, url)
    if text is not None:
        return text
    if start.startswith(b"<"):
        return _feed(body, url)  # feedparser knows more dialects; NotUsable if not one
    raise NotUsable(
        f"not a feed, sitemap or HTML page (served as {media_type or 'no content type'}, "
        f"begins {head[:40]!r})"
    )


def feeds_of_home_page(html: str, url: str) -> list[str]:
    """The feeds a home page announces (trafilatura's ``determine_feed``), normalised."""
    host = re.sub(r"^https?://", "", url).split("/", 1)[0]
    params = FeedParameters(url, host, url)
    return [u for link in determine_feed(html, params) if (u := normalize_url(link, url))]


def _feed(body: bytes, url: str) -> Found:
    try:
        parsed: Any = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    except Exception as err:  # feedparser raises assorted types on odd input
        raise NotUsable(f"not a readable feed ({type(err).__name__}: {err})") from err
    if not parsed.get("version") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem)[:200]})" if problem else ""
        raise NotUsable(f"XML that is not an RSS or Atom feed{detail}")
    feed = parsed.get("feed") or {}
    language = _language(feed.get("language"))
    found = Found("feed")
    for entry in parsed.get("entries") or []:
        link = _entry_link(entry)
        page = normalize_url(link, base=url) if link else None
        if page is not None and page not in found.pages and len(found.pages) < MAX_LINKS:
            title = entry.get("title")
            found.pages[page] = Hint(
                title=title.strip() if isinstance(title, str) and title.strip() else None,
                published=_entry_date(entry),
                language=language,
            )
    return found


def _entry_link(entry: Any) -> str | None:
    link = entry.get("link")
    if isinstance(link, str) and link.strip():
        return link
    for item in entry.get("links") or []:
        if item.get("rel", "alternate") == "alternate" and item.get("href"):
            return str(item["href"])
    return None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed is not None:
            try:
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _json_feed(body: bytes, url: str) -> Found:
    try:
        text = body.decode("utf-8")
        json.loads(text)
    except (UnicodeDecodeError, ValueError) as err:
        raise NotUsable(f"a JSON Feed that is not valid JSON ({err})") from err
    host = re.sub(r"^https?://", "", url).split("/", 1)[0]
    found = Found("feed")
    for link in find_links(text, FeedParameters(url, host, url, external=True)):
        page = normalize_url(link, base=url)
        if page is not None and len(found.pages) < MAX_LINKS:
            found.pages.setdefault(page, None)
    return found


_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _sitemap(body: bytes, url: str) -> Found:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        raise NotUsable(f"a sitemap that is not readable XML ({err})") from err
    if root is None:
        raise NotUsable("a sitemap that is not readable XML")
    found = Found("sitemap")
    index = etree.QName(root).localname == "sitemapindex"
    for item in root.iterchildren("{*}url", "{*}sitemap"):
        loc = _child_text(item, "loc")
        link = normalize_url(loc, base=url) if loc else None
        if link is None:
            continue
        if index or etree.QName(item).localname == "sitemap":
            if link not in found.sitemaps and len(found.sitemaps) < MAX_LINKS:
                found.sitemaps.append(link)
        elif link not in found.pages and len(found.pages) < MAX_LINKS:
            found.pages[link] = _news_hint(item)
    return found


def _news_hint(item: Any) -> Hint | None:
    news = item.find(f"{_NEWS}news")
    if news is None:
        return None
    publication = news.find(f"{_NEWS}publication")
    language = _text_of(publication, f"{_NEWS}language") if publication is not None else None
    name = _text_of(publication, f"{_NEWS}name") if publication is not None else None
    return Hint(
        title=_text_of(news, f"{_NEWS}title"),
        published=_text_of(news, f"{_NEWS}publication_date"),
        language=_language(language),
        outlet=name,
    )


def _child_text(item: Any, name: str) -> str | None:
    for child in item.iterchildren(f"{{*}}{name}"):
        return _clean(child.text)
    return None


def _text_of(parent: Any, tag: str) -> str | None:
    child = parent.find(tag)
    return _clean(child.text) if child is not None else None


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None


def _language(code: Any) -> str | None:
    if not isinstance(code, str):
        return None
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary if re.fullmatch(r"[a-z]{2}", primary) else None


def _text_sitemap(body: bytes, url: str) -> Found | None:
    """A text sitemap: one absolute URL per line, nothing else."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not all(_URL_LINE.match(line) for line in lines):
        return None
    found = Found("sitemap")
    for line in lines[:MAX_LINKS]:
        page = normalize_url(line, base=url)
        if page is not None:
            found.pages.setdefault(page, None)
    return found
