"""Key terms: the numbers and names a line commits to, and whether a cited sentence states them."""

from __future__ import annotations

import pytest

from storyline.analyze.terms import key_terms, missing_terms, name_aliases, number_bounds


def test_numbers_and_names_are_folded() -> None:
    terms = key_terms("Russian President Vladimir Putin met Kim Jong-un on the 7th, killing 1,000.")
    assert terms.numbers == {"7", "1000"}
    # "Russian" describes the title, "President" is a title: neither is an actor
    assert terms.names == {"vladimir", "putin", "kim", "jong", "un"}
    assert key_terms("Six people died.").numbers == {"6"}
    assert key_terms("Police said the road was closed.").names == set()  # a capitalised noun
    assert key_terms("Putin said so.", {"putin": (("putin",),)}).names == {"putin"}


def test_a_company_named_without_its_legal_form_is_named() -> None:
    line = "Acme will buy Widget Systems Inc. for an undisclosed sum."
    assert key_terms(line).names == {"widget", "systems"}  # "Acme" opens it: not known
    assert missing_terms(line, "Acme agreed to buy Widget Systems, a consulting firm.") == []


def test_the_day_a_report_was_made_is_not_part_of_the_fact() -> None:
    line = "Putin will visit Hanoi, the Courier newspaper reported on June 10."
    assert key_terms(line).numbers == set()
    assert missing_terms(line, "Putin is to travel to Hanoi, Courier reported on Monday.") == []


def test_a_cited_sentence_must_state_every_number_and_name() -> None:
    line = "A fire that killed 60 people destroyed a market in Dunmore."
    assert missing_terms(line, "A fire in Dunmore destroyed a market, killing 60.") == []
    assert missing_terms(line, "A fire in Dunmore destroyed a market, killing 67.") == ["60"]
    assert missing_terms(line, "A fire destroyed a market, killing 60.") == ["dunmore"]
    # a demonym states its country; another country does not
    assert missing_terms("Talks with Russia resumed.", "Russian talks resumed.") == []
    assert missing_terms("Talks with Austria resumed.", "Talks in Australia resumed.") == [
        "austria"
    ]


def test_clock_times_compare_in_utc() -> None:
    assert missing_terms("It exploded at 08:50 BST.", "It exploded at 07:50 GMT.") == []
    assert missing_terms("It exploded at 08:50 BST.", "It exploded at 08:50 GMT.") == ["07:50z"]


@pytest.mark.parametrize(
    ("cited", "missing"),
    [("Putin will go to Hanoi.", []), ("Kim Jong Il will go to Hanoi.", ["putin", "vladimir"])],
)
def test_another_variant_of_a_known_name_states_it(cited: str, missing: list[str]) -> None:
    aliases = name_aliases([["Vladimir Putin", "Putin"], ["Kim Jong Il"]])
    assert missing_terms("Vladimir Putin will go to Hanoi.", cited, aliases) == missing


def test_a_day_of_the_month_and_a_fraction_are_numbers_of_their_own() -> None:
    line = "HP will acquire EDS for $13 billion."
    # "May 13" is a date, not the 13 of the line
    assert missing_terms(line, "HP's $13.9 billion purchase of EDS, announced May 13.") == ["13"]
    assert missing_terms("It was announced on May 13.", "It was announced on 13 May.") == []
    assert missing_terms("He was sentenced to 2 years.", "He was sentenced to 2 1/2 years.") == [
        "2"
    ]
    assert key_terms("He was sentenced to 2 1/2 years.").numbers == {"2.5"}


def test_a_scale_written_onto_a_number_is_the_number_of_the_scale_word() -> None:
    from storyline.analyze.terms import key_terms

    written = [
        key_terms(t).numbers for t in ("for US$5.4-billion", "a $5.4bn deal", "$5.4 billion")
    ]
    assert written == [frozenset({"5.4"})] * 3
    assert key_terms("the 1990s").numbers == frozenset({"1990s"})  # a decade is no scale


def test_the_words_before_a_number_bound_it() -> None:
    assert number_bounds("At least 12 people died and 30 were hurt.") == {("12", ">"), ("30", "")}
    assert number_bounds("an estimated 400 homes, up to 3,000 troops") == {
        ("400", "~"),
        ("3000", "<"),
    }
    assert number_bounds("as many as six ships") == {("6", "<")}
    # near a figure, not under a limit: "nearly 800" states what "some 800" does
    assert number_bounds("has killed nearly 800 people") == number_bounds("killed some 800")
    assert number_bounds("almost 800") == number_bounds("close to 800") == {("800", "~")}
    # an estimate told by the verb is the estimate the adjective tells
    assert number_bounds("Damage was estimated at $2 million.") == {("2", "~")}
    assert number_bounds("Damage was estimated at more than $2 million.") == {("2", ">")}


def test_a_share_in_words_is_the_percent_it_says() -> None:
    line = "The carmaker opens the service at a quarter of its dealers."
    assert key_terms(line).numbers == {"25"}
    assert missing_terms(line, "The service opens at 25 percent of the carmaker's dealers.") == []
    assert missing_terms(line, "The service opens at 20 percent of the carmaker's dealers.") == [
        "25"
    ]
    assert key_terms("About two-thirds of voters backed the plan.").numbers == {"66.7"}
    assert number_bounds("More than half of the county flooded.") == {("50", ">")}
    # a part of a period, or of one thing, is no share of a whole
    assert key_terms("Sales fell in the first half of the year.").numbers == frozenset()
    assert key_terms("The ferry stops a quarter of a mile offshore.").numbers == frozenset()


def test_a_halving_is_fifty_percent() -> None:
    line = "Ferry lanes cut the risk of collisions in half, the harbour board said."
    assert number_bounds(line) == {("50", "")}
    assert missing_terms(line, "Ferry lanes cut collisions by 50 percent.") == []
    assert missing_terms(line, "Ferry lanes cut collisions by a third.") == ["50"]


def test_a_scale_word_after_a_is_one_of_it() -> None:
    assert number_bounds("The fever kills about a million people a year.") == {("1", "~")}
    assert missing_terms("It kills a million a year.", "It kills 1 million a year.") == []
