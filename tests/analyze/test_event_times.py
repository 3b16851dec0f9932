"""Clock times of one event compared across a story (``analyze.event_times``): each
rule on small texts we wrote. Sentence vectors are given (all alike unless a test says
otherwise) so only the rules are under test."""

from __future__ import annotations

from builders import story_search

from storyline.analyze.conflicts import Conflict
from storyline.analyze.event_times import event_times

MONDAY = "2024-06-10T10:00:00+00:00"
TUESDAY = "2024-06-11T10:00:00+00:00"


def timed(*texts: str, published: tuple[str, ...] = (), alike: bool = True) -> list[Conflict]:
    return story_search(event_times, texts, published=published or MONDAY, alike=alike)


def test_two_times_of_one_event_are_a_conflict_once_normalised() -> None:
    [conflict] = timed(
        "The ferry Aurora sank at 1:43 a.m. near the harbour, officials said.",
        "The Aurora sank at 1.47am after a fire in its engine room.",
    )
    assert (conflict.kind, conflict.about) == ("contradiction", "time sink")
    assert [s.value for s in conflict.sides] == ["1:43 a.m.", "1.47am"]
    assert all(s.text for s in conflict.sides)
    # one time written two ways is no conflict
    assert (
        timed("The ferry Aurora sank at 01:43 near the harbour.", "The Aurora sank at 1:43 a.m.")
        == []
    )
    [later] = timed(
        "The Aurora sank at 1:43 a.m.", "The Aurora sank at 1:47 a.m.", published=(MONDAY, TUESDAY)
    )
    assert later.kind == "update"


def test_zoned_times_are_compared_in_utc_and_only_with_zoned_times() -> None:
    assert timed("The Aurora sank at 0543 GMT.", "The Aurora sank at 1:43 a.m. EDT.") == []
    [conflict] = timed("The Aurora sank at 0550 GMT.", "The Aurora sank at 1:43 a.m. EDT.")
    assert [s.value for s in conflict.sides] == ["0550 GMT", "1:43 a.m. EDT"]
    # a zone on one side only: the two times are not known against each other
    assert timed("The Aurora sank at 1:43 a.m. EDT.", "The Aurora sank at 1:50 a.m.") == []


def test_a_rough_time_agrees_with_the_times_it_allows_for() -> None:
    assert timed("The Aurora sank at about 1:45 a.m.", "The Aurora sank at 1:43 a.m.") == []
    assert timed("The Aurora sank at around 2:00 a.m.", "The Aurora sank at 2:12 a.m.") == []
    [conflict] = timed("The Aurora sank at about 1:45 a.m.", "The Aurora sank at 1:58 a.m.")
    assert conflict.about == "time sink"


def test_spans_words_said_other_days_and_unlike_sentences_are_not_compared() -> None:
    assert (
        timed(  # the edges of a span
            "The bridge at Kelvaro was closed from 1:10 to 1:40 a.m.",
            "The bridge at Kelvaro was closed until 2:30 a.m.",
        )
        == []
    )
    assert (
        timed(  # the time it was said
            "The mayor said at 3:30 p.m. that the bridge was closed.",
            "The mayor said at 4:10 p.m. that the bridge was closed.",
        )
        == []
    )
    assert (
        timed(  # a time of a noun, not of the event
            "The Aurora sank before the 3:30 p.m. briefing.",
            "The Aurora sank hours before a 4:10 p.m. briefing.",
        )
        == []
    )
    assert (
        timed(  # two days
            "The Aurora sank on Sunday at 1:43 a.m.", "The Aurora sank on Monday at 1:58 a.m."
        )
        == []
    )
    assert timed("The Aurora sank at 1:43 a.m.", "The Aurora sank at 1:58 a.m.", alike=False) == []


def test_an_article_timing_the_event_twice_is_left_out() -> None:
    assert (
        timed(
            "The Aurora sank at 1:43 a.m. Divers said the Aurora sank at 1:58 a.m.",
            "The Aurora sank at 1:58 a.m.",
        )
        == []
    )


def test_a_time_to_the_hour_is_read_and_compared_as_rounded() -> None:
    assert timed("The Aurora sank at 2 a.m.", "The Aurora sank at 1:50 a.m.") == []
    [conflict] = timed("The Aurora sank at 2 a.m.", "The Aurora sank at 3am.")
    assert [s.value for s in conflict.sides] == ["2 a.m.", "3am"]
    assert timed("The Aurora sank at 7 a.m. GMT.", "The Aurora sank at 3 a.m. EDT.") == []
    assert (
        timed(  # a span's edges
            "The bridge at Kelvaro was closed from 1 to 3 p.m.",
            "The bridge at Kelvaro was closed between 2 and 4 p.m.",
        )
        == []
    )


def test_times_elapsed_in_one_frame_are_compared() -> None:
    [conflict] = timed(
        "The ferry Aurora sank 30 minutes into the crossing.",
        "The Aurora sank ten minutes into its crossing, officials said.",
    )
    assert conflict.about == "elapsed sink"
    assert [s.value for s in conflict.sides] == ["30 minutes", "ten minutes"]
    assert (
        timed(
            "The Aurora sank half an hour into the crossing.",
            "The Aurora sank 30 minutes into the crossing.",
        )
        == []
    )
    assert (
        timed(
            "The Aurora sank some 40 minutes into the crossing.",
            "The Aurora sank 38 minutes into the crossing.",
        )
        == []
    )
    assert (
        timed(
            "The Aurora sank 30 minutes into the crossing.",
            "The Aurora sank 40 minutes into the storm.",
        )
        == []
    )
    assert (
        timed(  # another predicate: another event
            "The Aurora sank 40 minutes into its crossing.",
            "The Aurora listed 30 minutes into the crossing.",
        )
        == []
    )


def test_a_subject_the_story_counts_several_of_is_not_compared() -> None:
    assert (
        timed(
            "The first tremor struck at 4:43 a.m. near the coast.",
            "The tremor struck at 7:48 a.m. near the coast.",
        )
        == []
    )
    assert len(timed("The tremor struck at 4:43 a.m.", "The tremor struck at 7:48 a.m.")) == 1
