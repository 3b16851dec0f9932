"""Exact and near duplicates: batch, incremental and stored signatures agree."""

from __future__ import annotations

import random

from dedupe_builders import article, sentences
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.dedupe import (
    DuplicateIndex,
    DuplicateLink,
    Signature,
    find_duplicates,
    signature_bytes,
    signature_of,
)

BASE = sentences(1, 20)
OTHER = sentences(2, 20)


def text(parts: list[str]) -> str:
    return " ".join(parts)


def corpus() -> list:
    near = BASE.copy()
    near[7] = "An entirely different sentence was written here by a second editor."
    return [
        article("base", text(BASE), published="2024-06-10T12:00:00+00:00"),
        article("copy", "  " + text(BASE).upper().replace(" ", "\n  ") + "!!"),
        article("near", text(near), published="2024-06-11"),
        article("other", text(OTHER)),
        article("empty", ""),
        article("empty2", " ... "),
    ]


def test_exact_copy_with_other_case_and_whitespace() -> None:
    links = find_duplicates(corpus())
    assert DuplicateLink("copy", "base", "exact", 1.0) in links


def test_one_changed_sentence_is_a_near_duplicate() -> None:
    (link,) = [k for k in find_duplicates(corpus()) if k.article == "near"]
    assert link.duplicate_of == "base"
    assert link.kind == "near"
    assert 0.8 <= link.similarity < 1.0


def test_different_and_empty_articles_are_not_linked() -> None:
    linked = {k.article for k in find_duplicates(corpus())} | {
        k.duplicate_of for k in find_duplicates(corpus())
    }
    assert linked == {"base", "copy", "near"}
    assert find_duplicates([article("a", text(BASE)), article("b", text(OTHER))]) == []


def test_canonical_is_earliest_then_longest_then_smallest_id() -> None:
    body = text(BASE)
    dated = [article("z", body, published="2024-06-10T10:00:00+09:00"), article("a", body)]
    assert find_duplicates(dated)[0].duplicate_of == "z"  # undated comes last
    longer = [article("a", body), article("b", body + " One more.")]
    assert find_duplicates(longer)[0].duplicate_of == "b"
    padded = [article("a", body), article("b", "  " + body + "!!\n")]  # padding is not length
    assert find_duplicates(padded)[0].duplicate_of == "a"
    tie = [article("b", body), article("a", body)]
    assert find_duplicates(tie) == [DuplicateLink("b", "a", "exact", 1.0)]
    # Time zones compare as instants: 10:00+09:00 is before 09:00+00:00.
    zoned = [
        article("x", body, published="2024-06-10T09:00:00+00:00"),
        article("y", body, published="2024-06-10T10:00:00+09:00"),
    ]
    assert find_duplicates(zoned)[0].duplicate_of == "y"


def chain() -> list:
    """a ~ b ~ c, each step changes different sentences, so a and c drift apart."""
    rng = random.Random(5)
    versions = [BASE.copy()]
    for step in range(4):
        nxt = versions[-1].copy()
        nxt[step * 5] = f"Replacement number {step} {rng.random()} says something else."
        versions.append(nxt)
    return [article(f"v{i}", text(v), published=f"2024-06-1{i}") for i, v in enumerate(versions)]


def test_chains_resolve_to_one_canonical() -> None:
    links = find_duplicates(chain())
    assert {k.article for k in links} == {"v1", "v2", "v3", "v4"}
    assert {k.duplicate_of for k in links} == {"v0"}
    ids = {k.article for k in links}
    assert all(k.duplicate_of not in ids for k in links)


@settings(max_examples=25, deadline=None)
@given(st.permutations(corpus() + chain()))
def test_links_do_not_depend_on_input_order(articles: list) -> None:
    assert find_duplicates(articles) == find_duplicates(corpus() + chain())


@settings(max_examples=15, deadline=None)
@given(st.permutations(corpus() + chain()))
def test_incremental_index_matches_batch(articles: list) -> None:
    index = DuplicateIndex()
    for item in articles:
        index.add(item)
    assert index.links() == find_duplicates(articles)


def test_add_returns_the_link_when_the_canonical_came_first() -> None:
    index = DuplicateIndex()
    ordered = sorted(corpus(), key=lambda a: (a.published is None, a.published or ""))
    returned = [index.add(a) for a in ordered]
    assert sorted((k for k in returned if k), key=lambda k: k.article) == index.links()
    assert index.add(ordered[0]) is None  # re-adding an id changes nothing
    assert len(index) == len(ordered)


def test_signature_bytes_round_trip() -> None:
    item = article("base", text(BASE), published="2024-06-10")
    blob = signature_bytes(item)
    again = Signature.from_bytes(blob)
    assert again == signature_of(item)
    assert again.to_bytes() == blob
    assert again.jaccard(signature_of(item)) == 1.0
    assert len(blob) < 128 * 4 + 80  # compact: uint32 values plus a small header
    empty = Signature.from_bytes(signature_bytes(article("e", "")))
    assert empty.empty and empty.published is None


def test_index_restarts_from_stored_signatures_without_rehashing() -> None:
    articles = corpus() + chain()
    index = DuplicateIndex()
    for item in articles:
        index.add(item)
    stored = [index.signature_bytes(a.id) for a in articles]
    restarted = DuplicateIndex.from_bytes(stored)
    assert restarted.links() == index.links()
    late = article("late", text(BASE))
    # chain()'s v0 has the same text as "base" and an earlier date: it is canonical.
    assert restarted.add(late) == DuplicateLink("late", "v0", "exact", 1.0)


@settings(max_examples=15, deadline=None)
@given(st.permutations(corpus() + chain()))
def test_bounded_memory_large_enough_matches_batch(articles: list) -> None:
    index = DuplicateIndex(memory=len(articles))
    for item in articles:
        index.add(item)
    assert index.links() == find_duplicates(articles)


def test_bounded_memory_forgets_old_articles_but_keeps_their_links() -> None:
    fillers = [article(f"f{n}", text(sentences(100 + n, 20))) for n in range(6)]
    base, copy, near = corpus()[:3]
    index = DuplicateIndex(memory=3)
    index.add(base)
    assert index.add(copy) == DuplicateLink("copy", "base", "exact", 1.0)
    for filler in fillers:
        index.add(filler)
    assert len(index) == 3 and "base" not in index
    assert index.add(near) is None  # its original was forgotten: no longer found
    assert [k.article for k in index.links()] == ["copy"]
    assert index._lsh.keys.size() == 3  # forgotten signatures left the LSH


def test_bounded_memory_an_earlier_copy_repoints_forgotten_members() -> None:
    base, copy, near = corpus()[:3]
    late_first = article("first", text(BASE), published="2024-06-01")
    index = DuplicateIndex(memory=2)
    index.add(copy)  # undated: canonical until an earlier copy comes
    index.add(base)  # dated: now canonical, "copy" links to it
    index.add(near)  # "copy" is forgotten, its link is kept
    index.add(late_first)  # matched through "base", which is still remembered
    links = {k.article: k.duplicate_of for k in index.links()}
    assert links == {"copy": "first", "base": "first", "near": "first"}


def test_bounded_memory_drops_forgotten_singletons_entirely() -> None:
    index = DuplicateIndex(memory=5)
    for n in range(40):
        index.add(article(f"a{n}", text(sentences(500 + n, 12))))
    assert len(index) == 5
    assert len(index._canonical) == 5 and len(list(index._sets.keys())) == 5


def _notice_copies(count: int, text: str) -> list:
    return [article(f"n{i}", text, published=f"2024-01-0{i + 1}") for i in range(count)]


def test_a_short_text_seen_five_times_makes_its_later_copies_notices() -> None:
    from storyline.dedupe.duplicates import NOTICE_CHARS, NOTICE_COPIES

    text = " ".join(sentences(7, 3))  # ~50 words: a sign-in wall's length
    assert len(text) < NOTICE_CHARS and NOTICE_COPIES == 5
    index = DuplicateIndex(first_come=True)
    arrived = [index.add(a) for a in _notice_copies(6, text)]
    assert arrived[0] is None and all(link is not None for link in arrived[1:])
    # the original and its first three copies are an article and its copies; the fifth
    # appearance and later ones are notices
    assert [index.is_notice(f"n{i}") for i in range(6)] == [False] * 4 + [True] * 2
    assert index.notices() == {"n4", "n5"}


def test_notices_in_a_batch_do_not_depend_on_input_order() -> None:
    text = " ".join(sentences(8, 3))
    copies = _notice_copies(7, text)
    found = []
    for order in (copies, copies[::-1], copies[2:] + copies[:2]):
        index = DuplicateIndex()
        for a in order:
            index.add(a)
        found.append(index.notices())
    assert found[0] == found[1] == found[2] == {"n4", "n5", "n6"}


def test_long_texts_and_short_texts_seen_four_times_are_never_notices() -> None:
    long_text = " ".join(sentences(9, 12))  # a wire story reprinted six times
    short_text = " ".join(sentences(10, 3))  # a brief four outlets reprint
    index = DuplicateIndex()
    for a in _notice_copies(6, long_text):
        index.add(a)
    for n in range(4):
        index.add(article(f"s{n}", short_text))
    assert len(index.links()) == 5 + 3
    assert index.notices() == set()
    assert not any(index.is_notice(i) for i in ("n4", "n5", "s3"))
