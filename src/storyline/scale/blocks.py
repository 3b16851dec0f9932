"""Blocking for the batch clustering: which articles can never share a story or topic.

The batch clustering (:func:`storyline.cluster.stories.cluster_batch`) never puts two
articles of different known languages together, and every other step of it works per
connected component of similar pairs, with the corpus's document frequencies. So the
articles of each language can be clustered apart, on different workers, with exactly the
result of clustering them together, provided every block gets the corpus's document
frequencies. An article whose language is unknown may join any language: when there is
one, the whole set is one block.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..cluster.features import ArticleFeatures, DocumentFrequencies
from ..cluster.stories import Story, cluster_batch
from ..settings import Settings


def cluster_block(
    features: Sequence[ArticleFeatures],
    frequencies: DocumentFrequencies,
    *,
    settings: Settings,
) -> list[Story]:
    """``cluster_batch`` on one block, with the corpus's document frequencies."""
    return cluster_batch(
        features,
        story_threshold=settings.story_threshold,
        topic_threshold=settings.topic_threshold,
        frequencies=frequencies,
    )


def assign_blocks(languages: Sequence[str | None]) -> tuple[list[int], int]:
    """A block number per article from its language, and the count (blocks numbered in
    order of their first article; one block when some language is unknown)."""
    if any(language is None for language in languages):
        return [0] * len(languages), 1 if languages else 0
    numbers: dict[str | None, int] = {}
    blocks = [numbers.setdefault(language, len(numbers)) for language in languages]
    return blocks, len(numbers)
