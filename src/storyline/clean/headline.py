"""A page's headline: its title without the site's name or section.

Pages state their title in several places: ``<title>``, ``og:title`` / ``twitter:title``,
the JSON-LD ``headline`` of the article, and the ``<h1>`` a reader sees. The first three
often carry the site ("… | Le Monde Politique", "lemonde.fr: …", "… - Football -
Sport"); the heading rarely does. The candidates, in order:

1. the headline a title and a heading (``<h1>``, else an element marked as a headline or
   title, else ``<h2>``) agree on: a heading that is one of the title's separated parts
   (a colon after a word separates too: "Sport: headline"), else a heading the title
   opens or ends with, else a title part a heading opens with and adds only a date or a
   time to ("headline 28/12/2007 11:27");
2. each title less its site: a title of three or more parts ("headline - section -
   site") is its longest part; a "site: " before a colon goes when it names the site; a
   title loses each end part that names the site (its ``og:site_name``, the publisher of
   its JSON-LD, a copyright line, its host name, a domain name), that the page shows on
   its own elsewhere (a navigation link, a breadcrumb, a logo's text), that is the
   shorter side of a pipe ("headline | site"), or, at its end, that is a short name (up
   to ``MAX_NAME_WORDS`` words, each capitalised: "headline - The Daily Item"), as long
   as a headline of at least ``MIN_HEADLINE_WORDS`` words is left;
3. the page's headings.

A candidate that is only the site's name is none. Given the article's text,
:meth:`Headlines.best` takes the first candidate sharing a word with its first
``BODY_WORDS`` words (a title that is a site's or a section's name, "Local Sports Wire",
shares none); with none, the caller falls back on the text line before the article (as
plain text is read). Given also the page's visible lines before the article,
:meth:`Headlines.shown` finds the title part (or, failing that, the heading) shown
nearest before the body, the order of the two ways being set by the caller
(:func:`storyline.clean.html.extract_html`: the agreed title and heading, then a title
part shown, then :meth:`Headlines.best`, then a heading shown). Every rule is about
where a page puts its name, never about a particular site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

__all__ = ["Headlines", "content_words", "is_markup", "page_headline", "page_headlines"]

MIN_HEADLINE_WORDS = 3
"""A title cut shorter than this keeps its parts: "Sports - Local Teams" is no headline."""

MAX_LABEL_WORDS = 6
"""Page texts up to this long are labels (links, breadcrumbs) a title part may repeat."""

BODY_WORDS = 300
"""A title sharing no word with this many first words of the article is not its title
(tuned on L3S-GN1's even positions: 200 to 500 all give the same figures there)."""

# characters of scripts written without spaces (Chinese, Japanese, Korean)
_UNSPACED = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_SEPARATOR = re.compile(
    r"\s+(?:[|–—·•»«:>/]{1,2}|-{1,2}|::)\s+|\s*[|»«｜]\s*|_(?=[A-Z])"
    # a dash spaced on one side only, before a capital: "Music- headline", "site -Headline"
    r"|(?<=\w)[-–—]\s+(?=[A-Z])|\s+[-–—](?=[A-Z])"
)
# An underscore beside a character of a script written without spaces separates in a
# title that has no other separator ("标题_科技_网"); elsewhere it may be the title's own.
_UNSPACED_UNDERSCORE = re.compile(rf"\s*(?:(?<=[{_UNSPACED}])_|_(?=[{_UNSPACED}]))\s*")
# A pipe or a double colon separates a site from a headline, never two halves of one.
_PIPE = re.compile(r"\s(?:\||::)\s|｜")
# What pages wrap their JSON-LD in: CDATA sections and HTML comments.
_JSON_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
# What a title never holds, but a title whose closing tag was lost swallows: markup,
# comment ends and script code.
_DEBRIS = re.compile(r"-->|</?[A-Za-z][^>]*>|[{};]\s*[\w.]+\s*[({=]|\w\([\"']")
_ARTICLE_TYPES = re.compile(r"(?i)article|posting|report|story|webpage")


def is_markup(text: str) -> bool:
    """Whether ``text`` holds markup, a comment's end or script code: what a title whose
    closing tag was lost swallows, never a headline."""
    return bool(_DEBRIS.search(text))


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


def _added_parts(titles: list[str]) -> set[str]:
    """The site, as the parts one stated title adds to another: a ``<title>`` "headline |
    Le Monde Politique" beside an ``og:title`` "headline" names the site in its added
    part (normalised)."""
    found: set[str] = set()
    split = [[_norm(p) for p in _SEPARATOR.split(t) if p.strip()] for t in titles]
    for short in split:
        for long in split:
            if len(long) <= len(short) or not short:
                continue
            if long[: len(short)] == short:
                found.update(p for p in long[len(short) :] if p not in short)
            elif long[-len(short) :] == short:
                found.update(p for p in long[: -len(short)] if p not in short)
    return {n for n in found if len(n) >= 3}


def _site_names(root: HtmlElement, metas: dict[str, str], url: str | None = None) -> set[str]:
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
    urls = [metas.get("og:url", ""), url or ""]
    urls += [link.get("href") or "" for link in root.iter("link") if link.get("rel") == "canonical"]
    for url in urls:
        host = urlsplit(url).hostname if url.startswith("http") else None
        if host:
            names.add(host.removeprefix("www."))
            names.add(host.removeprefix("www.").split(".")[0])
    # a "name" as long as a headline (a copyright line's whole sentence) is none
    names = {n for n in names if len(n.split()) <= MAX_LABEL_WORDS}
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


def _word_count(text: str) -> float:
    """Words of ``text``, a character of a script written without spaces (Chinese,
    Japanese, Korean) counting as half a word."""
    unspaced = len(_CJK.findall(text))
    return len(re.findall(r"\w+", _CJK.sub(" ", text))) + unspaced / 2


def _is_site(part: str, sites: set[str]) -> bool:
    if _DOMAIN.match(part.strip()):
        return True
    key = _norm(part)
    # a label-long part naming the site and more ("Le Monde Politique") is the site's; a
    # headline that mentions the site ("Le Monde buys a printing house") is not
    short = _word_count(part) <= MAX_LABEL_WORDS
    return bool(key) and any(
        key == s or (len(key) >= 4 and (key in s or (short and s in key))) for s in sites
    )


MAX_NAME_WORDS = 3
"""A title's last part this short, every word capitalised, is a name (tuned: L3S-GN1 even
positions)."""


def _size(text: str) -> float:
    """Words of ``text`` split at spaces; with characters of a script written without
    spaces, :func:`_word_count`."""
    return _word_count(text) if _CJK.search(text) else len(text.split())


def _is_name(part: str) -> bool:
    """A short part every word of which is capitalised: a name ("The Daily Item"); in a
    script written without spaces, a part of up to ``MAX_NAME_WORDS`` words as
    :func:`_word_count` counts them."""
    if _CJK.search(part) and not re.search(r"[^\W\d_]{2,}", _CJK.sub("", part)):
        return 0 < _word_count(part) <= MAX_NAME_WORDS
    words = part.split()
    capitalised = all(w[0].isupper() or not w[0].isalpha() for w in words)
    return 0 < len(words) <= MAX_NAME_WORDS and capitalised


def _strip_site(title: str, sites: set[str], labels: set[str]) -> str:
    opening, colon, after = title.partition(": ")
    if (
        colon
        and _size(after) >= MIN_HEADLINE_WORDS
        and (_is_site(opening, sites) or _norm(opening) in labels)
    ):
        title = after.strip()
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) >= 3:
        # "headline - section - site", "site > section > headline": the longest part
        longest = max(parts, key=_size)
        if _size(longest) >= MIN_HEADLINE_WORDS and not _is_site(longest, sites):
            return longest.strip()
    while len(parts) > 1:
        for end in (-1, 0):
            part = parts[end]
            rest = parts[:-1] if end == -1 else parts[1:]
            if _size(" ".join(rest)) < MIN_HEADLINE_WORDS:
                continue
            shorter = _size(part) < _size(" ".join(rest))
            named = end == -1 and _is_name(part)
            if (
                _is_site(part, sites)
                or _norm(part) in labels
                or (shorter and _PIPE.search(title))
                or named
            ):
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


# A site or section before a colon ("Le Monde: headline", "Sport: headline"); within a
# headline a colon follows a word too, so a part split here needs confirming.
_COLON = re.compile(r"(?<=\w):\s+")
# What a heading may add after the headline it repeats: a date, a time, a place code.
_NO_WORDS = re.compile(r"[^A-Za-z]*(?:\b[A-Za-z]{1,2}\b[^A-Za-z]*)*")


def _parts(title: str) -> list[str]:
    """The title's separated parts, each also split at a colon after a word."""
    parts = [p.strip() for p in _SEPARATOR.split(title) if p.strip()]
    fine = [q.strip() for p in parts for q in _COLON.split(p) if q.strip()]
    return parts + [q for q in fine if q not in parts]


def _matching_heading(titles: list[str], headings: list[str]) -> str | None:
    """The headline that a title and a heading agree on, or None. Strongest first: a
    heading that is one of a title's parts; a heading a title opens or ends with; a title
    part a heading opens with, the heading adding only a date or a time (the part)."""
    keyed = [(_norm(t), {_norm(p) for p in _parts(t)}) for t in titles]
    normed = [(h, _norm(h)) for h in headings]
    for heading, h in normed:
        if len(h) >= 8 and any(h in parts for _, parts in keyed):
            return heading
    for heading, h in normed:
        if len(h) >= 8 and any(key.startswith(h) or key.endswith(h) for key, _ in keyed):
            return heading
    for title in titles:
        for part in sorted(_parts(title), key=len, reverse=True):
            if len(part.split()) < MIN_HEADLINE_WORDS:
                continue
            for heading in headings:
                rest = _opening_rest(heading, part)
                if rest is not None and _NO_WORDS.fullmatch(rest):
                    return part
    return None


def _opening_rest(text: str, opening: str) -> str | None:
    """What ``text`` has after ``opening`` (compared as :func:`_norm` does), or None when
    it does not open with it."""
    want = _norm(opening)
    if not want or not _norm(text).startswith(want):
        return None
    seen = ""
    for at, ch in enumerate(text):
        seen += _norm(ch)
        if seen == want:
            return text[at + 1 :]
    return None


def _date_only(text: str, words: int = 0) -> bool:
    """Whether ``text`` is a date or a time, and at most ``words`` other words of three
    letters or more ("Sport - January 14, 2008")."""
    from .metadata import DATE_WORDS

    other = [w for w in re.findall(r"[^\W\d_]{3,}", text) if w.casefold() not in DATE_WORDS]
    return len(other) <= words and (not words or any(ch.isdigit() for ch in text))


def _long(text: str) -> bool:
    """Whether ``text`` has ``MIN_HEADLINE_WORDS`` words or more."""
    return len(re.findall(r"\w+", text)) >= MIN_HEADLINE_WORDS


_CJK = re.compile(f"[{_UNSPACED}]")


def content_words(text: str) -> set[str]:
    """Words of four letters or more; in scripts written without spaces (Chinese,
    Japanese, Korean), pairs of characters."""
    words: set[str] = set()
    for word in re.findall(r"\w+", text.casefold()):
        if _CJK.search(word):
            words.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= 4:
            words.add(word)
    return words


@dataclass(frozen=True)
class Headlines:
    """What a page states its headline to be, read before the tree is pruned: the
    headline a title and a heading agree on, if any, then the titles less the site's
    name, then the headings."""

    candidates: tuple[str, ...]
    titles: tuple[str, ...] = ()
    """The titles the page states (JSON-LD headline, og:/twitter:title, ``<title>``)."""
    sites: frozenset[str] = frozenset()
    """The site's names (normalised), as :func:`_site_names` finds them."""
    agreed: str | None = None
    """The headline a title and a heading agree on (the first candidate), if any."""
    whole: bool = False
    """Whether ``agreed`` is a whole ``og:title``, ``twitter:title`` or JSON-LD headline
    (not the ``<title>`` alone), of ``MIN_HEADLINE_WORDS`` words or more: a title written
    for the article that the page's heading repeats word for word is the headline
    whatever words the article uses ("4 Things to Do in October" over an article writing
    "Oct.")."""

    social: frozenset[str] = frozenset()
    """The ``og:title``, ``twitter:title`` and JSON-LD headlines (normalised): titles
    written for the article, never a section's."""

    def written(self, text: str) -> bool:
        """Whether ``text`` is a title written for the article (see ``social``), or a
        part of one."""
        key = _norm(text)
        return bool(key) and any(key in title for title in self.social)

    def shown(self, lines: list[str], body: str, *, headings: bool = True) -> str | None:
        """The headline a reader sees: the line nearest before the article's first
        paragraph (``lines`` are the page's visible text lines before it, the last one
        being that paragraph or the body's first line) that a stated title agrees with:
        a part of a title, a line of ``MIN_HEADLINE_WORDS`` words or more inside a
        title, or such a title part followed by a date only; but when that part shares no
        word with the article and a line between it and the body reads like a headline
        and does, that line. Failing that, the nearest
        line that is one of the page's headings and no byline (unless ``headings`` is
        False). A line that
        names the site is none, nor is one shorter than ``MIN_HEADLINE_WORDS`` words
        sharing no word with the article (a section's name, "Sports Wire"). None when
        no line agrees."""
        from .metadata import looks_like_headline, parse_byline, wrapped_before

        parts = {_norm(p): p for t in self.titles for p in _parts(t)}
        keys = [_norm(t) for t in self.titles]
        shown_headings = {_norm(c) for c in self.candidates}
        about = content_words(" ".join(body.split()[:BODY_WORDS]))
        sites = set(self.sites)

        def fits(text: str) -> bool:
            if len(_norm(text)) < 8 or _is_site(text, sites) or _date_only(text, 1):
                return False
            return _long(text) or bool(content_words(text) & about)

        def in_title(line: str) -> str | None:
            key = _norm(line)
            if key in parts or (_long(line) and any(key in k for k in keys)):
                return line
            for part in parts.values():
                rest = _opening_rest(line, part) if _long(part) else None
                if rest is not None and _date_only(rest):
                    return part
                rest = _opening_rest(line[::-1], part[::-1]) if _long(part) else None
                if rest is not None and _date_only(rest[::-1]):
                    return part
            return None

        lines = [" ".join(line.split()) for line in reversed(lines)]
        nearer = None  # a headline-like line about the article, nearer the body
        for at, line in enumerate(lines):
            found = in_title(line)
            if found and fits(found):
                # a title part about nothing in the article, with such a line nearer
                # the body, was the section's name ("Local Sports Wire")
                return found if nearer is None or content_words(found) & about else nearer
            headline_like = at and looks_like_headline(line)  # the body's line is none
            wrapped = at and wrapped_before(lines[at - 1])  # (lines run backwards)
            if nearer is None and headline_like and not wrapped and content_words(line) & about:
                nearer = line
        for line in lines if headings else []:
            if _norm(line) in shown_headings and fits(line) and parse_byline(line) is None:
                return line
        return None

    def best(self, body: str | None = None) -> str | None:
        """The first candidate; ``body`` (the article text) given, the first sharing a
        word with its first ``BODY_WORDS`` words (a site's or a section's name shares
        none), else the part of a title (``MIN_HEADLINE_WORDS`` words or more, not the
        site's name) sharing the most words with them ("Site - Region News, Weather |
        headline"), None when none does."""
        if not body:
            return next(iter(self.candidates), None)
        about = content_words(" ".join(body.split()[:BODY_WORDS]))
        found = next((c for c in self.candidates if content_words(c) & about), None)
        if found is not None:
            return found
        parts = [p for t in self.titles for p in _parts(t)]
        shared = [
            (len(content_words(p) & about), p)
            for p in parts
            if _long(p) and not _is_site(p, set(self.sites))
        ]
        most = max(shared, default=(0, ""), key=lambda pair: pair[0])
        return most[1] if most[0] else None


def page_headlines(
    root: HtmlElement, fallback: str | None = None, url: str | None = None
) -> Headlines:
    """The headline candidates of the page whose tree is ``root`` (``fallback``: a title
    found otherwise, used like ``<title>``; ``url``: the page's address, whose host names
    the site)."""
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
    titles = [" ".join(t.split()) for t in stated if t and t.strip() and not is_markup(t)]
    titles = [_UNSPACED_UNDERSCORE.sub(" | ", t) if not _SEPARATOR.search(t) else t for t in titles]
    headings = _headings(root)
    agreed = _matching_heading(titles, headings)
    sites = _site_names(root, metas, url) | _added_parts(titles)
    labels = _labels(root)
    stripped = [_strip_site(title, sites, labels) for title in titles]
    found = [c for c in (agreed, *stripped, *headings) if c and not _is_site(c, sites)]
    agreed = agreed if agreed in found else None
    # written for the article (not the <title>, which may be a section's or the site's)
    social = {_norm(t) for t in stated[:-2] if t}
    whole = agreed is not None and _long(agreed) and _norm(agreed) in social
    return Headlines(
        tuple(dict.fromkeys(found)),
        tuple(titles),
        frozenset(sites),
        agreed,
        whole,
        frozenset(social),
    )


def page_headline(
    root: HtmlElement, fallback: str | None = None, body: str | None = None
) -> str | None:
    """The headline of the page whose tree is ``root`` (see :func:`page_headlines` and
    :meth:`Headlines.best`); None when the page names only itself."""
    return page_headlines(root, fallback).best(body)
