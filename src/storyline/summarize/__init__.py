"""The summarize stage: a short extractive brief in which every sentence cites its sources.

The brief is made of article sentences, never of new words. :mod:`.select` picks them by
centrality, corroboration, lead position and non-redundancy within a word budget and
orders them; each summary sentence is the text of one article sentence (less the dateline
that may open it: "PARIS (Agency) -- ") and cites every article sentence of its fact
(``storyline.analyze.facts``) that states it, with offsets into that article's cleaned
text. :func:`verify_brief` checks every brief mechanically:
each citation slices its article to the cited sentence, and every number and name of a
summary sentence is stated by each sentence it cites. A brief that fails is a bug:
:func:`make_brief` raises :class:`BriefError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..analyze.facts import Fact, FactMention, outlet_of
from ..analyze.story import StoryAnalysis
from ..analyze.terms import NameAliases, key_terms, missing_terms, name_aliases
from ..dedupe.canonical import published_timestamp
from ..errors import StorylineError
from ..types import Article, Citation
from .select import brief_text, headline, select_sentences

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
    status: str = "complete"  # or "unsupported-language": no analysis, no summary
    language: str | None = None  # the language most of the story's articles are in

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "story_id": self.story_id,
            "headline": self.headline,
            "language": self.language,
            "analysis": self.status,
            "articles": [
                _article_dict(a, self.duplicate_of.get(a.id))
                | {"attributions": self.analysis.attributions_of(a)}
                for a in self.articles
            ],
            "summary": [s.to_dict() for s in self.summary],
            **self.analysis.to_dict(),
        }


def _article_dict(article: Article, duplicate_of: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "outlet": article.outlet,
        "counted_outlet": outlet_of(article),
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


class BriefError(StorylineError):
    """A brief failed its mechanical check: a bug, never an input problem."""

    code = "brief"


def make_brief(
    story_id: str,
    articles: Sequence[Article],
    duplicate_of: Mapping[str, str],
    analysis: StoryAnalysis,
    words: int,
    *,
    status: str = "complete",
    language: str | None = None,
) -> Brief:
    """The brief of one story; raises :class:`BriefError` if it fails :func:`verify_brief`.
    ``status`` and ``language`` are recorded as the brief's ``analysis`` and ``language``."""
    from ..cluster.embed import get_embedder

    picks = select_sentences(analysis.facts, analysis.articles, analysis.vectors, words)
    aliases = name_aliases(e.variants for e in analysis.entities)
    summary = tuple(
        SummarySentence(
            pick.text,
            tuple(
                pick.span
                if m == pick.voice and pick.span is not None
                else Citation(m.article, m.sentence, m.start, m.end)
                for m in sorted(pick.fact.mentions, key=lambda m: m != pick.voice)
                if m == pick.voice or _states(pick.fact, pick.voice, pick.text, m, aliases)
            ),
            pick.fact.id,
        )
        for pick in picks
    )
    ordered = sorted(articles, key=lambda a: (published_timestamp(a.published), a.id))
    title = headline(picks, analysis.articles, lambda texts: get_embedder().embed(texts))
    brief = Brief(
        story_id,
        title,
        tuple(ordered),
        dict(duplicate_of),
        summary,
        analysis,
        status=status,
        language=language,
    )
    problems = verify_brief(brief.to_dict(), {a.id: a for a in articles})
    if problems:
        raise BriefError(f"brief {story_id} fails its check: " + "; ".join(problems))
    return brief


def _states(
    fact: Fact, voice: FactMention, text: str, cited: FactMention, aliases: NameAliases
) -> bool:
    """Whether ``cited`` states the voiced sentence (written as ``text``): as alignment
    found it (every key term and most content words), and at least as verification checks
    it (key terms)."""
    stated = fact.stated_by.get((voice.article, voice.sentence))
    if stated is not None and (cited.article, cited.sentence) not in stated:
        return False
    return not missing_terms(text, cited.text, aliases)


def is_extract(text: str, sentence: str) -> bool:
    """Whether ``text`` is ``sentence`` as a brief may write it: the sentence itself, or
    the sentence less the dateline that opens it (:func:`storyline.clean.metadata.
    dateline_end`: "PARIS (Agency) -- The talks..." -> "The talks...")."""
    return text in (sentence, brief_text(sentence))


def verify_brief(brief: Mapping[str, Any], articles: Mapping[str, Article]) -> list[str]:
    """Problems with a brief's summary (empty when every sentence checks out).

    - every summary sentence cites at least one article sentence;
    - every citation names an article of the brief, its ``sentence`` index exists, and
      ``start``/``end`` are that sentence's offsets: the slice is the sentence;
    - the summary sentence is the text of one sentence it cites, or that sentence less
      its opening dateline (:func:`is_extract`; the brief is extractive);
    - every number and name of it (its key terms, :mod:`storyline.analyze.terms`) is
      stated by *each* sentence it cites; a name may be stated by another variant of the
      same entity of the brief ("Merkel" for "Angela Merkel").
    """
    aliases = name_aliases(e.get("variants", ()) for e in brief.get("entities", ()))
    problems = []
    for number, sentence in enumerate(brief["summary"]):
        where = f"summary sentence {number}"
        citations = sentence["citations"]
        if not citations:
            problems.append(f"{where} cites nothing")
            continue
        sliced: list[tuple[Mapping[str, Any], str]] = []
        for c in citations:
            article = articles.get(c["article"])
            if article is None:
                problems.append(f"{where} cites unknown article {c['article']!r}")
                continue
            index = c["sentence"]
            if not 0 <= index < len(article.sentences):
                problems.append(f"{where} cites sentence {index} of {article.id}: no such sentence")
                continue
            cited = article.sentences[index]
            if c["start"] != cited.start or not _sentence_end(article, index, c["end"]):
                problems.append(
                    f"{where} cites {article.id}[{c['start']}:{c['end']}], not sentence {index} "
                    f"({cited.start}:{cited.end}) or it and the sentences of its paragraph after it"
                )
                continue
            sliced.append((c, article.text[c["start"] : c["end"]]))
        if sliced and not any(is_extract(sentence["text"], text) for _, text in sliced):
            problems.append(f"{where} is not the text of any sentence it cites")
        terms = key_terms(sentence["text"], aliases)
        for cited, text in sliced:
            if missing := missing_terms(terms, text, aliases):
                problems.append(
                    f"{where} has {', '.join(missing)} that its citation of "
                    f"{cited['article']}[{cited['sentence']}] does not state"
                )
    return problems


def _sentence_end(article: Article, index: int, end: int) -> bool:
    """Whether ``end`` ends sentence ``index`` of the article or a later sentence of its
    paragraph (a brief line that runs on with a quotation cites its sentences as one
    span: :class:`storyline.summarize.select.Voice`)."""
    start = article.sentences[index].start
    for sentence in article.sentences[index:]:
        if sentence.end > end or "\n" in article.text[start : sentence.end]:
            return False
        if sentence.end == end:
            return True
    return False


def check_citations(brief: dict[str, Any], texts: Mapping[str, str]) -> list[str]:
    """Problems with a brief's citations, given only the articles' cleaned texts (what an
    outside tool has: the ``text`` of ``storyline clean``).

    Every summary sentence must cite at least one article sentence, and the cited slice
    of that article's text must be the sentence itself (the text of the summary
    sentence, for the mention it was taken from, or the sentence less its opening
    dateline: :func:`is_extract`).
    """
    problems = []
    for number, sentence in enumerate(brief["summary"]):
        citations = sentence["citations"]
        if not citations:
            problems.append(f"summary sentence {number} cites nothing")
        sliced = [texts[c["article"]][c["start"] : c["end"]] for c in citations]
        if not any(is_extract(sentence["text"], text) for text in sliced):
            problems.append(f"summary sentence {number} is not the text of any sentence it cites")
    return problems
