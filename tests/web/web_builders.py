"""A real store for the web tests: the five seeds plus a hostile article and its copy,
briefed by the pipeline and written with the store's write API (not ``ingest``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.api import build_briefs
from storyline.render.brief import outlet_key
from storyline.store import Store, open_store
from storyline.summarize import Brief

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
XSS_ID = "xss-article"
XSS_COPY_ID = "xss-copy"
HOSTILE = frozenset({XSS_ID, XSS_COPY_ID})
XSS_URL = "https://harbour-gazette.example/city/site-hacked?x=1&y=2"
"""The hostile article's original (linked); its copy's url is a script (never linked)."""
BAD_URL = "javascript:alert(3)"
XSS_TITLE = f"Hackers post {SCRIPT} and {IMAGE} on city site"
XSS_TEXT = (
    f"Officials in the port city said on Tuesday that {SCRIPT} was found pasted into a "
    "municipal website. "
    f"The city's technology office said an attacker had also inserted {IMAGE} into the "
    "comment field of the page. "
    "Engineers removed the code within an hour and said no resident data had been exposed. "
    "The office plans to review its web forms before the end of the month."
)


@dataclass(frozen=True)
class WebStore:
    """The built database and what the tests need to know about it."""

    path: Path
    briefs: dict[str, dict[str, Any]]  # story id -> brief (storyline/brief/v1)
    texts: dict[str, str]  # article id -> cleaned text
    seeds_story: str
    xss_story: str


def hostile_articles(folder: Path) -> Path:
    """A JSON Lines file: the hostile article and an exact copy of it under another id."""
    path = folder / "hostile.jsonl"
    record = {
        "title": XSS_TITLE,
        "text": XSS_TEXT,
        "outlet": "Harbour Gazette",
        "published": "2024-06-20T09:00:00+00:00",
    }
    lines = [
        json.dumps({"id": XSS_ID, **record, "url": XSS_URL}),
        json.dumps({"id": XSS_COPY_ID, **record, "outlet": "Harbour Wire", "url": BAD_URL}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def save_brief(store: Store, brief: Brief) -> None:
    """One story in one transaction: articles, duplicate links, membership, row, brief."""
    data = brief.to_dict()
    members = {article.id for article in brief.articles}
    originals = [a for a in data["articles"] if not a["duplicate_of"]]
    dates = [a.published for a in brief.articles if a.published]  # make_brief orders them
    with store.write():
        for article in brief.articles:
            store.add_article(article, "web-tests")
        for copy, canonical in brief.duplicate_of.items():
            if copy in members:  # the mapping covers the whole run, not only this story
                store.set_duplicate(copy, canonical, "exact", 1.0)
        store.save_story(
            brief.story_id,
            headline=brief.headline,
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
            article_count=len(brief.articles),
            outlet_count=len({outlet_key(a) for a in originals}),
            independent_origins=max((f["independent_origins"] for f in data["facts"]), default=1),
        )
        for article in brief.articles:
            store.assign_story(article.id, brief.story_id)
        store.save_brief(brief.story_id, data)


def build_web_store(seeds: Path, folder: Path) -> WebStore:
    run = build_briefs([str(seeds), str(hostile_articles(folder))])
    path = folder / "web.db"
    with open_store(path, writer=True) as store:
        for brief in run.briefs:
            save_brief(store, brief)
    briefs = {b.story_id: b.to_dict() for b in run.briefs}
    texts = {a.id: a.text for b in run.briefs for a in b.articles}
    owner = {a.id: b.story_id for b in run.briefs for a in b.articles}
    seeded = {owner[a.id] for b in run.briefs for a in b.articles if a.id not in HOSTILE}
    assert len(seeded) == 1, f"the seeds should make one story, not {sorted(seeded)}"
    seeds_story = seeded.pop()
    return WebStore(path, briefs, texts, seeds_story, owner[XSS_ID])
