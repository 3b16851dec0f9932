"""Blocking for the Dask engine (no Dask needed): blocks clustered apart, with the
corpus's document frequencies, give exactly ``cluster_batch``'s stories."""

from __future__ import annotations

import itertools

import pytest

from storyline.cluster.features import ArticleFeatures, DocumentFrequencies, featurize
from storyline.cluster.stories import Story, cluster_batch
from storyline.evaluation.datasets import multiling_dir
from storyline.pipeline import RunSummary, clean_inputs
from storyline.scale.blocks import assign_blocks, cluster_block
from storyline.settings import Settings

SETTINGS = Settings()


def _frequencies(features: list[ArticleFeatures]) -> DocumentFrequencies:
    table = DocumentFrequencies()
    table.update(features)
    return table


def _local(features: list[ArticleFeatures]) -> list[Story]:
    return cluster_batch(
        features,
        story_threshold=SETTINGS.story_threshold,
        topic_threshold=SETTINGS.topic_threshold,
    )


def _by_blocks(features: list[ArticleFeatures]) -> tuple[list[Story], int]:
    """Each block clustered alone, with the whole set's document frequencies."""
    blocks, count = assign_blocks([f.language for f in features])
    table = _frequencies(features)
    stories: list[Story] = []
    for block in range(count):
        members = [f for f, b in zip(features, blocks, strict=True) if b == block]
        stories += cluster_block(members, table, settings=SETTINGS)
    return sorted(stories, key=lambda s: s.id), count


@pytest.fixture(scope="module")
def multilingual() -> list[ArticleFeatures]:
    """MultiLing 2011's 700 source texts: 10 topics in 7 languages."""
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    source = str(multiling_dir() / "data" / "SourceTexts")
    return [featurize(a) for a in clean_inputs([source], SETTINGS, RunSummary())]


def test_cluster_block_on_everything_is_cluster_batch(
    multilingual: list[ArticleFeatures],
) -> None:
    whole = cluster_block(multilingual, _frequencies(multilingual), settings=SETTINGS)
    assert whole == _local(multilingual)


def test_multilingual_multiling_splits_by_language_and_gives_the_same_stories(
    multilingual: list[ArticleFeatures],
) -> None:
    stories, count = _by_blocks(multilingual)
    assert count == 7  # ar cs el en fr he hi
    assert stories == _local(multilingual)
    members = sorted(itertools.chain.from_iterable(s.articles for s in stories))
    assert members == sorted(f.article_id for f in multilingual)


def test_blocks_follow_language_and_an_unknown_language_joins_them() -> None:
    blocks, count = assign_blocks(["en", "fr", "en", "de"])
    assert count == 3 and blocks == [0, 1, 0, 2]
    blocks, count = assign_blocks(["en", None, "fr"])
    assert count == 1 and blocks == [0, 0, 0]
    assert assign_blocks([]) == ([], 0)
