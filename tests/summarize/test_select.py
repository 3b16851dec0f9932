"""The summarizer: which sentences, in what order, and the mechanical check of a brief."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from builders import article

from storyline.analyze.facts import Fact, FactMention
from storyline.analyze.story import analyze_story
from storyline.api import build_briefs
from storyline.cluster.embed import get_embedder
from storyline.summarize import BriefError, is_extract, make_brief, verify_brief
from storyline.summarize.select import (
    Pick,
    _voices,
    back_references,
    bare_arguments,
    central_words,
    generic_statement,
    headline,
    is_dependent,
    no_comment,
    opens_with_its_verb,
    quotation_states,
    select_sentences,
    unintroduced,
    unnamed_subject,
)

QUAKE_A = (
    "A magnitude 6.1 earthquake struck the coastal town of Velmora on Sunday morning. "
    "Officials said at least 14 people were killed and dozens injured. "
    "He said rescue teams were still searching collapsed buildings. "
    "The quake was felt as far away as the capital, Orsan. "
    "Schools in the region will stay closed until Wednesday."
)
QUAKE_B = (
    "An earthquake of magnitude 6.1 hit Velmora, a town on the coast, early on Sunday. "
    "At least 14 people died and dozens were hurt, according to officials. "
    "The agency said rescue teams were still searching collapsed buildings. "
    "Residents of Velmora spent the night outdoors, fearing aftershocks. "
    "The government has released emergency funds for the region."
)
QUAKE_C = (
    "Velmora was shaken by a magnitude 6.1 earthquake on Sunday morning, killing at least "
    "14 people. "
    "Rescue teams were still searching collapsed buildings in Velmora on Sunday evening. "
    "The town's mayor asked residents to stay away from damaged buildings. "
    "The quake was the strongest in the region for a decade."
)


@pytest.fixture(scope="module")
def quake() -> tuple[list[Any], Any]:
    articles = [
        article("qa", QUAKE_A, outlet="Coast Herald", published="2031-03-02T10:00:00+00:00"),
        article("qb", QUAKE_B, outlet="Orsan Daily", published="2031-03-02T11:00:00+00:00"),
        article("qc", QUAKE_C, outlet="Valley Post", published="2031-03-02T12:00:00+00:00"),
    ]
    return articles, analyze_story(articles)


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("He said rescue teams were still searching.", True),
        ("However, the town stayed calm overnight.", True),
        ("The newspaper said the visit could come in June.", True),
        ("The report states that the visit is being prepared.", True),
        ("They left before noon.", True),
        ("Rescue teams were still searching collapsed buildings.", False),
        ("The Velmora mayor said residents should stay away.", False),
        ("The quake was felt as far away as the capital.", False),
        ("The ship has never been found.", True),  # which ship: only the text before says
        ("The ship sank near Velmora in 1854.", False),
        ("Several are class-action suits asking the company to pay for checkups.", True),
        ("Ann Berg said this when she presented 300,000 shillings to schools.", True),
        ("Several companies are suing the maker over the drug.", False),
        ("Ann Berg said that the schools would get 300,000 shillings.", False),
        ("\u201cBoth firms are committed to open systems,\u201d he said.", True),
        ("Both firms are committed to open systems, said she.", True),
        ("\u201cBoth firms are committed to open systems,\u201d Anna Berg said.", False),
    ],
)
def test_dependent_openers(text: str, dependent: bool) -> None:
    assert is_dependent(text) is dependent


def test_selection_leads_with_the_corroborated_fact_and_never_repeats(
    quake: tuple[list[Any], Any],
) -> None:
    articles, analysis = quake
    picks = select_sentences(analysis.facts, articles, analysis.vectors, 60)
    assert picks, "a three-article story has a brief"
    lead = picks[0]
    assert "6.1" in lead.voice.text
    assert sum(len(p.voice.text.split()) for p in picks) <= 60
    assert len({p.fact.id for p in picks}) == len(picks)
    # the rescue fact is stated by all three; it is voiced by a self-contained sentence
    for pick in picks:
        assert not is_dependent(pick.voice.text), pick.voice.text
    # no two chosen sentences are near-repeats of each other
    vectors = [analysis.vectors[(p.voice.article, p.voice.sentence)] for p in picks]
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            assert float(vectors[i] @ vectors[j]) < 0.8


def test_a_tiny_budget_still_gives_the_lead_only_when_it_fits(
    quake: tuple[list[Any], Any],
) -> None:
    articles, analysis = quake
    assert select_sentences(analysis.facts, articles, analysis.vectors, 3) == []
    one = select_sentences(analysis.facts, articles, analysis.vectors, 16)
    assert len(one) == 1 and len(one[0].voice.text.split()) <= 16


def test_brief_cites_the_articles_that_state_the_fact(quake: tuple[list[Any], Any]) -> None:
    articles, analysis = quake
    brief = make_brief("s1", articles, {}, analysis, 80)
    assert brief.headline  # no titles: the lead sentence stands in
    data = brief.to_dict()
    by_id = {a.id: a for a in articles}
    assert verify_brief(data, by_id) == []
    for sentence in data["summary"]:
        # the voiced sentence is cited first, and every other citation states all of it
        first = sentence["citations"][0]
        assert by_id[first["article"]].text[first["start"] : first["end"]] == sentence["text"]
    rescue = next(f for f in analysis.facts if "rescue teams" in f.text.lower())
    assert set(rescue.articles) == {"qa", "qb", "qc"}  # three wordings of one statement
    # "He said ..." and "The agency said ..." state each other; neither states "in Velmora
    # on Sunday evening", so that sentence, when voiced, cites only itself
    said = {m.article for m in rescue.mentions if "said" in m.text}
    assert said == {"qa", "qb"}


def test_verify_brief_catches_broken_citations(quake: tuple[list[Any], Any]) -> None:
    articles, analysis = quake
    by_id = {a.id: a for a in articles}
    good = make_brief("s1", articles, {}, analysis, 80).to_dict()

    def broken(change: Any) -> list[str]:
        import copy

        data = copy.deepcopy(good)
        change(data["summary"][0])
        return verify_brief(data, by_id)

    def shift(s: dict[str, Any]) -> None:
        s["citations"][0]["start"] += 1

    def unknown(s: dict[str, Any]) -> None:
        s["citations"][0]["article"] = "nope"

    def no_such_sentence(s: dict[str, Any]) -> None:
        s["citations"][0]["sentence"] = 99

    def uncited(s: dict[str, Any]) -> None:
        s["citations"] = []

    def invented_name(s: dict[str, Any]) -> None:
        s["text"] = s["text"].replace("6.1", "7.4")

    for change in (shift, unknown, no_such_sentence, uncited, invented_name):
        assert broken(change), change.__name__


def test_make_brief_raises_when_a_citation_does_not_check(
    quake: tuple[list[Any], Any],
) -> None:
    articles, analysis = quake
    # an article list that lacks a cited article makes the check fail: a bug, raised
    with pytest.raises(BriefError, match="unknown article"):
        make_brief("s1", articles[:2], {}, analysis, 80)


def test_seed_brief_states_the_core_fact_cites_all_five_and_has_no_boilerplate(
    seeds_dir: Path,
) -> None:
    run = build_briefs([str(seeds_dir)], words=120)
    assert len(run.briefs) == 1
    brief = run.briefs[0]
    data = brief.to_dict()
    assert verify_brief(data, {a.id: a for a in brief.articles}) == []
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 120
    lead = data["summary"][0]
    for needed in ("North Korea", "Vietnam", "Vedomosti"):
        assert needed in lead["text"]
    assert {c["article"] for c in lead["citations"]} == {a.id for a in brief.articles}
    # boilerplate the cleaner removed (a repeated paragraph's kept copy aside) is not news
    removed = [r.text for a in brief.articles for r in a.removed if r.reason != "repeated"]
    for sentence in data["summary"]:
        assert not is_dependent(sentence["text"])
        assert not any(sentence["text"] in r for r in removed)
    assert data["headline"] in {a.title for a in brief.articles}


def test_a_brief_sentence_may_drop_the_dateline_and_nothing_else() -> None:
    sentence = "VELMORA (Wirecorp) -- Rescue teams were still searching collapsed buildings."
    assert is_extract(sentence, sentence)
    assert is_extract("Rescue teams were still searching collapsed buildings.", sentence)
    assert not is_extract("teams were still searching collapsed buildings.", sentence)
    assert not is_extract("Rescue teams were still searching.", sentence)


def test_a_dateline_opening_the_lead_is_not_written_and_the_brief_verifies() -> None:
    lead = "VELMORA _ A magnitude 6.1 earthquake struck the coastal town of Velmora on Sunday."
    articles = [
        article("da", lead + " " + QUAKE_A.split(". ", 1)[1], outlet="Coast Herald"),
        article("db", QUAKE_B, outlet="Orsan Daily"),
        article("dc", QUAKE_C, outlet="Valley Post"),
    ]
    brief = make_brief("s2", articles, {}, analyze_story(articles), 80)
    data = brief.to_dict()
    by_id = {a.id: a for a in articles}
    assert verify_brief(data, by_id) == []
    assert not any(s["text"].startswith("VELMORA") for s in data["summary"])
    trimmed = [s for s in data["summary"] if s["text"] == lead.removeprefix("VELMORA _ ")]
    for sentence in trimmed:  # cited as the whole sentence, written without the dateline
        first = sentence["citations"][0]
        assert by_id[first["article"]].text[first["start"] : first["end"]] == lead


def test_the_headline_is_the_title_closest_to_the_whole_brief() -> None:
    lines = [
        "The House committee approved the budget plan on Wednesday.",  # a digest's stray item
        "The balloon crossed the Atlantic on Wednesday, its pilots said.",
        "The two pilots hope to land the balloon in Mauritania by Saturday.",
        "The balloon has flown more than 20,000 miles around the world.",
    ]
    picks = []
    for i, text in enumerate(lines):
        voice = FactMention(f"a{i}", 0, 0, len(text), text)
        picks.append(Pick(Fact(f"f{i}", text, (voice,), (f"a{i}",), 0, ()), voice, 1.0, text))
    titled = [
        replace(article("d1", lines[0]), title="Committee passes budget plan in House vote"),
        replace(article("s1", lines[1]), title="Round-the-world balloon nears its goal"),
    ]
    title = headline(picks, titled, lambda texts: get_embedder().embed(texts))
    assert title == "Round-the-world balloon nears its goal"


def test_a_sentence_cut_off_with_an_ellipsis_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert _usable("The network funded by the billionaire brothers expanded its reach.")
    assert not _usable("The network funded by the billionaire brothers expanded its...")
    assert not _usable("The network funded by the billionaire brothers expanded its …")


def test_a_piece_of_a_longer_quotation_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert _usable("“All I have are the people,” the senator told the crowd on Monday.")
    assert _usable("``All I have are the people,'' the senator told the crowd on Monday.")
    assert not _usable("''He is not shying away from any of the hard questions, either.")
    assert not _usable("” He is not shying away from any of the hard questions, either.")
    assert not _usable("' ann berg brings the harbour magic back with a thrilling new show.")


def test_a_line_holding_the_writers_question_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert not _usable("Was it the skipper's fault? let the finger-pointing over the ferry begin.")
    assert _usable("“Was it the skipper's fault?” the harbour master asked on Monday.")
    assert _usable("``Who sold the harbour?'' the mayor asked the council on Monday.")


def test_a_list_lead_in_run_on_with_its_items_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert not _usable("A ferry ticket can: get you across the lake and back in a day.")
    assert not _usable("The harbour's new rules include: no anchoring, no fishing, no swimming.")
    assert _usable('The harbour master\'s rules include: "no anchoring near the new pier."')
    assert _usable("The harbour master said: the ferry will sail at noon on Monday.")


def test_a_line_with_a_bracket_it_does_not_close_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert not _usable("(Runoff from the melting glacier adds to the lake's rising level.")
    assert not _usable("The lake rose again (after the thaw, officials said on Monday.")
    assert _usable("The lake (the largest in Norland) rose again after the thaw on Monday.")


def test_an_answer_opening_a_line_points_back() -> None:
    from storyline.summarize.select import is_dependent

    assert is_dependent("Yes, ferry crews work hard and bang heads all day long.")
    assert is_dependent("Well, the harbour board has not said when it will vote.")
    assert not is_dependent("No one was hurt when the ferry ran aground near Quorn.")


def test_the_writer_speaking_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert not _usable("In this post, I assume the harbour plan is correct.")
    assert not _usable("Actually, i was anything but rich when the mill closed.")
    assert _usable('"I was anything but rich," Ann Berg said of the years after the mill.')
    assert _usable("The harbour plan, known as Plan I, passed on Monday in Velmora.")


def test_a_bulleted_list_item_is_no_brief_line() -> None:
    from storyline.summarize.select import _usable

    assert not _usable("-- $4 million for a county program aimed at drawing shops to the valley.")
    assert not _usable("_ The harbour fees rise by a third on Monday under the new plan.")
    assert not _usable("\u2022 The harbour fees rise by a third on Monday under the new plan.")
    assert _usable("The harbour fees rise by a third on Monday under the new plan.")
    assert _usable("-5 degrees is the coldest the harbour has been since the ferry began.")


def test_quotation_states_follow_the_marks_within_a_paragraph() -> None:
    from storyline.summarize.select import quotation_states

    text = (
        "The mayor spoke on Monday. ``Music is not a luxury. It keeps children in school,'' "
        "Ann Berg said.\n\n``We will keep the band. We will keep the choir.\n\n"
        "``And the art room stays,'' she added."
    )
    states = quotation_states(article("qs", text))
    # the opening sentence, the quotation's two sentences, a quotation running over a
    # paragraph break (each paragraph opens it again), the closing paragraph
    assert states == [
        (False, False),
        (False, True),
        (True, False),
        (False, True),
        (True, True),
        (False, False),
    ]


def test_a_quotation_of_two_sentences_is_one_brief_line_citing_one_span() -> None:
    opening = (
        "``Music is not a luxury for the schools of Velmora. It keeps children in school "
        "and off the streets,'' Ann Berg, the district's arts director, said on Monday."
    )
    articles = [
        article("m1", "The Velmora school board voted to keep its music programs. " + opening),
        article(
            "m2",
            "The Velmora school board voted on Monday to keep its music programs. "
            "Ann Berg, the arts director, said music keeps children in school.",
        ),
        article(
            "m3",
            "Velmora's school board has voted to keep music programs. Berg said the "
            "programs keep children in school and off the streets.",
        ),
    ]
    analysis = analyze_story(articles)
    data = make_brief("m", articles, {}, analysis, 100).to_dict()
    assert verify_brief(data, {a.id: a for a in articles}) == []
    texts = [s["text"] for s in data["summary"]]
    half = "``Music is not a luxury for the schools of Velmora."
    assert half not in texts  # the first half of the quotation is never a line alone
    assert not any(t.startswith("It keeps children") for t in texts)
    joined = [s for s in data["summary"] if s["text"].startswith(half)]
    for line in joined:
        [own] = [c for c in line["citations"] if c["article"] == "m1"]
        assert articles[0].text[own["start"] : own["end"]] == line["text"] == opening


def test_verify_brief_takes_a_span_over_one_paragraph_only() -> None:
    text = "``Kids need the band. Kids need the choir,'' Ann Berg said.\n\nThe vote was 5-2."
    art = article("vb", text)
    first, second, third = art.sentences
    brief: dict[str, Any] = {
        "summary": [
            {
                "text": text[first.start : second.end],
                "citations": [
                    {"article": "vb", "sentence": 0, "start": first.start, "end": second.end}
                ],
            }
        ],
        "entities": [],
    }
    assert verify_brief(brief, {"vb": art}) == []
    brief["summary"][0]["text"] = text[first.start : third.end]
    brief["summary"][0]["citations"][0]["end"] = third.end
    assert verify_brief(brief, {"vb": art}) != []  # across a paragraph break


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("It's a story as old as history.", True),
        ("O'Brien won the race in Velmora on Sunday.", False),
        ("``Music is not a matter of money,'' she said. ``Kids need the arts.''", True),
        ("``Music is not a matter of money,'' Ann Berg said. ``Kids need the arts.''", False),
    ],
)
def test_contractions_and_pronoun_speakers_inside_a_line_are_dependent(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("_ Called the Velmora harbour's growth ``remarkable.''", True),
        ("_ He opened the new bridge over the Dunmore river.", True),
        ("_ Ann Berg opened the new bridge over the Dunmore river.", False),
    ],
)
def test_a_list_item_stands_alone_only_as_a_sentence_of_its_own(text: str, dependent: bool) -> None:
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("``You're going to get jacked on the street. Stay home tonight.''", True),
        ("“Stay home tonight, all of you.”", True),
        ('"Stay home tonight, all of you," the Velmora police chief said.', False),
        ("``Stay home,'' she said. ``The streets are not safe tonight.''", True),
        ("``Stay home,'' Ann Berg said. ``The streets are not safe tonight.''", False),
    ],
)
def test_a_quotation_alone_or_a_pronoun_speaker_in_the_line_is_dependent(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("The students delivered a letter of protest to the ministry, the paper said.", True),
        ("The army fired on protesters in Velmora, the agency reported.", True),
        ("The Velmora team won the cup, the league said in a statement.", False),
        ("The Velmora team won the cup on Sunday, the league said.", False),
        ("``Harbour Lights'' followed with five.", True),
        ("Velmora was one of three.", True),
        ("The Velmora index rose to 5,000.", False),
        ("Velmora beat Orsan by 3.", False),
    ],
)
def test_a_frame_pointing_back_to_an_outlet_or_a_count_of_nothing_is_dependent(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


def test_a_quotation_closed_a_paragraph_later_marks_its_rest() -> None:
    from storyline.summarize.select import quotation_states

    text = (
        '"Ann Berg is a consummate director," the producers said.\n\n'
        '"She also has style.\n\n'
        'She is the ideal choice to lead the festival," the pair said in a statement.\n\n'
        "Her role in ''Harbour Lights'' came 20 years after her first film."
    )
    states = quotation_states(article("qp", text))
    # the closing paragraph of a quotation that opened a paragraph before starts inside it
    assert states == [(False, False), (False, True), (True, False), (False, False)]


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("Hours later, Dole was found at a Velmora gas station.", True),
        ("Two days later, the Velmora council resigned.", True),
        ("Afterward, the Velmora council resigned.", True),
        ("Now, Ann Berg said, the Velmora harbour is safe.", True),
        ("Nowak won the Velmora race on Sunday.", False),
        ("Ten years before the war, Velmora was a busy port.", False),
        ("At the time, Ann Berg was 4.", True),
        ("Since then, the Velmora harbour has stayed shut.", True),
        ("At the time of the storm, the Velmora harbour was shut.", False),
    ],
)
def test_a_line_opening_with_a_time_counted_from_before_is_dependent(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("This year, 13 people have been infected in Velmora.", False),
        ("This week Ann Berg launched a new season of her talk show.", False),
        ("These days, Velmora growers sell most of their grapes abroad.", False),
        ("This past week the Velmora council met twice.", False),
        ("This year, he plans to open a second clinic.", True),  # who "he" is: before
        ("Earlier this week, Ann Berg became the first to run for mayor.", False),
        ("Later this month the Velmora council will vote on the ferry.", False),
        ("So far opinion polls have the Velmora parties running even.", False),
        ("So far, he has won two of the three Velmora races.", True),
        ("Later, the Velmora council voted against the ferry plan.", True),
        ("So the Velmora council voted against the ferry plan.", True),
        ("It is estimated that 300 million cases of the fever occur each year.", False),
        ("It is widely expected that Velmora will hold an election next year.", False),
        ("It was unclear whether the Velmora council would vote.", False),
        ("It was so calm that few in Velmora noticed.", True),  # what was: before
        ("It will be the third attempt to cross the Velmora strait.", True),
        ("That year the Velmora fever sickened 1,000 people.", True),  # which year: before
        ("This one hit the Velmora coast hardest.", True),
        ("This is the first case of the fever in Velmora.", True),
    ],
)
def test_a_time_of_the_report_or_an_it_announcing_a_clause_points_back_to_nothing(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("The newspaper said the visit could come in June.", True),
        ("The agency reported that the Velmora harbour was shut.", True),
        ("The experts said the fire at the Velmora refinery cost $5 million.", False),
        ("The detective said Dole had admitted hitting the guard twice.", False),
        ("The officials said three Velmora schools would close.", False),
    ],
)
def test_only_an_outlet_the_and_a_reporting_verb_point_back(text: str, dependent: bool) -> None:
    # "the experts", "the officials": the claim stands; who they are, unnamed_subject reads
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The clinic has offered free checkups for more than a year.", ("clinic", False)),
        ("The new permits will expire at the end of the season.", ("permits", False)),
        ("Berg said the remedies work by calming the nerves.", ("remedies", True)),
        ("Anna Berg said the remedies work by calming the nerves.", ("remedies", False)),
        ("The clinic in Velmora has offered free checkups since 2029.", None),
        ("The old method of grafting is now used on roses.", None),
        ("The clinic has treated 300 patients this year.", None),
        ("A clinic has offered free checkups for more than a year.", None),
        ("Berg said the Velmora clinic would open in June.", None),
    ],
)
def test_a_line_about_the_something_it_does_not_name_is_found(
    text: str, found: tuple[str, bool] | None
) -> None:
    assert unnamed_subject(text) == found


def test_a_line_about_the_something_is_no_voice_unless_the_story_is_about_it() -> None:
    texts = [
        "A storm flooded the harbour district of Velmora on Monday. "
        "The storm has flooded the harbour district again. "
        "The clinic has offered free checkups for more than a year.",
        "The storm hit Velmora overnight, flooding the harbour district. "
        "The storm was the worst since 2011, Mayor Ann Berg said.",
        "Power returned to most of Velmora on Tuesday after the storm.",
    ]
    articles = [article(f"s{i}", t) for i, t in enumerate(texts)]
    central = central_words(articles)
    assert "storm" in central and "clinic" not in central
    states = {a.id: quotation_states(a) for a in articles}
    by_id = {a.id: a for a in articles}
    cased = frozenset(by_id)
    voiced = {
        fact.text: bool(_voices(fact, by_id, states, central, cased))
        for fact in analyze_story(articles).facts
    }
    assert voiced["The storm has flooded the harbour district again."]
    assert not voiced["The clinic has offered free checkups for more than a year."]
    # in an article written in lower case throughout, that a line names nothing is unknown
    assert _voices(
        next(f for f in analyze_story(articles).facts if f.text.startswith("The clinic")),
        by_id,
        states,
        central,
        frozenset(),
    )


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("For instance, the Velmora ferry no longer runs on Sundays.", True),
        ("For example, Ann Berg said, the harbour closes at dusk.", True),
        ("In another upset, Velmora beat Orsan 3-1 on Sunday.", True),
        ("Another 20 people were hurt in Velmora on Sunday.", True),
        ("In an upset, Velmora beat Orsan 3-1 on Sunday.", False),
        ("For the first time, Velmora beat Orsan on Sunday.", False),
    ],
)
def test_a_line_opening_with_an_instance_or_another_one_is_dependent(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


def test_a_line_is_read_for_dependence_as_the_brief_writes_it_less_its_dateline() -> None:
    for text, voiced in [
        ("VELMORA _ It's no longer a secret that the harbour will close.", False),
        ("VELMORA _ However, the Velmora harbour will close in June.", False),
        ("VELMORA _ The Velmora harbour will close in June, officials said.", True),
    ]:
        source = article("dl", text)
        mention = FactMention("dl", 0, 0, len(text), text)
        fact = Fact("f0", text, (mention,), ("dl",), 0, ())
        states = {"dl": quotation_states(source)}
        assert bool(_voices(fact, {"dl": source}, states)) is voiced, text


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("On the outside, it's a plain brick building.", True),
        ("Unlike most ferries, they were built of oak.", True),
        ("Despite its 32 prizes, it recently has been challenged by a rival.", True),
        ("No such attempt was described by the harbour's witnesses.", True),
        ("Both later switched parties and came home to Velmora.", True),
        ("Both Ann Berg and Tom Hill switched parties in 2029.", False),
        ("Many such ferries were built of oak.", True),
        ("Ports such as Velmora were built of oak.", False),
        ("Despite the storm, they still had sailed by noon.", True),
        ("While the harbour was still busy, it was already an oddity.", True),
        ("In Velmora, it is illegal to smoke in bars.", False),
        ("In 2029, Velmora banned smoking in bars.", False),
        ("Berg owned the ferry, they believed, until 2029.", False),
        ("One snag: it's no longer true of the ferry.", True),  # after a colon too
        ("The rule is plain: it is illegal to smoke in bars.", False),
        ("In this regard, a new harbour fee is expected soon, said the minister.", True),
        ("For that reason, the Velmora council closed the harbour.", True),
        ("Despite this, the ferry sailed to Orsan on Monday.", True),
        ("In this year's race, Ann Berg won the Velmora seat.", False),
        ("At this week's meeting, the Velmora council closed the harbour.", False),
    ],
)
def test_a_main_clause_about_it_or_they_after_an_opening_phrase_is_dependent(
    text: str, dependent: bool
) -> None:
    assert is_dependent(text) is dependent


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Velmora harbour authority won't prosecute the skipper.", ["skipper"]),
        ("Mayor Ann Berg said she welcomed the survey as helpful.", ["survey"]),
        ("The ferry is the oldest still sailing in the region.", ["ferry"]),
        ("Ann Berg called it the finest harbour in the north.", [None]),
        ("Ann Berg made it clear that the harbour would stay open.", []),
        ("A skipper ran aground, and officials said the skipper was unhurt.", []),
        ("The Velmora ferry sank on Sunday.", []),
        ("The ferry from Orsan sank on Sunday.", []),
        ("Ann Berg said the Velmora harbour would close in June.", []),
        ("Berg pleaded guilty to one count of fraud.", ["berg"]),
        ("Berg said the Velmora harbour would close in June.", []),  # a speaker's claim stands
        ("Ann Berg pleaded guilty to one count of fraud.", []),
        ("Berg, 61, pleaded guilty to one count of fraud.", ["berg"]),
        ("Hundreds of houses in Velmora already have them.", [None]),
        ("Hundreds of houses already have them to cut their power bills.", [None]),
        ("Officials said these shorelines would close in June.", ["shorelines"]),
        ("The message in those speeches earned Ann Berg a spot at the rallies.", ["speeches"]),
        ("The message in those speeches that Ann Berg gave in May was clear.", []),
        ("The worst time for such storms is late in the Velmora autumn.", ["storms"]),
        ("The worst time for storms such as Ida is late in the Velmora autumn.", []),
        ("“Nothing like these elections has happened in Velmora,” Ann Berg said.", []),
        ("A jury convicted her in December on a dozen counts of fraud.", [None]),
        ("A jury convicted Ann Berg in December and fined her.", []),
        ("Ann Berg said a jury had convicted her unfairly.", []),
        ("Velmora's council is determined not to let that happen again.", [None]),
        ("Ann Berg called this the worst flood in a decade.", [None]),
        ("Ann Berg said this is part of a pattern of neglect.", []),  # a copula's subject
        ("Ann Berg said that's because 70 percent of the ferry jobs went abroad.", [None]),
        ("That is why the Velmora council voted against the ferry plan.", [None]),
        ("Ann Berg said the ferry that sank in May was old.", []),  # a relative pronoun
        # the speaker "the official": the claim stands, as a bare name's does ("Berg said")
        ("Velmora will open two harbours to the ferries, the official said.", []),
        ("The officials said three Velmora schools would close.", []),
        ("The official resigned on Monday.", ["official"]),  # not a speaker: which official
        ("Velmora will open two harbours, said the report.", ["report"]),  # an outlet
        # the owner of what a line is about, when the owner is "the" + a noun
        ("The committee's standards require two years at sea.", ["committee"]),
        ("The port's worst flooding is in the old docks of Velmora.", ["port"]),
        ("The council's chairman said the Velmora harbour would close.", []),  # a speaker
        ("Velmora's council closed the Orsan harbour.", []),
        # a description set off after "the" + a noun that names nothing
        (
            "The skipper, a fisherman who sailed for decades, has long opposed Velmora's plan.",
            ["skipper"],
        ),
        ("The skipper, Ann Berg, has long opposed Velmora's plan.", []),
        # "it" is what a complement says, not another action after a comma
        ("Ann Berg did it gladly, telling viewers that the ferry would sail.", [None]),
        ("Ann Berg found it hard to believe that the ferry sank.", []),
    ],
)
def test_what_a_line_is_about_and_does_not_name_is_found(
    text: str, found: list[str | None]
) -> None:
    assert list(bare_arguments(text)) == found


@pytest.mark.parametrize(
    ("text", "before", "found"),
    [
        ("The VHA closed the harbour.", "The Velmora Harbour Authority (VHA) met. ", ["vha"]),
        ("The VHA closed the harbour.", "The board met. ", []),  # never spelt out
        ("Berg closed the harbour.", "Mayor Ann Berg met the board. ", ["berg"]),
        ("Berg said the harbour would close.", "Mayor Ann Berg met the board. ", []),
        ("Berg said the harbour would close, the Post reported.", "Ann Berg met them. ", []),
        ("Velmora closed the harbour.", "The port of Velmora was shut. ", []),
        ("Berg closed the harbour.", "", []),
        # a name the tagger reads as a common noun at the start of the line
        ("Jospin was responding to recent protests.", "Premier Lionel Jospin spoke. ", ["jospin"]),
        ("Company officials were responding.", "The Acme Company said the company would. ", []),
        ("Ann Berg closed the harbour.", "Mayor Ann Berg met the board. ", []),
    ],
)
def test_a_name_its_article_gave_in_full_before_is_found(
    text: str, before: str, found: list[str]
) -> None:
    assert list(back_references(text, before)) == found


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("The skipper's lawyer did not immediately return calls Tuesday.", True),
        ("A spokesman for the ferry line declined to comment.", True),
        ("Ann Berg could not be reached for comment.", True),
        ("Officials did not respond to requests for comment on Monday.", True),
        ("A spokeswoman said the council would not comment on the lawsuit.", True),
        ("The council did not respond to the lawsuit.", False),
        ("The coast guard did not return fire.", False),
        ("The council declined to comment on the plan, but said the harbour would close.", False),
        ("The skipper did not return to Velmora until 2029.", False),
        ("The mayor declined to run again.", False),
    ],
)
def test_a_line_saying_only_that_someone_did_not_answer_is_found(text: str, answer: bool) -> None:
    assert no_comment(text) is answer


def test_a_line_about_the_something_stands_only_after_a_line_naming_it() -> None:
    line = "Officials said the ferry would not sail again."
    assert unintroduced(line, [])
    assert unintroduced(line, ["A storm hit Velmora on Sunday."])
    assert not unintroduced(line, ["A storm sank a Velmora ferry on Sunday."])
    assert not unintroduced(line, ["Two ferries collided off Velmora."])  # plural names it
    assert not unintroduced("Officials said the quake was felt in Orsan.", ["An earthquake hit."])
    assert unintroduced("Ann Berg called it the finest harbour.", ["Velmora has a harbour."])
    # unless the story is about it: "the ferry" of a story about a ferry
    assert not unintroduced(line, [], frozenset({"ferry", "sank"}))
    # not a word mostly used as a grammar word: "as well" in every article
    well = "Officials said the well would supply Velmora."
    assert unintroduced(well, [], frozenset({"well", "supply"}))


def test_a_brief_never_has_a_line_about_the_something_no_line_before_names() -> None:
    texts = [
        "A storm flooded the harbour district of Velmora on Monday, officials said. "
        "Rescue crews pulled 12 people from flooded homes in the harbour district. "
        "The Velmora council said the levee would be rebuilt by June.",
        "The storm hit Velmora overnight, flooding the harbour district. "
        "Rescue crews pulled 12 people from flooded homes in Velmora. "
        "Police said they would not prosecute the skipper.",
        "Power returned to most of Velmora on Tuesday after the storm flooded the harbour. "
        "Police said they would not prosecute the skipper.",
        "Schools in Velmora reopened on Wednesday after the storm.",
        "The storm cut power to most of Velmora for a day.",
    ]
    articles = [article(f"s{i}", t) for i, t in enumerate(texts)]
    analysis = analyze_story(articles)
    picks = select_sentences(analysis.facts, articles, analysis.vectors, 400)
    lines = [p.text for p in picks]
    assert any("12 people" in line for line in lines)
    assert not any("skipper" in line for line in lines)
    assert not any("the levee" in line for line in lines)


def test_a_line_about_the_something_a_later_line_names_follows_it() -> None:
    texts = [
        "The strike shut down the Velmora harbour for a week. "
        "Dockers at Velmora voted on Monday to end a 54-day strike over pay.",
        "Ships queued outside the Velmora harbour on Tuesday. "
        "Dockers at Velmora voted on Monday to end a 54-day strike over pay.",
        "The strike shut down the Velmora harbour for a week.",
    ]
    articles = [article(f"s{i}", t) for i, t in enumerate(texts)]
    analysis = analyze_story(articles)
    lines = [p.text for p in select_sentences(analysis.facts, articles, analysis.vectors, 400)]
    shut = next(n for n, line in enumerate(lines) if line.startswith("The strike"))
    voted = next(n for n, line in enumerate(lines) if line.startswith("Dockers"))
    assert voted < shut


@pytest.mark.parametrize(
    ("text", "verb_first"),
    [
        ("Was sentenced to probation and fined $200.", True),
        ("Called the Velmora harbour the finest in the north.", True),
        ("Wrote two books about the harbour, then left Velmora.", True),
        ("United Velmora won the cup on Sunday.", False),
        ("Asked about the harbour, Ann Berg said it would reopen.", False),
        ("Police said the Velmora harbour would reopen.", False),
        ("Give the seedlings water, but don't overdo it.", True),  # an imperative
        ("Use the map to match each harbour with its town.", True),
        ("Fishing boats filled the Velmora harbour on Sunday.", False),
    ],
)
def test_a_list_item_opening_with_its_verb_is_found(text: str, verb_first: bool) -> None:
    assert opens_with_its_verb(text) is verb_first


def test_the_room_a_left_out_line_leaves_takes_no_short_sentence() -> None:
    from storyline.summarize.coverage import Candidate
    from storyline.summarize.select import REFILL_WORDS, _refill

    kept = Candidate(20, frozenset({("harbour", "shut")}), 0, terms=frozenset({"harbour"}))
    left_out = Candidate(20, frozenset({("ferry", "sank")}), 1, terms=frozenset({"ferry"}))
    short = Candidate(6, frozenset({("ferry", "sank")}), 2, terms=frozenset({"ferry", "crew"}))
    long = Candidate(REFILL_WORDS, frozenset({("crew", "saved")}), 3, terms=frozenset({"crew"}))
    candidates = [kept, left_out, short, long]
    weights = {("harbour", "shut"): 1.0, ("ferry", "sank"): 3.0, ("crew", "saved"): 1.0}
    refilled = _refill([0], {1}, candidates, weights, {"ferry": 3.0, "crew": 1.0}, 40, [])
    assert 0 in refilled and 3 in refilled and 2 not in refilled


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Harbour seals are small grey mammals that live along cold coasts.", True),
        ("Blight is a fungal disease that is one of the worst threats to orchards.", True),
        ("Rented moorings often cost less than a new boat.", True),
        ("Rising tides can flood low harbour districts.", True),
        ("Flooded cellars are believed by most engineers to weaken old walls.", True),
        ("A boat with a sealed hull is safe from most storms.", True),
        ("Harbour seals are returning to the Velmora coast.", False),  # progressive
        ("Harbour seals have returned to the coast.", False),  # perfect
        ("Harbour seals returned to the coast last spring.", False),  # past, a date
        ("Harbour seals will return to the coast.", False),  # an event to come
        ("Experts say harbour seals live along cold coasts.", False),  # a report
        ("The seals are small grey mammals.", False),  # definite: which seals
        ("Velmora's seals are small grey mammals.", False),  # a possessor
        ("Blight is a disease that worries the Velmora Orchard Board.", False),  # a name
        ("Velmora is the largest harbour on the coast.", False),  # a named subject
        ("Grey seals live along cold coasts in winter.", False),  # a time
    ],
)
def test_a_timeless_generality_is_found(text: str, generic: bool) -> None:
    assert generic_statement(text) is generic


def test_a_brief_takes_no_timeless_generality_and_is_chosen_again_without_it() -> None:
    generality = (
        "Blight is a fungal disease that is one of the worst threats to orchards in the valley. "
    )
    texts = [
        "Blight destroyed 40 orchards in the Velmora valley on Monday, officials said. "
        + generality
        + "Growers burned infected trees in Velmora.",
        "Blight destroyed 40 orchards near Velmora on Monday. "
        + generality
        + "Growers burned infected trees in Velmora.",
        generality + "Growers burned infected trees in Velmora.",
    ]
    articles = [article(f"b{i}", t) for i, t in enumerate(texts)]
    analysis = analyze_story(articles)
    lines = [p.text for p in select_sentences(analysis.facts, articles, analysis.vectors, 25)]
    assert not any(line.startswith("Blight is") for line in lines)
    # the room it took goes to the best brief of the rest, not to a refill of long lines
    assert any("40 orchards" in line for line in lines)


def test_a_sentence_under_a_roundup_label_is_no_brief_line() -> None:
    from storyline.summarize.select import _under_label

    text = (
        "Smoking bans spread across the region this year.\n\n"
        "NORLAND: Cafes are still smoky. Two years ago, the government banned smoking.\n\n"
        "QUORN: Smoking is banned in trains."
    )
    roundup = article("a", text)
    assert _under_label(roundup, text.index("Two years ago"))
    assert not _under_label(roundup, text.index("NORLAND"))  # the label is in the line
    assert not _under_label(roundup, 0)
