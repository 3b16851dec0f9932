"""Quotes: detection, speakers, reported speech, merging across outlets, paraphrase flags."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storyline.analyze.nlp import ParsedArticle, get_nlp, parse_articles
from storyline.analyze.quotes import (
    QuoteMention,
    extract_quotes,
    is_paraphrase,
    is_verbatim,
    merge_mentions,
)
from storyline.clean.sentences import split_sentences
from storyline.types import Article, Provenance


def parse(*texts: str) -> list[ParsedArticle]:
    articles = [
        Article(
            id=f"a{i}",
            source_path=f"a{i}.txt",
            text=text,
            provenance=Provenance(source_path=f"a{i}.txt"),
            outlet=f"Outlet {i}",
            sentences=split_sentences(text, f"a{i}"),
        )
        for i, text in enumerate(texts)
    ]
    return parse_articles(articles)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will win the vote,” said Maria Lopez, the party leader.", "Maria Lopez"),
        ('"We will win the vote," party leader Maria Lopez said.', "Maria Lopez"),
        ("Maria Lopez told reporters: “We will win the vote.”", "Maria Lopez"),
        (
            "Party leader Maria Lopez, speaking on Monday, said “we will win the vote”.",
            "Maria Lopez",
        ),
    ],
)
def test_speaker_from_said_x_x_said_x_told(text: str, speaker: str) -> None:
    (quote,) = extract_quotes(parse(text))
    assert quote.speaker == speaker
    assert quote.direct
    assert "win the vote" in quote.text
    article, start, end = quote.speaker_span or ("", 0, 0)
    assert text[start:end] == speaker and article == "a0"


def test_multi_sentence_quote_and_preceding_attribution() -> None:
    text = (
        "Finance minister Paul Berg said on Monday that the plan was ready. "
        "“Taxes will not rise. We have a plan for growth.”"
    )
    (quote,) = [q for q in extract_quotes(parse(text)) if q.direct]
    assert quote.text == "Taxes will not rise. We have a plan for growth."
    assert quote.speaker == "Paul Berg"


def test_scare_quotes_are_not_quotes() -> None:
    assert extract_quotes(parse("He called the plan “historic” on Monday.")) == []


def test_reported_speech_is_not_direct() -> None:
    (quote,) = extract_quotes(parse("Minister Paul Berg said that taxes would not rise next year."))
    assert not quote.direct
    assert quote.speaker == "Paul Berg"
    assert quote.text.startswith("taxes would not rise")


def test_reported_speech_leaves_out_the_writers_gloss() -> None:
    (quote,) = extract_quotes(
        parse(
            "Schools minister Anna Berg promised to build new schools in the north, "
            "underscoring the government's focus on education."
        )
    )
    assert not quote.direct and quote.speaker == "Anna Berg"
    assert quote.text == "to build new schools in the north"


def test_outlet_reporting_is_not_speech() -> None:
    assert extract_quotes(parse("The Daily Planet newspaper reported that taxes would rise.")) == []


def test_same_quote_merges_across_outlets() -> None:
    items = parse(
        "“When the time comes, we will make announcements,” Kremlin spokesman Dmitry Peskov said.",
        "Peskov said only that announcements would come “when the time comes”.",
    )
    (quote,) = extract_quotes(items)
    assert quote.articles == ("a0", "a1")
    assert quote.speaker == "Dmitry Peskov"
    assert quote.paraphrased == ()
    assert quote.to_dict()["articles"] == ["a0", "a1"]


def test_reworded_quote_is_flagged_as_paraphrase() -> None:
    items = parse(
        "The visit is being “actively prepared”, Ambassador Ivan Orlov told the Courier newspaper.",
        "The visit is being “actively prepared”, Ambassador Ivan Orlov said.",
        "Ambassador Ivan Orlov said he is “actively preparing” the visit.",
    )
    (quote,) = extract_quotes(items)
    assert quote.text == "actively prepared"
    assert quote.paraphrased == ("a2",)
    assert set(quote.articles) == {"a0", "a1", "a2"}


def test_different_speakers_do_not_merge_paraphrases() -> None:
    items = parse(
        "“The economy is growing fast,” minister Paul Berg said.",
        "“The economy is not growing fast at all,” opposition leader Ana Silva said.",
    )
    assert len(extract_quotes(items)) == 2


@pytest.mark.parametrize(
    ("a", "b", "verbatim", "paraphrase"),
    [
        ("when the time comes", "When the time comes, we will make announcements.", True, True),
        ("actively prepared", "actively preparing", False, True),
        ("Taxes will not rise.", "Taxes will not rise", True, True),
        ("taxes will not rise", "we will build new roads", False, False),
        ("in the coming weeks", "the coming", True, True),
        ("the visit will happen soon", "the visit will happen very soon", False, True),
    ],
)
def test_thresholds(a: str, b: str, verbatim: bool, paraphrase: bool) -> None:
    assert is_verbatim(a, b) is verbatim
    assert is_paraphrase(a, b) is paraphrase


def test_merge_mentions_without_speakers_keeps_reworded_apart() -> None:
    one = QuoteMention("a0", 0, 0, 20, "actively prepared", True)
    two = QuoteMention("a1", 0, 0, 20, "actively preparing", True)
    assert len(merge_mentions([one, two])) == 2


def test_seeds_peskov_quote(seeds_dir: Path) -> None:
    from storyline.api import clean_articles

    articles = list(clean_articles([str(seeds_dir)]).articles)
    quotes = extract_quotes(parse_articles(articles))
    peskov = [q for q in quotes if q.speaker == "Dmitry Peskov"]
    assert len(peskov) == 1
    assert "when the time comes" in peskov[0].text.lower()
    assert len(peskov[0].articles) == 2 and peskov[0].direct
    prepared = [q for q in quotes if "actively prepar" in q.text]
    assert len(prepared) == 1 and prepared[0].speaker == "Alexander Matsegora"
    assert len(prepared[0].articles) == 4 and len(prepared[0].paraphrased) == 1


def test_he_added_keeps_the_speaker_across_paragraphs() -> None:
    text = (
        "“We will not raise taxes next year,” Finance Minister Paul Berg said on Monday.\n\n"
        "“We have a plan for growth and for jobs,” he added."
    )
    quotes = {q.text: q.speaker for q in extract_quotes(parse(text))}
    assert quotes["We will not raise taxes next year"] == "Paul Berg"
    assert quotes["We have a plan for growth and for jobs"] == "Paul Berg"


def test_a_quote_that_runs_on_into_the_next_paragraph() -> None:
    text = (
        "Mayor Ana Silva spoke at the harbour on Monday. “The port will reopen on Friday.\n"
        "“Ships will sail again and the workers will be paid,” she said."
    )
    quotes = [q for q in extract_quotes(parse(text)) if q.direct]
    assert any(q.text.startswith("The port will reopen") for q in quotes)
    assert all(q.speaker == "Ana Silva" for q in quotes)


def test_single_quotes_are_quotes_and_apostrophes_are_not() -> None:
    text = "Mayor Ana Silva said the port was ‘ready for the ships’ and that workers’ pay rose."
    (quote,) = [q for q in extract_quotes(parse(text)) if q.direct]
    assert quote.text == "ready for the ships" and quote.speaker == "Ana Silva"


def test_a_quote_with_no_speaker() -> None:
    (quote,) = extract_quotes(parse("“The port will reopen on Friday and ships will sail.”"))
    assert quote.speaker is None and quote.direct


def test_seeds_spokespeople_keep_their_speakers(seeds_dir: Path) -> None:
    from storyline.api import clean_articles

    articles = list(clean_articles([str(seeds_dir)]).articles)
    quotes = extract_quotes(parse_articles(articles))
    speaker = {q.text.lower(): q.speaker for q in quotes}

    def said(words: str) -> set[str | None]:
        return {s for text, s in speaker.items() if words in text}

    assert said("when the time comes") == {"Dmitry Peskov"}
    assert said("actively prepar") == {"Alexander Matsegora"}
    # the seeds spell him both ways (Andrei, Andrey): either transliteration is him
    assert said("advanced stage") in ({"Andrei Rudenko"}, {"Andrey Rudenko"})


def _speakers(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(parse(text)) if q.direct}


def test_a_name_inside_the_quoted_words_is_never_the_speaker() -> None:
    text = (
        "Ana Silva has sold newspapers at the harbour for thirty years.\n\n"
        "“I was given my kiosk by the mayor Carlos Ruiz, back in 1993,” she said."
    )
    (speaker,) = _speakers(text).values()
    assert speaker == "Ana Silva"


def test_he_said_skips_a_person_named_in_the_quote() -> None:
    text = (
        "Angela Merkel spoke in Berlin on Monday. "
        "“We thank Emmanuel Macron and his government for their support,” she said."
    )
    (speaker,) = _speakers(text).values()
    assert speaker == "Angela Merkel"


def test_a_quote_with_no_recoverable_speaker_is_null() -> None:
    text = (
        "Ana Silva runs a kiosk by the harbour. "
        "“I was given this kiosk by the mayor Carlos Ruiz back in 1993.”"
    )
    assert set(_speakers(text).values()) == {None}


def test_a_quote_goes_on_in_the_next_sentence_and_paragraph() -> None:
    text = (
        "“We will win the vote,” Paul Berg said on Monday. “The voters are with us.”\n\n"
        "“And we will govern for all of them,” he added.\n\n"
        "“Nobody will be left behind in the north.”"
    )
    assert set(_speakers(text).values()) == {"Paul Berg"}


def test_short_quoted_words_in_the_reporters_sentence_are_scare_quotes() -> None:
    text = "The harbour plan, a “quiet revolution” for the city, has stalled since May."
    assert extract_quotes(parse(text)) == []


def test_a_date_taken_as_subject_is_not_the_speaker() -> None:
    text = "Tuesday at the town hall, Mayor Ana Silva said, “The port will reopen on Friday.”"
    (speaker,) = _speakers(text).values()
    assert speaker is not None and "Silva" in speaker


def test_a_name_and_a_colon_before_the_quote() -> None:
    text = "Polls tighten in the north - Paul Berg: “The race is closer than it looks.”"
    (speaker,) = _speakers(text).values()
    assert speaker == "Paul Berg"


@pytest.mark.parametrize(
    "text",
    [
        "“We will win the vote,” said Sen. Paul Berg (D-Ohio), a party leader.",
        "“We will win the vote,” said Paul Berg, a Democrat from the north.",
    ],
)
def test_a_bracketed_state_or_a_description_is_not_the_name(text: str) -> None:
    (speaker,) = _speakers(text).values()
    assert speaker is not None and speaker.endswith("Paul Berg")


def test_a_place_before_a_role_word_is_not_the_speaker() -> None:
    (speaker,) = _speakers("“We will win the vote,” the Ohio senator said.").values()
    assert speaker != "Ohio"


def test_said_x_after_a_quote_the_parse_misread() -> None:
    text = (
        '"All those in the building, including my friend Carlos Ruiz, are safe," '
        "said Foreign Minister Angela Merkel."
    )
    (speaker,) = _speakers(text).values()
    assert speaker is not None and speaker.endswith("Angela Merkel")


def test_a_person_brought_in_before_a_quote_says_it_not_the_previous_speaker() -> None:
    text = (
        "“All phone lines are down in the capital,” said Paul Berg.\n\n"
        "Ana Silva, a reporter for Le Monde, was in the area when the tremors struck. "
        "“Everything started shaking, people were screaming.”"
    )
    speakers = _speakers(text)
    assert speakers["Everything started shaking, people were screaming."] == "Ana Silva"


def test_a_quote_after_a_new_paragraph_with_other_text_does_not_inherit() -> None:
    text = (
        "“All phone lines are down in the capital,” said Paul Berg.\n\n"
        "The rainy season starts in May. “Nobody knows how many are still trapped there.”"
    )
    speakers = _speakers(text)
    assert speakers["Nobody knows how many are still trapped there."] is None


def test_an_uncommon_speech_verb_after_the_quote_names_its_speaker() -> None:
    text = (
        "“We have reports of damage to hospitals,” said Paul Berg, a Red Cross official.\n\n"
        "“I saw people hurt in the street,” recounted Ana Silva, a charity worker, "
        "in a telephone interview."
    )
    assert _speakers(text)["I saw people hurt in the street"] == "Ana Silva"


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hill, a teacher carrying a flag, told Le Monde: “I think it is cowardly.”",
        "“I have always worked here, by the sea,” Tom Hill told Le Monde.\n\n"
        "“The land where my kiosk stood is disputed now,” he added.",
    ],
)
def test_the_outlet_told_is_never_the_speaker(text: str) -> None:
    assert set(_speakers(text).values()) == {"Tom Hill"}


def test_a_name_that_modifies_a_place_is_not_the_he_of_he_said() -> None:
    text = (
        "He had picked up the gun under a trash can at the Ana Silva apartments.\n\n"
        "“The older boy fired the shot,” he said."
    )
    assert set(_speakers(text).values()) == {None}


@pytest.mark.parametrize(
    "text",
    [
        "Protesters put up a banner with “Paris defends human rights everywhere” on the hall.",
        "The girl performed “Ode to the Homeland” during the ceremony.",
        "The city promoted the games with the “We Are Ready” slogan.",
        "The merchant sells an essay called “The sea is a mine full of salt” for a dollar.",
        "The group held “Human Rights Torch Relay Night” at the park in the evening.",
    ],
)
def test_titles_slogans_and_names_in_quotation_marks_are_not_quotes(text: str) -> None:
    assert extract_quotes(parse(text)) == []


def test_a_quote_beside_a_title_word_in_another_sentence_is_kept() -> None:
    text = (
        "Paul Berg ran the campaign. “We will win this race by a mile,” "
        "campaign manager Ana Silva said."
    )
    assert set(_speakers(text).values()) == {"Ana Silva"}


def test_he_said_is_the_subject_not_a_person_named_after_it() -> None:
    text = (
        "Tom Hill, the film's director, praised Ana Silva at a press conference.\n\n"
        "“She is very cute and sings quite well, too,” he said."
    )
    assert set(_speakers(text).values()) == {"Tom Hill"}


def test_he_said_after_an_unnamed_official_is_that_official_not_a_place() -> None:
    text = (
        "It destroyed houses some 300 kilometres from the provincial capital Paris.\n\n"
        "In the village a landslide engulfed a farm, killing one man, said the official.\n\n"
        "“A man was working on the farm with his wife when the landslide struck,” he said."
    )
    assert set(_speakers(text).values()) == {"the official"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will win the vote,” said a senior Anna Berg adviser.", "a senior Anna Berg adviser"),
        ("Anna Berg's spokesman said: “We will win the vote.”", "Anna Berg's spokesman"),
        ("“We will win the vote,” the Anna Berg campaign said.", "the Anna Berg campaign"),
        ("“We will win the vote,” said one Orbis Party leader.", "one Orbis Party leader"),
        ("“The engines simply stopped,” said an Orbis Air pilot.", "an Orbis Air pilot"),
    ],
)
def test_a_person_named_as_owner_is_not_the_speaker(text: str, speaker: str) -> None:
    (quote,) = extract_quotes(parse(text))
    assert quote.speaker == speaker


def test_a_capitalised_common_word_opening_a_sentence_is_no_name() -> None:
    from storyline.analyze.phrases import describe

    doc = get_nlp()(
        "The jet climbed back to 24,000 feet. Radar showed pieces of the airplane, "
        "investigators said. The new radar data came from the Air Force."
    )
    radar = next(t for t in doc if t.text == "Radar")
    found = describe(radar)
    assert found is None or found.kind != "person"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a person described, never named, is the antecedent
            "Judge Anna Berg read the charges on Monday. The 27-year-old was then led away.\n\n"
            "“I am innocent,” he said.",
            "The 27-year-old",
        ),
        (  # the owner of an office is not who speaks for it
            "A senior official said the talks had stalled. Paul Weber's office did not respond."
            "\n\n“There is no deal,” he said.",
            "A senior official",
        ),
        (  # the subject of the main clause, not of a clause inside it
            "The spokesman for the ministry, speaking after Anna Berg left, declined to give "
            "details.\n\n“We will not comment,” he said.",
            "The spokesman for the ministry, speaking after Anna Berg left",
        ),
        (  # a definite description naming again the person just named with that role
            "Former president Paul Weber spoke to reporters on Monday. But the former "
            "president did not stop there.\n\n“The plan is useless,” he said.",
            "Paul Weber",
        ),
    ],
)
def test_he_said_finds_a_described_person(text: str, speaker: str) -> None:
    assert set(_speakers(text).values()) == {speaker}


@pytest.mark.parametrize(
    ("pronoun", "speaker"),
    [("she", "Anna Berg"), ("he", "Paul Weber")],
)
def test_he_or_she_skips_a_person_of_the_other_gender(pronoun: str, speaker: str) -> None:
    text = (
        "Anna Berg thanked her staff on Monday. Then Mr. Paul Weber took the stage.\n\n"
        f"“We will win the vote,” {pronoun} said."
    )
    assert set(_speakers(text).values()) == {speaker}


def test_he_said_with_no_compatible_person_has_no_speaker() -> None:
    text = "Anna Berg thanked her staff on Monday.\n\n“We will win the vote,” he said."
    assert set(_speakers(text).values()) == {None}


def test_she_said_with_nobody_in_the_body_is_the_person_the_title_names() -> None:
    (item,) = parse("“We will win the vote,” she said at a rally on Monday.")
    titled = parse_articles([replace(item.article, title="Anna Berg vows to win the vote")])
    assert [q.speaker for q in extract_quotes(titled)] == ["Anna Berg"]
    assert [q.speaker for q in extract_quotes([item])] == [None]


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        ("", "the newspaper"),
        ("Le Monde reported the plan on Sunday.\n\n", "Le Monde"),
        ("Le Monde and Le Figaro reported the plan on Sunday.\n\n", "the newspaper"),
    ],
)
def test_the_newspaper_is_the_outlet_only_where_the_text_says_which(
    before: str, speaker: str
) -> None:
    text = before + "“The plan has failed,” the newspaper said on Monday."
    assert set(_speakers(text).values()) == {speaker}


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        ("The Orbis Party said in a statement that the plan had failed.\n\n", "Orbis Party"),
        ("Le Monde reported the plan on Sunday.\n\n", "the statement"),
        ("Le Monde said Paul Weber had sent a statement.\n\n", "the statement"),
    ],
)
def test_the_statement_is_whoever_the_text_says_issued_it(before: str, speaker: str) -> None:
    text = before + "“We will vote against the plan,” the statement said."
    assert _speakers(text)["We will vote against the plan"] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“This is fantastic!” beamed Paul Weber of Lyon, who came from the guest seats.",
            "Paul Weber",
        ),
        ("Anna Berg shot back, “The minister called them out. Oh my goodness.”", "Anna Berg"),
    ],
)
def test_any_verb_right_against_the_quote_names_its_speaker(text: str, speaker: str) -> None:
    assert set(_speakers(text).values()) == {speaker}


def test_quoted_words_that_are_a_verbs_subject_have_no_speaker() -> None:
    text = "The sign went up on Monday. “Build the wall higher and faster” alarmed Paul Weber."
    assert set(_speakers(text).values()) <= {None}


def test_newswire_ascii_quotation_marks_are_quotes() -> None:
    text = (
        "Harbour reopens\n\n"
        "KELVARO (Wirewire) _ The harbour reopened on Tuesday after a week of repairs.\n\n"
        "``We are open again, and the ships are coming back,'' said Anna Berg, the harbour "
        "master.\n"
    )
    [quote] = extract_quotes(parse(text))
    assert quote.speaker == "Anna Berg"
    assert quote.text == "We are open again, and the ships are coming back"
    [mention] = quote.mentions
    assert text[mention.start : mention.end] == mention.text  # offsets are the article's
    assert mention.text.startswith("We are open") and "`" not in mention.text
