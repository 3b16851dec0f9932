"""A page's author, as its own metadata states it, before trafilatura's guess.

The ``author`` of the page's own JSON-LD article (a person's ``name``, or several, joined
by ", "; an organisation is no byline), else a ``<meta name="author">`` (or
``article:author``, ``byl``, ``dc.creator``) that reads as names, not a URL; else None and
the caller keeps trafilatura's author. A trailing month name is cut off a byline that runs
into its date ("Joshua Sokol May"), and a value that is a URL, a handle or a lower-case
login is ignored. :func:`marked_authors` lists the names that elements marked as the
author's hold (the caller keeps one shown between the headline and the body), and
:func:`without_site` drops the names that are the site's. Every rule is about how pages
state authors, never about a particular site.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from lxml.html import HtmlElement

from .headline import _metas, _norm, article_objects
from .metadata import _DESK_WORDS, _ROLE_WORDS, parse_byline

__all__ = [
    "clean_author",
    "jsonld_author",
    "listed_names",
    "marked_authors",
    "meta_author",
    "page_author",
    "stated_names",
    "without_site",
]

AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# a month or a weekday the byline ran into ("Jane Doe Monday", "JANE DOE STAFF NOVEMBER")
_TRAILING_MONTH = re.compile(rf"(?:\s+(?:{_MONTHS}|{_DAYS})\.?)+$", re.IGNORECASE)
_DATE_ONLY = re.compile(rf"(?:(?:{_MONTHS}|{_DAYS})\.?\s*)+", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"(?i)https?:|www\.|@")
# a login, not a name: one word in lower case ("admin", "jdoe", "jane-d")
_LOGIN = re.compile(r"[a-z0-9._-]+")


def clean_author(text: str | None) -> str | None:
    """``text`` without a trailing month name or a "By"; None when it names no one."""
    if not text:
        return None
    value = " ".join(text.split())
    value = re.sub(r"(?i)^by\s+", "", value)
    if len(value.split()) >= 3:
        value = _TRAILING_MONTH.sub("", value)
    if not value or _NOT_A_NAME.search(value) or not any(ch.isalpha() for ch in value):
        return None
    if _LOGIN.fullmatch(value) or _DATE_ONLY.fullmatch(value):
        return None
    return value


_KIND_BY = re.compile(r"(?i)^\w+\s+by\s+(?=[A-Z])")
_AFTER_NAMES = re.compile(r"\s*[,|;]\s*\S")
# a role after the names with no separator ("Jane Doe News reporter", "Le Monde Staff"),
# cut as a byline's is
_DESKS = "|".join(sorted(_DESK_WORDS))
_ROLES = "|".join(sorted(_ROLE_WORDS))
_ROLE_NEXT = re.compile(rf"(?i)\s+(?:(?:{_DESKS})\s+)?(?:{_ROLES})\b")


def stated_names(text: str | None) -> str | None:
    """A metadata author value less what follows its names after a comma, pipe or
    semicolon, read as a byline is ("Jane Doe, Staff writer", "Jane Doe | Le Monde" give
    "Jane Doe"), and less a kind before "by" ("Analysis by Jane Doe"); else the value."""
    value = clean_author(text)
    if value is None:
        return None
    value = _KIND_BY.sub("", value)
    names = parse_byline("By " + value)
    if names and value.startswith(names):
        rest = value[len(names) :]
        if _AFTER_NAMES.match(rest) or _ROLE_NEXT.match(rest):
            return names
    return value


def listed_names(text: str | None) -> str | None:
    """:func:`stated_names` of each name of a list joined by semicolons (as trafilatura
    joins the authors it finds), joined by ", "."""
    names = [n for n in (stated_names(p) for p in (text or "").split(";")) if n]
    return ", ".join(dict.fromkeys(names)) or None


def _person_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            kind = item.get("@type")
            if isinstance(kind, str) and kind.lower() == "organization":
                continue
            if isinstance(item.get("name"), str):
                names.append(item["name"])
    return [n for n in (stated_names(n) for n in names) if n]


def jsonld_author(root: HtmlElement) -> str | None:
    """The persons the page's own JSON-LD article names as its author, or None."""
    for article in article_objects(root):
        names = _person_names(article.get("author"))
        if names:
            return ", ".join(dict.fromkeys(names))
    return None


def meta_author(root: HtmlElement) -> str | None:
    """The author a ``<meta>`` tag names (``AUTHOR_META``), or None."""
    metas = _metas(root)
    for key in AUTHOR_META:
        value = stated_names(metas.get(key))
        if value and len(value.split()) <= 8:
            return value
    return None


# what marks an element as holding the author: "author", "byline", "writer" in its class,
# id, itemprop or rel, or an author page's address in its link
_AUTHOR_MARK = re.compile(r"(?i)author|byline|writer")
_AUTHOR_PAGE = re.compile(r"(?i)/(?:authors?|writers?|byline)/[^/?#]+")
MAX_MARKED_WORDS = 8
"""An element marked as the author's holding more words than this is a biography or a
list, not a byline."""


def marked_authors(root: HtmlElement) -> list[str]:
    """The names that elements marked as the author's hold (``<span class="byline">``,
    ``itemprop="author"``, ``rel="author"``, a link to an author's page), in page order."""
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script"):
            continue
        marks = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop", "rel"))
        href = element.get("href") or "" if element.tag == "a" else ""
        if not (_AUTHOR_MARK.search(marks) or _AUTHOR_PAGE.search(href)):
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text.split()) > MAX_MARKED_WORDS:
            continue
        names = parse_byline(text if re.match(r"(?i)by\b", text) else "By " + text)
        if names and len(names.split()) >= 2:
            found.append(names)
    # "Par <span class=author>Jane Doe</span>": the inner element's name, less the
    # short word ("Par", "Von", "Door") another language writes "By" with
    inner = set(found)
    kept: list[str] = []
    for name in found:
        first, _, rest = name.partition(" ")
        kept.append(rest if len(first) <= 4 and rest in inner else name)
    return list(dict.fromkeys(kept))


def page_author(root: HtmlElement) -> str | None:
    """The author the page's own metadata names, or None."""
    return jsonld_author(root) or meta_author(root)


_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def without_site(author: str, sites: Collection[str]) -> str | None:
    """``author`` less the names that are the site's (``sites``: normalised as
    :func:`storyline.clean.headline.page_headlines` keeps them): "Jane Doe, Le Monde" gives
    "Jane Doe"; None when every name is the site's ("Le Monde")."""
    parts = [p for p in _NAME_SEPARATOR.split(author) if p.strip()]
    kept = [p for p in parts if _norm(p) not in sites]
    if len(kept) == len(parts):
        return author
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    return ", ".join(kept)
