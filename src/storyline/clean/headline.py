"""A page's headline: its title without the site's name or section.

Pages state their title in several places: ``<title>``, ``og:title`` / ``twitter:title``,
the JSON-LD ``headline`` of the article, and the ``<h1>`` a reader sees. The first three
often carry the site ("… | CNN Politics", "toledoblade.com -- …", "… - Football -
Sport"); the heading rarely does. So:

1. a heading (``<h1>``, else ``<h2>``) that is one of the title's separated parts, or
   that the title opens with, is the headline;
2. otherwise a title of three or more parts ("headline - section - site") is its longest
   part; a title loses each end part that names the site (its ``og:site_name``, the
   publisher of its JSON-LD, a copyright line, its host name, a domain name) or that
   the page shows on its own elsewhere (a navigation link, a breadcrumb, a logo's text),
   or that is the shorter side of a pipe ("headline | site"), as long as a headline of
   at least ``MIN_HEADLINE_WORDS`` words is left;
3. a title that is only the site's name gives way to the page's first heading (an
   ``<h1>``, an element marked as a headline or title, an ``<h2>``); with none, the
   caller falls back on the text line before the article (as plain text is read).

Every rule is about where a page puts its name, never about a particular site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

__all__ = ["page_headline"]

MIN_HEADLINE_WORDS = 3
"""A title cut shorter than this keeps its parts: "Sports - Local Teams" is no headline."""

MAX_LABEL_WORDS = 6
"""Page texts up to this long are labels (links, breadcrumbs) a title part may repeat."""

_SEPARATOR = re.compile(r"\s+(?:[|–—·•»«:>]{1,2}|-{1,2}|::)\s+|\s*[|»«]\s*|_(?=[A-Z])")
# A pipe or a double colon separates a site from a headline, never two halves of one.
_PIPE = re.compile(r"\s(?:\||::)\s")
# What pages wrap their JSON-LD in: CDATA sections and HTML comments.
_JSON_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
_ARTICLE_TYPES = re.compile(r"(?i)article|posting|report|story|webpage")


def _norm(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _metas(root: HtmlElement) -> dict[str, str]:
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if name and content:
            metas.setdefault(name, content)
    return metas


def _jsonld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    """Top-level JSON-LD objects and those of a ``@graph`` (never nested ones: a cited
    work's headline or date is not the page's)."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        text = _JSON_WRAPPER.sub("", script.text).strip().rstrip(";")
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    yield from (g for g in graph if isinstance(g, dict))
                else:
                    yield item


def article_objects(root: HtmlElement) -> list[dict[str, Any]]:
    """The page's own JSON-LD article objects (NewsArticle, BlogPosting, WebPage...)."""
    found = []
    for item in _jsonld_objects(root):
        kinds = item.get("@type")
        names = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in names):
            found.append(item)
    return found


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*[,.]?\s*)?"
    r"(?:by\s+)?(?P<name>[A-Z][\w&'’.\-]*(?:\s+[A-Z&][\w&'’.\-]*){0,4})",
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"(?i)^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|co|info|tv|[a-z]{2})$"
)


def _site_names(root: HtmlElement, metas: dict[str, str]) -> set[str]:
    names = {metas.get(k, "") for k in ("og:site_name", "application-name", "twitter:site")}
    for element in root.iter("p", "div", "span", "td", "small", "footer", "li"):
        own = " ".join((element.text or "").split())
        if len(own) < 200 and (m := _COPYRIGHT.search(own)):
            names.add(m.group("name"))
    for item in _jsonld_objects(root):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.add(publisher["name"])
        if item.get("@type") in ("WebSite", "Organization") and isinstance(item.get("name"), str):
            names.add(item["name"])
    urls = [metas.get("og:url", "")]
    urls += [link.get("href") or "" for link in root.iter("link") if link.get("rel") == "canonical"]
    for url in urls:
        host = urlsplit(url).hostname if url.startswith("http") else None
        if host:
            names.add(host.removeprefix("www."))
            names.add(host.removeprefix("www.").split(".")[0])
    return {n for n in (_norm(name.lstrip("@")) for name in names) if len(n) >= 3}


def _labels(root: HtmlElement) -> set[str]:
    """Short texts the page shows on their own: links, list items, image alt texts."""
    labels = set()
    for element in root.iter("a", "li", "span", "option", "h2", "h3", "h4", "p", "div"):
        text = _text(element)
        if text and len(text.split()) <= MAX_LABEL_WORDS:
            labels.add(_norm(text))
    for image in root.iter("img"):
        alt = image.get("alt") or ""
        if alt and len(alt.split()) <= MAX_LABEL_WORDS:
            labels.add(_norm(alt))
    return labels


_HEADLINE_CLASS = re.compile(r"(?i)head(?:line|ing)|(?<!sub)title")


def _headings(root: HtmlElement) -> list[str]:
    """The page's ``<h1>`` texts, else texts of elements its markup calls a headline or
    title, else its ``<h2>`` texts."""
    body = root.find(".//body")
    scope = body if body is not None else root
    marked = [
        e
        for e in scope.iter()
        if isinstance(e.tag, str)
        and _HEADLINE_CLASS.search(f"{e.get('class') or ''} {e.get('id') or ''}")
    ]
    for elements in (list(scope.iter("h1")), marked, list(scope.iter("h2"))):
        texts = [t for t in (_text(h) for h in elements) if 2 <= len(t.split()) <= 30]
        if texts:
            return texts
    return []


def _is_site(part: str, sites: set[str]) -> bool:
    if _DOMAIN.match(part.strip()):
        return True
    key = _norm(part)
    return bool(key) and any(key == s or (len(key) >= 4 and (key in s or s in key)) for s in sites)


def _strip_site(title: str, sites: set[str], labels: set[str]) -> str:
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) >= 3:
        # "headline - section - site", "site > section > headline": the longest part
        longest = max(parts, key=lambda p: len(p.split()))
        if len(longest.split()) >= MIN_HEADLINE_WORDS and not _is_site(longest, sites):
            return longest.strip()
    while len(parts) > 1:
        for end in (-1, 0):
            part = parts[end]
            rest = parts[:-1] if end == -1 else parts[1:]
            if len(" ".join(rest).split()) < MIN_HEADLINE_WORDS:
                continue
            shorter = len(part.split()) < len(" ".join(rest).split())
            if _is_site(part, sites) or _norm(part) in labels or (shorter and _PIPE.search(title)):
                parts = rest
                break
        else:
            break
    return _join(title, parts)


def _join(title: str, parts: list[str]) -> str:
    """The span of ``title`` from its first to its last kept part (inner separators kept)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def _matching_heading(title: str, headings: Iterable[str]) -> str | None:
    key = _norm(title)
    parts = {_norm(p) for p in _SEPARATOR.split(title) if p.strip()}
    for heading in headings:
        h = _norm(heading)
        if len(h) >= 8 and (h in parts or key.startswith(h) or key.endswith(h)):
            return heading
    return None


def page_headline(root: HtmlElement, fallback: str | None = None) -> str | None:
    """The headline of the page whose tree is ``root`` (``fallback``: a title found
    otherwise, trafilatura's, used like ``<title>``); None when the page names only
    itself."""
    metas = _metas(root)
    jsonld = [a.get("headline") for a in article_objects(root)]
    title_tag = root.find(".//title")
    stated = [
        *(h for h in jsonld if isinstance(h, str)),
        metas.get("og:title"),
        metas.get("twitter:title"),
        _text(title_tag) if title_tag is not None else None,
        fallback,
    ]
    titles = [" ".join(t.split()) for t in stated if t and t.strip()]
    headings = _headings(root)
    for title in titles:
        heading = _matching_heading(title, headings)
        if heading is not None:
            return heading
    sites = _site_names(root, metas)
    labels = _labels(root)
    for title in titles:
        stripped = _strip_site(title, sites, labels)
        if not _is_site(stripped, sites):
            return stripped
    for heading in headings:
        if not _is_site(heading, sites):
            return heading
    return None
