"""HTML to article text and metadata, with trafilatura.

The page is parsed here (lxml with ``huge_tree``: libxml2 otherwise stops at 256 nested
elements and trafilatura sees an empty page) and the tree handed to trafilatura. A page
nested deeper than libxml2 takes even then (2,048) is flagged ``too_deep``; for it, and
for a fragment trafilatura finds no article in (a feed entry's one paragraph),
:func:`page_text` gives the visible text without building a tree, for the plain-text
cleaner.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from . import metadata
from .headline import BODY_WORDS, MIN_HEADLINE_WORDS, content_words, is_markup, page_headlines
from .page_author import (
    jsonld_author,
    listed_names,
    marked_authors,
    meta_author,
    without_site,
)
from .page_dates import resolve_dates, stated_dates

# trafilatura logs every page it finds too short at WARNING; our run summary reports those.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class HtmlExtraction:
    """The main text of a page and the metadata trafilatura found (None when absent)."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    published: str | None = None  # full timestamp from the page's metadata, when stated
    updated: str | None = None
    too_deep: bool = False  # nested deeper than the parser takes: use page_text
    stated_url: str | None = None  # the page's own address (og:url, canonical, JSON-LD)


# trafilatura's parser options, and huge_tree: nesting up to libxml2's 2,048 levels
_PARSER = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# what only a page's markup holds, never a title's text
_MARKUP = re.compile(r"(?i)</head\s*>|<body\b")


def close_title(html: str) -> str:
    """``html`` with an unclosed ``<title>`` closed where its text meets markup. A title
    is text up to ``</title>``: a page whose closing tag was lost or mangled ("</titavaS")
    otherwise reads whole into its title, leaving no body to extract. A title element
    whose text holds ``</head>`` or ``<body`` is cut at its first "<"."""
    opening = _TITLE_OPEN.search(html)
    if opening is None:
        return html
    closing = _TITLE_CLOSE.search(html, opening.end())
    inner = html[opening.end() : closing.start() if closing else len(html)]
    if not _MARKUP.search(inner):
        return html
    cut = opening.end() + inner.find("<")
    return f"{html[:cut]}</title>{html[cut:]}"


def parse_html(html: str) -> tuple[HtmlElement | None, bool]:
    """The page's tree (None when there is none) and whether it was nested too deep to
    parse whole."""
    repaired = repair_faulty_html(html, html[:50].lower())
    data = repaired.encode("utf-8", "surrogatepass")
    if not data.strip():
        return None, False
    try:
        tree = lxml.html.fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    too_deep = any("Excessive depth" in entry.message for entry in _PARSER.error_log)
    return tree, too_deep


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body (comments excluded) and metadata from one HTML page."""
    # Parse once: read the timestamps first, since trafilatura prunes the tree it is given.
    html = close_title(html)
    tree, too_deep = parse_html(html)
    if tree is None or too_deep:
        return HtmlExtraction(text="", url=url, too_deep=too_deep)
    stated = stated_dates(tree)
    headlines = page_headlines(tree, url=url)
    stated_author = jsonld_author(tree), meta_author(tree)
    marked = marked_authors(tree)
    stated_url = page_url(tree, base=url)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        favor_recall=False,
    )
    if document is None:
        return HtmlExtraction(text="", url=url, stated_url=stated_url)
    data = document if isinstance(document, dict) else document.as_dict()
    text = (data.get("text") or "").strip()
    published, updated = resolve_dates(stated, data.get("date") or None)
    # strongest first: a title and a heading agree; a title part is shown just before
    # the body; a title is about the body, unless it is no title written for the article
    # (og:title...) and a line shown as a heading just before the body shares more of its
    # words ("National Hockey League" beside the game's headline); a heading is shown
    # just before the body; a line reading like a headline is
    before = _lines_before_body(html, text) if text else None
    window = before.lines[: before.at + 1] if before else []
    trusted = headlines.whole or headlines.agreed == headlines.best(text)
    agreed = headlines.agreed if trusted else None
    headline = agreed or headlines.shown(window, text, headings=False)
    if headline is None:
        best = headlines.best(text)
        headed = _headline_line(before, text, headed_only=True) if before else None
        written = best is not None and headlines.written(best)
        if headed and best and not written and _shared(headed, text) > _shared(best, text):
            best = headed
        headline = best or headlines.shown(window, text)
    if headline is None and before:
        headline = _headline_line(before, text)
    if headline is None:
        # no stated title is about the article: the headline-like line before its body
        # or opening it, if it is no single word and not a line of the body's prose (a
        # first line that the next one continues in lower case is prose wrapped)
        line = _title_before_body(before)
        opening = text.split("\n", 2)
        opens = len(opening) > 1 and opening[0].strip() == line and opening[1].strip()[:1].isupper()
        if line and len(line.split()) >= MIN_HEADLINE_WORDS and (line not in text or opens):
            headline = line
    if headline is None:
        given = data.get("title") or None
        headline = headlines.best() or (given if given and not is_markup(given) else None)
    return HtmlExtraction(
        text=text,
        title=headline,
        author=_author(
            [
                stated_author[0],
                _byline_near_body(before),
                _marked_near_body(before, marked, headline),
                stated_author[1],
                listed_names(data.get("author")),
            ],
            headlines.sites,
        ),
        date=data.get("date") or None,
        sitename=data.get("sitename") or None,
        url=data.get("url") or url,
        language=data.get("language") or None,
        published=published,
        updated=updated,
        stated_url=stated_url,
    )


def _author(found: list[str | None], sites: frozenset[str]) -> str | None:
    """The first author found (strongest source first) less the parts that name the site
    ("Jane Doe, Le Monde"); one that is only the site's name gives way to a later one
    naming persons (a JSON-LD author "Le Monde" beside a "By Jane Doe" line)."""
    kept = [a for a in found if a]
    for author in kept:
        if (named := without_site(author, sites)) is not None:
            return named
    return kept[0] if kept else None


BEFORE_BODY_LINES = 30
"""How many lines of the page's visible text before the article body are read for its
headline and byline."""
_BY = re.compile(r"(?i)^by\s+\w")


@dataclass(frozen=True)
class Before:
    """The page's visible text lines around the start of the article body (what
    :func:`_lines_before_body` finds, read once per page and shared by the readers
    below)."""

    lines: list[str]
    at: int
    """The index of the body's first line among ``lines``."""
    headed: frozenset[int] = frozenset()
    """Indexes of lines shown as headings (``<h1>``-``<h3>``, or an element whose class
    or id reads headline, heading or title)."""
    captions: frozenset[int] = frozenset()
    """Indexes of lines shown as captions (``<figcaption>``, or an element whose class
    or id reads caption)."""


def _lines_before_body(html: str, body: str) -> Before | None:
    """The page's visible text lines from ``BEFORE_BODY_LINES`` before the article body
    to its third line, with the index of the body's first line among them; None when the
    body is not found in the page's text."""
    first = next((line for line in body.split("\n") if len(line.split()) >= 5), None)
    if first is None:
        return None
    marked = _marked_text(html).split("\n")
    lines = [line.lstrip(_HEADED + _CAPTION) for line in marked]
    at = next((i for i, line in enumerate(lines) if first[:60] in line), None)
    if at is None:
        at = _first_prose_line(lines, body)
    if at is None:
        return None
    start = max(0, at - BEFORE_BODY_LINES)
    kept = range(start, min(at + 3, len(lines)))
    return Before(
        lines[start : at + 3],
        at - start,
        frozenset(i - start for i in kept if marked[i].startswith(_HEADED)),
        frozenset(i - start for i in kept if marked[i].startswith(_CAPTION)),
    )


def _first_prose_line(lines: list[str], body: str) -> int | None:
    """The index of the first of the page's ``lines`` that is a sentence of the article
    (more than ``MAX_BYLINE_LINE_WORDS`` words, ending as a sentence does, found in the
    body's text): where the body starts when its first line is not one of the page's
    (a layout table's cells, joined by trafilatura into one line with the headline)."""
    folded = _fold(body)
    for i, line in enumerate(lines):
        sentence = len(line.split()) > MAX_BYLINE_LINE_WORDS and line.endswith(_SENTENCE_END)
        if sentence and (key := _fold(line)) and key in folded:
            return i
    return None


_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")")


def _shared(line: str, body: str) -> int:
    """How many content words ``line`` shares with the article's first ``BODY_WORDS``."""
    return len(content_words(line) & content_words(" ".join(body.split()[:BODY_WORDS])))


def _headline_line(before: Before, body: str, *, headed_only: bool = False) -> str | None:
    """The line nearest before the article body that reads like a headline and shares a
    word with the article's opening (a section's name, "Sports Wire", shares none), no
    caption; a line shown as a heading first."""
    about = content_words(" ".join(body.split()[:BODY_WORDS]))
    found = [
        (i in before.headed, i)
        for i, line in enumerate(before.lines[: before.at])
        if i not in before.captions
        and (i in before.headed or not headed_only)
        and metadata.looks_like_headline(line)
        and content_words(line) & about
        and not _continued(before.lines, i)
    ]
    return before.lines[max(found)[1]] if found else None


def _continued(lines: list[str], i: int) -> bool:
    """Line ``i`` is wrapped prose (:func:`metadata.wrapped_before` its next line)."""
    return i + 1 < len(lines) and metadata.wrapped_before(lines[i + 1])


def _title_before_body(before: Before | None) -> str | None:
    """The headline-like line that comes last before the article body in the page's
    visible text (how a plain-text article is read), for pages whose markup names no
    headline."""
    from .plaintext import clean_plaintext

    if before is None:
        return None
    shown = [line for i, line in enumerate(before.lines) if i not in before.captions]
    title = clean_plaintext("\n".join(shown)).title
    at = next((i for i, line in enumerate(shown) if line.strip() == title), None)
    return None if at is not None and _continued(shown, at) else title


def _byline_near_body(before: Before | None) -> str | None:
    """The names of the "By ..." line nearest the start of the article body in the
    page's visible text (the last before it, else the first of its first lines; "By"
    alone on a line takes the line after it), or None."""
    lines, at = (before.lines, before.at) if before else ([], 0)
    lines = [" ".join(line.split()) for line in lines]
    order = [*range(at - 1, -1, -1), *range(at, len(lines))]
    for i in order:
        text = lines[i]
        if text.lower() == "by" and i + 1 < len(lines):
            text = f"by {lines[i + 1]}"
        if _BY.match(text) and (names := metadata.parse_byline(text)):
            return names
    return None


MAX_BYLINE_LINE_WORDS = 12
"""A line longer than this that names a person is prose about them, not a byline."""


def _marked_near_body(before: Before | None, names: list[str], headline: str | None) -> str | None:
    """Of ``names`` (held by elements marked as the author's), the first shown on a short
    line between the headline and the article body's third line, or None (also when the
    headline is not shown before the body: the lists of other articles that pages show
    before it name their authors too)."""
    if not names or not headline:
        return None
    lines, at = (before.lines, before.at) if before else ([], 0)
    folded = [_fold(line) for line in lines]
    shown = [i for i in range(min(at + 1, len(lines))) if folded[i] == _fold(headline)]
    if not shown:
        return None
    keys = [(name, _fold(name)) for name in names]
    for line in folded[shown[-1] + 1 :]:
        if len(line.split()) > MAX_BYLINE_LINE_WORDS:
            continue
        for name, key in keys:
            if key and key in line:
                return name
    return None


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def page_timestamps(page: str | HtmlElement) -> dict[str, str | None]:
    """Published/updated timestamps as the page's meta tags or JSON-LD state them (with
    their time zone), checked (:mod:`.page_dates`), or None."""
    root = parse_html(page)[0] if isinstance(page, str) else page
    if root is None:
        return {"published": None, "updated": None}
    published, updated = resolve_dates(stated_dates(root), None)
    return {"published": published, "updated": updated}


_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "backgroundnewsarticle", "liveblogposting", "webpage"}
)  # fmt: skip


def page_url(page: HtmlElement, *, base: str | None = None) -> str | None:
    """The address the page gives itself: ``og:url``, else ``<link rel="canonical">``, else
    the ``url`` (or ``mainEntityOfPage``) of its JSON-LD article; a relative one resolved
    against ``base``. Only http(s) addresses count; None when the page states none."""
    candidates: list[str] = []
    for meta in page.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
            candidates.append(meta.get("content") or "")
    for link in page.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            candidates.append(link.get("href") or "")
    for script in page.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            candidates.extend(_jsonld_urls(script.text))
    for candidate in candidates:
        absolute = urljoin(base, candidate.strip()) if base else candidate.strip()
        if urlsplit(absolute).scheme in ("http", "https") and urlsplit(absolute).hostname:
            return absolute
    return None


def _jsonld_urls(text: str) -> list[str]:
    """The ``url`` and ``mainEntityOfPage`` of the article objects in a JSON-LD block."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                for key in ("url", "mainEntityOfPage"):
                    value = item.get(key)
                    value = value.get("@id") if isinstance(value, dict) else value
                    if isinstance(value, str):
                        found.append(value)
            stack.extend(v for k, v in item.items() if k == "@graph")
    return found


# Elements whose text a reader never sees, and elements that end a line.
_INVISIBLE = frozenset(
    {"script", "style", "template", "noscript", "svg", "math", "select", "title", "textarea"}
)
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip


class _VisibleText(HTMLParser):
    """Text outside invisible elements, a line break at each block's start and end. A
    tokenizer, not a tree: any nesting depth costs nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self.hidden.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and tag == self.hidden[-1]:
            self.hidden.pop()
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
        elif self.hidden == ["title"]:
            self.title.append(data)


_HEADED = "\x01"
_CAPTION = "\x02"
_HEADING_TAGS = frozenset({"h1", "h2", "h3"})
_HEADING_CLASS = re.compile(r"(?i)head(?:line|ing)|(?<!sub)title")
_CAPTION_CLASS = re.compile(r"(?i)(?<![a-z])(?:fig)?cap(?:tion)?s?(?![a-z])")


class _MarkedText(_VisibleText):
    """:class:`_VisibleText` whose lines opening a heading or a caption begin with a
    mark (``_HEADED``, ``_CAPTION``)."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        if self.hidden or tag not in _BLOCKS:
            return
        named = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if tag == "figcaption" or _CAPTION_CLASS.search(named):
            self.pending = _CAPTION
        elif tag in _HEADING_TAGS or _HEADING_CLASS.search(named):
            self.pending = _HEADED

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag in _BLOCKS:
            self.pending = ""

    def handle_data(self, data: str) -> None:
        if self.pending and not self.hidden and data.strip():
            self.parts.append(self.pending)
            self.pending = ""
        super().handle_data(data)


def _marked_text(html: str) -> str:
    """:func:`page_text`'s lines, each line opening a heading or a caption marked."""
    reader = _MarkedText()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line.strip(_HEADED + _CAPTION + " "))


def page_text(html: str) -> tuple[str, str | None]:
    """The visible text of a page or fragment, one line per block, entities decoded
    (what a reader would copy, for the plain-text cleaner), and its ``<title>``."""
    reader = _VisibleText()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    title = " ".join("".join(reader.title).split())
    return "\n".join(line for line in lines if line), title or None
