"""Tests for the rule-based sentence splitter (synthetic sentences, plus the shared seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.sentences import MAX_QUOTE_CHARS, split_sentences
from storyline.types import Sentence

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, "a1")]


def check_offsets(text: str, sentences: tuple[Sentence, ...]) -> None:
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert 0 <= previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert len(s.text.splitlines()) == 1, "a sentence never spans a line break"
        previous_end = s.end


# -- basics ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n \u00a0\u3000 ", "\ufeff\u200b"])
def test_empty_or_blank_text_gives_no_sentences(text: str) -> None:
    assert split_sentences(text, "a1") == ()


def test_ids_indices_and_offsets() -> None:
    text = "  First one here.  Second one?\n\n Third!  "
    got = split_sentences(text, "art-7")
    assert [(s.article_id, s.index) for s in got] == [("art-7", 0), ("art-7", 1), ("art-7", 2)]
    assert [s.text for s in got] == ["First one here.", "Second one?", "Third!"]
    assert (got[0].start, got[0].end) == (2, 17)
    check_offsets(text, got)


def test_same_input_gives_same_sentences() -> None:
    text = "Alpha is here. Beta is there.\nGamma."
    assert split_sentences(text, "x") == split_sentences(text, "x")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0c", "\x85"])
def test_line_breaks_always_end_a_sentence(newline: str) -> None:
    text = f"A headline without a stop{newline}and a body that goes on. It ends."
    assert texts(text) == [
        "A headline without a stop",
        "and a body that goes on.",
        "It ends.",
    ]


def test_a_quote_never_spans_a_line_break() -> None:
    text = 'He said "We will go.\nIt is ready." Then he left.'
    assert texts(text) == ['He said "We will go.', 'It is ready."', "Then he left."]


# -- where sentences end --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rained. The game stopped.", ["It rained.", "The game stopped."]),
        ("Did it rain? Yes! It did.", ["Did it rain?", "Yes!", "It did."]),
        ("Really?! No way.", ["Really?!", "No way."]),
        ("Sales fell. 2024 was worse.", ["Sales fell.", "2024 was worse."]),
        ('It ended. "We lost," she said.', ["It ended.", '"We lost," she said.']),
        ("It ended. “We lost,” she said.", ["It ended.", "“We lost,” she said."]),
        ("It ended. (More later.) Bye.", ["It ended.", "(More later.)", "Bye."]),
        ("Es regnete. Über Nacht.", ["Es regnete.", "Über Nacht."]),
        ("Дождь шёл. Потом перестал.", ["Дождь шёл.", "Потом перестал."]),
    ],
)
def test_splits_before_a_sentence_start(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He counted to three. and then stopped.",
        "“Why?” he asked.",
        '"Stop!" she shouted at the driver.',
        "The price rose 3.5 percent to 12.75 dollars.",
        "They met at 12 p.m. on Monday and left at 3 a.m. the next day.",
        "He waited... and waited … and then left.",
        "Apples, pears, etc. were on sale.",
        "The site example.com was down.",
    ],
)
def test_does_not_split_before_lowercase_or_inside_tokens(text: str) -> None:
    assert texts(text) == [text]


def test_leading_ellipsis_stays_with_its_sentence() -> None:
    text = "… we have a small favor to ask. As you may know, it matters."
    assert texts(text) == ["… we have a small favor to ask.", "As you may know, it matters."]


def test_ellipsis_attached_to_a_word_can_end_a_sentence() -> None:
    assert texts("He paused... Then he left.") == ["He paused...", "Then he left."]
    assert texts("He paused… Then he left.") == ["He paused…", "Then he left."]


def test_spaced_ellipsis_marks_an_omission() -> None:
    text = "The minister said the plan … Officials agreed."
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "今天天气很好。我们去公园吧！你来吗？好的",
            ["今天天气很好。", "我们去公园吧！", "你来吗？", "好的"],
        ),
        ("雨が降った。試合は中止だ。", ["雨が降った。", "試合は中止だ。"]),
        (
            "彼は「行く。準備はできた。」と言った。次だ。",
            ["彼は「行く。準備はできた。」と言った。", "次だ。"],
        ),
        ("오늘은 맑다. 내일은 비가 온다.", ["오늘은 맑다.", "내일은 비가 온다."]),
    ],
)
def test_cjk_and_other_scripts(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_list_markers_do_not_stand_alone() -> None:
    assert texts("1. The first point.\n2. The second point. 3. The third.") == [
        "1. The first point.",
        "2. The second point.",
        "3. The third.",
    ]


# -- quotations -----------------------------------------------------------------------------


def test_quoted_sentences_stay_whole_with_their_closing_mark() -> None:
    text = 'He said "We will go. It is ready." Then he left.'
    assert texts(text) == ['He said "We will go. It is ready."', "Then he left."]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("'", "'")],
)
def test_quote_styles(opening: str, closing: str) -> None:
    quote = f"{opening}We will go. It is ready.{closing}"
    text = f"He said {quote} Then he left."
    assert texts(text) == [f"He said {quote}", "Then he left."]


@pytest.mark.parametrize("ending", ['."', ".”", "?”", "!’", "!'", "?»", ".)"])
def test_sentence_ending_in_punctuation_then_closing_mark(ending: str) -> None:
    opening = {'"': '"', "”": "“", "’": "‘", "'": "'", "»": "«", ")": "("}[ending[1]]
    first = f"She replied {opening}Not today{ending}"
    assert texts(f"{first} Then she left.") == [first, "Then she left."]


def test_comma_inside_closing_quote_does_not_split() -> None:
    text = "The visit is being “actively prepared,” as confirmed by Anna Ivanova."
    assert texts(text) == [text]
    text = "The visit is being “actively prepared”, the ambassador told a newspaper. It is."
    assert texts(text) == [
        "The visit is being “actively prepared”, the ambassador told a newspaper.",
        "It is.",
    ]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Russia’s envoy said ‘We’re ready.’ The players’ union agreed. It's done."
    assert texts(text) == [
        "Russia’s envoy said ‘We’re ready.’",
        "The players’ union agreed.",
        "It's done.",
    ]


def test_nested_quotes() -> None:
    text = "He said “She told me ‘Go home. Now.’ So I did.” Then he smiled."
    assert texts(text) == ["He said “She told me ‘Go home. Now.’ So I did.”", "Then he smiled."]


def test_short_multi_sentence_quote_is_not_split() -> None:
    quote = "“We are ready. The talks went well. We expect more.”"
    text = f"The minister spoke. {quote} Reporters left."
    assert texts(text) == ["The minister spoke.", quote, "Reporters left."]


def test_long_quote_falls_back_to_normal_splitting() -> None:
    body = " ".join(["This sentence is part of a long speech."] * 15)
    assert len(body) > MAX_QUOTE_CHARS
    text = f"He said “{body}” Then he left."
    got = texts(text)
    assert len(got) == 16
    assert got[0] == "He said “This sentence is part of a long speech."
    assert got[-2] == "This sentence is part of a long speech.”"
    assert got[-1] == "Then he left."


def test_unbalanced_opening_quote_falls_back() -> None:
    text = 'He said "We will go. It is ready. Then he left. Nobody stayed.'
    assert texts(text) == [
        'He said "We will go.',
        "It is ready.",
        "Then he left.",
        "Nobody stayed.",
    ]


def test_stray_closing_quote_falls_back() -> None:
    text = "We will go. It is ready,” he said. Then he left."
    assert texts(text) == ["We will go.", "It is ready,” he said.", "Then he left."]


def test_stray_quote_before_a_real_quotation() -> None:
    text = 'He said "We will go. It is ready. She said "Yes. Fine." Then he left.'
    assert texts(text) == [
        'He said "We will go.',
        "It is ready.",
        'She said "Yes. Fine."',
        "Then he left.",
    ]


def test_inch_marks_and_decades_are_not_quotations() -> None:
    text = 'He is 6\'2" tall. The \'90s were loud. She said "Hi." Then he left.'
    assert texts(text) == [
        "He is 6'2\" tall.",
        "The '90s were loud.",
        'She said "Hi."',
        "Then he left.",
    ]


# -- abbreviations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        *("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt"),
        *("Capt", "Sen", "Rep", "Gov", "Pres", "St", "Jr", "Sr", "Rev"),
    ],
)
def test_titles_do_not_split(title: str) -> None:
    text = f"The letter from {title}. Smith arrived. It was short."
    assert texts(text) == [f"The letter from {title}. Smith arrived.", "It was short."]


@pytest.mark.parametrize("month", ["Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"])
def test_abbreviated_months_do_not_split(month: str) -> None:
    text = f"The talks began on {month}. 13, 2023, in the capital. They ended {month}. 20."
    assert texts(text) == [
        f"The talks began on {month}. 13, 2023, in the capital.",
        f"They ended {month}. 20.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The song was No. 5 on the chart.",
        "Troops from the U.S. Army and the U.K. Navy met U.N. Secretary-General staff.",
        "Some fruit, e.g. Apples and pears, are cheap.",
        "One fruit, i.e. Apples, is cheap.",
        "The case of Roe v. Wade and Smith vs. Jones came up.",
        "It weighs approx. Five tonnes in total.",
        "Acme Inc. Chief Executive Jane Doe and Globex Corp. Chairman John Roe met.",
        "Initech Ltd. Shares rose while Foo Co. Director Ann Lee spoke.",
        "The book by J. R. R. Tolkien was discussed by George W. Bush in N. Korea.",
        "See p. 5 and pp. 10-12 of Vol. 3 in Fig. 2.",
        "He joined the firm in Washington, D.C. Officials said so.",
        "A court martial found Army Spc. Charles Doe guilty.",  # no vowel: an abbreviation
        "Pfc. Lynn Doe and Bldg. Seven were named.",
        # titles in text lowercased in places
        "the former nominee praised new jersey gov. Chris doe on sunday, ms. Ann roe said.",
        "the trip made last week by joseph y. Yun, the envoy, was starkly different.",
        "details of this recall were updated nov. 17, 2018 to reflect new information.",
        "He promoted his Sunday night live (9 p.m.) HBO special at the (U.S.) Embassy.",
    ],
)
def test_abbreviations_do_not_split(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He moved to the U.S. The move was quick.",
            ["He moved to the U.S.", "The move was quick."],
        ),
        ("She works at Acme Inc. It is big.", ["She works at Acme Inc.", "It is big."]),
        (
            "They bought fruit, bread, etc. Then they left.",
            ["They bought fruit, bread, etc.", "Then they left."],
        ),
        ("They met at 3 p.m. The talks ran late.", ["They met at 3 p.m.", "The talks ran late."]),
        ("The answer was No. The vote failed.", ["The answer was No.", "The vote failed."]),
        ("He chose plan B. It failed.", ["He chose plan B.", "It failed."]),
        ("He met the rep. Then he left.", ["He met the rep.", "Then he left."]),
        ("He said Hmm. The room went quiet.", ["He said Hmm.", "The room went quiet."]),
        (
            "The firm is Acme Inc. “We grew,” it said.",
            ["The firm is Acme Inc.", "“We grew,” it said."],
        ),
    ],
)
def test_ambiguous_abbreviations_end_a_sentence_before_an_opener(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


# -- scale and robustness -------------------------------------------------------------------


def test_one_megabyte_text() -> None:
    paragraph = (
        'Mr. Lee said "We are ready. It is done." Then he left. Sales rose 3.5% in the U.S. '
        "Market. Did it work? Yes! It did… and more.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    got = split_sentences(text, "big")
    per = [
        'Mr. Lee said "We are ready. It is done."',
        "Then he left.",
        "Sales rose 3.5% in the U.S. Market.",
        "Did it work?",
        "Yes!",
        "It did… and more.",
    ]
    assert len(got) == len(per) * text.count("\n")
    assert [s.text for s in got[: len(per)]] == per
    assert [s.text for s in got[-len(per) :]] == per
    check_offsets(text, got)


@pytest.mark.parametrize(
    "text",
    [
        "." * 1_000_000,
        '"' * 1_000_000,
        "“" * 500_000 + "”" * 500_000,
        "a" * 1_000_000,
        "A. " * 300_000,
        'x "' * 300_000,
        "Mr." + "." * 999_000 + " Then",
        "雨。" * 500_000,
        "。" * 1_000_000,
    ],
    ids=[
        *("dots", "straight-quotes", "curly-quotes", "one-word", "initials", "stray-quotes"),
        *("mr", "cjk", "cjk-stops"),
    ],
)
def test_pathological_megabyte_inputs(text: str) -> None:
    got = split_sentences(text, "p")
    assert got
    check_offsets(text, got)


_ALPHABET = st.sampled_from(
    [*"aZ9 .!?…\"'“”‘’«»„()。！？\n\r\t\u00a0\u2028\ufeff\u200b", "Mr.", "U.S.", " The "]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=80).map("".join)))
def test_offsets_hold_for_any_text(text: str) -> None:
    got = split_sentences(text, "h")
    check_offsets(text, got)
    assert all(s.article_id == "h" and s.text for s in got)


def test_whitespace_strip_set_covers_str_isspace() -> None:
    # The splitter strips an explicit character set; it must include every space Python knows.
    from storyline.clean import sentences

    missing = [c for c in map(chr, range(0x110000)) if c.isspace() and c not in sentences._STRIP]
    assert missing == []


# -- the shared seeds -----------------------------------------------------------------------


def test_seed_files() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"no seed files in {SEEDS}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        got = split_sentences(text, path.stem)
        assert got, path.name
        check_offsets(text, got)
        for s in got:
            assert "\n" not in s.text and "\r" not in s.text
    seed = next((p for p in files if p.name.startswith("000")), None)
    if seed is None:
        pytest.skip("seed 000 is missing")
    got = split_sentences(seed.read_text(encoding="utf-8"), seed.stem)
    matches = [s for s in got if "“actively prepared”, Russia’s ambassador" in s.text]
    assert len(matches) == 1
    assert matches[0].text.endswith("told Vedomosti.")
