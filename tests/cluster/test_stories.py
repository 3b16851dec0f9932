"""Story clustering on small written articles: features, order independence, stable ids,
incremental mode, languages and the time window."""

from __future__ import annotations

import random

import numpy as np
import pytest

from storyline.cluster.features import (
    DocumentFrequencies,
    featurize,
    featurize_articles,
    publication_day,
    tokens,
    vectorize,
)
from storyline.cluster.stories import StoryIndex, cluster_batch, story_id
from storyline.types import Article, Provenance

FLOOD = [
    "The Corran river burst its banks in Lowmere on {d}, flooding 300 homes.",
    "Mayor Alys Venning said the Lowmere flood barrier failed at 4 a.m.",
    "Rescue crews from Dunhallow evacuated 1,200 residents of Lowmere.",
    "The Corran rose 2.4 metres above its normal level, the Lowmere council said.",
    "Venning asked the national government for emergency funds after the flood.",
]
VOTE = [
    "Voters in Stennick elected Paolo Marquand as governor on {d}.",
    "Marquand won 54 percent of the vote against Irene Caldow in Stennick.",
    "Caldow conceded the Stennick race late on election night.",
    "Turnout in the Stennick governor election reached 61 percent.",
    "Marquand promised to cut Stennick property taxes in his first year.",
]


def make(ident: str, lines: list[str], *, published: str | None, language: str = "en") -> Article:
    day = published[:10] if published else "Monday"
    text = "\n\n".join(line.format(d=day) for line in lines)
    return Article(
        id=ident,
        source_path=f"{ident}.txt",
        text=text,
        provenance=Provenance(f"{ident}.txt"),
        title=lines[0].format(d=day)[:60],
        published=published,
        language=language,
    )


def corpus() -> list[Article]:
    rng = random.Random(7)
    articles = []
    for n in range(6):
        lines = FLOOD[:]
        rng.shuffle(lines)
        articles.append(make(f"flood{n}", lines[:4], published=f"2025-03-{10 + n:02d}T08:00:00Z"))
        lines = VOTE[:]
        rng.shuffle(lines)
        articles.append(make(f"vote{n}", lines[:4], published=f"2025-03-{11 + n:02d}T20:00:00Z"))
    return articles


def groups(stories: list) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def batch(articles: list[Article], **kw: object) -> list:
    params: dict = {"threshold": 0.25, "window_days": 365, "max_active": 2000}
    params.update(kw)
    return cluster_batch(
        featurize_articles(articles, embed_tokens=0), use_embeddings=False, **params
    )


def test_tokens() -> None:
    article = make("a", [*FLOOD, "It was the worst flood since 1998."], published="2025-03-10")
    found = tokens(article)
    assert {"Lowmere", "Corran", "Venning", "300", "1,200"} <= set(found["names"])
    assert "flooding" in found["words"] and "the" not in found["words"]
    # years the text mentions; the publication date is not a feature
    assert set(found["years"]) == {"1998", "2025"}
    assert set(found) == {"names", "words", "years"}
    assert publication_day("2025-03-10T23:30:00-05:00") == publication_day("2025-03-10")
    assert publication_day(None) is None and publication_day("soon") is None


@pytest.mark.parametrize("use_embeddings", [False, True])
def test_vectors_are_unit_and_similar_articles_score_higher(use_embeddings: bool) -> None:
    articles = corpus()
    features = featurize_articles(articles, embed_tokens=64 if use_embeddings else 0)
    frequencies = DocumentFrequencies()
    for item in features:
        frequencies.add(item)
    vectors = vectorize(features, frequencies, use_embeddings=use_embeddings)
    norms = np.einsum("ij,ij->i", vectors, vectors)
    # every channel is a unit vector scaled by sqrt(weight): self-similarity is 1, less the
    # weight of a channel the article lacks (those that drew no line with a year), and less
    # part of the years channel: a year every article mentions is worth little
    assert np.all((norms > 0.8) & (norms < 1.0 + 1e-4))
    sims = vectors @ vectors.T
    same = sims[0, 2]  # flood0 - flood1
    other = sims[0, 1]  # flood0 - vote0
    assert same > 0.4 and other < 0.2


def test_batch_finds_the_two_events_in_any_order() -> None:
    articles = corpus()
    expected = {
        frozenset(a.id for a in articles if a.id.startswith("flood")),
        frozenset(a.id for a in articles if a.id.startswith("vote")),
    }
    first = batch(articles)
    assert groups(first) == expected
    shuffled = articles[:]
    random.Random(1).shuffle(shuffled)
    again = batch(shuffled)
    assert [(s.id, s.articles) for s in again] == [(s.id, s.articles) for s in first]
    # the id is the hash of the earliest article
    assert {s.id for s in first} == {story_id("flood0"), story_id("vote0")}


def test_batch_ids_survive_new_articles() -> None:
    articles = corpus()
    before = {s.id: set(s.articles) for s in batch(articles)}
    later = make("flood9", FLOOD, published="2025-03-20T08:00:00Z")
    after = {s.id: set(s.articles) for s in batch([*articles, later])}
    assert before.keys() <= after.keys()
    assert after[story_id("flood0")] == before[story_id("flood0")] | {"flood9"}


def test_other_language_keeps_its_own_story() -> None:
    articles = corpus()
    # the same names, but marked as another language: never merged into the English story
    foreign = make("flood-fr", FLOOD, published="2025-03-12T08:00:00Z", language="fr")
    stories = batch([*articles, foreign])
    alone = [s for s in stories if "flood-fr" in s.articles]
    assert alone[0].articles == ("flood-fr",)


def test_window_keeps_a_much_later_event_apart() -> None:
    articles = corpus()
    echo = make("flood-2027", FLOOD, published="2027-06-01T08:00:00Z")
    stories = batch([*articles, echo], window_days=30)
    assert any(s.articles == ("flood-2027",) for s in stories)


def test_incremental_ids_never_change_and_memory_is_bounded() -> None:
    articles = sorted(corpus(), key=lambda a: a.published or "")
    index = StoryIndex(threshold=0.25, window_days=365, max_active=50, use_embeddings=False)
    seen: dict[str, str] = {}
    for article in articles:
        [story] = index.add([featurize(article)])
        seen[article.id] = story
    assert len(set(seen.values())) == 2
    assert seen["flood5"] == story_id("flood0") and seen["vote3"] == story_id("vote0")
    small = StoryIndex(threshold=0.99, window_days=365, max_active=3, use_embeddings=False)
    for article in articles:
        small.add([featurize(article)])
        assert len(small.active) <= 3


def test_single_article_and_empty_batch() -> None:
    [only] = batch([corpus()[0]])
    assert only.articles == ("flood0",)
    assert batch([]) == []


def test_many_undated_articles_do_not_crash() -> None:
    rng = random.Random(3)
    articles = []
    for n in range(300):
        base = FLOOD if n % 2 else VOTE
        articles.append(make(f"u{n:03d}", rng.sample(base, 3), published=None))
    stories = batch(articles, max_active=20)
    assert sum(len(s.articles) for s in stories) == 300
    assert len(stories) <= 20


def test_incremental_feed_out_of_date_order_does_not_fragment() -> None:
    """A backfill: two stories years apart, their articles interleaved. The newest date
    seen must not retire the older story while its articles keep arriving."""
    rng = random.Random(11)
    articles = []
    for n in range(8):
        lines = FLOOD[:]
        rng.shuffle(lines)
        articles.append(make(f"flood{n}", lines[:4], published=f"2019-03-{10 + n:02d}T08:00:00Z"))
        lines = VOTE[:]
        rng.shuffle(lines)
        articles.append(make(f"vote{n}", lines[:4], published=f"2025-03-{11 + n:02d}T20:00:00Z"))
    articles.sort(key=lambda a: (a.id[-1], a.id[0] == "f"))  # each vote before its flood
    index = StoryIndex(threshold=0.25, window_days=30, max_active=50, use_embeddings=False)
    seen = {a.id: index.add([featurize(a)])[0] for a in articles}
    assert {seen[f"flood{n}"] for n in range(8)} == {story_id("flood0")}
    assert {seen[f"vote{n}"] for n in range(8)} == {story_id("vote0")}


def test_stale_stories_leave_once_nothing_joins_them() -> None:
    articles = sorted(corpus(), key=lambda a: a.published or "")
    index = StoryIndex(threshold=0.25, window_days=30, max_active=50, use_embeddings=False, grace=2)
    for article in articles:
        index.add([featurize(article)])
    late = make("vote-2026", VOTE, published="2026-06-01T08:00:00Z")
    for n in range(3):  # a year later: the 2025 stories are stale, retired after 2 arrivals
        index.add([featurize(replace_id(late, f"{late.id}-{n}"))])
    assert [s.id for s in index.active] == [story_id("vote-2026-0")]


def replace_id(article: Article, ident: str) -> Article:
    from dataclasses import replace

    return replace(article, id=ident)
