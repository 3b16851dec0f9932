"""What runs on a Dask worker: one partition's per-article stages, and the per-block and
per-story steps after it.

Every function here is a pure function of its arguments (no client state, no clock), so a
task that Dask retries after a worker died gives the same answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from ..api import StoryArticle
from ..cluster.features import ArticleFeatures, DocumentFrequencies, featurize_articles
from ..cluster.stories import Story
from ..dedupe import Signature, SyndicationLink, SyndicationText, signature_of, syndication_links
from ..pipeline import _clean_safely
from ..settings import Settings
from ..types import Article, Provenance, Rejection
from .blocks import cluster_block
from .partitions import Partition, read_partition

FEATURE_BATCH = 256
"""Articles featurized together (features are per article: the batch changes nothing)."""

Hook = Callable[[int], None]


@dataclass(frozen=True)
class Processed:
    """One article after the per-article stages, under the id it was read with."""

    provenance: Provenance
    meta: StoryArticle
    signature: Signature
    features: ArticleFeatures
    text: SyndicationText


@dataclass(frozen=True)
class Digest:
    """What the client needs of one article: metadata, provenance, dedupe signature, order."""

    provenance: Provenance
    meta: StoryArticle
    signature: Signature
    timestamp: float
    day: int | None
    language: str | None


@dataclass(frozen=True)
class PartitionResult:
    """One partition's articles and rejections in input order (kept on the worker)."""

    items: list[Processed | Rejection]
    lines: int  # a JSON Lines range: its line count (0 otherwise)
    blank: Rejection | None  # a JSON Lines range without records: the held-back rejection


@dataclass(frozen=True)
class PartitionDigest:
    items: list[Digest | Rejection]
    lines: int
    blank: Rejection | None


@dataclass(frozen=True)
class PartitionPlan:
    """The client's decisions for one partition, by item index."""

    renames: dict[int, str]  # the run's id where it differs from the id read
    clustered: dict[int, int]  # articles that are clustered (not copies when added) -> block
    stories: dict[int, tuple[str, int]]  # syndication: item -> (story, input position)


Frequencies = tuple[npt.NDArray[np.uint16], int]


def process_partition(
    numbered: Sequence[tuple[int, Partition]], settings: Settings, hook: Hook | None = None
) -> list[PartitionResult]:
    """Read, clean, hash and featurize one partition (a bag partition of one spec)."""
    [(index, partition)] = numbered
    if hook is not None:
        hook(index)
    slots: list[Processed | Rejection | None] = []  # in input order
    pending: list[tuple[int, Article]] = []  # cleaned, to be featurized as one batch
    lines, blank = 0, None
    for read in read_partition(partition, settings):
        for item in read.items:  # streamed: a whole WARC file is never held raw
            cleaned = item if isinstance(item, Rejection) else _clean_safely(item, settings)
            if isinstance(cleaned, Rejection):
                slots.append(cleaned)
                continue
            pending.append((len(slots), cleaned))
            slots.append(None)
            if len(pending) == FEATURE_BATCH:
                _featurize_into(slots, pending, settings)
        lines += read.lines
        blank = read.blank or blank
    _featurize_into(slots, pending, settings)
    items = [slot for slot in slots if slot is not None]
    assert len(items) == len(slots)
    return [PartitionResult(items, lines, blank)]


def _featurize_into(
    slots: list[Processed | Rejection | None],
    pending: list[tuple[int, Article]],
    settings: Settings,
) -> None:
    """Featurize the pending articles together and put each in its slot."""
    batch = [article for _index, article in pending]
    features = featurize_articles(batch)
    for (index, article), item in zip(pending, features, strict=True):
        slots[index] = _processed(article, item)
    pending.clear()


def _processed(article: Article, features: ArticleFeatures) -> Processed:
    meta = StoryArticle.of(article)
    return Processed(
        article.provenance, meta, signature_of(article), features, SyndicationText.of(article)
    )


def digest_partition(results: Sequence[PartitionResult]) -> list[PartitionDigest]:
    [result] = results
    items: list[Digest | Rejection] = [
        item
        if isinstance(item, Rejection)
        else Digest(
            item.provenance,
            item.meta,
            item.signature,
            item.features.timestamp,
            item.features.day,
            item.features.language,
        )
        for item in result.items
    ]
    return [PartitionDigest(items, result.lines, result.blank)]


def partial_frequencies(
    results: Sequence[PartitionResult], plans: Sequence[PartitionPlan]
) -> list[Frequencies]:
    """Document frequencies of the partition's clustered articles (summed over partitions)."""
    [result], [plan] = results, plans
    table = DocumentFrequencies()
    for index in plan.clustered:
        item = result.items[index]
        assert isinstance(item, Processed)
        table.add(item.features)
    return [(table.counts, table.documents)]


def sum_frequencies(parts: Iterable[Frequencies]) -> Frequencies:
    """The sum of partial document frequencies (exact below the counts' saturation)."""
    table = DocumentFrequencies()
    for counts, documents in parts:
        other = DocumentFrequencies()
        other.counts, other.documents = counts, documents
        table.merge(other)
    return table.counts, table.documents


def block_features(
    results: Sequence[PartitionResult], plans: Sequence[PartitionPlan]
) -> list[tuple[int, ArticleFeatures]]:
    """(block, features under the run's id) for each clustered article of the partition."""
    [result], [plan] = results, plans
    out = []
    for index, block in plan.clustered.items():
        item = result.items[index]
        assert isinstance(item, Processed)
        features = item.features
        if index in plan.renames:
            features = replace(features, article_id=plan.renames[index])
        out.append((block, features))
    return out


def cluster_group(
    group: tuple[int, list[tuple[int, ArticleFeatures]]],
    frequencies: Frequencies,
    settings: Settings,
) -> tuple[int, list[Story]]:
    """One block's stories, by the local engine's code (see :func:`.blocks.cluster_block`)."""
    block, items = group
    table = DocumentFrequencies()
    table.counts, table.documents = frequencies
    stories = cluster_block([features for _block, features in items], table, settings=settings)
    return block, stories


def story_texts(
    results: Sequence[PartitionResult], plans: Sequence[PartitionPlan]
) -> list[tuple[str, int, SyndicationText]]:
    """(story, input position, text) for the partition's articles that syndication compares."""
    [result], [plan] = results, plans
    out = []
    for index, (story, position) in plan.stories.items():
        item = result.items[index]
        assert isinstance(item, Processed)
        text = item.text
        if index in plan.renames:
            text = replace(text, id=plan.renames[index])
        out.append((story, position, text))
    return out


def syndicate_group(
    group: tuple[str, list[tuple[str, int, SyndicationText]]],
) -> list[SyndicationLink]:
    """Syndication links among one story's articles, taken in input order as locally."""
    _story, items = group
    texts = [text for _story, _position, text in sorted(items, key=lambda item: item[1])]
    return syndication_links(texts) if len(texts) > 1 else []
