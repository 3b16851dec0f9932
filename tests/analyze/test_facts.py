"""Fact alignment details that the story tests do not reach."""

from __future__ import annotations

from storyline.analyze.facts import _same_text
from storyline.types import Sentence


def sentence(article: str, index: int, text: str) -> Sentence:
    return Sentence(article, index, 0, len(text), text)


def test_a_word_for_word_copy_split_into_another_group_joins_its_twin() -> None:
    said = "Prosecutors allege Simpson shot Flynn after she told him she was pregnant."
    sentences = [
        sentence("a", 0, said),
        sentence("a", 1, "Simpson was found guilty on Tuesday."),
        sentence("b", 0, "Simpson was found guilty on Tuesday."),
        sentence("b", 1, said.replace(" ", "  ")),  # spacing differs only
        sentence("c", 0, said),  # of article a's part's article: stays apart
    ]
    owner = [0, 0, 1, 1, 0]
    parts = [[0], [1, 2], [3], [4]]
    assert _same_text(parts, sentences, owner) == [[0, 3], [1, 2], [], [4]]


def test_a_fact_is_written_less_the_dateline_that_opens_its_sentence() -> None:
    import builders

    from storyline.analyze.facts import align

    lead = "The harbour in Kelvaro reopened on Tuesday after a week of repairs to its piers."
    articles = [
        builders.article("a0", f"KELVARO, Testland (Wirewire) _ {lead}\nShips came back."),
        builders.article("a1", f"KELVARO (Courier) -- {lead}\nTrade resumed."),
    ]
    [fact] = [f for f in align(articles).facts if len(f.articles) == 2]
    assert fact.text == lead
    assert all(m.text.endswith(lead) and m.text != lead for m in fact.mentions)  # cited whole
