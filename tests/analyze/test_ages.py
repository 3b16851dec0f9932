"""Ages of named people compared across a story (``analyze.ages``): each rule on small
texts we wrote, with invented names."""

from __future__ import annotations

from builders import article, story_search

from storyline.analyze.ages import person_ages
from storyline.analyze.conflicts import Conflict
from storyline.analyze.story import analyze_story

JUNE_2020 = "2020-06-10T10:00:00+00:00"
MARCH_2021 = "2021-03-01T10:00:00+00:00"
JULY_2022 = "2022-07-01T10:00:00+00:00"


def aged(*texts: str, published: tuple[str, ...] | str = JUNE_2020) -> list[Conflict]:
    return story_search(person_ages, texts, published=published)


def test_ages_of_one_person_in_differently_worded_sentences_disagree() -> None:
    [conflict] = aged(
        "The police inquiry into the 2011 stabbing of 17-year-old Tomas Vardell was flawed.",
        "Tomas Vardell, 18, was stabbed in May 2011 at a bus stop in Orlen.",
    )
    assert (conflict.kind, conflict.about) == ("contradiction", "age of Tomas Vardell")
    assert sorted(s.value for s in conflict.sides) == ["17-year-old", "18"]
    assert all(s.text for s in conflict.sides)


def test_each_way_of_giving_an_age_is_read() -> None:
    first = "Rina Olsen, 40, opened the bakery in Dunfield."
    for other in (
        "The bakery was opened by 41-year-old Rina Olsen.",
        "Rina Olsen (41) opened the bakery.",
        "Olsen, who is 41, opened the bakery.",
        "Rina Olsen, a 41-year-old baker, opened the bakery.",
        "Rina Olsen is 41 years old.",
    ):
        [conflict] = aged(first, other)
        assert conflict.about == "age of Rina Olsen", other


def test_two_people_of_one_surname_are_never_one() -> None:
    # a father and a daughter: two first names, so the surname alone is nobody's
    assert aged("Peter Olsen, 52, runs the farm.", "Rina Olsen, 19, runs the farm.") == []
    assert (
        aged(
            "Peter Olsen, 52, runs the farm with his daughter Rina Olsen.",
            "Olsen, 19, said the harvest was late.",
        )
        == []
    )
    # with one person of that surname in the story, the surname alone is that person
    [conflict] = aged("Peter Olsen, 52, runs the farm.", "Olsen, 53, said the harvest was late.")
    assert conflict.about == "age of Peter Olsen"


def test_an_article_giving_one_person_two_ages_gives_none() -> None:
    assert (
        aged(
            "Lena Fisk, 30, left the band in 2015. Lena Fisk is 35 years old now.",
            "Lena Fisk, 34, plays guitar.",
        )
        == []
    )


def test_a_person_growing_older_between_articles_is_an_update() -> None:
    [update] = aged(
        "Rina Olsen, 61, chairs the council.",
        "Rina Olsen, 62, chairs the council.",
        published=(JUNE_2020, MARCH_2021),
    )
    assert update.kind == "update"
    # the later article giving the younger age, or more years than the dates allow
    [younger] = aged(
        "Rina Olsen, 62, chairs the council.",
        "Rina Olsen, 61, chairs the council.",
        published=(JUNE_2020, MARCH_2021),
    )
    assert younger.kind == "contradiction"
    [many] = aged(
        "Rina Olsen, 61, chairs the council.",
        "Rina Olsen, 65, chairs the council.",
        published=(JUNE_2020, JULY_2022),
    )
    assert many.kind == "contradiction"


def test_ages_at_a_past_year_are_compared_at_that_year() -> None:
    # both ages are at the 2011 attack, though the articles are a year apart
    [conflict] = aged(
        "Tomas Vardell, 18, was stabbed in 2011.",
        "The 2011 stabbing of 17-year-old Tomas Vardell shocked Orlen.",
        published=(JUNE_2020, MARCH_2021),
    )
    assert conflict.kind == "contradiction"


def test_ages_at_another_time_or_without_a_date_are_left_out() -> None:
    nurse = "Lena Fisk, 22, is a nurse."
    assert aged("Lena Fisk would have been 25 years old on Monday.", nurse) == []
    assert aged("Lena Fisk was 24 years old when she moved to Orlen.", nurse) == []
    undated = story_search(
        person_ages,
        ("Lena Fisk, 22, is a nurse.", "Lena Fisk, 24, is a nurse."),
        published=("", ""),
    )
    assert undated == []


def test_other_numbers_after_a_name_are_no_age() -> None:
    points = "The points came from Oskar Lind, 12 of them in the first half."
    assert aged(points, "Oskar Lind, 30, plays for Orlen.") == []
    case = "The six-year-old case of Tomas Vardell was reopened."
    assert aged(case, "Tomas Vardell, 18, died.") == []


def test_a_story_reports_an_age_its_facts_do_not_align() -> None:
    analysis = analyze_story(
        [
            article("a", "The 2011 stabbing of 17-year-old Tomas Vardell led to a public "
                    "inquiry into the police of Orlen.", published=JUNE_2020),
            article("b", "Tomas Vardell, 18, was stabbed in May 2011 at a bus stop in Orlen "
                    "by a group of youths.", published=JUNE_2020),
        ]
    )  # fmt: skip
    assert [(c.kind, c.about) for c in analysis.conflicts] == [
        ("contradiction", "age of Tomas Vardell")
    ]
