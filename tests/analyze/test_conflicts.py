"""Typed conflicts between aligned mentions: value parsing, kinds, and agreement (no conflict)."""

from __future__ import annotations

import pytest

from storyline.analyze.conflicts import agree, dates, find_conflicts, quantities, same_figure
from storyline.analyze.facts import Fact, FactMention


def fact(*texts: str) -> Fact:
    mentions = tuple(FactMention(f"a{i}", 0, 0, len(text), text) for i, text in enumerate(texts))
    ids = tuple(m.article for m in mentions)
    return Fact("f1", texts[0], mentions, ids, len(ids), ids)


SAME_TIME = {"a0": "2024-06-10T10:00:00+00:00", "a1": "2024-06-10T10:00:00+00:00"}
LATER = {"a0": "2024-06-10T10:00:00+00:00", "a1": "2024-06-11T09:00:00+00:00"}


def test_quantities_keep_unit_hedge_and_scale_and_skip_years() -> None:
    [killed] = quantities("At least 12 people were killed in 2023.")
    assert (killed.about, killed.low, killed.hedged) == ("people", 12.0, True)
    [money] = quantities("It cost 1.5 million dollars.")
    assert (money.about, money.low, money.hedged) == ("dollar", 1_500_000.0, False)
    assert quantities("Putin visited in 2000 and May 7 was his inauguration.") == []
    [word] = quantities("Twelve people died.")
    assert word.low == 12.0
    [scaled] = quantities("The fever kills about a million people a year.")
    assert (scaled.about, scaled.low, scaled.bound) == ("people", 1_000_000.0, "~")
    assert quantities("It was a big year for a million-dollar home.") == []
    assert quantities("The leader was executed along with 6 of his followers.") == []
    [bridges] = quantities("The quake damaged the hall, along with 8 bridges.")
    assert (bridges.about, bridges.low) == ("bridge", 8.0)
    [share] = quantities("The service opens at about a third of the dealers.")
    assert (share.about, share.low, share.bound, share.text) == ("", 33.3, "~", "about a third")


def test_dates_precision_and_the_verb_may() -> None:
    [month] = dates("The visit may come in September.")
    [span] = dates("He will travel on Sept. 12-17.")
    assert (month.precision, span.precision) == (1, 2)
    assert (span.low, span.high) == (912, 917)
    assert dates("Officials say it may rain.") == []


@pytest.mark.parametrize(
    ("a", "b", "published", "kind"),
    [
        (
            "Police said 12 people were killed.",
            "Police said 15 people were killed.",
            SAME_TIME,
            "contradiction",
        ),
        (
            "Police said 12 people were killed.",
            "Police said 15 people were killed.",
            LATER,
            "update",
        ),
        (
            "Police said about 12 people were killed.",
            "Police said 15 people were killed.",
            SAME_TIME,
            "range",
        ),
        (
            "The summit will be held in September.",
            "The summit will be held on Sept. 12-17.",
            SAME_TIME,
            "refinement",
        ),
        (
            "The summit will be held on Sept. 12.",
            "The summit will be held on Sept. 14.",
            SAME_TIME,
            "contradiction",
        ),
    ],
)
def test_kinds(a: str, b: str, published: dict[str, str], kind: str) -> None:
    [conflict] = find_conflicts([fact(a, b)], published)
    assert conflict.kind == kind
    assert {side.articles for side in conflict.sides} == {("a0",), ("a1",)}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police said 12 people were killed.", "Police said twelve people were killed."),
        ("He arrived on June 10.", "He arrived on June 10, 2024."),
        ("Police said 12 people were killed.", "Police said people were killed."),  # no counterpart
        ("Of 12 people, 3 people were hurt.", "Of 14 people, 3 people were hurt."),  # ambiguous
        (
            "The flaw was used to attack more than 2 million Windows users.",
            "The flaw has attacked over 2m Windows users.",  # "2m": not 2
        ),
    ],
)
def test_agreement_or_ambiguity_is_no_conflict(a: str, b: str) -> None:
    assert find_conflicts([fact(a, b)], SAME_TIME) == []


def test_dates_in_different_roles_are_not_compared() -> None:
    reported = fact("The paper reported on June 10 that he will visit.", "He will visit in June.")
    verbs = {"a0": "report", "a1": "visit"}
    assert find_conflicts([reported], SAME_TIME, role=lambda art, s, e: verbs[art]) == []
    same = {"a0": "visit", "a1": "visit"}
    [conflict] = find_conflicts([reported], SAME_TIME, role=lambda art, s, e: same[art])
    assert conflict.kind == "refinement"


def test_a_fact_of_one_article_has_no_conflicts() -> None:
    single = Fact("f", "x", (FactMention("a0", 0, 0, 5, "12 people"),), ("a0",), 1, ("a0",))
    assert find_conflicts([single], SAME_TIME) == []


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        # the same instant in two zones and two formats
        ("The blast was reported at 10:00 GMT.", "The blast was reported at 12:00 CEST.", []),
        ("The blast was reported at 08:50 BST.", "The blast was reported at 7.50 GMT.", []),
        ("It exploded at 8.50am local time.", "It exploded at 08:50.", []),
        # a fragment of a time ("00 GMT") is no time to compare with "02.14 GMT"
        ("The update was posted at 00 GMT.", "The update was posted at 02.14 GMT.", []),
        # another instant once normalised is a conflict, with both sides
        ("The blast was reported at 08:50 BST.", "The blast was reported at 09:50 GMT.",
         ["contradiction"]),
    ],
)  # fmt: skip
def test_times_are_compared_after_zone_and_format_normalisation(
    a: str, b: str, kinds: list[str]
) -> None:
    found = find_conflicts([fact(a, b)], SAME_TIME)
    assert [c.kind for c in found] == kinds
    for conflict in found:
        assert {side.articles for side in conflict.sides} == {("a0",), ("a1",)}


def test_an_age_is_never_compared_with_years_elapsed() -> None:
    [age] = quantities("Smith, a 61-year-old woman, was charged.")
    [aged] = quantities("Smith, 60 years old, was charged.")
    [elapsed] = quantities("She was charged with killings 41 years ago.")
    assert (age.about, aged.about, elapsed.about) == ("age", "age", "year")
    charged = {"a0": ("charge", ()), "a1": ("charge", ())}
    ages_and_years = fact(
        "A 61-year-old woman was charged on Friday.",
        "A woman was charged in killings 41 years ago.",
    )
    role = lambda art, s, e: charged[art]  # noqa: E731
    assert find_conflicts([ages_and_years], SAME_TIME, number_role=role) == []
    two_ages = fact("A 61-year-old woman was charged.", "A 60-year-old woman was charged.")
    [conflict] = find_conflicts([two_ages], SAME_TIME, number_role=role)
    assert conflict.about == "age"


def test_a_rank_is_not_a_count() -> None:
    assert quantities("Felt was the No. 2 official at the FBI.") == []
    [officials] = quantities("Felt and 2 officials at the FBI were charged.")
    assert (officials.about, officials.low) == ("official", 2.0)


def test_letters_written_onto_a_number() -> None:
    assert quantities("It has attacked over 2m Windows users.") == []  # million or metres
    assert quantities("They ran 5km and came 2nd in the 1990s.") == []
    [deal] = quantities("The bank lent 3bn euros to the firm.")
    assert (deal.about, deal.low) == ("euro", 3e9)


def test_counts_for_different_verbs_are_two_counts() -> None:
    """Deaths are not compared with injuries, though both count "people"."""
    verbs = {"a0": "kill", "a1": "injure"}
    counts = fact(
        "The quake struck on Tuesday, killing at least one person.",
        "The quake struck on Tuesday, injuring at least five people.",
    )
    role = lambda art, s, e: (verbs[art], False)  # noqa: E731
    assert find_conflicts([counts], SAME_TIME, number_role=role) == []
    same = lambda art, s, e: ("kill", False)  # noqa: E731
    [conflict] = find_conflicts([counts], SAME_TIME, number_role=same)
    assert conflict.kind == "range"
    # a count with no unit noun is compared by its verb: "killed 67" / "killing 60 people"
    fire = fact("A fire on Sunday killed 67, police said.", "The fire, killing 60 people, ...")
    [conflict] = find_conflicts([fire], SAME_TIME, number_role=same)
    assert sorted(side.value for side in conflict.sides) == ["60 people", "67"]


def test_ages_of_different_people_are_not_compared() -> None:
    owners = {"a0": "peterson", "a1": "laci"}
    ages = fact("The jury convicted the 32-year-old Peterson.", "He killed 23-year-old Laci.")
    assert find_conflicts([ages], SAME_TIME, number_role=lambda a, s, e: (owners[a], False)) == []
    # whose age it is unknown: not compared either
    assert find_conflicts([ages], SAME_TIME, number_role=lambda a, s, e: ("", False)) == []


def test_a_rounded_figure_is_the_same_figure() -> None:
    depth = fact(
        "The quake hit at a depth of 10 kilometers (6 miles).",
        "The quake hit at a depth of 10 kilometres (6.2 miles).",
    )
    assert find_conflicts([depth], SAME_TIME) == []
    apart = fact("The quake hit at a depth of 6 miles.", "The quake hit at a depth of 7.5 miles.")
    assert [c.kind for c in find_conflicts([apart], SAME_TIME)] == ["contradiction"]


@pytest.mark.parametrize(
    "text",
    [
        "A 6.1-magnitude quake struck the province.",  # a modifier, not a count
        "He scored two three-point plays.",  # "two" counts plays; "three-point" is none
        "He surrendered shortly after 6 p.m. on Friday.",  # an hour
        "He served 4 1/2 months in prison.",  # a mixed fraction
        "He served 41/2 months in prison.",  # a fraction that lost its space
        "He served four and a half months in prison.",
        "He served 4½ months in prison.",
        "He fell about 2, 000ft while climbing.",  # a thousands separator and a space
        "Officials said an additional 150, 000 people were homeless.",  # and its "000"
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    assert [v.text for v in quantities(text) if v.text != "two"] == []


def test_a_count_after_a_year_and_a_comma_stays_a_count() -> None:
    assert [v.text for v in quantities("In 1999, 120 people died.")] == ["120 people"]


def test_running_counts_from_different_starts_are_two_counts() -> None:
    arrested = fact(
        "The military has arrested more than 500 members since May, the party said.",
        "Since Sunday, the military has arrested more than 300 members, the party said.",
    )
    assert find_conflicts([arrested], SAME_TIME) == []
    same_start = fact(
        "The military has arrested more than 500 members since May, the party said.",
        "Since May, the military has arrested more than 300 members, the party said.",
    )
    assert [c.kind for c in find_conflicts([same_start], SAME_TIME)] == ["range"]


def test_the_latest_part_of_a_running_count_is_not_the_count() -> None:
    """One article counts the members arrested in the latest sweep and gives the running
    count elsewhere; another gives the running count: the part is no side of a conflict
    with the whole."""
    part = "The party said 129 members were arrested in the latest sweep."
    whole = "The party said 194 members are among the arrested."
    arrested = fact(part, whole)
    texts = {"a0": f"{part} A total of 187 have been arrested since May.", "a1": whole}
    assert find_conflicts([arrested], LATER, texts=texts) == []
    # without the running count in its article, the figure may be the count: listed
    alone = {"a0": part, "a1": whole}
    assert len(find_conflicts([arrested], LATER, texts=alone)) == 1


def test_an_article_giving_both_figures_measures_two_things() -> None:
    """Two articles each say "two renters for every unit" of the nation and "three" of one
    region: the fact alignment may pair one's national figure with the other's regional
    one, but an article that gives both figures does not disagree with itself."""
    national = "By 1995 there were nearly two poor renters for every unit, the study said."
    regional = "In the West there were closer to three poor renters for every unit."
    paired = fact(national, regional)
    texts = {"a0": f"{national} {regional}", "a1": f"{regional} {national}"}
    same = lambda art, s, e: ("be", False)  # noqa: E731
    assert len(find_conflicts([paired], SAME_TIME, number_role=same)) == 1
    assert find_conflicts([paired], SAME_TIME, number_role=same, texts=texts) == []
    # each article gives only its own figure: a disagreement
    alone = {"a0": national, "a1": regional}
    assert len(find_conflicts([paired], SAME_TIME, number_role=same, texts=alone)) == 1
    # found through two facts, it is listed once
    twice = fact(national, regional)
    assert len(find_conflicts([paired, twice], SAME_TIME, number_role=same)) == 1


def test_a_word_before_a_hyphen_is_no_unit() -> None:
    # nor is the number a bare count: what it counts comes after the modifier
    assert quantities("there were two low-income renters for every unit") == []
    [value] = quantities("there were two renters for every unit")
    assert value.about == "renter"


def test_a_bound_the_exact_figure_fits_is_no_conflict() -> None:
    """ "More than 335,000 users" and "335,435 users" agree (the independent reader's
    false conflict); "about 180" and "155" do not; nor do two bounds that differ."""
    assert (
        find_conflicts(
            [fact("Her list named more than 335,000 users.", "Her list named 335,435 users.")],
            SAME_TIME,
        )
        == []
    )
    [near] = find_conflicts(
        [fact("The blast injured about 180 people.", "The blast injured 155 people.")], SAME_TIME
    )
    assert near.kind == "range"
    [rose] = find_conflicts(
        [fact("It killed at least 224 people.", "It killed 247 people.")], SAME_TIME
    )
    assert rose.kind == "range"  # "at least 224" is a figure since raised, not 247
    between = fact("Between 10 and 20 people were hurt.", "Police said 15 people were hurt.")
    assert find_conflicts([between], SAME_TIME) == []


def test_a_count_behind_a_modifier_is_not_compared_with_a_bare_count() -> None:
    """ "Three Atlanta-area bombings" counts a part of "six bombings": not one figure."""
    charged = fact(
        "He has been charged in three Atlanta-area bombings.",
        "He is charged in six bombings.",
    )
    same = lambda art, s, e: ("charge", False)  # noqa: E731
    assert find_conflicts([charged], SAME_TIME, number_role=same) == []


def test_copies_of_one_side_do_not_cancel_the_conflict() -> None:
    camp = "The camp holds about 20,000 refugees from the region."
    other = "The camp now holds over 24,000 refugees, aid workers said."
    paired = fact(camp, camp, other)
    texts = {"a0": camp, "a1": camp, "a2": other}
    same = {"a0": SAME_TIME["a0"], "a1": SAME_TIME["a0"], "a2": SAME_TIME["a0"]}
    [conflict] = find_conflicts([paired], same, texts=texts)
    assert conflict.kind == "range"


def test_spans_of_years_and_abbreviated_years_are_no_counts() -> None:
    """ "between 1991-98" and "between 1991 and '98" are one span of years, not 98 of
    something against a range 1991-98."""
    assert quantities("Obesity rose between 1991-98, the study said.") == []
    assert quantities("Obesity rose between 1991 and '98, the study said.") == []
    assert quantities("Obesity rose between 1991 and 1998, the study said.") == []
    [share] = quantities("Obesity rose from 12 to 18 percent.")
    assert (share.low, share.high) == (12, 18)


def test_an_article_that_gives_the_other_figure_too_does_not_disagree() -> None:
    lede = "Obesity kills some 300,000 deaths a year, the studies suggest."
    other = "Obesity causes an estimated 280,000 deaths a year, a study said."
    paired = fact(lede, other)
    body = f"{lede} Another study put it at about 280,000 deaths a year."
    same = lambda art, s, e: ("cause", False)  # noqa: E731
    assert (
        len(find_conflicts([paired], SAME_TIME, number_role=same, texts={"a0": lede, "a1": other}))
        == 1
    )
    assert (
        find_conflicts([paired], SAME_TIME, number_role=same, texts={"a0": body, "a1": other}) == []
    )


def test_only_the_article_giving_both_figures_leaves_the_conflict() -> None:
    lede = "Obesity kills some 300,000 deaths a year, the studies suggest."
    other = "Obesity causes an estimated 280,000 deaths a year, a study said."
    third = "Obesity causes an estimated 200,000 deaths a year, a report said."
    paired = fact(lede, other, third)
    body = f"{lede} Another study put it at about 280,000 deaths a year."
    same = lambda art, s, e: ("cause", False)  # noqa: E731
    times = {"a0": SAME_TIME["a0"], "a1": SAME_TIME["a0"], "a2": SAME_TIME["a0"]}
    texts = {"a0": body, "a1": other, "a2": third}
    [conflict] = find_conflicts([paired], times, number_role=same, texts=texts)
    assert [side.articles for side in conflict.sides] == [("a1",), ("a2",)]


def test_a_half_way_figure_and_opposite_bounds_are_other_figures() -> None:
    """ "3 million" is no rounding of "2.5 million" (it would be written as it is), while
    "6 miles" is of "6.2 miles"; "nearly 300" and "more than 300" disagree."""
    [low] = quantities("2.5 million children")
    [high] = quantities("3 million children")
    assert not same_figure(low, high)
    [miles] = quantities("6 miles")
    [exact] = quantities("6.2 miles")
    assert same_figure(miles, exact)
    [nearly] = quantities("nearly 300 people")
    [over] = quantities("more than 300 people")
    [about] = quantities("about 300 people")
    assert not agree(nearly, over)
    assert agree(over, quantities("more than 300 people")[0])
    assert same_figure(about, over)
