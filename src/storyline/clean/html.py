"""HTML to article text and metadata, with trafilatura."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

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


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body (comments excluded) and metadata from one HTML page."""
    # Parse once: read the timestamps first, since trafilatura prunes the tree it is given.
    tree = load_html(html)
    if tree is None:
        return HtmlExtraction(text="", url=url)
    timestamps = page_timestamps(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        favor_recall=False,
    )
    if document is None:
        return HtmlExtraction(text="", url=url)
    data = document if isinstance(document, dict) else document.as_dict()
    return HtmlExtraction(
        text=(data.get("text") or "").strip(),
        title=data.get("title") or None,
        author=data.get("author") or None,
        date=data.get("date") or None,
        sitename=data.get("sitename") or None,
        url=data.get("url") or url,
        language=data.get("language") or None,
        **timestamps,
    )


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date.issued",
)
_UPDATED_META = ("article:modified_time", "og:updated_time", "datemodified", "lastmod")
_JSONLD_KEY = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')


def page_timestamps(page: str | HtmlElement) -> dict[str, str | None]:
    """Published/updated timestamps as the page's meta tags or JSON-LD state them (with
    their time zone), or None: trafilatura keeps only the day."""
    found: dict[str, str | None] = {"published": None, "updated": None}
    root = load_html(page) if isinstance(page, str) else page
    if root is None:
        return found
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    for key, names in (("published", _PUBLISHED_META), ("updated", _UPDATED_META)):
        found[key] = next((metas[n] for n in names if n in metas), None)
    for script in root.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            for field, value in _JSONLD_KEY.findall(script.text):
                key = "published" if field == "datePublished" else "updated"
                found[key] = found[key] or json.loads(f'"{value}"')
    return found
