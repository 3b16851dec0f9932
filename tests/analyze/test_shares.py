"""Shares and populations of a named place compared across a story
(``analyze.shares``): each rule on small texts we wrote; sentence vectors all alike."""

from __future__ import annotations

from builders import story_search

from storyline.analyze.conflicts import Conflict
from storyline.analyze.shares import place_shares

DAY = "2024-06-10T10:00:00+00:00"


def shares(*texts: str) -> list[Conflict]:
    return story_search(place_shares, texts, published=DAY)


def test_a_share_of_one_place_and_part_in_two_wordings_disagrees() -> None:
    [conflict] = shares(
        "About 83 percent of Bavaria's 12.4 million people are Catholics.",
        "Catholics, who make up about 80 percent of Bavaria's 12 million population, back "
        "the party.",
    )
    assert (conflict.kind, conflict.about) == ("range", "share of Bavaria's people")
    assert [s.value for s in conflict.sides] == ["About 83 percent", "about 80 percent"]
    assert all(s.text for s in conflict.sides)


def test_a_population_a_place_owns_disagrees() -> None:
    [conflict] = shares(
        "Bavaria's 12.4 million people voted on Sunday.",
        "Bavaria's 11 million people voted on Sunday.",
    )
    assert conflict.about == "people of Bavaria"


def test_shares_of_other_parts_places_or_years_are_not_compared() -> None:
    catholics = "About 83 percent of Bavaria's 12.4 million people are Catholics."
    assert (
        shares(catholics, "About 30 percent of Bavaria's 12.4 million people are Protestants.")
        == []
    )
    assert shares(catholics, "About 80 percent of Saxony's 4 million people are Catholics.") == []
    assert (
        shares(
            "In 1990, about 83 percent of Bavaria's people were Catholics.",
            "In 2010, about 80 percent of Bavaria's people were Catholics.",
        )
        == []
    )
    # a share without a place it is of says nothing of a place
    assert shares("About 83 percent of the people are Catholics.", catholics) == []
