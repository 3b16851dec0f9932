"""Partial syndication: shared wire sentences between otherwise different articles."""

from __future__ import annotations

import pickle

import pytest
from dedupe_builders import article, sentences

from storyline.dedupe import (
    SyndicationIndex,
    SyndicationText,
    find_syndication,
    syndication,
    syndication_links,
)
from storyline.types import Article, Sentence

WIRE = sentences(10, 3)


def with_sentences(ident: str, parts: list[str]) -> Article:
    text, spans, start = "", [], 0
    for index, part in enumerate(parts):
        spans.append(Sentence(ident, index, start, start + len(part), part))
        text += part + " "
        start = len(text)
    plain = article(ident, text.rstrip())
    return Article(**{**plain.__dict__, "sentences": tuple(spans)})


def test_three_shared_sentences_of_eight() -> None:
    first = sentences(11, 5)
    second = sentences(12, 5)
    a = with_sentences("a", [first[0], WIRE[0], first[1], WIRE[1], WIRE[2], *first[2:]])
    b = with_sentences("b", [*second[:3], WIRE[0], WIRE[1], second[3], WIRE[2], second[4]])
    (link,) = find_syndication([b, a], min_shared_chars=100)
    assert (link.a, link.b) == ("a", "b")
    assert link.shared_sentences == 3
    wire_chars = sum(len(s) for s in WIRE)
    assert wire_chars - 10 <= link.shared_chars <= wire_chars + 2
    assert abs(link.share_a - link.shared_chars / len(a.text)) < 0.01


def test_sentences_fall_back_to_punctuation_when_absent() -> None:
    a = article("a", " ".join([*sentences(11, 5), *WIRE]))
    b = article("b", " ".join([*WIRE, *sentences(12, 5)]))
    (link,) = find_syndication([a, b], min_shared_chars=100)
    assert link.shared_sentences == 3


def test_unrelated_articles_and_short_overlaps_are_not_linked() -> None:
    a = article("a", " ".join(sentences(21, 8)))
    b = article("b", " ".join(sentences(22, 8)))
    assert find_syndication([a, b]) == []
    c = article("c", " ".join([*sentences(23, 6), WIRE[0]]))
    d = article("d", " ".join([WIRE[0], *sentences(24, 6)]))
    assert find_syndication([c, d], min_shared_chars=len(WIRE[0]) + 50) == []


def test_duplicates_are_not_syndication() -> None:
    body = " ".join(sentences(30, 10))
    a, b = article("a", body), article("b", body.upper())
    assert find_syndication([a, b]) == []


def test_boilerplate_shingles_are_ignored() -> None:
    footer = "Sign up for our newsletter to get the latest stories delivered every morning."
    many = [
        article(f"x{i:03}", " ".join([*sentences(100 + i, 6), footer, footer])) for i in range(60)
    ]
    assert find_syndication(many, min_shared_chars=20) == []


def test_involving_measures_only_pairs_with_a_new_article() -> None:
    wire = " ".join(
        f"Wire sentence number {i} says the harbour reopened on day {i}." for i in range(12)
    )
    texts = [
        SyndicationText(name, f"{lead}. {wire} Local coda for {name}.", ())
        for name, lead in (("a", "Alpha intro"), ("b", "Bravo intro"), ("c", "Charlie intro"))
    ]
    every = syndication_links(texts)
    assert [(link.a, link.b) for link in every] == [("a", "b"), ("a", "c"), ("b", "c")]
    only_c = syndication_links(texts, involving={"c"})
    assert [(link.a, link.b) for link in only_c] == [("a", "c"), ("b", "c")]


def test_syndication_index_matches_batch_links_within_groups_and_forgets_old_articles() -> None:
    wire = " ".join(sentences(41, 10))
    texts = [
        SyndicationText(
            name, f"{' '.join(sentences(seed, 2))} {wire} {sentences(seed + 1, 1)[0]}", ()
        )
        for name, seed in (("a", 1), ("b", 3), ("c", 5), ("d", 7))
    ]
    index = SyndicationIndex(memory=10)
    found = [link for text in texts for link in index.add(text, group="story")]
    assert sorted(found, key=lambda x: (x.a, x.b)) == syndication_links(texts)
    assert len(found) == 6

    other_story = SyndicationIndex(memory=10)
    other_story.add(texts[0], group="s1")
    assert other_story.add(texts[1], group="s2") == []  # different stories are not compared

    short = SyndicationIndex(memory=2)
    for text in texts[:3]:
        short.add(text)
    assert len(short) == 2
    assert {(x.a, x.b) for x in short.add(texts[3])} == {("b", "d"), ("c", "d")}  # "a" forgotten


def test_a_widely_reprinted_wire_story_links_each_copy_to_its_strongest_partners(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wire = sentences(40, 6)
    copies = [
        article(f"c{i:02}", " ".join([*sentences(200 + i, 4), *wire[: 3 + i % 4]]))
        for i in range(30)
    ]
    monkeypatch.setattr(syndication, "MAX_PARTNERS", 30)
    every = find_syndication(copies, min_shared_chars=100)
    assert len(every) == 30 * 29 // 2
    monkeypatch.setattr(syndication, "MAX_PARTNERS", 3)
    capped = find_syndication(copies, min_shared_chars=100)
    assert set(capped) < set(every) and len(capped) <= 30 * 3
    partners: dict[str, set[str]] = {}
    for link in capped:
        partners.setdefault(link.a, set()).add(link.b)
        partners.setdefault(link.b, set()).add(link.a)
    # each copy keeps at least its 3 strongest partners: those sharing the most wire text
    assert all(len(found) >= 3 for found in partners.values()) and len(partners) == 30
    # c03 carries 6 wire sentences: its strongest partners are the others that do
    assert partners["c03"] >= {"c07", "c11", "c15"}
    seen, todo = {"c00"}, ["c00"]
    while todo:  # one connected group: the copies are still recognisably one wire story
        for other in partners[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    assert seen == set(partners)


def test_the_incremental_index_measures_only_the_strongest_partners(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wire = sentences(41, 12)
    monkeypatch.setattr(syndication, "MAX_PARTNERS", 3)
    index = SyndicationIndex(memory=100)
    for i in range(12):
        # copy i carries wire sentences 0..(3 + i % 6): later copies with long runs exist
        text = " ".join([*sentences(300 + i, 4), *wire[: 4 + i % 6]])
        links = index.add(SyndicationText.of(article(f"c{i:02}", text)))
        assert len(links) <= 3
    last = index.add(SyndicationText.of(article("new", " ".join([*sentences(400, 4), *wire[:9]]))))
    # the remembered copies carrying 9 wire sentences (i % 6 == 5) share the most with it
    assert {link.a if link.b == "new" else link.b for link in last} >= {"c05", "c11"}


def test_a_checkpointed_index_leaves_its_token_cache_behind_and_finds_the_same_links() -> None:
    wire = sentences(42, 8)
    texts = [
        SyndicationText.of(article(f"c{i}", " ".join([*sentences(500 + i, 3), *wire])))
        for i in range(6)
    ]
    index = SyndicationIndex(memory=50)
    for text in texts[:5]:
        index.add(text)
    checkpoint = pickle.dumps(index)
    assert len(checkpoint) < 2000  # ids only: the texts come back from the store
    restored = pickle.loads(checkpoint)
    assert not restored._cache and index._cache  # the cache is not checkpointed
    assert restored.remembered() == [f"c{i}" for i in range(5)]
    restored.restore(reversed(texts[:5]))
    assert restored.add(texts[5]) == index.add(texts[5])
