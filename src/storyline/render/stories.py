"""The ``stories`` contract (``{"stories": [{"id", "articles": [...]}]}``) and a terminal view.

Each story also names its ``topic``: the thread of related stories (a topic id is shared
by the stories of one subject; see :mod:`storyline.cluster.topics`)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..api import StoryRun


def stories_to_dict(run: StoryRun) -> dict[str, Any]:
    return {
        "stories": [
            {
                "id": story.id,
                "topic": story.topic,
                "size": len(story.articles),
                "articles": [dataclasses.asdict(article) for article in story.articles],
            }
            for story in run.stories
        ],
        "duplicates": [dataclasses.asdict(link) for link in run.duplicates],
        "syndication": [dataclasses.asdict(link) for link in run.syndication],
        "summary": {
            "articles": run.summary.articles,
            "stories": len(run.stories),
            "topics": len({story.topic or story.id for story in run.stories}),
            "duplicates": len(run.duplicates),
            "notices": run.summary.notices,
            "syndication": len(run.syndication),
            "skipped": dict(sorted(run.summary.skipped.items())),
        },
    }


def stories_to_text(run: StoryRun) -> str:
    lines: list[str] = []
    label = {
        article.id: article.outlet or article.title or article.source_path
        for story in run.stories
        for article in story.articles
    }
    wire: dict[str, list[str]] = {}
    for link in run.syndication:
        wire.setdefault(link.a, []).append(f"{label[link.b]} ({link.shared_chars} chars)")
        wire.setdefault(link.b, []).append(f"{label[link.a]} ({link.shared_chars} chars)")
    for story in run.stories:
        first = story.articles[0]
        topic = f"  topic {story.topic}" if story.topic else ""
        lines.append(
            f"{story.id}  {len(story.articles)} article(s)  {first.title or first.id}{topic}"
        )
        for article in story.articles:
            when = (article.published or "undated")[:10]
            copy = f"  (copy of {article.duplicate_of})" if article.duplicate_of else ""
            name = article.title or article.source_path
            lines.append(f"  {when}  {article.outlet or '-'}  {name}{copy}")
            if article.id in wire:
                lines.append(f"      shares wire text with {', '.join(wire[article.id])}")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
