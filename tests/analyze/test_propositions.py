"""The same-fact decision and what may state a fact at all (news, not captions)."""

from __future__ import annotations

import pytest

from storyline.analyze.facts import outlet_of, registered_domain
from storyline.analyze.nlp import get_nlp
from storyline.analyze.propositions import (
    SYNONYM_COVERAGE,
    core,
    coverage,
    is_news,
    numbers_clash,
    proposition,
    restates,
    same_fact,
    same_fact_score,
    same_time_frame,
    states,
)
from storyline.types import Article, Provenance


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("Rescue teams searched the collapsed buildings through the night.", True),
        ("Ambulances at Russell Square, London after the July 7, 2005 bombings.", False),
        ("Metropolitan Police release photographs of one of the bombers", False),  # headline
        ("Russian President Vladimir Putin | Photo Credit: AP", False),
        ("Anyone with information should call the hotline on 0800 123 4567.", False),
        ("Readers can write to news@example.org for corrections.", False),
        ("By Anna Lenko and Marko Ruiz, staff reporters.", False),
        ("Interested customers can register for updates at the link below.", False),
        ("Customers can register at http: / / shop. example. com / phone.", False),
        ("Readers who want the full report can click here to download it.", False),
        ("Add this video to your website by copying the code below.", False),
        (
            "Neighbors used boats to rescue Ann Berg, Sunday, Aug. 27, 2017, in Velmora, Norland.",
            False,
        ),
        ("The storm that struck on Sunday, Aug. 27, 2017, killed 12 people in Velmora.", True),
        (
            "How to help storm victims now playing: in the wake of the flooding, victims need aid.",
            False,
        ),
        ("The court said the tax code below the federal level was unclear.", True),
        ("The company linked the outage to a faulty cable near the coast.", True),
        ("The study found the link between the two outages was a faulty cable.", True),
        ("Business customers can register at this link from April 29.", False),
        ("The map shows the route of the march.", True),
        ("Map: the route of the march through the city centre.", False),
        ("If you have questions, please call Anna Berg at 202-555-0147.", False),
        ("(The WIRE tag appears in all of the service's sluglines.)", False),
        ("(It's a nurturing concept, insurance; it needs a voice.)", False),
        ("The mayor (who was re-elected in May) opened the bridge.", True),
        ("The budget grew to 202.5 million dollars in 2023.", True),
        (
            "Image copyright example image caption the pair at the gala in happier times"
            " when the awards come around on sunday, speeches will follow.",
            False,
        ),
        ("The photographer won a copyright case over the picture last year.", True),
        ("File - this combination of file photos shows the two mayors in 2019.", False),
        ("In this Jan. 19, 2017, file photo, Ann Berg speaks at the harbour.", False),
        ("This photo provided by the Velmora police shows the ferry on its side.", False),
        ("In this case, the pictures were never published.", True),
        ("This week the images were released to the public.", True),
        ("A photo taken by a passenger shows smoke rising from the engine.", True),
        ("Breaking news emails get breaking news alerts and special reports.", False),
        (
            "The jury recommended life in prison, the Example Record reported"
            " (http: / / bit. ly / 1aBcD).",
            True,
        ),
        ("The news and stories that matter, delivered weekday mornings.", False),
        ("Ann Berg waves to the crowd after the vote in Velmora in this 2013 file photo.", False),
        ("Ann Berg leaves her home in Velmora on Monday, Nov. 12, 2012.", False),
        ("Ann Berg, left, and Jon Roe watch the regatta from the Velmora pier.", False),
        ("From left, Ann Berg, Jon Roe and Eve Lund on the Velmora pier in May.", False),
        ("The wind moved from left to right across the Velmora course on Monday.", True),
        ("Ann Berg, who left the council in May, watched the regatta from the pier.", True),
        ("Ann Berg says the harbour will open on Monday, Nov. 12, 2012.", True),
        ("Ann Berg left her home in Velmora on Monday, Nov. 12, 2012.", True),
        ("The harbour rules take effect on Jan. 1, 2017, across Velmora.", True),
        ("Tuesday, April 19, 2016 (Quorn News) -- A new study finds the harbour is clean.", True),
        ("Ann Berg said she would put the photo in a frame in this room.", True),
        ("Editor's note: details of this recall were updated nov. 17, 2018 for new items.", False),
        (
            "Packages of ground turkey with a date of 10/02 embed more news videos the bacteria.",
            False,
        ),
    ],
)
def test_only_news_can_state_a_fact(text: str, news: bool) -> None:
    span = get_nlp()(text)[:]
    assert is_news(text, span) is news


def test_a_sentence_followed_by_a_picture_credit_is_its_caption() -> None:
    doc = get_nlp()(
        "Ann Berg, with the harbour master in the foreground, has led the council for a year. "
        "( jane roe/the velmora daily ) Ann Berg was re-elected on Sunday."
    )
    first = next(iter(doc.sents))
    assert not is_news(first.text, first)
    doc = get_nlp()(
        "The letter was written by Ann Berg, a past mayor of Velmora. "
        "(All the papers are online at www.example.org/papers.)"
    )
    first = next(iter(doc.sents))
    assert is_news(first.text, first)  # a bracketed address is no credit
    doc = get_nlp()("Ann Berg speaks in Velmora on Jan. 19. (AP Photo/John Roe)")
    first = next(iter(doc.sents))
    assert not is_news(first.text, first)


@pytest.mark.parametrize(
    ("text", "news"),
    [
        # a video's blurb credited to an outlet, glued before the next sentence
        ("The council met in Velmora to vote on the harbour... ( velmora daily ) Next one.", False),
        ("Ann Berg spoke to the council. ( The Velmora Daily ) Ann Berg was re-elected.", False),
        # a wire's tag in a dateline; an editor's tag that ends the paragraph
        ("The harbour reopened on Monday. (Velmora Wire) -- Boats left at dawn.", True),
        ("The harbour reopened on Monday. (ab-cd)\nBoats left at dawn.", True),
        ("The harbour reopened on Monday. (She laughs.) Boats left at dawn.", True),
    ],
)
def test_a_sentence_credited_to_a_name_in_brackets_is_a_caption(text: str, news: bool) -> None:
    first = next(iter(get_nlp()(text).sents))
    assert is_news(first.text, first) is news


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("Give the seedlings water, but don't overdo it.", False),
        ("Use the map to match each harbour with its town.", False),
        ('"Give us the harbour back," the fishermen told the council.', True),
        ("Fishing boats filled the Velmora harbour on Sunday.", True),
    ],
)
def test_an_imperative_addressed_to_the_reader_states_no_fact(text: str, news: bool) -> None:
    assert is_news(text, get_nlp()(text)[:]) is news


def prop(text: str):  # type: ignore[no-untyped-def]
    return proposition(get_nlp()(text)[:])


def test_negation_and_clashing_numbers_are_never_the_same_fact() -> None:
    found = prop("Searchers found the wreckage of the missing plane on Monday.")
    denied = prop("Searchers did not find the wreckage of the missing plane on Monday.")
    assert found.negated is False and denied.negated is True
    assert not same_fact(found, denied, 0.95)
    side = prop("The ministry, which has not commented, said the talks will resume on Monday.")
    assert side.negated is False  # a side clause's negation is not the statement's
    sixty, other = prop("The fire killed 60 people."), prop("The fire killed 67 people.")
    assert numbers_clash(sixty, other) and not same_fact(sixty, other, 0.99)
    fewer = prop("The fire killed people.")
    assert not numbers_clash(sixty, fewer)  # one only lacks a number: no clash


def test_the_score_rises_with_similarity_and_falls_with_length_difference() -> None:
    a = prop("Harbour workers in Kelvaro ended their strike on Friday.")
    b = prop("The Kelvaro harbour strike ended on Friday.")
    long = prop(
        "The Kelvaro harbour strike ended on Friday after nine days, when the union accepted "
        "a pay rise of four percent and a shorter working week for night shifts."
    )
    assert same_fact_score(a, b, 0.9) > same_fact_score(a, b, 0.6)
    assert same_fact_score(a, long, 0.8) < same_fact_score(a, long, 0.8, length=False)


def article(text: str, outlet: str | None = None, url: str | None = None) -> Article:
    return Article("x", "x.txt", text, Provenance("x.txt"), url=url, outlet=outlet)


def test_outlets_from_metadata_domain_or_wire_tag_else_unknown() -> None:
    assert registered_domain("https://english.hani.example.co.kr/a/1") == "example.co.kr"
    assert registered_domain("https://www.example.com/x") == "example.com"
    assert registered_domain("http://127.0.0.1/x") is None
    assert outlet_of(article("Text.", outlet="The Daily Test")) == "The Daily Test"
    assert outlet_of(article("Text.", url="https://news.example.org/x")) == "example.org"
    assert outlet_of(article("KELVARO (Wirewire) - The strike ended.")) == "Wirewire"
    assert outlet_of(article("The strike ended.")) is None
    assert outlet_of(article("STRIKE ENDS (Undated) - The strike ended.")) is None
    # the dateline of the paragraph after a headline line, with a region and the old
    # wire underscore for a dash
    text = "Strike ends\n\nKELVARO, Testland (Wirewire) _ The strike ended on Monday night."
    assert outlet_of(article(text)) == "Wirewire"


@pytest.mark.parametrize(
    ("line", "cited", "stated"),
    [
        # negation, also of an adjective, and by a prefix
        (
            "An Oklahoma man has pleaded not guilty to two murder charges.",
            "An Oklahoma man was found guilty on two murder charges.",
            False,
        ),
        (
            "Financial terms were not disclosed.",
            "No financial terms of the transaction were disclosed.",
            True,
        ),
        # a time of the line, missing or only as vague as the cited sentence's
        (
            "Williams gave a blood sample, but the results won't be known for a few weeks.",
            "Williams gave a blood sample, but the results were not yet known.",
            False,
        ),
        (
            "Jackson was arrested yesterday on suspicion of drunken driving.",
            "Jackson was arrested Tuesday on suspicion of drunken driving.",
            True,
        ),
        # hedged by a verb of belief; an announcement is a claim, not a frame
        (
            "Sixty percent of traffic to India was down.",
            "It is thought that sixty percent of traffic to India was down.",
            False,
        ),
        (
            "T-Mobile today announced the BlackBerry Curve 8900, its thinnest smartphone.",
            "The BlackBerry Curve 8900 is the thinnest smartphone of T-Mobile.",
            False,
        ),
    ],
)
def test_a_sentence_states_a_line_only_with_its_polarity_times_and_modality(
    line: str, cited: str, stated: bool
) -> None:
    assert states(prop(line), prop(cited)) is stated


@pytest.mark.parametrize(
    ("line", "other", "same"),
    [
        # what happened is not restated by what is to come, nor a possibility by a plan
        (
            "Through that trip, Putin became the first Russian leader to visit North Korea.",
            "Putin will visit North Korea and Vietnam in the coming weeks, the newspaper said.",
            False,
        ),
        (
            "Reports said Putin could visit North Korea as early as this month.",
            "Putin is to travel to North Korea later this month, the daily reported.",
            False,
        ),
        (
            "Putin will visit North Korea in the coming weeks.",
            "Putin is planning to visit North Korea in the coming weeks, the newspaper said.",
            True,
        ),
        (
            "The company acquired the startup for $2 billion.",
            "The company bought the startup for $2 billion last year, analysts said.",
            True,
        ),
        # a modal of what the restatement adds leaves the line's claim plain
        (
            "A $50,000 reward has been offered for information leading to his arrest.",
            "A $50,000 reward has been offered for information leading to his arrest, but"
            " neighbours believe he may have gotten help from friends.",
            True,
        ),
        (
            "A $50,000 reward has been offered for information leading to his arrest.",
            "A $50,000 reward may be offered for information leading to his arrest.",
            False,
        ),
    ],
)
def test_a_restatement_keeps_the_line_s_time_frame(line: str, other: str, same: bool) -> None:
    assert same_time_frame(prop(line), prop(other)) is same


def test_a_short_line_is_restated_only_with_its_verb() -> None:
    line = prop("Dole is appealing the judgment.")
    other = prop("Any income he receives can be seized to satisfy the judgment against Dole.")
    assert not restates(line, other, None, 0.65)
    assert restates(line, prop("Dole, who lost the case, is appealing the judgment."), None, 0.65)


def test_a_speaker_s_words_about_the_speaker_are_restated_only_by_the_speaker() -> None:
    line = prop("We are seeing our burglary rates come down.")
    other = prop(
        "All regions of Varland saw burglary rates fall last year, the Tolver report said."
    )
    assert line.first_person and not other.first_person
    assert not restates(line, other, None, 0.65)
    again = prop('"We are seeing our burglary rates come down fast," the mayor said.')
    assert restates(line, again, None, 0.65)


def test_a_speaker_s_claim_is_not_restated_by_another_speaker() -> None:
    line = prop(
        "Ann Berg runs the Velmora clinic. Patients there use herbal remedies along with "
        "their usual medicine, she said."
    )
    line = proposition(list(get_nlp()(line.text).sents)[-1])
    assert {"ann", "berg"} <= line.speakers
    others = prop(
        "Hospital managers say millions of patients now use herbal remedies along with "
        "their usual medicine."
    )
    assert others.speakers == {"~manager"}
    assert not restates(line, others, None, 0.65)
    same = prop("Patients at the clinic use herbal remedies with their usual medicine, Berg said.")
    assert restates(line, same, None, 0.65)
    unsaid = prop("Patients at the clinic use herbal remedies along with their usual medicine.")
    assert restates(line, unsaid, None, 0.65)


def test_names_alone_do_not_let_a_restatement_drop_the_line_s_verb() -> None:
    line = prop("The Varland Coast has grappled with the Marine Habitat Act before.")
    other = prop(
        "The ruling to protect nine fish runs in the Varland Coast is the first test of the "
        "Marine Habitat Act."
    )
    assert not restates(line, other, None, 0.65)
    buy = prop("Corvan will buy Tessel Mapping Systems, a maker of drones.")
    assert restates(
        buy, prop("Corvan will acquire Tessel Mapping Systems, a maker of drones."), None, 0.65
    )


def test_a_copula_line_is_restated_only_with_what_it_links_to() -> None:
    line = prop("Tomas's mother is now his guardian.")
    other = prop("Tomas has been separated from his mother long enough.")
    assert not restates(line, other, None, 0.65)
    assert restates(line, prop("A court said Tomas's mother is now his guardian."), None, 0.65)
    line = prop("The elk are native to Velmora and the Dunmore hills.")
    other = prop("Four more elk herds will be released in Velmora and the Dunmore hills.")
    assert not restates(line, other, None, 0.65)


def test_a_sentence_the_parse_hung_on_another_keeps_its_own_main_clause() -> None:
    doc = get_nlp()("Officials who said the elk are native to the Dunmore hills left.")
    start = next(t.i for t in doc if t.text == "the")
    end = next(t.i for t in doc if t.text == "left")
    span = doc[start:end]  # "the elk are native to the Dunmore hills", no root inside
    assert not any(t.dep_ == "ROOT" for t in span)
    assert proposition(span).linked == {"native"}


def test_a_quotation_is_restated_only_by_someone_s_words() -> None:
    line = prop("“It is the way the harbour law was designed to work.”")
    own = prop("The plans show the way the harbour law was designed to work on the coast.")
    assert not restates(line, own, None, 0.65)
    said = prop("Berg said it is the way the harbour law was designed to work.")
    assert restates(line, said, None, 0.65)


def test_a_restatement_with_most_of_the_line_may_say_its_verb_in_other_words() -> None:
    """With ``SYNONYM_COVERAGE`` of the line's claim, a restatement needs not the line's
    verb ("acquire" for "buy"); with less it does (the test above)."""
    line = prop("Corvan will buy Tessel Mapping Systems Inc., a maker of survey drones.")
    other = prop("Corvan will acquire Tessel Mapping Systems Inc., a maker of survey drones.")
    assert line.predicates == {"buy"} and "buy" not in other.lemmas
    assert coverage(line, other) >= SYNONYM_COVERAGE
    assert restates(line, other, None, 0.65)
    fewer = prop("Corvan will acquire Tessel Mapping Systems Inc.")
    assert coverage(line, fewer) < SYNONYM_COVERAGE
    assert states(line, fewer, None, 0.3) and not restates(line, fewer, None, 0.3)


def test_a_denial_restates_nothing() -> None:
    line = prop("A police official said the two men were suspected of spying on behalf of Tarvia.")
    for denial in (
        "The ministry said only that rumors that the two men were spying on behalf of Tarvia"
        " were not true.",
        "The ministry announced that the two men suspected of spying were not working for Tarvia.",
        "The ministry rejected reports that the two men were suspected of spying on behalf of"
        " Tarvia.",
    ):
        assert not restates(line, prop(denial), None, 0.65), denial
    same = prop("Police said the two men were suspected of spying on behalf of Tarvia.")
    assert restates(line, same, None, 0.65)


def test_an_open_question_restates_nothing() -> None:
    line = prop("Police said Dole was the only suspect in the Velmora killings.")
    asked = prop(
        "The prosecutor declined to say whether Dole was the only suspect in the Velmora killings."
    )
    assert not restates(line, asked, None, 0.65)
    told = prop("The prosecutor said Dole was the only suspect in the Velmora killings.")
    assert restates(line, told, None, 0.65)


def test_a_restatement_keeps_the_words_that_single_out_the_line() -> None:
    line = prop("Police said Dole was the only suspect in the Velmora killings.")
    prime = prop("Police said Dole was the prime suspect in the Velmora killings.")
    assert not restates(line, prime, None, 0.65)
    line = prop("Ann Berg became the first woman to lead the Velmora harbour board.")
    plain = prop("Ann Berg became a woman to lead the Velmora harbour board in 2031.")
    assert not restates(line, plain, None, 0.65)
    again = prop("In 2031 Ann Berg became the first woman to lead the Velmora harbour board.")
    assert restates(line, again, None, 0.65)


def test_a_negated_line_is_restated_where_the_negation_is_outside_the_main_clause() -> None:
    """A sentence that negates the line's words in a side clause restates a negated line;
    a sentence that does not negate them, or negates its own main clause where the line
    does not, restates nothing."""
    line = prop("Terms of the sale were not disclosed.")
    side = prop("Although no terms of the sale were disclosed, it closed on Monday.")
    assert side.negated is False and restates(line, side, None, 0.65)
    said = prop("Terms of the sale, announced on Monday, were disclosed in a filing.")
    assert not restates(line, said, None, 0.65)
    plain = prop("Terms of the sale were disclosed in a filing.")
    assert not restates(plain, line, None, 0.65)


def test_a_restatement_states_something_of_each_adverbial_clause_of_the_line() -> None:
    """A sentence that states the line's main clause but nothing of its adverbial clause
    ("after she told him she was pregnant") states a part of the line: no restatement."""
    line = prop("Prosecutors allege Dole shot Ray after she told him she was pregnant.")
    other = prop(
        "Prosecutors allege that Dole shot Ray twice because he did not want another child."
    )
    assert not restates(line, other, None, 0.65)
    both = prop("Prosecutors say Dole shot Ray in the head after she said she was pregnant.")
    assert restates(line, both, None, 0.65)


def test_a_restatement_states_each_clause_coordinated_with_its_own_subject() -> None:
    """A line of two coordinated claims ("some prefer X, and some prefer Y") is restated
    only by a sentence with words of each, those of the second claim the first lacks."""
    line = prop(
        "Some beetles prefer nightshade plants like eggplant and tomatoes, and some prefer "
        "cabbage plants like broccoli and kale."
    )
    half = prop("The potato beetle and the eggplant beetle prefer nightshade plants like tomatoes.")
    assert not restates(line, half, None, 0.5)
    whole = prop(
        "Beetles prefer nightshade plants such as eggplant and tomatoes, or cabbage plants "
        "such as broccoli and kale."
    )
    assert restates(line, whole, None, 0.5)


def test_a_restatement_states_each_coordinated_verb_phrase() -> None:
    """A line whose subject does two things ("oppose the bill and are vowing a fight") is
    restated only by a sentence with words of each."""
    line = prop("The ferry unions oppose the harbour bill and are vowing a fight.")
    half = prop("The council passed the harbour bill that the ferry unions fiercely oppose.")
    assert not restates(line, half, None, 0.65)
    whole = prop("The ferry unions, who oppose the harbour bill, vowed a fight on Monday.")
    assert restates(line, whole, None, 0.65)


def test_the_name_of_who_said_it_states_nothing_of_what_is_said() -> None:
    """The words of a source's name in the frame ("the Organic Farming Research
    Foundation said") cover nothing of a line about organic farming."""
    line = prop("Organic farming is still a very small part of U.S. agriculture, however.")
    other = prop(
        "Once a small minority, now there are more than 10,000 U.S. farms trying to raise"
        " organic crops and livestock, the Organic Farming Research Foundation said."
    )
    assert not restates(line, other, None, 0.65)
    # the same words outside the frame still count
    plain = prop("Organic farming is still a small part of U.S. agriculture, a report said.")
    assert restates(line, plain, None, 0.65)


@pytest.mark.parametrize(
    ("line", "cited", "stated"),
    [
        # a bound on a figure is part of it: "at least 12" is not stated by "12"
        ("At least 12 people were killed in the blast.", "The blast killed 12 people.", False),
        ("The blast killed 12 people.", "At least 12 people were killed in the blast.", False),
        ("About 400 homes were destroyed by the fire.", "The fire destroyed 400 homes.", False),
        (
            "More than 400 homes were destroyed by the fire.",
            "The fire destroyed over 400 homes.",
            True,
        ),
        ("The fire destroyed 400 homes.", "The fire destroyed 400 homes on Monday.", True),
    ],
)
def test_a_figure_is_stated_only_with_its_bound(line: str, cited: str, stated: bool) -> None:
    assert states(prop(line), prop(cited)) is stated


def test_a_line_that_is_all_frame_is_not_stated_by_any_sentence() -> None:
    line = prop("He cited reports that hate crimes against the group are on the rise.")
    other = prop("That is a different matter from allowing hatred as a defense for crimes.")
    assert not states(line, other)


def test_a_restatement_may_give_a_word_of_the_line_in_another_form() -> None:
    """A claim word is found in a word it begins ("resign" in "resignation"), for the
    count of carriers only; a name is no other form of a word ("Velmoran" / "Velmora")."""
    line = prop("Berg was named acting chair when Okafor resigned on May 3.")
    other = prop(
        "Rivals have been quiet since Okafor's abrupt resignation on May 3, which made Berg"
        " acting chair."
    )
    assert coverage(line, other) < SYNONYM_COVERAGE <= coverage(line, other, derived=True)
    assert restates(line, other, None, 0.65)
    assert not states(line, other)  # a citation still needs the line's own words
    line = prop("Officials said one of the men arrested is Velmoran and the other a sailor.")
    other = prop("The other sailors arrested in Velmora include six fishermen and a cook.")
    assert not restates(line, other, None, 0.65)


def test_a_restatement_need_not_repeat_what_the_line_sets_off_of_its_subject() -> None:

    line = prop(
        "Jon Roe, founder of the Velmora ferry line and its captain for a decade, "
        "was arrested in Quorn on Friday."
    )
    other = prop("Police say Jon Roe was arrested at the Quorn harbour on Friday.")
    assert not restates(line, other, None, 0.65)
    assert restates(core(line), other, None, 0.65)
    aged = prop("Jon Roe, 45, who ran the Velmora ferry line, was arrested in Quorn on Friday.")
    assert restates(core(aged), other, None, 0.65)  # a description's figure may be left out
    older = prop("Police say Jon Roe, 52, was arrested at the Quorn harbour on Friday.")
    assert not restates(core(aged), older, None, 0.65)  # but not changed
    told = prop("Jon Roe, who sank 3 ferries in 2019, was arrested in Quorn on Friday.")
    other_year = prop("Jon Roe, who sank ferries in 2017, was arrested in Quorn on Friday.")
    assert not restates(core(told), other_year, None, 0.65)


def test_what_a_pair_of_dashes_sets_off_is_a_description() -> None:

    line = prop(
        "Jon Roe, founder of the Velmora ferry line — and of two others in the 1980s "
        "and 1990s — was arrested in Quorn on Friday."
    )
    other = prop("Police say Jon Roe was arrested at the Quorn harbour on Friday.")
    assert restates(core(line), other, None, 0.65)
    dated = prop("Quorn police — acting on a warrant from 2019 — arrested Jon Roe on Friday.")
    assert "2019" in dated.numbers and not core(dated).numbers
    assert "warrant" in dated.claim and "warrant" not in core(dated).claim


def test_the_last_sentence_of_a_quotation_is_someones_words() -> None:
    line = prop("You have to sail at dawn because it is the best option for the crew.''")
    assert line.quoted
    assert not prop('The mayor called the harbour plan "reckless."').quoted  # opened here
    other = prop("Careful captains, eager to keep their crews safe, increasingly sail at dawn.")
    assert not restates(line, other, None, 0.65)  # the outlet's voice restates no one


def test_a_description_that_takes_the_only_verb_leaves_the_line_whole() -> None:

    fragment = prop("His sister, who ran the Velmora ferry line for years and sold it.")
    assert core(fragment).claim == fragment.claim


def test_a_line_whose_description_is_its_claim_keeps_it() -> None:

    line = prop(
        "This is Arden Arts, a nonprofit arts school that is both a model for arts "
        "education and a landmark of design."
    )
    assert core(line).claim == line.claim
    other = prop("Arden Arts, only nine years ago a modest alternative, does.")
    assert not restates(core(line), other, None, 0.65)


def test_first_person_words_are_restated_only_by_the_same_speaker() -> None:
    line = prop("We know the impact music has on the development of a child.")
    same = prop("We know the impact music has on the development of every child.")
    other = prop(
        "``We know the impact music has on the development of every child,'' "
        "the mayor of Velmora said."
    )
    assert restates(line, same, None, 0.65)
    assert not restates(line, other, None, 0.65)  # the line's speaker may be another


def test_a_negation_inside_a_description_is_not_the_claims() -> None:

    line = prop(
        "Velmora Energy has identified more than 90,000 tons of uranium oxide at Quornby, "
        "one of the largest untapped uranium ore bodies in the world."
    )
    other = prop(
        "Velmora Energy has identified more than 90,000 tons of uranium oxide at Quornby "
        "and plans to mine it."
    )
    assert not restates(line, other, None, 0.65)
    assert restates(core(line), other, None, 0.65)


def test_a_number_hyphened_to_its_unit_is_the_number() -> None:
    line = prop("The mine will add 3.7 billion dollars to the economy over its 30-year life.")
    other = prop("The mine will add 3.7 billion dollars to the economy over about 30 years.")
    assert "30" in line.numbers and "30" in other.numbers
