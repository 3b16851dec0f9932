"""Plain text from other renderers: hard-wrapped paragraphs, and sentences broken around
each link or emphasis, are joined before cleaning; Markdown's marks are read off."""

from __future__ import annotations

import textwrap

from storyline.clean.plaintext import (
    clean_plaintext,
    join_fragments,
    unmark,
    unwrap,
    wrap_width,
)

PARAGRAPHS = [
    "The harbour council of Velmora voted on Tuesday to close the old ferry pier for two"
    " years while engineers rebuild the sea wall that storms damaged last winter.",
    "Members argued for most of the evening about the cost, which the council's own"
    " estimate puts at nearly three times the figure given to residents in the spring.",
    "“We cannot keep patching a wall that the sea takes back every season,” said Orla"
    " Tremaine, who chairs the works committee and has pushed for the rebuild since 2019.",
    "Ferry passengers will use a temporary landing stage at the north beach, where a"
    " shuttle bus will run every twenty minutes between the stage and the town centre.",
    "Shop owners near the pier said they feared losing trade, and asked the council for a"
    " reduction in business rates while the work goes on and the pier stays shut.",
]
MENU = ["Home", "Local news", "Sport", "Weather", "Contact us"]


def wrapped(width: int, *, blank: bool = True) -> str:
    """The menu, then the paragraphs hard-wrapped at ``width``."""
    sep = "\n\n" if blank else "\n"
    return "\n".join(MENU) + "\n\n" + sep.join(textwrap.fill(p, width) for p in PARAGRAPHS)


def test_wrap_width_found_for_wrapped_text_only() -> None:
    assert wrap_width(wrapped(72).splitlines()) == 72
    assert wrap_width(wrapped(60, blank=False).splitlines()) == 60
    assert wrap_width("\n".join(MENU + PARAGRAPHS).splitlines()) is None
    # a list of headlines of about one length is not a wrapped text
    headlines = [
        "Council votes to close the ferry pier for two years",
        "A new bus to the north beach every twenty minutes",
        "Shop owners ask for lower rates while work goes on",
        "Storms damaged the sea wall again last winter",
        "Why the rebuild costs three times the estimate",
        "It was a long night of talks at the town hall",
    ]
    assert wrap_width(headlines * 2) is None


def test_unwrap_joins_each_paragraph_into_one_line() -> None:
    for width, blank in ((72, True), (60, False), (78, True)):
        lines = [line for line in unwrap(wrapped(width, blank=blank)).splitlines() if line]
        assert lines == MENU + PARAGRAPHS


def test_unwrap_leaves_unwrapped_text_alone() -> None:
    text = "\n".join(MENU) + "\n\n" + "\n\n".join(PARAGRAPHS)
    assert unwrap(text) == text


def test_unwrap_keeps_list_items_and_joins_quoted_lines() -> None:
    items = "\n".join(f"  * {item}" for item in MENU)
    quoted = "\n".join("> " + line for line in textwrap.wrap(PARAGRAPHS[2], 70))
    text = wrapped(70) + "\n\n" + items + "\n\n" + quoted
    lines = [line for line in unwrap(text).splitlines() if line]
    assert lines[-1] == "> " + PARAGRAPHS[2]
    assert lines[-1 - len(MENU) : -1] == [f"  * {item}" for item in MENU]


def test_hyphen_broken_word_joins_without_a_space() -> None:
    text = textwrap.fill(PARAGRAPHS[0] + " The long-awaited re-opening is set for spring.", 40)
    assert "long-awaited" in unwrap(text + "\n\n" + textwrap.fill(PARAGRAPHS[1] * 2, 40))


def test_cleaning_a_wrapped_text_keeps_whole_paragraphs() -> None:
    for width in (60, 72, 78):
        cleaned = clean_plaintext(wrapped(width)).text
        assert cleaned.split("\n\n") == PARAGRAPHS, width


def test_sentence_broken_around_links_is_joined() -> None:
    # one text node a line, as BeautifulSoup's get_text("\\n") writes a paragraph
    lines = [
        "Ferry passengers will use a temporary landing stage at the ",
        "north beach",
        ", where a shuttle bus will run every twenty minutes (",
        "3",
        ").",
    ]
    assert join_fragments(lines) == [
        "Ferry passengers will use a temporary landing stage at the north beach, where a"
        " shuttle bus will run every twenty minutes (3)."
    ]


def test_menus_and_sentences_stay_apart() -> None:
    # a short menu item, a heading, a finished sentence: none goes on into the next line
    lines = ["Where we sail", "our boats", "Harbour works", "The pier is shut.", "it reopens soon"]
    assert join_fragments(lines) == lines
    assert join_fragments(["Home", "", ", and more"]) == ["Home", "", ", and more"]


def test_cleaning_text_node_lines_keeps_the_sentences_whole() -> None:
    nodes = []
    for paragraph in PARAGRAPHS:
        words = paragraph.split()
        nodes += [" ".join(words[:8]) + " ", " ".join(words[8:11]).lower(), " ".join(words[11:])]
    cleaned = clean_plaintext("\n".join(MENU + nodes)).text.split("\n\n")
    assert len(cleaned) == len(PARAGRAPHS)


def test_markdown_marks_are_read_off_markdown_only() -> None:
    markdown = [
        "## Harbour news",
        "# **Council shuts the pier**",
        "  1. **Ferry passengers** will use a temporary landing stage.",
        "\\- Menu -",
        "______",
    ]
    assert unmark(markdown) == [
        "Harbour news",
        "Council shuts the pier",
        "  1. Ferry passengers will use a temporary landing stage.",
        "- Menu -",
        "______",
    ]
    # not Markdown: a name masked with asterisks, a rule of underscores stay as they are
    masked = ["– Or** Tre****", "______", "# 1 in the charts"]
    assert unmark(masked) == masked


def test_cleaning_markdown_keeps_the_words_without_marks() -> None:
    text = "\n\n".join(
        [
            "## Harbour news",
            *(f"**{p.split('.')[0]}.**{p[len(p.split('.')[0]) + 1 :]}" for p in PARAGRAPHS),
        ]
    )
    assert clean_plaintext(text).text.split("\n\n") == PARAGRAPHS


def test_reshape_off_reads_the_lines_as_they_come() -> None:
    text = wrapped(72)
    assert clean_plaintext(text, reshape=False).text.split("\n\n") != PARAGRAPHS
    assert clean_plaintext(text).text.split("\n\n") == PARAGRAPHS
