"""``storyline ingest --engine dask``: the articles read, cleaned and featurized on Dask.

The workers run one task per partition (:mod:`.partitions`, as ``run_stories``): read,
clean, and featurize its articles. The client takes the
partitions in input order and gives each article its file line number and its run id
(``pipeline.unique_article``'s rule) as ``pipeline.clean_inputs`` would, with its features.
Features are pure functions of one article (document frequencies are applied later, by
``StoryIndex`` on the client), so the ingest loop uses them as they are and
everything else — batches, duplicates, stories, syndication, store writes — runs on the
client exactly as a local ingest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from ..cluster.features import ArticleFeatures, featurize_articles
from ..pipeline import RunSummary, _clean_safely, unique_article
from ..settings import Settings
from ..types import Article, Rejection
from .engine import Client, db
from .partitions import (
    Partition,
    plan_partitions,
    provenance_with_line,
    range_start,
    read_partition,
)
from .settle import _ends_blank_file
from .work import FEATURE_BATCH, PartitionDigest


@dataclass(frozen=True)
class IngestPartition:
    """One partition's articles (with features, under the ids read) and rejections, in
    input order; for a JSON Lines range, its line count and held-back rejection."""

    items: list[tuple[Article, ArticleFeatures] | Rejection]
    lines: int
    blank: Rejection | None


def ingest_partition(
    numbered: Sequence[tuple[int, Partition]], settings: Settings
) -> list[IngestPartition]:
    """Read, clean and featurize one partition (a bag partition of one spec)."""
    [(_index, partition)] = numbered
    items: list[tuple[Article, ArticleFeatures] | Rejection] = []
    pending: list[Article] = []  # cleaned, to be featurized as one batch
    slots: list[Article | Rejection] = []
    lines, blank = 0, None
    for read in read_partition(partition, settings):
        for item in read.items:
            cleaned = item if isinstance(item, Rejection) else _clean_safely(item, settings)
            slots.append(cleaned)
            if isinstance(cleaned, Article):
                pending.append(cleaned)
                if len(pending) == FEATURE_BATCH:
                    _settle_slots(items, slots, pending, settings)
        lines += read.lines
        blank = read.blank or blank
    _settle_slots(items, slots, pending, settings)
    return [IngestPartition(items, lines, blank)]


def _settle_slots(
    items: list[tuple[Article, ArticleFeatures] | Rejection],
    slots: list[Article | Rejection],
    pending: list[Article],
    settings: Settings,
) -> None:
    """Featurize the pending articles together; move the slots, in order, to ``items``."""
    features = iter(featurize_articles(pending))
    for slot in slots:
        items.append(slot if isinstance(slot, Rejection) else (slot, next(features)))
    assert next(features, None) is None
    slots.clear()
    pending.clear()


def dask_articles(
    client: Client,
    paths: Sequence[str],
    settings: Settings,
    summary: RunSummary,
    *,
    partition_bytes: int,
    stdin: BinaryIO | None = None,
) -> Iterator[tuple[Article, ArticleFeatures]]:
    """What ``pipeline.clean_inputs(paths, settings, summary)`` yields, each article with
    its features, computed on ``client``'s cluster; rejections go into ``summary`` in input
    order as the articles are taken (as locally)."""
    layout = plan_partitions(paths, partition_bytes=partition_bytes, stdin=stdin)
    ranges = [range_start(partition) for partition in layout]
    specs = db.from_sequence(list(enumerate(layout)), npartitions=len(layout))
    futures = list(client.compute(specs.map_partitions(ingest_partition, settings).to_delayed()))
    seen: set[str] = set()
    received: list[PartitionDigest] = []  # lines and blank, for _ends_blank_file
    running = 0  # lines of the split file before this range (as settle._line_bases)
    for number in range(len(layout)):
        [part] = futures[number].result()
        futures[number] = None  # the client holds one partition at a time
        if not ranges[number]:
            running = 0
        base, running = running, running + part.lines
        received.append(PartitionDigest([], part.lines, part.blank))
        for item in part.items:
            if isinstance(item, Rejection):
                line = None if item.line is None else item.line + base
                summary.rejections.append(replace(item, line=line))
                continue
            article, features = item
            provenance = provenance_with_line(article.provenance, base)
            article = unique_article(replace(article, provenance=provenance), seen)
            if features.article_id != article.id:
                features = replace(features, article_id=article.id)
            summary.articles += 1
            yield article, features
        if _ends_blank_file(received, ranges, number):
            assert part.blank is not None
            summary.rejections.append(part.blank)
