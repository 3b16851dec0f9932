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


def test_a_fact_stated_in_a_clause_of_a_sentence_about_something_else_is_carried() -> None:
    """The article states the fact in a relative clause: the sentence carries it (a
    restatement, never cited), though too unlike the fact as a whole."""
    import builders

    from storyline.analyze.facts import STATES_COSINE, align
    from storyline.cluster.embed import get_embedder

    line = "Tomas Berg won the regional sailing cup in Kelvaro last year."
    other = (
        "Tomas Berg, who won the regional sailing cup in Kelvaro last year, said on Friday"
        " that the harbour needs more money to repair its old wooden piers."
    )
    vectors = get_embedder().embed([line, other])
    assert float(vectors[0] @ vectors[1]) < STATES_COSINE  # the sentence as a whole
    articles = [
        builders.article("a0", f"{line}\nShips came back."),
        builders.article("a1", f"{other}\nTrade resumed."),
    ]
    [fact] = [f for f in align(articles).facts if f.text == line]
    assert fact.articles == ("a0", "a1")
    assert [m.text for m in fact.restatements] == [other]
    assert [m.article for m in fact.mentions] == ["a0"]
