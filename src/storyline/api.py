"""The functions the CLI, the web app and library users call."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, TypeVar

from .cluster.features import ArticleFeatures
from .cluster.stories import StoryIndex, cluster_batch, story_id
from .dedupe import (
    DuplicateIndex,
    DuplicateLink,
    SyndicationIndex,
    SyndicationLink,
    SyndicationText,
    syndication_links,
)
from .dedupe.canonical import published_timestamp
from .pipeline import Prepared, RunSummary, clean_inputs, prepared_inputs
from .settings import Settings
from .summarize import Brief
from .types import Article

Progress = Callable[[str, int, int | None], None]
"""Called as a run goes: (stage, done, total or None): ``read`` once per article read
and cleaned, ``briefs`` once per brief built (of ``total``)."""

_T = TypeVar("_T")


def _counted(items: Iterable[_T], progress: Progress | None, stage: str) -> Iterator[_T]:
    for done, item in enumerate(items, 1):
        if progress is not None:
            progress(stage, done, None)
        yield item


@dataclass
class CleanRun:
    """Cleaned articles, streamed; ``summary`` is complete once ``articles`` is exhausted."""

    articles: Iterator[Article]
    summary: RunSummary


def clean_articles(
    paths: Sequence[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> CleanRun:
    """Read and clean articles from files, directories or ``-`` (stdin)."""
    summary = RunSummary()
    articles = clean_inputs(paths, settings or Settings(), summary, stdin=stdin)
    return CleanRun(articles, summary)


@dataclass
class AttributionRun:
    """Each cleaned article with its attributions, streamed; ``summary`` is complete once
    ``articles`` is exhausted."""

    articles: Iterator[tuple[Article, list[dict[str, Any]]]]
    summary: RunSummary


def find_article_attributions(
    paths: Sequence[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> AttributionRun:
    """Read, clean and parse articles and find who each one says says what (the
    ``attributions`` contract; offsets into the cleaned ``text``). Kinds are made
    consistent within each article, not across articles (that is a story's job). An
    article in a language the analysis does not support gets none, and a note."""
    summary = RunSummary()
    cleaned = clean_inputs(paths, settings or Settings(), summary, stdin=stdin)
    return AttributionRun(_attributed(cleaned, summary), summary)


def _attributed(
    articles: Iterable[Article], summary: RunSummary
) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """Articles in input order with their attributions, parsed in batches."""
    from .languages import ANALYSIS_LANGUAGES, analysable
    from .pipeline import Note

    batch: list[Article] = []
    for article in articles:
        if analysable(article.language):
            batch.append(article)
            if len(batch) == ATTRIBUTION_BATCH:
                yield from _attribute_batch(batch)
                batch = []
            continue
        yield from _attribute_batch(batch)
        batch = []
        supported = ", ".join(sorted(ANALYSIS_LANGUAGES))
        message = f"no attributions: the article is in {article.language} ({supported} only)"
        summary.notes.append(Note(article.source_path, message, skipped="analysis"))
        yield article, []
    yield from _attribute_batch(batch)


def _attribute_batch(batch: list[Article]) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    from .analyze.attributions import find_attributions
    from .analyze.nlp import parse_articles

    for item in parse_articles(batch) if batch else ():
        found = find_attributions([item])
        yield item.article, [a.to_dict(item.article.text) for a in found]


ATTRIBUTION_BATCH = 16
"""Articles parsed together by ``find_article_attributions``."""


@dataclass(frozen=True)
class StoryArticle:
    """One article of a story, as ``storyline stories`` lists it."""

    id: str
    source_path: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    url: str | None = None
    duplicate_of: str | None = None

    @classmethod
    def of(cls, article: Article) -> StoryArticle:
        return cls(
            article.id,
            article.source_path,
            article.title,
            article.published,
            article.outlet,
            article.language,
            article.url,
        )


@dataclass(frozen=True)
class StoryResult:
    id: str
    articles: tuple[StoryArticle, ...]
    topic: str | None = None  # the thread of related stories it belongs to


@dataclass
class StoryRun:
    """Stories of a finished run (every clean article in exactly one), plus the summary."""

    stories: list[StoryResult]
    summary: RunSummary
    duplicates: list[DuplicateLink]
    seconds: dict[str, float]  # where the time went: clean, dedupe, features, cluster, ...
    syndication: list[SyndicationLink] = field(default_factory=list)


def build_stories(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    incremental: bool = False,
    progress: Progress | None = None,
) -> StoryRun:
    """Read, clean, dedupe and cluster articles into stories.

    Batch mode (default) clusters the whole set in canonical order (earliest first) and
    merges split stories, so the answer does not depend on input order. ``incremental``
    takes articles in arrival order, each joining a story or founding one, as a live
    feed would; its memory stays flat (article vectors are not kept). A duplicate sits in
    the story of its canonical copy.

    Partial syndication (articles sharing wire text without being copies) is looked for
    between articles of the same story: among all of them in batch mode, and in
    incremental mode between each new article and the story's last
    ``SYNDICATION_MEMORY`` articles kept in memory.
    """
    settings = settings or Settings()
    summary = RunSummary()
    prepared = _counted(prepared_inputs(paths, settings, summary, stdin=stdin), progress, "read")
    return _cluster(prepared, settings, summary, incremental=incremental)


def _cluster(
    prepared: Iterable[Prepared], settings: Settings, summary: RunSummary, *, incremental: bool
) -> StoryRun:
    duplicates = DuplicateIndex(memory=DEDUPE_MEMORY if incremental else None)
    meta: dict[str, StoryArticle] = {}
    features: list[ArticleFeatures] = []
    assigned: dict[str, str] = {}
    topics: dict[str, str] = {}
    index = StoryIndex.for_settings(settings) if incremental else None
    texts: dict[str, SyndicationText] = {}  # batch: all; incremental: the current chunk
    wire = SyndicationIndex(memory=SYNDICATION_MEMORY)
    syndication: list[SyndicationLink] = []
    seconds = dict.fromkeys(("clean", "dedupe", "cluster", "syndication"), 0.0)
    clock = time.perf_counter()
    for chunk in _chunks(prepared, STORY_CHUNK):
        now = time.perf_counter()
        seconds["clean"] += now - clock  # features and signatures come with the cleaning
        fresh = []
        chunk_features: list[ArticleFeatures] = []
        for item in chunk:
            article = item.article
            meta[article.id] = StoryArticle.of(article)
            if duplicates.add_signature(item.signature) is None:
                fresh.append(article)
                chunk_features.append(item.features)
                texts[article.id] = SyndicationText.of(article)
        now = _lap(seconds, "dedupe", now)
        if index is not None:
            placement = index.place(chunk_features)
            for done, (story, _topic) in zip(chunk_features, placement.placed, strict=True):
                assigned[done.article_id] = story
            assigned.update(placement.moved)
            topics.update(placement.topics)
            now = _lap(seconds, "cluster", now)
            for article in fresh:
                syndication.extend(wire.add(texts.pop(article.id)))
            clock = _lap(seconds, "syndication", now)
        else:
            features.extend(chunk_features)
            clock = _lap(seconds, "cluster", now)
    seconds["clean"] += time.perf_counter() - clock
    now = time.perf_counter()
    if index is None:
        for found in cluster_batch(
            features,
            story_threshold=settings.story_threshold,
            topic_threshold=settings.topic_threshold,
        ):
            for member in found.articles:
                assigned[member] = found.id
            if found.topic is not None:
                topics[found.id] = found.topic
    links = duplicates.links()
    if index is None:
        notices = duplicates.notices()
    else:  # a live feed cannot wait: a copy is a notice when it arrives as one
        notices = {link.article for link in links if duplicates.is_notice(link.article)}
    for ident in sorted(notices):  # a story of its own each, never the original's
        assigned[ident] = story_id(ident)
    links = [link for link in links if link.article not in notices]
    summary.notices += len(notices)
    now = _lap(seconds, "cluster", now)
    if index is None:
        syndication = _story_syndication(texts, assigned)
        _lap(seconds, "syndication", now)
    else:
        syndication = [x for x in syndication if assigned.get(x.a) == assigned.get(x.b)]
    return story_run(assigned, meta, links, summary, seconds, syndication, topics)


def story_run(
    assigned: dict[str, str],
    meta: dict[str, StoryArticle],
    links: list[DuplicateLink],
    summary: RunSummary,
    seconds: dict[str, float],
    syndication: Sequence[SyndicationLink],
    topics: dict[str, str] | None = None,
) -> StoryRun:
    """The run's result from each original's story (``assigned``, changed in place: each
    duplicate joins its canonical copy's story), every article's metadata (``meta``,
    likewise: duplicates get ``duplicate_of``) and each story's topic. Largest stories
    first."""
    topics = topics or {}
    for link in links:
        assigned[link.article] = assigned[link.duplicate_of]
        meta[link.article] = replace(meta[link.article], duplicate_of=link.duplicate_of)
    members: dict[str, list[StoryArticle]] = {}
    for article_id, story in assigned.items():
        members.setdefault(story, []).append(meta[article_id])
    stories = [
        StoryResult(story, tuple(sorted(group, key=_story_order)), topics.get(story))
        for story, group in members.items()
    ]
    stories.sort(key=lambda s: (-len(s.articles), _story_order(s.articles[0]), s.id))
    return StoryRun(stories, summary, links, seconds, sorted(syndication, key=_link_key))


STORY_CHUNK = 64

DEDUPE_MEMORY = 10_000
"""Incremental mode keeps the dedupe signatures of this many recent articles (~55 MiB)."""

SYNDICATION_MEMORY = 5000
"""Incremental mode keeps the text of this many recent articles to find wire copies."""


def _story_syndication(
    texts: dict[str, SyndicationText], assigned: dict[str, str]
) -> list[SyndicationLink]:
    """Syndication links among the articles of each story."""
    groups: dict[str, list[SyndicationText]] = {}
    for article_id, text in texts.items():
        groups.setdefault(assigned[article_id], []).append(text)
    return [
        link for group in groups.values() if len(group) > 1 for link in syndication_links(group)
    ]


def _link_key(link: SyndicationLink) -> tuple[str, str]:
    return (link.a, link.b)


def _lap(seconds: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    seconds[stage] += now - since
    return now


def _story_order(article: StoryArticle) -> tuple[float, str]:
    return (published_timestamp(article.published), article.id)


def _chunks(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    chunk: list[Prepared] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class BriefRun:
    """One brief per story (the ``storyline/brief/v1`` contract), plus the run summary."""

    briefs: list[Brief]
    summary: RunSummary


def build_briefs(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    one_story: bool = False,
    words: int = 120,
    progress: Progress | None = None,
) -> BriefRun:
    """Read, clean, cluster (unless ``one_story``) and analyse articles into briefs.

    Duplicates are listed in their story's articles (with ``duplicate_of``) but not
    analysed again; syndication links count wire copies as one origin. A story in a
    language the analysis does not support gets a brief without analysis and a note in
    the summary (``pipeline.story_brief``).
    """
    from .pipeline import story_brief, unanalysed_note

    settings = settings or Settings()
    summary = RunSummary()
    prepared = list(
        _counted(prepared_inputs(paths, settings, summary, stdin=stdin), progress, "read")
    )
    articles = {item.article.id: item.article for item in prepared}
    if one_story:
        stories, copies, syndication = _as_one_story(list(articles.values()))
    else:
        run = _cluster(prepared, settings, summary, incremental=False)
        stories = [(s.id, [a.id for a in s.articles]) for s in run.stories]
        copies = {link.article: link.duplicate_of for link in run.duplicates}
        syndication = run.syndication
    briefs = []
    for done, (story, members) in enumerate(stories):
        if progress is not None:
            progress("briefs", done, len(stories))
        inside = set(members)
        links = [x for x in syndication if x.a in inside and x.b in inside]
        brief = story_brief(story, [articles[m] for m in members], copies, links, words)
        note = unanalysed_note(brief)
        if note is not None:
            summary.notes.append(note)
        briefs.append(brief)
    if progress is not None:
        progress("briefs", len(briefs), len(stories))
    return BriefRun(briefs, summary)


def _as_one_story(
    articles: Sequence[Article],
) -> tuple[list[tuple[str, list[str]]], dict[str, str], list[SyndicationLink]]:
    """All articles as one story (``--one-story``): duplicates and wire copies are still
    found, clustering is skipped. The id is the one clustering gives a story founded by
    the same article (the earliest; undated first), so it does not depend on clustering."""
    if not articles:
        return [], {}, []

    duplicates = DuplicateIndex()
    texts = [SyndicationText.of(a) for a in articles if duplicates.add(a) is None]
    copies = {link.article: link.duplicate_of for link in duplicates.links()}
    syndication = syndication_links(texts) if len(texts) > 1 else []
    founder = min(articles, key=_founder_key)
    members = [a.id for a in sorted(articles, key=_founder_key)]
    return [(story_id(founder.id), members)], copies, syndication


def _founder_key(article: Article) -> tuple[float, str]:
    moment = published_timestamp(article.published)
    return (moment if math.isfinite(moment) else -math.inf, article.id)
