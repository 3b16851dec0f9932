"""Story clustering on small written articles: features, order independence, stable ids,
incremental mode (re-clustering with merges and splits), languages and memory bounds."""

from __future__ import annotations

import random

import numpy as np

from storyline.cluster.features import (
    DocumentFrequencies,
    featurize,
    featurize_articles,
    publication_day,
    terms,
    vectorize,
)
from storyline.cluster.stories import StoryIndex, cluster_batch, reconcile, story_id, topic_id
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


def batch(articles: list[Article], **kw: float) -> list:
    params = {"story_threshold": 0.15, "topic_threshold": 0.08}
    params.update(kw)
    return cluster_batch(featurize_articles(articles), **params)


def index(**kw: int) -> StoryIndex:
    params = {"window_days": 365, "max_active": 50}
    params.update(kw)
    return StoryIndex(story_threshold=0.15, topic_threshold=0.08, **params)


def test_terms() -> None:
    article = make("a", [*FLOOD, "It was the worst flood since 1998."], published="2025-03-10")
    found = terms(article)
    # lower-cased words without function words, and pairs of neighbouring kept words
    assert {"lowmere", "corran", "venning", "300", "1998", "flood"} <= set(found)
    assert {"corran river", "mayor alys", "alys venning"} <= set(found)
    assert "the" not in found and "The" not in found and "was" not in found
    # words that tell events apart are kept (jusText's lists drop "died" or "army")
    soldiers = make("b", ["An army officer died in the attack."], published=None)
    assert {"army", "officer", "died", "attack"} <= set(terms(soldiers))
    # a script without spaces gives character pairs
    chinese = make("c", ["北京市政府宣布新计划"], published=None, language="zh")
    assert {"北京", "京市", "计划"} <= set(terms(chinese))
    assert publication_day("2025-03-10T23:30:00-05:00") == publication_day("2025-03-10")
    assert publication_day(None) is None and publication_day("soon") is None


def test_vectors_are_unit_and_similar_articles_score_higher() -> None:
    features = featurize_articles(corpus())
    frequencies = DocumentFrequencies()
    frequencies.update(features)
    vectors = vectorize(features, frequencies)
    norms = np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel()
    assert np.allclose(norms, 1.0, atol=1e-5)
    sims = (vectors @ vectors.T).toarray()
    same = sims[0, 2]  # flood0 - flood1
    other = sims[0, 1]  # flood0 - vote0
    assert same > 0.4 and other < 0.05


def test_a_term_of_one_article_weighs_least() -> None:
    texts = ["Zephyr quokka wombat", "Zephyr", "Koala", "Koala emu"]
    features = featurize_articles([make(str(n), [t], published=None) for n, t in enumerate(texts)])
    frequencies = DocumentFrequencies()
    frequencies.update(features)
    idf = frequencies.idf(features[0].terms)
    # "zephyr" (in two of four articles) weighs more than the words and pairs of one
    assert np.allclose(np.sort(idf)[-2:], [1.0, np.log(5 / 3) + 1])
    assert (idf > 1).sum() == 1 and idf.min() == 1.0
    # two articles that share one word of many are not alike because nothing else counts
    sims = (vectorize(features, frequencies) @ vectorize(features, frequencies).T).toarray()
    assert sims[0, 1] < 0.8 and sims[2, 3] < 0.8


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
    assert [(s.id, s.articles, s.topic) for s in again] == [
        (s.id, s.articles, s.topic) for s in first
    ]
    # the id is the hash of the earliest article; a topic is named by its first story
    assert {s.id for s in first} == {story_id("flood0"), story_id("vote0")}
    assert {s.topic for s in first} == {topic_id(story_id("flood0")), topic_id(story_id("vote0"))}


def test_lower_case_and_missing_dates_change_nothing() -> None:
    articles = corpus()
    plain = [
        make(a.id, [line.lower() for line in a.text.split("\n\n")], published=None)
        for a in articles
    ]
    assert groups(batch(plain)) == groups(batch(articles))


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


def test_incremental_one_at_a_time_matches_batch() -> None:
    articles = sorted(corpus(), key=lambda a: a.published or "")
    engine = index()
    seen: dict[str, str] = {}
    for article in articles:
        placement = engine.place([featurize(article)])
        [(story, _topic)] = placement.placed
        seen[article.id] = story
        seen.update(placement.moved)
    found = {s.id: set(s.articles) for s in batch(articles)}
    assert {story: {a for a, s in seen.items() if s == story} for story in seen.values()} == found


def test_incremental_merges_two_stories_and_keeps_the_old_id_as_an_alias() -> None:
    """Two halves of one event look unrelated until articles telling all of it arrive: the
    stories merge, the larger keeps its id, the other's id is reported merged into it."""
    engine = index()
    first = make("h1", FLOOD[:2], published="2025-03-10T08:00:00Z")
    second = make("h2", FLOOD[3:], published="2025-03-10T09:00:00Z")
    [(a, _)] = engine.place([featurize(first)]).placed
    [(b, _)] = engine.place([featurize(second)]).placed
    assert a != b
    whole = [make(f"w{n}", FLOOD, published=f"2025-03-11T0{n}:00:00Z") for n in range(3)]
    placement = engine.place(featurize_articles(whole))
    [story] = {s for s, _topic in placement.placed}
    assert story in {a, b}
    gone = b if story == a else a
    assert placement.merged == {gone: story}
    assert set(placement.moved) == ({"h2"} if story == a else {"h1"})
    assert [s.articles for s in engine.active] == [("h1", "h2", "w0", "w1", "w2")]


def test_reconcile_keeps_ids_with_the_larger_part() -> None:
    old = {"a": "S", "b": "S", "c": "S", "d": "T", "e": "T"}
    taken = {"S", "T"}
    # S splits: its larger part keeps S, the rest splits off; T merges into S's part
    found = reconcile([["a", "b", "d", "e"], ["c", "x"]], old, ["sA", "sC"], taken)
    assert found.ids == ["S", "sC"] or found.ids[0] == "T"
    assert found.ids[1] == "sC" and found.split == {"sC": "S"}
    assert found.merged == {"T": "S"}
    # a fresh id already in use is made unique
    again = reconcile([["y"]], {}, ["sC"], taken)
    assert again.ids[0] != "sC" and again.ids[0].startswith("s") and again.ids[0] in taken


def test_incremental_memory_is_bounded() -> None:
    articles = sorted(corpus(), key=lambda a: a.published or "")
    small = index(max_active=1)
    for article in articles:
        small.add([featurize(article)])
        assert len(small.active) <= 1
        assert len(small.features) <= 6


def test_single_article_and_empty_batch() -> None:
    [only] = batch([corpus()[0]])
    assert only.articles == ("flood0",)
    assert batch([]) == []
    assert index().place([]).placed == []


def test_many_undated_articles_do_not_crash() -> None:
    rng = random.Random(3)
    articles = []
    for n in range(300):
        base = FLOOD if n % 2 else VOTE
        articles.append(make(f"u{n:03d}", rng.sample(base, 3), published=None))
    stories = batch(articles)
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
    engine = index(window_days=30)
    seen: dict[str, str] = {}
    for article in articles:
        placement = engine.place([featurize(article)])
        seen[article.id] = placement.placed[0][0]
        seen.update(placement.moved)
    assert {seen[f"flood{n}"] for n in range(8)} == {story_id("flood0")}
    assert {seen[f"vote{n}"] for n in range(8)} == {story_id("vote0")}


def test_stale_stories_leave_once_nothing_joins_them() -> None:
    articles = sorted(corpus(), key=lambda a: a.published or "")
    engine = StoryIndex(
        story_threshold=0.15, topic_threshold=0.08, window_days=30, max_active=50, grace=3
    )
    for article in articles:
        engine.add([featurize(article)])
    late = make("flood-2026", FLOOD, published="2026-06-01T08:00:00Z")
    placed = []
    for n in range(3):  # a year later: the 2025 stories are stale, retired 3 arrivals on
        placed += engine.add([featurize(replace_id(late, f"{late.id}-{n}"))])
    assert placed[0] == story_id("flood0")  # joined 2 arrivals on: still open
    assert [s.id for s in engine.active] == [story_id("flood0")]
    assert {f"flood-2026-{n}" for n in range(3)} <= set(engine.active[0].articles)
    assert story_id("vote0") not in {s.id for s in engine.active}


def test_a_closed_story_takes_no_late_article() -> None:
    articles = sorted(corpus(), key=lambda a: a.published or "")
    engine = StoryIndex(
        story_threshold=0.15, topic_threshold=0.08, window_days=30, max_active=50, grace=0
    )
    for article in articles:
        engine.add([featurize(article)])
    late = make("vote-2026", VOTE, published="2026-06-01T08:00:00Z")
    assert engine.add([featurize(late)]) == [story_id("vote-2026")]
    assert [s.id for s in engine.active] == [story_id("vote-2026")]


def replace_id(article: Article, ident: str) -> Article:
    from dataclasses import replace

    return replace(article, id=ident)


def _election(number: int, rng: random.Random, copy: int) -> Article:
    """An article about election ``number``: its own made-up candidates and town, and the
    vocabulary every election article shares."""
    town, winner, loser = (f"{kind}{number}x" for kind in ("Velmor", "Adaro", "Brisk"))
    lines = [
        f"Voters in {town} elected {winner} as mayor after a tight election campaign.",
        f"{winner} won {40 + number % 50} percent of the vote against {loser}.",
        f"{loser} conceded the {town} mayoral race late on election night.",
        "Turnout at the polls was higher than at the last election, officials said.",
        f"{winner} promised to cut {town} property taxes and fix the ballot rules.",
    ]
    rng.shuffle(lines)
    return make(f"e{number:04d}-{copy}", lines[:4], published=None)


def test_thousands_of_articles_on_one_subject_are_many_stories() -> None:
    """5,000 articles about 1,000 elections: the shared vocabulary (election, vote, polls,
    turnout) must not make them one story; each election's own names make its story."""
    rng = random.Random(2)
    articles = [_election(n, rng, c) for n in range(1000) for c in range(5)]
    stories = batch(articles)
    gold = {a.id: a.id.split("-")[0] for a in articles}
    pred = {member: s.id for s in stories for member in s.articles}
    from storyline.evaluation.clustering import bcubed

    precision, recall, _f1 = bcubed(pred, gold)
    assert precision > 0.99 and recall > 0.95
    assert max(len(s.articles) for s in stories) <= 10


def test_one_sentence_articles_cluster_by_their_event() -> None:
    articles = [make(f"f{n}", [FLOOD[n % 3]], published=None) for n in range(6)] + [
        make(f"v{n}", [VOTE[n % 3]], published=None) for n in range(6)
    ]
    found = groups(batch(articles))
    assert not any({m[0] for m in group} == {"f", "v"} for group in found)
