"""Days of one event compared across a story (``analyze.event_dates``): each rule on
small texts we wrote, weekdays resolved against each article's own date. Sentence
vectors are given (all alike unless a test says otherwise) so only the rules are under
test."""

from __future__ import annotations

from builders import story_search

from storyline.analyze.conflicts import Conflict
from storyline.analyze.event_dates import event_dates

MONDAY = "2024-06-10T10:00:00+00:00"
TUESDAY = "2024-06-11T10:00:00+00:00"


def dated(*texts: str, published: tuple[str, ...] = (), alike: bool = True) -> list[Conflict]:
    return story_search(event_dates, texts, published=published or MONDAY, alike=alike)


def test_a_weekday_resolved_against_each_article_dates_the_event() -> None:
    [conflict] = dated(
        "The ferry Aurora sank on Sunday near the harbour, officials said.",
        "The Aurora sank on June 8 after a fire in its engine room.",
    )
    assert (conflict.kind, conflict.about) == ("contradiction", "date sink")
    assert [s.value for s in conflict.sides] == ["on Sunday", "June 8"]
    assert all(s.text for s in conflict.sides)
    # the same day in other words is no conflict: Sunday of an article of Tuesday is June 9
    assert (
        dated(
            "The ferry Aurora sank on Sunday near the harbour.",
            "The Aurora sank on June 9 after a fire.",
            published=(TUESDAY, MONDAY),
        )
        == []
    )


def test_a_noun_the_story_uses_for_a_name_is_the_same_subject() -> None:
    [conflict] = dated(
        "The ferry Aurora sank on June 8 after a fire.",
        "The ferry sank on Sunday, officials said.",
    )
    assert conflict.about == "date sink"
    assert dated("The Aurora sank on June 8.", "The tanker sank on Sunday.") == []


def test_other_events_spans_and_unlike_sentences_are_not_compared() -> None:
    assert (
        dated(  # another object: another event
            "Grant killed himself on Thursday.", "Grant killed his partner on June 4."
        )
        == []
    )
    assert (
        dated(  # the start of a span, not the day
            "The miners have been trapped since Saturday.", "The miners were trapped on June 9."
        )
        == []
    )
    assert (
        dated(  # the day it was said
            "The mayor said on Saturday that the bridge was closed.",
            "The mayor said on June 9 that the bridge was closed.",
        )
        == []
    )
    assert (
        dated("The ferry Aurora sank on Sunday.", "The Aurora sank on June 8.", alike=False) == []
    )


def test_an_article_dating_the_event_twice_is_left_out() -> None:
    assert (
        dated(
            "The Aurora sank on Sunday. Divers said the Aurora sank on June 8.",
            "The Aurora sank on June 8.",
        )
        == []
    )


def test_a_day_written_alike_or_dating_a_noun_is_no_conflict() -> None:
    assert (
        dated(  # "on Saturday" in articles of different weeks: the resolution differs
            "The ferry Aurora sank on Saturday.",
            "The Aurora sank on Saturday.",
            published=(MONDAY, "2024-06-18T10:00:00+00:00"),
        )
        == []
    )
    assert (
        dated(  # the date of the crime, not of the conviction
            "Grant was convicted on June 4 of the robbery.",
            "Grant was convicted of the May 20 robbery.",
        )
        == []
    )


def test_a_day_told_from_the_day_of_writing_is_not_compared() -> None:
    assert (
        dated(  # a copy re-sent a day later keeps its "today"
            "The Aurora sank near the harbour today.",
            "The Aurora sank near the harbour on Monday.",
            published=(TUESDAY, TUESDAY),
        )
        == []
    )
