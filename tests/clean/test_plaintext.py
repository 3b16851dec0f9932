"""The plain-text cleaner on small texts written for the purpose: furniture goes, news stays."""

from __future__ import annotations

from storyline.clean.plaintext import clean_plaintext

BODY = [
    "The regional government approved a new budget on Thursday after weeks of talks"
    " between the governing coalition and two opposition parties.",
    "The plan raises spending on schools and hospitals by four percent and cuts a fuel"
    " subsidy that economists had criticised for years.",
    "“We will support any measure that protects families, and we said so from the"
    " start,” the finance minister told reporters after the vote.",
    "Opposition leaders declined to comment on whether they would back the plan in the"
    " final reading next month.",
]


def clean(lines: list[str]) -> tuple[str, dict[str, str]]:
    result = clean_plaintext("\n\n".join(lines))
    return result.text, {r.text: r.reason for r in result.removed}


def test_news_that_mentions_furniture_words_stays() -> None:
    text, removed = clean(BODY)
    for paragraph in BODY:
        assert paragraph in text, removed


def test_short_news_paragraph_and_dateline_stay() -> None:
    lines = [
        "ATHENS (Reuters) - " + BODY[0],
        BODY[1],
        "No one was hurt.",
        BODY[3],
    ]
    text, _ = clean(lines)
    assert "No one was hurt." in text
    assert text.startswith("ATHENS (Reuters) - ")


def test_appeals_buttons_and_lists_go() -> None:
    lines = [
        "Home",
        "World",
        "Business",
        "Sport",
        "Budget approved after weeks of talks",
        *BODY,
        "Share this article",
        "Subscribe to our newsletter to get the latest news in your inbox every morning.",
        "Related articles",
        "Coalition talks stall again",
        "Fuel prices rise for a third week",
        "© 2024 Example Media Group. All rights reserved.",
    ]
    text, removed = clean(lines)
    assert removed["Share this article"] == "share"
    assert removed["Related articles"] == "related"
    assert removed["Coalition talks stall again"] == "related"
    assert removed["Budget approved after weeks of talks"] == "title"
    assert "Subscribe" not in text
    assert "©" not in text
    assert "Sport" not in text
    for paragraph in BODY:
        assert paragraph in text


def test_reader_comments_after_the_article_go() -> None:
    comments = []
    for n in range(4):
        comments += [
            f"reader{n} says:",
            "June 11, 2024 at 9:1{n} am",
            "I do not think this budget will change anything for people like me at all.",
        ]
    text, removed = clean([*BODY, *comments])
    assert "I do not think" not in text
    assert removed["reader0 says:"] == "comments"
    assert text.endswith(BODY[-1])


def test_comment_stream_marked_by_reply_links_and_numeric_dates_goes() -> None:
    comments = ["Comments", "7 Comments"]
    for n in range(4):
        comments += [
            f"reader{n}",
            "10.29.2012",
            "Log in to Reply",
            "The student loan system here is a nightmare and nobody in charge seems to care.",
        ]
    text, removed = clean([*BODY, *comments])
    assert "student loan" not in text
    assert removed["Log in to Reply"] == "comments"
    assert text.endswith(BODY[-1])


def test_the_first_line_is_the_title_when_it_reads_like_a_headline() -> None:
    long_headline = "2005/01/08 Tsunami aid donations in 2005 deductible for 2004 in the U.S."
    result = clean_plaintext("\n\n".join([long_headline, "Saturday, January 8, 2005", *BODY]))
    assert result.title == long_headline
    assert long_headline not in result.text
    ten_words = "UK naval crew describe their capture and detention by Iran"
    assert clean_plaintext("\n\n".join([ten_words, *BODY])).title == ten_words
    # a sentence that opens the text is no title
    assert clean_plaintext("\n\n".join(BODY)).title is None
    # a text of one line is its own body, never only a title
    alone = clean_plaintext(ten_words)
    assert alone.title is None and alone.text == ten_words


def test_verbatim_repeat_removed_once() -> None:
    text, removed = clean([BODY[0], BODY[1], BODY[2], BODY[1], BODY[3]])
    assert text.count(BODY[1]) == 1
    assert removed[BODY[1]] == "repeated"


def test_empty_and_whitespace() -> None:
    assert clean_plaintext("").text == ""
    assert clean_plaintext(" \n\n \t\n").removed == ()


def test_news_about_copyright_donations_and_consent_stays() -> None:
    """Words that name furniture in a notice are news in a story about them: a lawsuit
    "for copyright infringement", a title quoted with "you" in it, a quoted "your
    consent"; the notices themselves still go."""
    news = [
        "Copyright Suit Filed Against File-Sharing Service",
        "LOS ANGELES (AP) -- A rock band has accused two universities and a file-sharing"
        " company of copyright infringement and racketeering.",
        "Three labels are donating proceeds from the sale of albums with titles like"
        " ''Tired of You,'' and ''Songs 2000.''",
        "The reinstatement form asks banned users to give ``your consent to be sued by the"
        " band in the federal court where you live.''",
        *BODY,
    ]
    notices = ["Copyright 2000 The Example Press. All rights reserved.", "Copyright Example Wire"]
    text, removed = clean([*news, *notices])
    assert removed.get(news[0]) in (None, "title")
    for paragraph in news[1:]:
        assert paragraph in text, removed
    for notice in notices:
        assert removed[notice] == "copyright"


def test_a_sentence_that_says_button_is_news() -> None:
    news = [
        "The outgoing president has already handed the so-called nuclear button briefcase"
        " to his successor, a spokesman said.",
        "The trial forced the country to consider three hot-button topics at once.",
    ]
    text, removed = clean([*news, *BODY, "Play button"])
    for paragraph in news:
        assert paragraph in text, removed
    assert removed["Play button"] == "button"


def test_an_alert_sign_up_goes() -> None:
    line = "Breaking news emails get breaking news alerts and special reports."
    text, removed = clean([line, *BODY])
    assert removed[line] == "subscription"
    assert all(paragraph in text for paragraph in BODY)


def test_newswire_typesetting_codes_go_and_known_entities_stay() -> None:
    from storyline.clean.controls import without_codes

    raw = "&UR; &LR; ATHENS _ " + BODY[0] + "\n\n&QL;\n\n" + BODY[1] + " AT&T and R&D; &amp; more."
    text = without_codes(raw)
    assert text.startswith("ATHENS _ ") and "&QL;" not in text
    assert "AT&T and R&D; &amp; more." in text
    assert clean_plaintext(text).dateline == "ATHENS"
