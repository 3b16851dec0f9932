"""Attributions: source, cue and content spans, kinds from the text, relays, and who a
pronoun or "the newspaper" is (issue 16)."""

from __future__ import annotations

from dataclasses import replace

import builders
import pytest

from storyline.analyze.attributions import Attribution, find_attributions
from storyline.analyze.nlp import parse_articles
from storyline.types import Article


def articles(*texts: str, title: str | None = None) -> list[Article]:
    out = [builders.article(f"a{i}", t, outlet="The Daily Test") for i, t in enumerate(texts)]
    if title is not None:
        out[0] = replace(out[0], title=title)
    return out


def found(*texts: str, title: str | None = None) -> list[Attribution]:
    return find_attributions(parse_articles(articles(*texts, title=title)))


def parts(text: str, att: Attribution) -> tuple[str, str, str]:
    """(source, cue, content) as written."""
    content = " ".join(text[s:e] for s, e in att.content)
    return text[att.source[0] : att.source[1]], text[att.cue[0] : att.cue[1]], content


def test_said_gives_source_cue_and_content() -> None:
    text = "Foreign ministry spokesman Ivan Petrov said the talks had failed."
    (att,) = found(text)
    assert parts(text, att) == (
        "Foreign ministry spokesman Ivan Petrov",
        "said",
        "the talks had failed",
    )
    assert (att.kind, att.name, att.through, att.sentence) == ("official", "Ivan Petrov", None, 0)


def cues_of(text: str) -> list[tuple[str, str]]:
    """(source, cue) of every candidate the parse gives (before the cue model)."""
    from storyline.analyze.cues import find_cues
    from storyline.analyze.nlp import get_nlp

    out = []
    for cue in find_cues(get_nlp()(text)):
        assert cue.source_span is not None
        out.append((text[slice(*cue.source_span)], text[slice(*cue.cue)]))
    return out


def test_newswire_quotation_marks_leave_the_speaker_outside() -> None:
    """Newswire's ASCII marks open a quotation with two backticks and close it with two
    apostrophes: "she said" between two quotations is outside both, an attribution."""
    text = (
        "Mayor Ann Berg spoke on Monday.\n\n``My trust in the council has been badly "
        "shattered,'' she said. ``I was present when the harbour was sold.''"
    )
    atts = [a for a in found(text) if text[a.cue[0] : a.cue[1]] == "said"]
    assert [(a.name, a.kind) for a in atts] == [("Ann Berg", "person")]
    assert "badly shattered" in parts(text, atts[0])[2]


def test_a_trailing_pronoun_speaker_is_not_a_person_its_own_content_speaks_of() -> None:
    text = (
        "Airport manager Tom Hill watched them leave.\n\n"
        "Her husband wore white slacks and his wife, Ann Berg, wore black pants, he said."
    )
    (att,) = [a for a in found(text) if text[a.cue[0] : a.cue[1]] == "said"]
    assert att.name == "Tom Hill"


def test_he_said_after_an_unnamed_speaker_is_that_speaker() -> None:
    text = (
        "Mayor Ann Berg opened the harbour.\n\n"
        "A pilot who asked not to be named said he saw the Berg party leave at 8:15. "
        "Tom Hill wore white slacks and his wife wore black pants, he said."
    )
    (att,) = [a for a in found(text) if a.sentence == 2]
    assert (att.name, att.named) == ("A pilot", False)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "VELMORA, February 6 (Agency) -- Velmora Mayor Ann Berg today said the "
            "ferry would sail again.",
            "Ann Berg",
        ),
        ("VELMORA, Norland (AP) _ Norland said Wednesday it wants the ferry back.", "Norland"),
        (
            "VELMORA, February 27 (Agency) -- Norland today welcomed the council's "
            "decision to reopen the harbour.",
            "Norland",
        ),
        (
            "VELMORA, Norland (AP) -- Norland's leading harbour pilot was released from jail "
            "Saturday and said he hoped to be the last pilot jailed there.",
            "Norland's leading harbour pilot",
        ),
    ],
)
def test_a_dateline_is_never_the_source(text: str, name: str) -> None:
    atts = [a for a in found(text) if a.via != "wire-tag"]
    assert atts and all(a.name == name for a in atts)
    assert all(not text[a.source[0] : a.source[1]].startswith("VELMORA") for a in atts)


def test_a_passive_subject_speaks_for_the_verb_coordinated_with_it() -> None:
    text = (
        "Norland's best-known harbour pilot was released from jail on Saturday and said "
        "he hoped to be the last pilot jailed there."
    )
    (att,) = [a for a in found(text) if text[a.cue[0] : a.cue[1]] == "said"]
    assert text[att.source[0] : att.source[1]] == "Norland's best-known harbour pilot"


def test_they_after_a_group_s_words_is_that_group() -> None:
    text = (
        "Several harbour authorities said the ferry fee was too high. "
        "They said the Velmora council should lower it."
    )
    second = [a for a in found(text) if a.sentence == 1]
    assert [a.name for a in second] == ["Several harbour authorities"]
    person = "Mayor Ann Berg said the fee was too high. They said the council should act."
    assert [a.name for a in found(person) if a.sentence == 1] == ["They"]


def test_adjectives_coordinated_before_the_source_are_not_sources() -> None:
    text = "Present and former harbour officials said the ferry came from Norland."
    (att,) = found(text)
    assert (att.name, att.also) == ("Present and former harbour officials", ())


def test_a_source_holds_its_apposition_or_relative_clause_and_the_closing_comma() -> None:
    assert ("Ivan Petrov, a ministry spokesman,", "said") in cues_of(
        "Ivan Petrov, a ministry spokesman, said the talks had failed."
    )
    assert ("Ivan Petrov", "said") in cues_of("The talks failed, Ivan Petrov said.")
    assert ("Ivan Petrov, who chairs the committee,", "said") in cues_of(
        "Ivan Petrov, who chairs the committee, said the talks had failed."
    )


def test_a_participle_after_a_preposition_speaks_for_the_verbs_subject() -> None:
    text = "The mayor ended the debate by saying that the bridge would close."
    assert ("The mayor", "saying") in cues_of(text)


def test_contract_offsets_slice_the_text() -> None:
    text = "The talks failed, the Interfax news agency said on Monday."
    (att,) = found(text)
    data = att.to_dict(text)
    assert set(data) >= {"sentence", "source", "cue", "content", "kind", "through"}
    for key in ("source", "cue"):
        assert text[data[key]["start"] : data[key]["end"]] == data[key]["text"]
    assert text[data["content"]["start"] : data["content"]["end"]] == "The talks failed"
    assert data["kind"] == "agency" and data["through"] is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The bridge will close in May, according to the Lisbon Herald newspaper.", "outlet"),
        ("The talks failed, a senior official who declined to be named said.", "anonymous"),
        ("The talks failed, according to a statement.", "document"),
        ("Maria Lopez said the bridge would close in May.", "person"),
        ("Greenpeace said the spill was larger than reported.", "organisation"),
        ("Israel said the talks had failed.", "official"),
    ],
)
def test_kinds_come_from_the_text(text: str, kind: str) -> None:
    atts = [a for a in found(text) if not a.nested]
    assert [a.kind for a in atts] == [kind], text


def test_a_news_channel_is_an_outlet_wherever_the_text_says_so() -> None:
    atts = found(
        "Taxes will rise, the Orbis Gazette newspaper reported.",
        "Orbis Gazette said taxes will rise.",
    )
    assert {(a.article, a.kind) for a in atts if a.name == "Orbis Gazette"} == {
        ("a0", "outlet"),
        ("a1", "outlet"),
    }


def test_according_to() -> None:
    text = "The bridge will close in May, according to the Lisbon Herald newspaper."
    (att,) = found(text)
    assert parts(text, att) == (
        "the Lisbon Herald newspaper",
        "according to",
        "The bridge will close in May",
    )
    assert att.name == "Lisbon Herald"


def test_citing_relays_a_source_through_its_citer() -> None:
    text = (
        "The minister will resign, the Daily Planet newspaper reported on Monday, "
        "citing diplomatic sources."
    )
    by_name = {a.name: a for a in found(text)}
    planet, relayed = by_name["Daily Planet"], by_name["diplomatic sources"]
    assert (planet.kind, planet.through) == ("outlet", None)
    assert (relayed.kind, relayed.through, relayed.via) == ("anonymous", "Daily Planet", "citing")
    assert parts(text, relayed)[2] == "The minister will resign"


def test_told_an_outlet_reaches_the_article_through_it() -> None:
    (att,) = found("The plan is ready, Ambassador Olga Ivanova told the Kyiv Courier newspaper.")
    assert (att.name, att.kind, att.through) == ("Olga Ivanova", "official", "Kyiv Courier")


def test_said_in_a_statement() -> None:
    text = "The harbour authority said in a statement that the port would reopen on Friday."
    (att,) = found(text)
    source, cue, content = parts(text, att)
    assert source == "The harbour authority" and cue.startswith("said")
    assert content.endswith("the port would reopen on Friday")


def test_relays_three_deep() -> None:
    text = (
        "The dam had burst, the Kelvaro Courier newspaper reported, citing the Orbis news "
        "agency, which cited Dunmore Radio."
    )
    by_name = {a.name: a for a in found(text)}
    assert by_name["Orbis"].through == "Kelvaro Courier"
    assert by_name["Dunmore Radio"].through == "Orbis"
    assert parts(text, by_name["Dunmore Radio"])[2] == "The dam had burst"


def test_an_article_with_no_attribution() -> None:
    assert found("A storm hit the coast on Monday. Ten boats sank in the harbour.") == []


def test_the_newspaper_is_the_outlet_the_article_named() -> None:
    atts = found(
        "The Daily Planet newspaper reported that taxes will rise. "
        "The newspaper said the rise would be small."
    )
    assert [(a.sentence, a.name, a.kind) for a in atts] == [
        (0, "Daily Planet", "outlet"),
        (1, "Daily Planet", "outlet"),
    ]


def test_the_newspaper_stays_unnamed_where_the_text_does_not_say_which() -> None:
    (att,) = found("The newspaper said the rise in taxes would be small.")
    assert (att.named, att.kind, att.name) == (False, "outlet", "The newspaper")
    (told,) = found("Ambassador Olga Ivanova told the newspaper that the plan was ready.")
    assert told.through == "the newspaper" and told.through_anaphor


def test_told_the_newspaper_is_the_outlet_named_before() -> None:
    atts = found(
        "The Kyiv Courier newspaper reported the plan on Monday. "
        "Ambassador Olga Ivanova told the newspaper that the plan was ready."
    )
    told = next(a for a in atts if a.name == "Olga Ivanova")
    assert told.through == "Kyiv Courier" and not told.through_anaphor


def test_a_pronoun_speaker_is_the_nearest_named_person() -> None:
    text = (
        "Mary Lopez, the mayor of Dunmore, opened the bridge on Monday. "
        "“It is a great day for the town,” she said."
    )
    (att,) = [a for a in found(text) if a.sentence == 1]
    assert parts(text, att)[0] == "she"
    assert att.name == "Mary Lopez" and att.kind == "person"
    assert att.name_span is not None and text[slice(*att.name_span)] == "Mary Lopez"


def test_a_speaker_named_only_in_the_headline() -> None:
    text = "“The bridge is safe and it will open on Friday,” she said on Monday."
    (att,) = found(text, title="Mayor Mary Lopez says Dunmore bridge is safe")
    assert att.name == "Mary Lopez" and att.name_span is None


def test_a_pronoun_with_nobody_to_refer_to_stays_unnamed() -> None:
    (att,) = found("“The bridge is safe and it will open on Friday,” she said on Monday.")
    assert not att.named and att.name == "she"


def test_wire_tags_are_agencies() -> None:
    text = "MOSCOW (Reuters) - Taxes will rise next year, the finance ministry said."
    tags = [a for a in found(text) if a.via == "wire-tag"]
    assert [(a.name, a.kind) for a in tags] == [("Reuters", "agency")]
    assert text[slice(*tags[0].source)] == "Reuters"


def test_a_date_after_an_unnamed_source_is_not_part_of_its_name() -> None:
    (att,) = found("An official at the embassy on Tuesday said the talks would resume.")
    assert att.name == "An official at the embassy"


def test_a_place_before_a_plain_noun_is_not_the_sources_name() -> None:
    (att,) = found("The boy's Boston relatives say they can give him a better life.")
    assert not att.named and att.name != "Boston"


def test_a_pronoun_speaker_is_never_a_lowercase_word_the_tagger_took_for_a_name() -> None:
    text = (
        "Mary Lopez, head of the Test Service, said the return of the gray wolf, also "
        "known as the timber wolf in some parts, was a success. But she said the "
        "agency would need more money."
    )
    assert {a.name for a in found(text)} == {"Mary Lopez"}


def test_the_newswire_undated_tag_names_no_agency() -> None:
    # a story with no dateline place is "(UNDATED)" in the wire's convention
    text = "BRIDGE CLOSED (Undated) - Engineers closed the bridge on Monday, officials said."
    assert not [a for a in found(text) if a.via == "wire-tag"]


def test_no_wire_tag_in_plain_parentheses() -> None:
    atts = found("The International Criminal Court (ICC) issued a warrant on Friday.")
    assert not [a for a in atts if a.via == "wire-tag"]


def test_a_quote_goes_on_after_its_cue_and_he_added_is_the_same_speaker() -> None:
    text = (
        "“We will not raise taxes,” Finance Minister Paul Berg said on Monday. "
        "“The budget is balanced.”\n\n“We have a plan for growth,” he added."
    )
    said, added = found(text)
    assert "The budget is balanced" in parts(text, said)[2]
    assert (added.name, parts(text, added)[0]) == ("Paul Berg", "he")


def test_an_attribution_inside_a_quote_is_nested() -> None:
    text = "“I think the plan will fail,” opposition leader Ana Silva told reporters."
    atts = found(text)
    outer = [a for a in atts if not a.nested]
    assert [a.name for a in outer] == ["Ana Silva"]
    assert all(a.nested for a in atts if a.name != "Ana Silva")


def test_according_to_a_report_citing_a_source_is_relayed_by_the_report() -> None:
    text = (
        "The minister will resign next week, according to a report by the Kelvaro Courier "
        "newspaper, citing a government source."
    )  # "citing" hangs from "resign", whose subject is the minister: the report cites
    relayed = [a for a in found(text) if a.via == "citing"]
    assert [(a.kind, a.through) for a in relayed] == [("anonymous", "Kelvaro Courier")]
    assert parts(text, relayed[0])[2] == "The minister will resign next week"


def test_a_headline_colon_names_what_stands_before_it() -> None:
    text = (
        "Mary Lopez: Republican Populist Anger Appeals to the Bad Angels of Our Nature\n\n"
        "Mayor Mary Lopez said on Monday that the party was angry."
    )
    colon = next(a for a in found(text) if a.via == "colon")
    assert (colon.name, text[slice(*colon.source)]) == ("Mary Lopez", "Mary Lopez")
    assert parts(text, colon)[2].startswith("Republican Populist Anger")


def test_a_report_by_an_outlet_citing_a_source_inside_according_to() -> None:
    text = (
        "The minister will resign next week, according to a report by the Kelvaro Courier "
        "newspaper citing a government source."
    )
    atts = found(text)
    outlet = next(a for a in atts if a.via == "according to")
    assert (outlet.name, parts(text, outlet)[0]) == (
        "Kelvaro Courier",
        "a report by the Kelvaro Courier newspaper",
    )
    (relayed,) = [a for a in atts if a.via == "citing"]
    assert (parts(text, relayed)[:2], relayed.through) == (
        ("a government source", "citing"),
        "Kelvaro Courier",
    )
    assert parts(text, relayed)[2] == parts(text, outlet)[2]


def candidates_of(text: str) -> list[tuple[str, str, str, str]]:
    """(source, cue, content, via) of every candidate the parse gives."""
    from storyline.analyze.cues import find_cues
    from storyline.analyze.nlp import get_nlp

    out = []
    for cue in find_cues(get_nlp()(text)):
        assert cue.source_span is not None
        content = " ".join(text[s:e] for s, e in cue.content)
        out.append((text[slice(*cue.source_span)], text[slice(*cue.cue)], content, cue.via))
    return out


def test_a_framing_preposition_is_a_candidate_whose_object_is_the_source() -> None:
    text = "In a new poll released on Monday, most voters favour the plan."
    found_ = candidates_of(text)
    assert any(
        via == "prep" and cue == "In" and source.startswith("a new poll") and "favour" in content
        for source, cue, content, via in found_
    ), found_


def test_a_noun_with_a_from_phrase_names_its_source() -> None:
    text = "The proposal drew sharp criticism from several senators."
    found_ = candidates_of(text)
    assert ("several senators", "criticism", "The proposal", "noun-by") in found_, found_


def test_a_passive_verb_with_an_agent_attributes_its_subject() -> None:
    text = "The resignation was first reported by Le Monde."
    found_ = candidates_of(text)
    assert any(
        source == "Le Monde" and "reported" in cue and content == "The resignation"
        for source, cue, content, _ in found_
    ), found_


def test_a_verb_before_a_colon_at_the_end_of_a_line_takes_the_next_paragraph() -> None:
    text = "Angela Merkel continued:\n\n“We will not give up on this.”"
    found_ = candidates_of(text)
    assert any(
        source == "Angela Merkel" and "We will not give up" in content
        for source, _, content, _ in found_
    ), found_


def test_an_object_followed_by_a_colon_takes_what_follows() -> None:
    text = "Angela Merkel released the following statement: “We mourn with the family.”"
    found_ = candidates_of(text)
    assert any(
        source == "Angela Merkel" and "We mourn" in content for source, _, content, _ in found_
    ), found_


def test_a_dateline_before_a_dash_is_not_part_of_the_source() -> None:
    for text in (
        "BERLIN, Germany (AP) — German Chancellor Angela Merkel says the talks will resume.",
        "PARIS (AP) — French President Emmanuel Macron says he will run again.",
    ):
        name = text[text.index("—") + 2 : text.index(" says")]
        assert (name, "says") in cues_of(text)


def test_a_dateline_the_parse_took_as_a_subject_is_never_the_source() -> None:
    text = "TEXAS, US – A military jury found the sergeant guilty of abusing the prisoners."
    sources = [text[slice(*a.source)] for a in found(text)]
    assert sources and not any("TEXAS" in source for source in sources), sources


def test_an_as_clause_frames_the_clause_it_hangs_on() -> None:
    text = "As Le Monde observed last week, the talks have stalled."
    found_ = candidates_of(text)
    assert any(
        source == "Le Monde" and content.startswith("the talks have stalled")
        for source, _, content, _ in found_
    ), found_


def test_a_subject_the_parse_took_from_the_line_above_is_the_one_on_the_verbs_line() -> None:
    # the parse of a live blog made the time above the paragraph the verb's subject
    from spacy.tokens import Doc

    from storyline.analyze.cues import find_cues
    from storyline.analyze.nlp import get_nlp

    words = ["12:15", "p.m.", "\n\n", "Angela", "Merkel", "says", "talks", "resume", "."]
    spaces = [True, False, False, True, True, True, True, False, False]
    heads = [1, 5, 1, 4, 1, 5, 7, 5, 5]
    deps = ["nummod", "nsubj", "dep", "compound", "appos", "ROOT", "nsubj", "ccomp", "punct"]
    pos = ["NUM", "NOUN", "SPACE", "PROPN", "PROPN", "VERB", "NOUN", "VERB", "PUNCT"]
    doc = Doc(get_nlp().vocab, words, spaces, heads=heads, deps=deps, pos=pos)
    text = doc.text
    said = [f for f in find_cues(doc) if text[slice(*f.cue)] == "says"]
    assert [text[slice(*f.source_span)] for f in said if f.source_span] == ["Angela Merkel"]


def test_a_quotation_after_the_object_is_part_of_the_content() -> None:
    text = "Angela Merkel called the plan “reckless and dangerous.”"
    found_ = candidates_of(text)
    assert any(
        source == "Angela Merkel" and "the plan" in content and "reckless" in content
        for source, _, content, _ in found_
    ), found_


def test_a_verb_of_saying_hung_on_the_source_is_not_part_of_its_name() -> None:
    text = "Le Monde quoted officials who said it was highly likely that the talks had failed."
    names = [att.name for att in found(text)]
    assert "officials" in names and not any(n and "quoted" in n for n in names), names


def test_a_quotation_before_an_inherited_source_belongs_to_the_head_verb() -> None:
    text = "“The bridge will close in May,” the mayor said, referring to the river crossing."
    found_ = candidates_of(text)
    assert ("the mayor", "said", "The bridge will close in May", "verb") in found_, found_
    referring = [content for _, cue, content, _ in found_ if cue.startswith("referring")]
    assert referring == ["the river crossing"], found_


def test_a_relative_clause_that_attributes_on_its_own_is_not_part_of_the_source() -> None:
    text = (
        "Senator Jane Doe, who said last week that she would vote against the bill, "
        "said on Monday that she had changed her mind."
    )
    sources = {parts(text, att)[0] for att in found(text) if parts(text, att)[1] == "said"}
    assert "Senator Jane Doe" in sources, sources
    assert not any("last week" in source for source in sources), sources


def test_whoever_cites_something_is_its_source_as_well_as_the_relay() -> None:
    text = "The mayor cancelled the rally on Sunday, citing the storm."
    atts = found(text)
    assert ("The mayor", "citing", "the storm") in [parts(text, att) for att in atts]
    relayed = [att for att in atts if att.via == "citing"]
    assert relayed and relayed[0].through == "The mayor"


def test_an_apostrophe_inside_doubled_apostrophe_quotes_does_not_end_the_quotation() -> None:
    from storyline.analyze.cues import find_cues
    from storyline.analyze.nlp import get_nlp

    text = "''I told him it's over,'' she said."
    told = [f for f in find_cues(get_nlp()(text)) if text[slice(*f.cue)] == "told"]
    assert told and told[0].in_quote


def test_the_cue_model_weighs_the_lemma_with_how_and_where_it_takes_its_content() -> None:
    from storyline.analyze.cue_model import cue_model, features
    from storyline.analyze.cues import find_cues
    from storyline.analyze.nlp import get_nlp

    (cue,) = [
        c
        for c in find_cues(get_nlp()("Ivan Petrov said that the plan had failed."))
        if c.cue_token.lower_ == "said"
    ]
    names = features(cue)
    assert "l|h|d=say/VERB|ccomp|ROOT" in names
    assert "l|t|h=say/VERB|VBD|ccomp" in names
    assert "l|q|h=say/VERB|False|ccomp" in names
    assert any(n.startswith("v|s|h=verb|") and n.endswith("|ccomp") for n in names)
    weights = cue_model().weights
    assert any(name.startswith("l|h|d=") for name in weights)
    assert cue_model().accepts(cue)


def test_a_bare_infinitive_in_a_relative_clause_on_a_source_describes_that_source() -> None:
    from storyline.analyze.attributions import _without_bare_clauses
    from storyline.analyze.cues import find_cues
    from storyline.analyze.nlp import get_nlp

    text = "The talks failed, a senior official who declined to be named said."
    kept = _without_bare_clauses(find_cues(get_nlp()(text)))
    assert "declined" not in {text[slice(*f.cue)] for f in kept}
    assert "said" in {text[slice(*f.cue)] for f in kept}
    text = "Jane Doe, who declined to discuss the budget, said the talks failed."
    kept = _without_bare_clauses(find_cues(get_nlp()(text)))
    assert "declined" in {text[slice(*f.cue)] for f in kept}  # it says what was declined
