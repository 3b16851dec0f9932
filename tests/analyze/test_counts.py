"""Counts of people compared across a story (``analyze.counts``): each rule on small
texts we wrote. The sentences' vectors are given (all alike unless a test says
otherwise) so that only the rules are under test; one test runs the whole story."""

from __future__ import annotations

from typing import Any

import numpy as np
from builders import article, story_search

from storyline.analyze.conflicts import Conflict
from storyline.analyze.counts import people_counts, thing_counts
from storyline.analyze.story import analyze_story

DAY = "2024-06-10T10:00:00+00:00"
NEXT_DAY = "2024-06-11T09:00:00+00:00"


def counts(
    *texts: str, published: tuple[str, ...] = (), alike: bool = True, search: Any = people_counts
) -> list[Conflict]:
    return story_search(search, texts, published=published or DAY, alike=alike)


def test_paraphrased_predicates_of_one_toll_disagree() -> None:
    [conflict] = counts(
        "The storm killed 26 people in the coastal province of Verano.",
        "The storm left 31 dead in Verano, officials said.",
    )
    assert (conflict.kind, conflict.about) == ("contradiction", "death")
    assert [s.value for s in conflict.sides] == ["26 people", "31 dead"]
    assert all(s.text for s in conflict.sides)


def test_a_toll_rising_between_days_is_an_update_and_hedges_a_range() -> None:
    [update] = counts(
        "The death toll from the flood rose to 40.",
        "The flood killed 55 people.",
        published=(DAY, NEXT_DAY),
    )
    assert update.kind == "update"
    [ranged] = counts(
        "At least 40 people were injured in the blast.", "The blast injured 55 people."
    )
    assert (ranged.kind, ranged.about) == ("range", "injury")


def test_agreeing_or_rounded_figures_are_no_conflict() -> None:
    assert counts("The fire killed 12 people.", "Twelve people died in the fire.") == []
    # a bound or estimate that the exact figure fits agrees with it
    assert counts("At least 40 people were injured in the blast.", "It injured 45 people.") == []
    assert counts("About 400 people were injured in the blast.", "It injured 412 people.") == []
    assert counts("Nearly 200 people were injured in the blast.", "It injured 185 people.") == []


def test_a_toll_in_millions_is_read_from_its_scale_word() -> None:
    [conflict] = counts(
        "The fever kills up to 3 million people a year in Norland.",
        "The fever kills about a million people a year in Norland, doctors say.",
    )
    assert [s.value for s in conflict.sides] == ["up to 3 million people", "about a million people"]
    # the second figure of a range is no toll of its own
    assert (
        counts(
            "The fever kills up to 3 million people a year in Norland.",
            "Norland counts 1 million to 2 million deaths from the fever a year.",
        )
        == []
    )


def test_deaths_and_injuries_are_two_counts() -> None:
    assert counts("The crash killed 4 people.", "The crash injured 9 people.") == []


def test_parts_ages_and_other_nouns_are_not_the_toll() -> None:
    assert counts("The crash killed 12 people.", "Two of the dead were children.") == []
    assert counts("The crash killed 12 people.", "It killed five children.") == []
    assert counts("The crash killed 12 people.", "The driver, 40, was killed.") == []
    assert counts("The gunman killed 3 people.", "He is serving two life sentences.") == []


def test_other_places_times_and_actors_are_other_counts() -> None:
    assert counts("The storm killed 20 people in Norland.", "It killed 30 in Sudmark.") == []
    assert counts("The storm killed 20 people.", "A storm in 1998 killed 30 people.") == []
    assert counts("Police arrested 10 people on Monday.", "Police arrested 14 on Tuesday.") == []
    assert counts("The virus kills 700 people a year.", "The virus killed 900 people.") == []
    assert counts("Police have arrested 50 since May.", "Police have arrested 60 people.") == []


def test_far_apart_figures_or_unlike_sentences_are_not_compared() -> None:
    assert counts("The blast killed 7 people.", "The war has killed 3,600 people.") == []
    unlike = ("The blast killed 7 people.", "The blast killed 9 people.")
    assert counts(*unlike, alike=False) == []
    assert len(counts(*unlike)) == 1


def test_an_article_giving_two_figures_is_left_out() -> None:
    assert counts("The quake killed 20 people. Later the quake killed 25.", "It killed 30.") == []


def test_a_sentence_giving_a_toll_per_place_gives_each_for_its_place() -> None:
    both = "The bombing in Chile killed 10 people, while a bombing in Peru killed 224 people."
    [conflict] = counts(both, "A blast in Chile killed 11 people.")
    assert [s.value for s in conflict.sides] == ["10 people", "11 people"]
    [conflict] = counts(both, "The bombing in Peru killed 230 people.")
    assert [s.value for s in conflict.sides] == ["224 people", "230 people"]
    # a people's adjective names its country when the story names the country
    [conflict] = counts(
        "The Chilean embassy bombing killed 10 people, while a bombing in Peru killed 224.",
        "A blast at the embassy in Chile killed 11 people.",
    )
    assert [s.value for s in conflict.sides] == ["10 people", "11 people"]
    # a count for both places (a total) is neither place's count
    assert counts(both, "The bombings in Chile and Peru killed 230 people.") == []
    # a figure of the sentence with no place of its own: the sentence stays ambiguous
    unplaced = "The bombing killed 10 people, while one in Peru killed 14."
    assert counts(unplaced, "It killed 11.") == []


def test_a_story_reports_a_toll_its_facts_do_not_align() -> None:
    analysis = analyze_story(
        [
            article("a", "Fourteen people died when fire swept through a warehouse in "
                    "Dunmore, the fire service said.", published=DAY),
            article("b", "The warehouse fire in Dunmore left 17 people dead, firefighters "
                    "said.", published=DAY),
        ]
    )  # fmt: skip
    assert [(c.kind, c.about) for c in analysis.conflicts] == [("contradiction", "death")]


def things(*texts: str, alike: bool = True, cosine: float | None = None) -> list[Conflict]:
    if cosine is None:
        return counts(*texts, alike=alike, search=thing_counts)
    assert len(texts) == 2  # one sentence each: two vectors at that cosine
    vectors = np.array([[1, 0], [cosine, (1 - cosine**2) ** 0.5]], dtype=np.float32)
    return story_search(thing_counts, texts, published=DAY, vectors=vectors)


def test_a_count_of_one_noun_for_one_predicate_disagrees() -> None:
    [conflict] = things(
        "The ferry sank near Port Alder, killing the captain and nine others.",
        "The ferry that sank near Port Alder killed the captain and 11 others.",
    )
    assert (conflict.kind, conflict.about) == ("contradiction", "other")
    assert [s.value for s in conflict.sides] == ["nine others", "11 others"]
    assert all(s.text for s in conflict.sides)
    [crew] = things(
        "Divers tried to reach 52 miners trapped in the flooded shaft.",
        "Rescuers said 55 miners were trapped in the flooded shaft.",
    )
    assert crew.about == "miner"


def test_things_the_closed_class_counts_are_left_to_it() -> None:
    assert things("The flood killed 12 people.", "The flood killed 15 people.") == []


def test_counts_of_things_in_other_scopes_are_not_compared() -> None:
    assert (
        things("Smith completed 20 passes in the final.", "Jones completed 25 passes in the final.")
        == []
    )
    assert things("He caught 20 passes in the final.", "Jones caught 25 passes in the final.") == []
    assert (
        things(  # a part of a whole, another place, another year
            "The captain completed 20 of 24 passes in the final.",
            "The captain completed 20 passes in the final.",
        )
        == []
    )
    assert (
        things(
            "There are 2,400 wolves in Norland.",
            "There are about 2,600 wolves in Norland and Sudmark.",
        )
        == []
    )
    assert things("The park held 300 wolves in 1990.", "The park held 350 wolves in 2001.") == []


def test_counts_of_things_far_apart_or_in_unlike_sentences_are_not_compared() -> None:
    assert (
        things(
            "The ferry sank, killing the captain and 9 others.",
            "The ferry sank, killing the captain and 30 others.",
        )
        == []
    )
    assert (
        things(
            "The ferry sank, killing the captain and nine others.",
            "The ferry sank, killing the captain and 11 others.",
            alike=False,
        )
        == []
    )
    assert (
        things(  # no other noun in common: nothing says it is the same group
            "Officials counted 40 ballots.", "Critics found 45 ballots."
        )
        == []
    )


def test_a_count_listed_as_part_of_a_total_is_no_count_of_its_own() -> None:
    assert (
        things(
            "At least 12 of one family, five children, four women and three men, were killed "
            "in the blast in Dunmore.",
            "The blast in Dunmore killed four men.",
        )
        == []
    )


def test_a_sentence_comparing_two_counts_of_one_noun_gives_neither() -> None:
    assert (
        things(
            "The new drug had 1.7 million prescriptions in its first months.",
            "The new drug had 2.1 million prescriptions, against 2.6 million prescriptions for "
            "its rival in its first months.",
        )
        == []
    )


def test_counts_whose_clauses_share_words_are_compared_at_a_lower_cosine() -> None:
    pair = (
        "Divers began evacuating 52 miners trapped in the flooded northern coal shaft.",
        "Crews recovered the remains of 55 miners from the flooded northern coal shaft.",
    )
    assert len(things(*pair, cosine=0.55)) == 1  # "flooded northern coal shaft"
    assert things(*pair, cosine=0.45) == []
    assert (
        things(  # no predicate and too few clause words in common: another group
            "Divers began evacuating 52 miners from the shaft.",
            "Crews honoured 55 miners at the shaft.",
            cosine=0.55,
        )
        == []
    )


def test_opposite_bounds_on_one_toll_disagree() -> None:
    """ "Nearly 300" says below 300, "more than 300" above it: two figures, two sides;
    a people's adjective names its country ("several Chilean cities" are in Chile)."""
    [conflict] = counts(
        "The bombings killed nearly 300 people in Chile.",
        "The explosions killed more than 300 people in several Chilean cities, including "
        "Valparaiso.",
    )
    assert conflict.kind == "range"
    assert [s.value for s in conflict.sides] == ["nearly 300 people", "more than 300 people"]
    assert (
        counts(
            "The bombings killed nearly 300 people in Chile.",
            "The explosions killed more than 300 people in Peru.",
        )
        == []
    )


def test_a_count_after_a_hyphened_modifier_counts_its_noun() -> None:
    """ "3 million school-age children" counts children; a clause coordinated after the
    count ("and half may be taking Zentrax") does not scope it."""
    [conflict] = things(
        "An estimated 3 million school-age children have the disorder, and half may be "
        "taking Zentrax.",
        "The disorder affects up to 2.5 million school-age children in the country.",
    )
    assert conflict.about == "child"
    assert [s.value for s in conflict.sides] == [
        "An estimated 3 million school-age children",
        "up to 2.5 million school-age children",
    ]


def test_extents_of_one_subject_disagree_whatever_the_verb() -> None:
    """The area an event covers is one figure however it is said ("charred" / "spread
    across"); the subject, read through a relative clause or a coordinated verb, says
    which event; "has since" is no start of a running count."""
    [conflict] = things(
        "The Alder Creek fire started on Saturday and has since charred 536 acres.",
        "The Alder Creek fire, which forced evacuations, spread across more than 900 acres.",
        cosine=0.55,
    )
    assert (conflict.kind, conflict.about) == ("range", "acre")
    assert [s.value for s in conflict.sides] == ["536 acres", "more than 900 acres"]
    [burning] = things(  # an active participle's noun is its subject
        "Crews fought a wildfire burning more than 200 acres near Dunmore on Sunday.",
        "The fire near Dunmore has charred 536 acres.",
        cosine=0.55,
    )
    assert [s.value for s in burning.sides] == ["more than 200 acres", "536 acres"]
    assert (
        things(  # unlike sentences
            "The Alder Creek fire has charred 536 acres.",
            "The Alder Creek fire spread across more than 900 acres.",
            cosine=0.45,
        )
        == []
    )
    assert (
        things(  # a named agent's acts are many figures (rushing against total yards)
            "The Vell Rovers rushed for over 350 yards.",
            "The Vell Rovers racked up 507 yards on offense.",
            cosine=0.55,
        )
        == []
    )
    assert (
        things(  # another subject
            "The Alder Creek fire has charred 536 acres.",
            "The logging company has cleared more than 900 acres.",
            cosine=0.55,
        )
        == []
    )


def test_counts_of_one_subject_by_one_predicate_may_differ_more() -> None:
    """A count a named thing is said to affect ("Veltitis affects 37 million adults" /
    "veltitis, which affects 16 million adults") is compared up to MAX_RATIO apart; a
    figure the parse reads as money without a currency sign counts its noun. Counts of
    things by other verbs of one subject ("sold" / "recalled") are two counts."""
    [conflict] = story_search(
        thing_counts,
        (
            "Veltitis affects more than 37 million adults, and is usually linked with age.",
            "Doctors treat veltitis, which affects more than 16 million adults.",
        ),
        published=(DAY, NEXT_DAY),
    )
    assert (conflict.kind, conflict.about) == ("update", "adult")
    assert [s.value for s in conflict.sides] == [
        "more than 37 million adults",
        "more than 16 million adults",
    ]
    pair = ("Zentrax sold 200 cars in May.", "Zentrax recalled 300 cars in May.")
    assert things(*pair, cosine=0.6) == []


def test_ranges_and_decimals_of_one_extent_disagree() -> None:
    """An extent given as a range or to a decimal ("rose 0.6 to 1.2 degrees") is read
    as counts of things are: two ranges of one subject's rise disagree; a range and its
    own figures agree; degrees of two temperature scales are two units."""
    [conflict] = things(
        "Over the past century, mean lake temperatures have risen 0.6 to 1.2 degrees.",
        "Lake temperatures have risen between 0.7 and 1.4 degrees in the past century.",
        cosine=0.6,
    )
    assert (conflict.kind, conflict.about) == ("range", "degree")
    assert [s.value for s in conflict.sides] == ["0.6 to 1.2 degrees", "0.7 and 1.4 degrees"]
    [decimal] = things(
        "Lake temperatures have risen 0.6 degrees in the past century.",
        "Lake temperatures have risen 0.9 degrees in the past century.",
        cosine=0.6,
    )
    assert [s.value for s in decimal.sides] == ["0.6 degrees", "0.9 degrees"]
    assert (
        things(
            "Lake temperatures have risen 0.6 to 1.2 degrees in the past century.",
            "Lake temperatures have risen 0.6 to 1.2 degrees over the past century.",
            cosine=0.6,
        )
        == []
    )
    assert (
        things(  # Celsius against Fahrenheit: not converted, not compared
            "Lake temperatures have risen 0.7 to 1.4 degrees Celsius in the past century.",
            "Lake temperatures have risen 0.9 to 1.6 degrees Fahrenheit in the past century.",
            cosine=0.6,
        )
        == []
    )
    assert (
        things(  # a range of counted things: which figure is reported is not read
            "Rescuers have found 10 to 20 boats near the Vell coast.",
            "Rescuers have found 30 boats near the Vell coast.",
            cosine=0.6,
        )
        == []
    )


def test_a_count_after_people_named_counts_them_too() -> None:
    """ "Ann Vell and 31 members of her gang" are 32 members: no conflict with a report of
    32, one with a report of 40; a count of members alone stays as it is."""
    assert (
        things(
            "Ann Vell and 31 members of her gang were arrested by police in Norland.",
            "Police in Norland arrested 32 members of the gang of Ann Vell.",
            cosine=0.6,
        )
        == []
    )
    [conflict] = things(
        "Ann Vell and 31 members of her gang were arrested by police in Norland.",
        "Police in Norland arrested 40 members of the gang of Ann Vell.",
        cosine=0.6,
    )
    assert [s.value for s in conflict.sides] == ["Ann Vell and 31 members", "40 members"]


def test_an_extent_the_parse_hangs_as_a_measure_of_its_verb_is_read() -> None:
    """ "has risen 14 inches", "has risen 4 to 10 inches": the parse hangs the extent from
    the verb as a measure (npadvmod), not as its object; it is the verb's extent all the
    same, compared through the verb's subject."""
    [conflict] = things(
        "The lake level has risen 14 inches.", "The lake level has risen 19 inches.", cosine=0.6
    )
    assert [s.value for s in conflict.sides] == ["14 inches", "19 inches"]
    [ranges] = things(
        "The lake level has risen 4 to 10 inches since 1990.",
        "The lake level has risen 6 to 12 inches since 1990.",
        cosine=0.6,
    )
    assert (ranges.kind, [s.value for s in ranges.sides]) == (
        "range",
        ["4 to 10 inches", "6 to 12 inches"],
    )
    assert (
        things(  # another subject
            "The lake level has risen 14 inches.", "The river has risen 19 inches.", cosine=0.6
        )
        == []
    )
    assert (
        things(  # a measure of a noun ("a depth of"), not of the verb: two quakes' depths
            "Meanwhile, an earthquake hit the area, with a depth of 30.1 kilometers.",
            "Later the earthquake reached a 5.7 magnitude, with a depth of 10 kilometers.",
            cosine=0.6,
        )
        == []
    )
    assert (
        things(  # a distance from a place places the event: no extent of it
            "The quake occurred at 2:09 a.m. and had a depth of 1.2 miles, Dunmore officials said.",
            "The U.S. Geological Survey reported that the quake was centered about 3 miles"
            " southwest of Dunmore, in a seismically active area.",
            cosine=0.6,
        )
        == []
    )
