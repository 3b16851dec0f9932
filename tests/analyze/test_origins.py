"""Origins: whom each mention relies on (relays resolved, own reporting), independence,
the story's cited sources, and the seeds (issue 16)."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest

from storyline.analyze.attributions import Attribution, find_attributions
from storyline.analyze.nlp import parse_articles
from storyline.analyze.origins import (
    OWN_REPORTING,
    Voice,
    mention_voices,
    share_voice,
    story_origins,
)
from storyline.analyze.story import StoryAnalysis, analyze_story
from storyline.api import build_stories, clean_articles
from storyline.types import Article


def article(text: str, id: str = "a0", outlet: str = "The Daily Test") -> Article:
    return builders.article(id, text, outlet=outlet)


def voices_of(item: Article, sentence: int, found: list[Attribution]) -> list[Voice]:
    s = item.sentences[sentence]
    return mention_voices(found, item.id, (s.start, s.end), own=item.outlet or "?")


def analysed(*items: Article) -> list[Attribution]:
    return find_attributions(parse_articles(list(items)))


def test_a_sentence_without_attribution_is_its_outlets_own_reporting() -> None:
    item = article(
        "A storm hit the coast on Monday. "
        "The Coastal Times newspaper reported that ten boats sank, citing a port official. "
        "Rescue teams were sent to the harbour on Tuesday."
    )
    found = analysed(item)
    for background in (0, 2):  # never the article's most cited source
        (voice,) = voices_of(item, background, found)
        assert (voice.root, voice.kind) == ("The Daily Test", OWN_REPORTING)
    (voice,) = voices_of(item, 1, found)
    assert (voice.root, voice.kind) == ("Coastal Times", "outlet")
    assert "Coastal Times" in voice.chain


@pytest.mark.parametrize(
    "sentence",
    [
        "The army has ruled Velmora since 1962.",  # an act, whatever the cue model reads
        "The council refused to honour the result of the 1990 vote.",  # an intention
        "Mayor Ann Berg promised to rebuild the harbour.",
        "A late-night ferry crash claimed the life of the harbour's best-known skipper.",
        # a relative clause describes the object; it is no claim of the subject's
        "Twenty-three ports have so far ratified the charter, which must be ratified by 40 "
        "ports to take effect.",
    ],
)
def test_what_a_source_did_is_its_reporters_own_reporting(sentence: str) -> None:
    item = article(sentence)
    found = analysed(item)
    (voice,) = voices_of(item, 0, found)
    assert (voice.root, voice.kind) == ("The Daily Test", OWN_REPORTING)
    assert all(o.kind == OWN_REPORTING for o in story_origins(found, [(item.id, "x")]))


@pytest.mark.parametrize(
    ("sentence", "root"),
    [
        ("The Coastal Times reported the sinking of ten boats.", "Coastal Times"),  # published
        ("Mayor Ann Berg urged the council to rebuild the harbour.", "Ann Berg"),  # said
        ("Ann Berg accused the council of selling the harbour.", "Ann Berg"),  # a claim
        ("Velmora Ferries on Wednesday predicted earnings of 54 cents a share.", "Velmora Ferries"),
        (  # a long phrase saying when she spoke is the attribution's, not a claim
            "For the first time since reading the long-awaited report on the sale of the "
            "harbour, Mayor Ann Berg said on Thursday she felt betrayed.",
            "Ann Berg",
        ),
    ],
)
def test_what_a_source_says_or_publishes_is_its_own(sentence: str, root: str) -> None:
    item = article(sentence)
    (voice,) = voices_of(item, 0, analysed(item))
    assert voice.root == root


def test_sources_named_together_are_each_a_voice() -> None:
    item = article(
        "Also aboard the ferry were the mayor and her sister, according to police and a "
        "family spokesman."
    )
    found = analysed(item)
    roots = {v.root for v in voices_of(item, 0, found)}
    assert roots == {"police", "a family spokesman"}
    assert {o.name for o in story_origins(found)} >= {"police", "a family spokesman"}


def test_told_an_outlet_is_the_speaker_through_the_outlet() -> None:
    item = article("The plan is ready, Ambassador Olga Ivanova told the Kyiv Courier newspaper.")
    (voice,) = voices_of(item, 0, analysed(item))
    assert (voice.root, voice.through) == ("Olga Ivanova", "Kyiv Courier")
    assert voice.chain == ("Kyiv Courier", "Olga Ivanova")


def test_relays_three_deep_resolve_to_the_innermost_named_source() -> None:
    relayed = article(
        "The dam had burst, the Kelvaro Courier newspaper reported, citing the Orbis news "
        "agency, which cited Dunmore Radio."
    )
    (voice,) = voices_of(relayed, 0, analysed(relayed))
    assert voice.root == "Dunmore Radio"
    assert voice.chain == ("Kelvaro Courier", "Orbis", "Dunmore Radio")
    direct = article("The dam had burst, Dunmore Radio reported on Monday.", "a1", "Other Post")
    assert share_voice(voices_of(direct, 0, analysed(direct)), [voice])  # one voice


def test_unnamed_sources_never_join_across_articles() -> None:
    one = article("The talks failed, a senior official who declined to be named said.")
    two = article("The talks failed, a senior official who declined to be named said.", "a1")
    found = analysed(one, two)
    assert not share_voice(voices_of(one, 0, found), voices_of(two, 0, found))


def test_an_anonymous_source_is_vouched_for_by_its_relay() -> None:
    item = article(
        "The minister will resign, the Daily Planet newspaper reported on Monday, "
        "citing diplomatic sources."
    )
    voices = voices_of(item, 0, analysed(item))
    assert {v.root for v in voices} == {"Daily Planet"}


def test_story_origins_merge_spellings_and_list_own_reporting() -> None:
    found = analysed(
        article(
            "Taxes will rise, finance minister Andrei Rudenko said, citing a diplomatic source."
        ),
        article("Minister Andrey Rudenko said taxes will rise, citing diplomatic sources.", "a1"),
    )
    origins = story_origins(found, [("a0", "The Daily Test")])
    by_name = {o.name: o for o in origins}
    rudenko = next(o for o in origins if "Rudenko" in o.name)
    assert rudenko.kind == "official" and set(rudenko.cited_by) == {"a0", "a1"}
    anonymous = [o for o in origins if o.kind == "anonymous"]
    assert len(anonymous) == 1 and set(anonymous[0].cited_by) == {"a0", "a1"}
    assert by_name["The Daily Test"].kind == OWN_REPORTING
    assert set(anonymous[0].to_dict()) >= {"name", "kind", "cited_by", "through"}


def test_an_article_of_unknown_outlet_that_cites_nobody_shows_no_id_as_origin() -> None:
    items = [
        builders.article("x1", "Harbour workers in Kelvaro ended a nine-day strike on Friday."),
        builders.article("x2", "Harbour workers in Kelvaro ended their strike on Friday."),
    ]
    result = analyze_story(items)
    for fact in result.facts:
        assert not {"x1", "x2"} & set(fact.origins)
    assert all(o.kind != OWN_REPORTING for o in result.origins)


# --- the seeds ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> StoryAnalysis:
    articles = list(clean_articles([str(seeds_dir)]).articles)
    run = build_stories([str(seeds_dir)])
    return analyze_story(articles, syndication=run.syndication)


def _voices(seeds: StoryAnalysis) -> dict[tuple[str, int], list[Voice]]:
    outlets = {a.id: a.outlet or "(unknown outlet)" for a in seeds.articles}
    return {
        (m.article, m.sentence): mention_voices(
            seeds.attributions, m.article, (m.start, m.end), own=outlets[m.article]
        )
        for fact in seeds.facts
        for m in fact.mentions
    }


def test_seeds_every_fact_relaying_vedomosti_has_one_origin(seeds: StoryAnalysis) -> None:
    voices = _voices(seeds)
    relaying = [
        fact
        for fact in seeds.facts
        if all(
            any("Vedomosti" in v.chain for v in voices[(m.article, m.sentence)])
            for m in fact.mentions
        )
    ]
    assert len([f for f in relaying if len(f.articles) >= 2]) >= 4
    assert [f.text for f in relaying if f.independent_origins != 1] == []


def test_seeds_background_sentences_are_own_reporting(seeds: StoryAnalysis) -> None:
    voices = _voices(seeds)
    by_text = {m.text: (m.article, m.sentence) for f in seeds.facts for m in f.mentions}
    background = next(t for t in by_text if t.startswith("Russia has stepped up ties"))
    (voice,) = voices[by_text[background]]
    assert (voice.root, voice.kind) == ("The Hindu", OWN_REPORTING)
    own = [v for vs in voices.values() for v in vs if v.kind == OWN_REPORTING]
    assert len(own) >= 10
    assert "Vedomosti" not in {v.root for v in own}


def test_seeds_origins_name_no_person_or_country_an_outlet(seeds: StoryAnalysis) -> None:
    kinds = {o.name: o.kind for o in seeds.origins}
    assert kinds["Vedomosti"] == "outlet"
    assert kinds["Dmitry Peskov"] == "official"
    assert kinds["Korean Central News Agency"] == "agency"
    outlets = {name for name, kind in kinds.items() if kind == "outlet"}
    assert outlets <= {"Vedomosti", "Russian news outlets", "Vietnamese media"}
