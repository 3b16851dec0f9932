"""Blocking for the Dask engine (no Dask needed): blocks clustered apart give exactly
``cluster_batch``'s stories, and the checks catch the two cases where they would not."""

from __future__ import annotations

import itertools

import pytest

from storyline.cluster.features import ArticleFeatures, DocumentFrequencies, featurize
from storyline.cluster.stories import Story, cluster_batch
from storyline.evaluation.datasets import multiling_dir
from storyline.pipeline import RunSummary, clean_inputs
from storyline.scale.blocks import assign_blocks, clock_safe, cluster_block, eviction_free
from storyline.settings import Settings
from storyline.types import Article, Provenance

SETTINGS = Settings(embed_tokens=0)
WINDOW = SETTINGS.story_window_days


def _frequencies(features: list[ArticleFeatures]) -> DocumentFrequencies:
    table = DocumentFrequencies()
    for item in features:
        table.add(item)
    return table


def _local(features: list[ArticleFeatures], max_active: int, refine: bool = True) -> list[Story]:
    return cluster_batch(
        features,
        threshold=SETTINGS.story_threshold,
        window_days=WINDOW,
        max_active=max_active,
        use_embeddings=False,
        refine=refine,
    )


def _by_blocks(features: list[ArticleFeatures], refine: bool = True) -> tuple[list[Story], int]:
    """Each block clustered alone, with the whole set's IDF and no room limit
    (``refine=False``: the online pass's stories)."""
    blocks, count = assign_blocks([(f.language, f.day) for f in features], WINDOW)
    table = _frequencies(features)
    stories: list[Story] = []
    for block in range(count):
        members = [f for f, b in zip(features, blocks, strict=True) if b == block]
        found = cluster_block(members, table, settings=SETTINGS, max_active=len(features))
        stories += found.stories if refine else found.online
    return sorted(stories, key=lambda s: s.id), count


def _order(features: list[ArticleFeatures]) -> list[tuple[str, int | None]]:
    return [(f.article_id, f.day) for f in sorted(features, key=lambda f: f.order_key)]


def _article(ident: str, text: str, published: str, language: str) -> Article:
    return Article(
        id=ident,
        source_path=ident,
        text=text,
        provenance=Provenance(ident),
        published=published,
        language=language,
        title=None,
    )


def _filler(number: int, published: str, language: str) -> ArticleFeatures:
    """An article about nothing else in the set (distinct made-up names)."""
    words = [f"Zorq{number}x{k}" for k in range(12)]
    return featurize(_article(f"fill{number:03d}", " ".join(words), published, language))


STORY_TEXT = (
    "Harbour workers in Kelvaro ended a nine-day strike after the union accepted a pay "
    "rise offered by Tessan Shipping in talks led by mediator Orla Brennick."
)


@pytest.fixture(scope="module")
def multilingual() -> list[ArticleFeatures]:
    """MultiLing 2011's 700 source texts: 10 topics in 7 languages (lexical features)."""
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    source = str(multiling_dir() / "data" / "SourceTexts")
    return [featurize(a) for a in clean_inputs([source], SETTINGS, RunSummary())]


def test_cluster_block_on_everything_is_cluster_batch(
    multilingual: list[ArticleFeatures],
) -> None:
    features = multilingual
    whole = cluster_block(
        features,
        _frequencies(features),
        settings=SETTINGS,
        max_active=SETTINGS.max_active_stories,
    )
    assert whole.stories == _local(features, SETTINGS.max_active_stories)
    assert whole.online == _local(features, SETTINGS.max_active_stories, refine=False)


def test_multilingual_multiling_splits_by_language_and_gives_the_same_stories(
    multilingual: list[ArticleFeatures],
) -> None:
    features = multilingual
    stories, count = _by_blocks(features)
    assert count == 7  # ar cs el en fr he hi
    order = _order(features)
    assert clock_safe([day for _id, day in order], WINDOW)
    limit = SETTINGS.max_active_stories
    assert eviction_free(order, stories, window_days=WINDOW, max_active=limit)
    assert stories == _local(features, limit)


def test_blocks_follow_language_and_time_gaps_and_bridges_join_them() -> None:
    keys = [("en", 100), ("fr", 100), ("en", 1000), ("en", 1100), ("fr", 2000)]
    blocks, count = assign_blocks(keys, WINDOW)
    assert count == 4 and blocks == [0, 1, 2, 2, 3]
    _, count = assign_blocks([*keys, ("en", None)], WINDOW)  # undated English: all English
    assert count == 3
    blocks, count = assign_blocks([*keys, (None, 1000)], WINDOW)  # no language: that time
    assert count == 4 and blocks[2] == blocks[5]
    _, count = assign_blocks([*keys, (None, None)], WINDOW)
    assert count == 1


def test_clock_safe_reads_only_late_days_that_could_reach_a_closed_story() -> None:
    assert clock_safe([None, 10, 10, 11, 500, 501], WINDOW)
    assert clock_safe([10, 400, 399], WINDOW)  # one day back, no story ended on day 34
    assert not clock_safe([10, 376, 375], WINDOW)  # a story ending on day 10 is closed
    assert not clock_safe([10, 400, None], WINDOW)  # undated late: any closed story


def _clock_case() -> list[ArticleFeatures]:
    """An English story, then a French day later than its window (with fillers to close
    the chunk), then an English follow-up dated a day earlier but published later in UTC."""
    first = featurize(_article("a-first", STORY_TEXT, "2020-01-01", "en"))
    french = [_filler(n, "2021-01-01T00:30:00+14:00", "fr") for n in range(63)]
    late = featurize(_article("a-late", STORY_TEXT, "2020-12-31T20:00:00-05:00", "en"))
    return [first, *french, late]


def test_closing_by_the_whole_set_s_clock_is_caught() -> None:
    features = _clock_case()
    # the online pass's stories differ (why the check exists; here the topic level
    # happens to put the two halves of the English story back together)
    stories, count = _by_blocks(features, refine=False)
    assert count == 2
    assert stories != _local(features, SETTINGS.max_active_stories, refine=False)
    assert not clock_safe([day for _id, day in _order(features)], WINDOW)


def test_closing_for_lack_of_room_is_caught() -> None:
    first = featurize(_article("a1", STORY_TEXT, "2020-01-01", "en"))
    french = [_filler(n, "2020-01-01", "fr") for n in range(63)]
    later = featurize(_article("a2", STORY_TEXT, "2020-01-02", "en"))
    features = [first, *french, later]  # 64 stories open after the first chunk
    stories, count = _by_blocks(features, refine=False)  # the online pass, as above
    assert count == 2
    assert stories != _local(features, max_active=1, refine=False)
    order = _order(features)
    assert not eviction_free(order, stories, window_days=WINDOW, max_active=1)
    assert eviction_free(order, stories, window_days=WINDOW, max_active=100)


def test_story_members_are_all_placed() -> None:
    features = _clock_case()
    stories, _count = _by_blocks(features)
    members = sorted(itertools.chain.from_iterable(s.articles for s in stories))
    assert members == sorted(f.article_id for f in features)
