"""The quote scorer (storyline.evaluation.quotes) on hand-made annotations."""

from __future__ import annotations

from storyline.evaluation.attributions import Scored
from storyline.evaluation.quotes import QuoteReport, Shown, same_speaker, score_quotes

TEXT = (
    "“We will win the vote in the north,” said Anna Berg. "
    "He called it a “quiet revolution” today. "
    "“Taxes will not rise next year,” he said."
)


def _span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


HE = TEXT.rindex("he said")
GOLD = (
    Scored((_span("Anna Berg"),), (_span("said"),), (_span("We will win the vote in the north"),)),
    Scored(((HE, HE + 2),), ((HE + 3, HE + 7),), (_span("Taxes will not rise next year"),)),
)


def test_found_right_and_pronoun_apart() -> None:
    report = QuoteReport()
    shown = [
        Shown(*_span("We will win the vote in the north"), "Anna Berg"),
        Shown(*_span("quiet revolution"), "Anna Berg"),
        Shown(*_span("Taxes will not rise next year"), "Anna Berg"),
    ]
    score_quotes(report, "a", TEXT, GOLD, shown)
    figures = report.figures()
    assert report.gold == 2 and figures["quote_recall"] == 1.0
    assert report.named == 1 and figures["speaker_accuracy"] == 1.0
    assert report.pronoun == 1 and report.pronoun_given == 1
    assert figures["quote_precision"] == 2 / 3  # the scare quote is nobody's


def test_wrong_or_missing_speaker_is_counted() -> None:
    report = QuoteReport()
    score_quotes(report, "a", TEXT, GOLD, [Shown(*_span("We will win the vote"), "Carl Ruiz")])
    assert report.named_found == 1 and report.named_right == 0
    report = QuoteReport()
    score_quotes(report, "a", TEXT, GOLD, [Shown(*_span("We will win the vote"), None)])
    assert report.figures()["speaker_accuracy"] == 0.0


def test_same_speaker() -> None:
    assert same_speaker("Anna Berg", "party leader Anna Berg", {"Berg"})
    assert same_speaker("Berg", "Anna Berg", set())
    assert not same_speaker("Ohio", "the Ohio senator", {"senator"})
