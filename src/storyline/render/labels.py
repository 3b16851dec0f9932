"""How a reader sees an article and its metadata in lists: a title for every article, a
short headline for a link, paths relative to the inputs' folder, a stated time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import PurePath

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

TITLE_WORDS = 14
"""An untitled article is shown by the first words of its text, at most this many."""


def display_title(title: str | None, text: str | None = None) -> str:
    """The article's title, else the first words of its text (with an ellipsis when cut),
    else "Untitled article": every article has something to be listed by."""
    if title and title.strip():
        return title.strip()
    words = (text or "").split()
    if not words:
        return "Untitled article"
    first = " ".join(words[:TITLE_WORDS])
    return first + ("\u2026" if len(words) > TITLE_WORDS else "")


def short_headline(text: str | None, limit: int = 110) -> str | None:
    """A headline for a link: cut at a word before ``limit`` characters, with an ellipsis
    (a brief whose articles have no title takes its lead sentence as its headline)."""
    if text is None:
        return None
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def shown_paths(paths: Iterable[str]) -> dict[str, str]:
    """Each source path as shown to a reader: relative to the folder the inputs share,
    under that folder's name (``seeds/003.txt`` for ``/data/news/seeds/003.txt``); paths
    with nothing in common, standard input and URLs stay as they are."""
    files = sorted({p for p in paths if p and p != "-" and "://" not in p})
    if not files:
        return {}
    try:
        common = PurePath(os.path.commonpath([str(PurePath(p).parent) for p in files]))
    except ValueError:  # absolute and relative paths mixed
        return {p: p for p in files}
    if not common.name:  # nothing shared but the root or the working folder
        return {p: p for p in files}
    return {p: str(PurePath(common.name) / PurePath(p).relative_to(common)) for p in files}


def when_label(published: str | None) -> str | None:
    """``10 Jun 2024, 12:04 UTC+05:30`` (the time as the article states it), ``10 Jun
    2024`` for a day, the value itself for a year or month; None when undated."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if len(published) <= 10:
        return day
    text = f"{day}, {moment:%H:%M}"
    offset = moment.strftime("%z")
    if offset:
        text += " UTC" if offset == "+0000" else f" UTC{offset[:3]}:{offset[3:]}"
    return text
