"""Page furniture glued before a sentence of a flattened page (storyline.clean.furniture)."""

from __future__ import annotations

import pytest

from storyline.analyze.propositions import is_news
from storyline.clean.furniture import furniture_end, is_furniture
from storyline.summarize.select import brief_text


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        ("X embed x share two hikers were arrested near the lake.", "two hikers were arrested"),
        ("Share copy link the mayor of Quorn signed the bill on Monday.", "the mayor of Quorn"),
        ("Advertisement the study, led by Jane Roe, found more.", "the study, led by"),
        ("( jane roe/the daily via agency ) at least ten jurors left.", "at least ten jurors"),
        ("( photo: courtesy of jon doe ) the two drove north on Sunday.", "the two drove north"),
        ("( published monday, may 2, 2011 ) police arrested a man.", "police arrested a man."),
        (
            "Story highlights the fire burned 50 acres it began sunday ( agency ) two men "
            "were arrested on Monday.",
            "two men were arrested",
        ),
        ("Image copyright agency scientists found a new test.", "scientists found a new test."),
        ("Advertisement quorn police made the arrest on Friday.", "quorn police made"),
        ("( jon doe/the daily via agency ) ( agency ) the governor voted early.", "the governor"),
        ("Jon doe/agency in 2013, news broke that the mill would close.", "in 2013, news broke"),
        (
            "Play facebook twitter embed the convoy reached the town on Monday.",
            "the convoy reached",
        ),
        ("Photographer: jon doe/agency ann lee will receive a pardon.", "ann lee will receive"),
    ],
)
def test_furniture_before_a_sentence_is_trimmed(sentence: str, rest: str) -> None:
    assert sentence[furniture_end(sentence) :].startswith(rest)
    assert brief_text(sentence).startswith(rest)
    assert sentence.endswith(brief_text(sentence))  # a suffix: the citation still slices it


@pytest.mark.parametrize(
    "sentence",
    [
        "Close friends of the victim said he was kind.",
        "The map shows the new route.",
        "Share prices fell on Monday.",
        "Photos of the event were released by police.",
        "( trp )'s pipeline route was ruled illegal.",
        "Read more.",
        "( agency ) -- troops surged into the city on Sunday.",  # a wire tag: the dateline's
    ],
)
def test_prose_is_not_trimmed(sentence: str) -> None:
    assert furniture_end(sentence) == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "You will receive occasional promotional offers for programs that support us.",
        "Sign up for one of our email newsletters.",
        "Whenever Jane Roe posts new content, you'll get an email delivered to your inbox.",
        "Staff security analyst jon doe is a retired admiral who served as a spokesman.",
        "Jon Doe is a contributing writer to the Quorn Daily.",
        "The views expressed in this commentary are solely her own.",
        "Story highlights the fire burned 50 acres the town of Quorn was evacuated.",
        "Image caption the bridge was built in 1901 the city council voted to close it.",
        "Photos: the ten best bridges of Quorn the city council voted to close one.",
        "Read more: council votes on bridge the city council voted to close it.",
        "Photo by jon doe/quorn daily the city council voted to close the bridge.",
    ],
)
def test_whole_furniture_sentences_are_not_news(sentence: str) -> None:
    assert is_furniture(sentence)
    assert not is_news(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2015 you will no longer need to subscribe to the channel through a cable plan.",
        '"You should sign up for the newsletter," the mayor said.',
        "Jon Doe, an analyst at the bank, said rates would rise.",
        "The company said its subscribers rose by a tenth.",
    ],
)
def test_news_about_offers_and_analysts_is_news(sentence: str) -> None:
    assert not is_furniture(sentence)
    assert is_news(sentence)


def test_credit_before_a_sentence_does_not_make_it_a_caption() -> None:
    assert is_news("( photo: jon doe/quorn daily ) the council voted to close the bridge.")


def test_a_slash_in_prose_is_no_credit() -> None:
    for sentence in (
        "The Norland/Quorn border was closed on Monday.",
        "Students and/or parents must sign the form by Friday.",
        "Doe/Roe won the pairs race on Monday in Quorn.",
    ):
        assert furniture_end(sentence) == 0
    assert not is_furniture("Photographer: jon doe/agency ann lee will receive a pardon.")
    assert is_furniture("Photos: the ten best beaches of the Quorn coast.")


def test_a_rights_notice_is_furniture() -> None:
    assert is_furniture("© 2024 Quorn Media Group. All rights reserved.")
    assert is_furniture(
        "© quorn media group limited in norland no. 67 registered office: 1 mill lane, quorn."
    )
    assert not is_furniture(
        "Credit: © jon doe the largest flood in the history of the valley came in May."
    )
    assert is_furniture('" the quorn daily " and " daily " are registered trademarks of qmg ltd.')
    assert not is_furniture("The court said the name was a registered trademark of the firm.")


def test_a_network_named_as_a_subject_is_no_widget() -> None:
    assert furniture_end("Twitter said on Monday that it would close the accounts.") == 0
    assert furniture_end("Facebook and Twitter removed the posts on Monday.") == 0


def test_a_caption_button_after_a_glued_headline_starts_the_lead_after_its_credits() -> None:
    text = (
        "Jon Roe, velmora harbour master, retires at 64 enlarge this image toggle caption "
        "jane doe/agency jane doe/agency the velmora harbour master jon roe retired on monday."
    )
    assert text[furniture_end(text) :] == "the velmora harbour master jon roe retired on monday."
    prose = "Officials said the toggle on the caption board failed on Monday."
    assert furniture_end(prose) == 0
