"""Concept coverage: the brief that covers the most weight of the story's bigrams."""

from __future__ import annotations

import math

import pytest

from storyline.summarize.coverage import (
    Candidate,
    choose,
    concept_weights,
    concepts,
    fill,
    term_weights,
    terms,
)


def test_concepts_are_stemmed_bigrams_without_stopword_pairs() -> None:
    found = concepts("The rescue teams were searching")
    assert ("rescu", "team") in found
    assert ("were", "the") not in found


def test_weights_count_articles_and_their_leads() -> None:
    articles = [
        ["Rescue teams searched the rubble.", "Later news."],
        ["Rescue teams arrived at dawn.", "Other words here."],
        ["Nothing related at all.", "Rescue teams left."],
    ]
    weights = concept_weights(articles)
    # three articles (the logarithm of the count), each in its lead
    assert weights[("rescu", "team")] == math.log(3) + 0.25 * 3
    assert ("other", "word") not in weights  # one article only


def test_a_bigram_every_article_repeats_weighs_less_than_two_each_half_use() -> None:
    lead = ["Opening words here.", "More opening words.", "Yet more words."]
    articles = [
        [*lead, "Harbour cranes."] + (["Night ferries.", "Border trucks."] if k < 3 else [])
        for k in range(7)
    ]
    weights = concept_weights(articles)
    cranes, ferries, trucks = ("harbour", "crane"), ("night", "ferri"), ("border", "truck")
    assert weights[cranes] == math.log(7)  # seven articles, none in its lead
    assert weights[ferries] == weights[trucks] == math.log(3)
    # one sentence says what all seven share, another two things three of them share:
    # counted by articles (7 > 3 + 3) the first would win; by their logarithm the second
    candidates = [
        Candidate(4, frozenset(concepts("Harbour cranes, at a standstill.")), 0),
        Candidate(4, frozenset(concepts("Night ferries, border trucks.")), 1),
    ]
    assert choose(candidates, weights, 4) == [1]


def test_choose_covers_most_weight_within_budget_and_no_repeats() -> None:
    weights = {("a", "b"): 3.0, ("c", "d"): 2.0, ("e", "f"): 1.0}
    candidates = [
        Candidate(5, frozenset({("a", "b")}), 0),
        Candidate(5, frozenset({("a", "b")}), 1),  # says the same: adds nothing
        Candidate(5, frozenset({("c", "d")}), 2),
        Candidate(20, frozenset({("e", "f")}), 3),  # over the budget with the others
    ]
    chosen = choose(candidates, weights, 10)
    assert sorted(chosen) in ([0, 2], [1, 2])
    assert choose(candidates, weights, 10, exclusive=[(0, 2), (1, 2)]) in ([0], [1], [2], [0, 1])


def test_fill_spends_the_slack_on_new_content_words_within_the_budget() -> None:
    weights = term_weights(
        [["Rescue teams searched."], ["Rescue teams left."], ["Teams rest."], ["A rest."]]
    )
    assert weights["team"] == 3 and weights["rest"] == 2 and weights["rescu"] == 2
    assert "left" not in weights  # a word of one article alone is no sign of the story
    candidates = [
        Candidate(4, frozenset(), 0, terms=terms("Rescue teams searched rubble")),
        Candidate(3, frozenset(), 1, terms=terms("Rescue teams left")),  # adds "left" only
        Candidate(3, frozenset(), 2, terms=terms("Teams rest now")),  # adds "rest"
        Candidate(3, frozenset(), 0, terms=terms("Teams rest today")),  # group 0 is chosen
        Candidate(9, frozenset(), 4, terms=terms("Teams rest in the rubble all night long")),
    ]
    assert fill(candidates, [0], weights, 10) == [0, 2]  # 1 adds no shared word
    assert fill(candidates, [0], weights, 10, exclusive=[(0, 2)]) == [0]
    assert fill(candidates, [0], weights, 4) == [0]  # nothing else fits
    assert fill(candidates, [0, 2], weights, 100) == [0, 2]  # 4 adds no used word
    alone = term_weights([["Rescue teams left."]])
    assert alone["left"] == 1  # one article: every word is its story's


def test_the_solver_stops_by_nodes_so_a_loaded_machine_gets_the_same_brief(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.summarize import coverage

    seen: list[dict[str, float]] = []
    real = vars(coverage)["milp"]

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(dict(kwargs["options"]))  # type: ignore[call-overload]
        return real(*args, **kwargs)

    monkeypatch.setattr(coverage, "milp", spy)
    candidates = [
        coverage.Candidate(5, frozenset({("a", "b")}), 0),
        coverage.Candidate(5, frozenset({("c", "d")}), 1),
    ]
    assert coverage.choose(candidates, {("a", "b"): 2.0, ("c", "d"): 1.0}, 6) == [0]
    assert seen and seen[0]["node_limit"] == coverage.SOLVER_NODES
    # the wall-clock guard is far behind what any story needs
    assert seen[0]["time_limit"] >= 60
