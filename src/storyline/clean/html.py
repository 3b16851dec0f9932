"""HTML to article text and metadata, with trafilatura."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

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


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body (comments excluded) and metadata from one HTML page."""
    document = trafilatura.bare_extraction(
        html,
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
    )
