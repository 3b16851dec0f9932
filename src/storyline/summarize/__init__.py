"""The summarize stage: a short extractive brief in which every sentence cites its sources.

The brief is made of facts (``storyline.analyze.facts``), never of new words: the most
corroborated facts first (most outlets, then most mentions, then earliest in the
articles), while the word budget lasts, then put back in reading order. Each summary
sentence is the text of one article sentence and cites every article sentence that
states the same fact, with offsets into that article's cleaned text, so a citation is
checked by slicing (:func:`check_citations`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..analyze.facts import Fact
from ..analyze.story import StoryAnalysis
from ..dedupe.canonical import published_timestamp
from ..types import Article, Citation

SCHEMA = "storyline/brief/v1"


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]
    fact: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": [
                {"article": c.article, "sentence": c.sentence, "start": c.start, "end": c.end}
                for c in self.citations
            ],
            "fact": self.fact,
        }


@dataclass(frozen=True)
class Brief:
    story_id: str
    headline: str | None
    articles: tuple[Article, ...]
    duplicate_of: Mapping[str, str]
    summary: tuple[SummarySentence, ...]
    analysis: StoryAnalysis
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "story_id": self.story_id,
            "headline": self.headline,
            "articles": [_article_dict(a, self.duplicate_of.get(a.id)) for a in self.articles],
            "summary": [s.to_dict() for s in self.summary],
            **self.analysis.to_dict(),
        }


def _article_dict(article: Article, duplicate_of: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "updated": article.updated,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "word_count": article.word_count,
        "duplicate_of": duplicate_of,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
    }


def select_facts(facts: Sequence[Fact], words: int) -> list[Fact]:
    """The most corroborated facts that fit in ``words`` words, in reading order."""
    chosen: list[Fact] = []
    used = 0
    for fact in facts:  # already most corroborated first
        size = len(fact.text.split())
        if used + size > words:
            if chosen:
                continue
            if size > 2 * words:
                continue
        chosen.append(fact)
        used += size
    return sorted(chosen, key=lambda f: (f.position, f.id))


def make_brief(
    story_id: str,
    articles: Sequence[Article],
    duplicate_of: Mapping[str, str],
    analysis: StoryAnalysis,
    words: int,
) -> Brief:
    summary = tuple(
        SummarySentence(
            fact.text,
            tuple(Citation(m.article, m.sentence, m.start, m.end) for m in fact.mentions),
            fact.id,
        )
        for fact in select_facts(analysis.facts, words)
    )
    ordered = sorted(articles, key=lambda a: (published_timestamp(a.published), a.id))
    headline = next((a.title for a in ordered if a.title), None)
    return Brief(story_id, headline, tuple(ordered), dict(duplicate_of), summary, analysis)


def check_citations(brief: dict[str, Any], texts: Mapping[str, str]) -> list[str]:
    """Problems with a brief's citations (empty when every one checks out).

    Every summary sentence must cite at least one article sentence, and the cited slice
    of that article's cleaned text (``texts``: article id -> text) must be the sentence
    itself (the text of the summary sentence, for the mention it was taken from).
    """
    problems = []
    for number, sentence in enumerate(brief["summary"]):
        citations = sentence["citations"]
        if not citations:
            problems.append(f"summary sentence {number} cites nothing")
        sliced = [texts[c["article"]][c["start"] : c["end"]] for c in citations]
        if sentence["text"] not in sliced:
            problems.append(f"summary sentence {number} is not the text of any sentence it cites")
    return problems
