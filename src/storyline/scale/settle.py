"""The client's sequential steps between the Dask stages: exactly what the local engine
decides in input order, from the partitions' digests.

- line numbers of JSON Lines ranges made file line numbers; a split file with no record
  gets its one "no records" rejection at its end;
- ids: a second article with a seen id gets a suffix from its provenance
  (``pipeline.unique_article``), in input order, so ids do not depend on the partitioning;
- duplicates: the local ``DuplicateIndex`` fed the signatures in input order (hashing
  ran on the workers); an article is clustered when it is not a copy as it is added,
  as ``api.build_stories`` does;
- the final assembly of ``StoryRun``, as ``api._cluster`` ends.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..api import StoryArticle, StoryRun, story_run
from ..cluster.stories import Story, story_id
from ..dedupe import DuplicateIndex, DuplicateLink, SyndicationLink
from ..pipeline import RunSummary, _provenance_tag
from ..types import Rejection
from .partitions import provenance_with_line
from .work import Digest, PartitionDigest, PartitionPlan


@dataclass(frozen=True)
class Clustered:
    """An article that clustering takes, where it lives, and what orders and blocks it."""

    partition: int
    index: int
    position: int  # input position among all articles
    article_id: str
    timestamp: float
    day: int | None
    language: str | None

    @property
    def order_key(self) -> tuple[float, str]:
        """As ``ArticleFeatures.order_key``: undated first, then by time, then by id."""
        moment = self.timestamp if math.isfinite(self.timestamp) else -math.inf
        return (moment, self.article_id)


@dataclass
class Settled:
    summary: RunSummary
    meta: dict[str, StoryArticle]  # every article, by its run id, in input order
    renames: list[dict[int, str]]  # per partition: item index -> run id
    clustered: list[Clustered]  # in input order
    links: list[DuplicateLink]  # notices left out
    notices: frozenset[str] = frozenset()  # copies that are notices: a story each


def settle(digests: Sequence[PartitionDigest], ranges: Sequence[int | None]) -> Settled:
    """Ids, rejections, the run summary and duplicates, in input order.

    ``ranges[p]`` is the first byte of partition ``p`` when it is a byte range of a JSON
    Lines file (else None).
    """
    summary = RunSummary()
    meta: dict[str, StoryArticle] = {}
    renames: list[dict[int, str]] = []
    clustered: list[Clustered] = []
    duplicates = DuplicateIndex()
    seen: set[str] = set()
    bases = _line_bases(digests, ranges)
    for number, (digest, base) in enumerate(zip(digests, bases, strict=True)):
        renamed: dict[int, str] = {}
        for index, item in enumerate(digest.items):
            if isinstance(item, Rejection):
                line = None if item.line is None else item.line + base
                summary.rejections.append(replace(item, line=line))
                continue
            article_id = _unique_id(item, base, seen)
            if article_id != item.meta.id:
                renamed[index] = article_id
            summary.articles += 1
            meta[article_id] = replace(item.meta, id=article_id)
            signature = replace(item.signature, article_id=article_id)
            if duplicates.add_signature(signature) is None:
                clustered.append(
                    Clustered(
                        number,
                        index,
                        summary.articles - 1,
                        article_id,
                        item.timestamp,
                        item.day,
                        item.language,
                    )
                )
        renames.append(renamed)
        if _ends_blank_file(digests, ranges, number):
            assert digest.blank is not None
            summary.rejections.append(digest.blank)
    notices = duplicates.notices()
    summary.notices += len(notices)
    links = [link for link in duplicates.links() if link.article not in notices]
    return Settled(summary, meta, renames, clustered, links, frozenset(notices))


def _unique_id(item: Digest, base: int, seen: set[str]) -> str:
    """As ``pipeline.unique_article``: a second article with an id seen gets a provenance suffix."""
    article_id = item.meta.id
    if article_id in seen:
        provenance = provenance_with_line(item.provenance, base)
        article_id = f"{article_id}-{_provenance_tag(provenance)}"
    seen.add(article_id)
    return article_id


def _line_bases(digests: Sequence[PartitionDigest], ranges: Sequence[int | None]) -> list[int]:
    """Lines of a split file before each of its ranges (0 for whole files)."""
    bases: list[int] = []
    running = 0
    for digest, start in zip(digests, ranges, strict=True):
        if start is None or start == 0:
            running = 0
        bases.append(running)
        running += digest.lines
    return bases


def _ends_blank_file(
    digests: Sequence[PartitionDigest], ranges: Sequence[int | None], number: int
) -> bool:
    """Whether partition ``number`` is the last range of a split file that had no record.

    The ranges of one file are consecutive partitions, the first starting at byte 0."""
    if ranges[number] is None:
        return False
    following = ranges[number + 1] if number + 1 < len(ranges) else None
    if following:  # a later range of the same file
        return False
    first = number
    while ranges[first]:
        first -= 1
    return all(digests[p].blank is not None for p in range(first, number + 1))


def plans(
    settled: Settled,
    blocks: Sequence[int],
    stories: dict[str, str] | None = None,
) -> list[PartitionPlan]:
    """Per partition: renames, the block of each clustered article and, once stories are
    known (``stories``: article -> story, for stories of two or more clustered articles),
    what syndication compares."""
    clustered: list[dict[int, int]] = [{} for _ in settled.renames]
    for article, block in zip(settled.clustered, blocks, strict=True):
        clustered[article.partition][article.index] = block
    syndicated: list[dict[int, tuple[str, int]]] = [{} for _ in settled.renames]
    for article, position in _texts(settled.clustered):
        story = None if stories is None else stories.get(article.article_id)
        if story is not None:
            syndicated[article.partition][article.index] = (story, position)
    return [
        PartitionPlan(renamed, blocked, texts)
        for renamed, blocked, texts in zip(settled.renames, clustered, syndicated, strict=True)
    ]


def _texts(clustered: Sequence[Clustered]) -> list[tuple[Clustered, int]]:
    """The article whose text syndication reads for each id, and where it sits.

    As the local engine's dict of texts: an id read twice (the same file given twice)
    keeps its first place and its last text."""
    chosen: dict[str, tuple[Clustered, int]] = {}
    for article in clustered:
        first = chosen.get(article.article_id)
        chosen[article.article_id] = (article, article.position if first is None else first[1])
    return list(chosen.values())


def shared_stories(stories: Sequence[Story]) -> dict[str, str]:
    """Article -> story for the stories that syndication looks inside (two or more)."""
    return {member: s.id for s in stories if len(s.articles) > 1 for member in s.articles}


def assemble(
    settled: Settled,
    stories: Sequence[Story],
    syndication: Sequence[SyndicationLink],
    seconds: dict[str, float],
) -> StoryRun:
    """The run's result, built as ``api.build_stories`` builds it."""
    assigned: dict[str, str] = {}
    topics: dict[str, str] = {}
    for found in sorted(stories, key=lambda s: s.id):
        for member in found.articles:
            assigned[member] = found.id
        if found.topic is not None:
            topics[found.id] = found.topic
    for ident in sorted(settled.notices):
        assigned[ident] = story_id(ident)
    return story_run(
        assigned,
        dict(settled.meta),
        list(settled.links),
        settled.summary,
        seconds,
        syndication,
        topics,
    )
