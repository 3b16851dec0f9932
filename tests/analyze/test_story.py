"""Facts, independence, single-source details and conflicts of whole stories (real models)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import article

from storyline.analyze.facts import align_facts
from storyline.analyze.origins import same_source
from storyline.analyze.story import StoryAnalysis, analyze_story, copied
from storyline.api import build_stories, clean_articles

FIRE_A = (
    "A fire destroyed the Lakeside furniture warehouse in Dunmore on Tuesday night. "
    "Police said 12 people were killed in the blaze. "
    "The warehouse had failed a safety inspection last year."
)
FIRE_B = (
    # "gutted" for "destroyed" would be a synonym the lemma coverage of a claim cannot see
    "Fire destroyed a furniture warehouse at Lakeside in Dunmore late on Tuesday. "
    "Police said 15 people were killed in the blaze. "
    "Firefighters from three counties fought the flames for six hours."
)


def test_paraphrases_across_articles_align_and_an_article_never_corroborates_itself() -> None:
    a = article("a", FIRE_A, outlet="Dunmore Herald")
    b = article("b", FIRE_B, outlet="County Post")
    facts = align_facts([a, b])
    by_text = {f.text: f for f in facts}
    fire = next(f for f in facts if "warehouse" in f.text and f.outlets == 2)
    assert {m.sentence for m in fire.mentions} == {0}
    assert all(len({m.article for m in f.mentions}) == len(f.mentions) for f in facts)
    inspection = by_text["The warehouse had failed a safety inspection last year."]
    assert inspection.articles == ("a",)  # nobody else says it
    assert [f.id for f in align_facts([b, a])] == [f.id for f in facts]  # order-free ids


def test_contradicting_figures_are_a_typed_conflict_and_details_are_single_source() -> None:
    a = article("a", FIRE_A, outlet="Dunmore Herald", published="2024-03-05T22:00:00+00:00")
    b = article("b", FIRE_B, outlet="County Post", published="2024-03-05T22:00:00+00:00")
    result = analyze_story([a, b])
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.about) == ("contradiction", "people")
    assert sorted(side.value for side in conflict.sides) == ["12 people", "15 people"]
    details = {d.fact: d.outlet for d in result.unique_details}
    assert details["Firefighters from three counties fought the flames for six hours."] == (
        "County Post"
    )
    later = article("b", FIRE_B, outlet="County Post", published="2024-03-06T09:00:00+00:00")
    assert [c.kind for c in analyze_story([a, later]).conflicts] == ["update"]


def test_independent_reports_count_two_origins_and_a_shared_agency_one() -> None:
    agreed = FIRE_B.replace("15 people", "12 people")  # the same count: one fact
    own = analyze_story(
        [article("a", FIRE_A, outlet="Dunmore Herald"), article("b", agreed, outlet="County Post")]
    )
    fire = next(f for f in own.facts if f.outlets == 2 and "warehouse" in f.text)
    assert fire.independent_origins == 2  # each outlet's own reporting
    police = next(f for f in own.facts if f.outlets == 2 and "killed" in f.text)
    assert (police.independent_origins, police.origins) == (1, ("Police",))  # both cite police
    wired = analyze_story(
        [
            article("a", "DUNMORE (Reuters) - " + FIRE_A, outlet="Dunmore Herald"),
            article("b", "DUNMORE (Reuters) - " + FIRE_B, outlet="County Post"),
        ]
    )
    fire = next(f for f in wired.facts if f.outlets == 2 and "warehouse" in f.text)
    assert (fire.independent_origins, fire.origins) == (1, ("Reuters",))


def test_one_outlet_s_stories_of_unnamed_sources_are_one_origin() -> None:
    """Two stories of one agency, "a witness said" / "witnesses said": the agency's one
    account; in two outlets' stories the unnamed sources stay two."""
    a = "A witness said the fire destroyed the Lakeside furniture warehouse on Tuesday night."
    b = "Witnesses said fire destroyed the Lakeside furniture warehouse late on Tuesday night."
    same = analyze_story(
        [article("a", a, outlet="Dunmore Herald"), article("b", b, outlet="Dunmore Herald")]
    )
    fire = next(f for f in same.facts if len(f.articles) == 2)
    assert fire.independent_origins == 1
    apart = analyze_story(
        [article("a", a, outlet="Dunmore Herald"), article("b", b, outlet="County Post")]
    )
    fire = next(f for f in apart.facts if len(f.articles) == 2)
    assert fire.independent_origins == 2


def test_a_sentence_two_outlets_share_word_for_word_is_one_voice() -> None:
    """Two outlets' own reports that share one sentence word for word (too short a run
    for a syndication link) copied it from one text: one origin for it; the sentences
    each wrote apart stay two."""
    shared = "Ferry traffic across Lake Dunmore is expected to double by the end of the decade."
    a = f"The county opened a new ferry terminal at Dunmore harbour on Tuesday. {shared}"
    b = f"Dunmore harbour's new ferry terminal opened to passengers on Tuesday morning. {shared}"
    result = analyze_story(
        [article("a", a, outlet="Dunmore Herald"), article("b", b, outlet="County Post")]
    )
    ferry = next(f for f in result.facts if "double" in f.text)
    assert (len(ferry.articles), ferry.independent_origins) == (2, 1)
    terminal = next(
        (f for f in result.facts if "terminal" in f.text and len(f.articles) == 2), None
    )
    assert terminal is None or terminal.independent_origins == 2


@pytest.mark.parametrize(
    ("text", "other", "expected"),
    [
        (
            "Ferry traffic is expected to double by the end of the next decade.",
            "LAKESIDE (Wire) - Ferry traffic is expected to double by the end of the next decade.",
            True,
        ),
        (
            "Ferry traffic is expected to double by the end of the next decade.",
            "Officials said ferry traffic is expected to double by the end of the next decade.",
            True,
        ),
        (
            "Ferry traffic is expected to double by the end of the decade.",
            "Ferry traffic is expected to triple by the end of the decade.",
            False,
        ),
        ("The ferry sank on Tuesday.", "The ferry sank on Tuesday.", False),  # too short
    ],
)
def test_copied(text: str, other: str, expected: bool) -> None:
    assert copied(text, other) is expected


def test_one_article_story_makes_no_cross_source_claims() -> None:
    result = analyze_story([article("a", FIRE_A, outlet="Dunmore Herald")])
    assert result.unique_details == () and result.conflicts == ()
    assert all(f.outlets == 1 and f.independent_origins == 1 for f in result.facts)


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> StoryAnalysis:
    articles = list(clean_articles([str(seeds_dir)]).articles)
    run = build_stories([str(seeds_dir)])
    return analyze_story(articles, syndication=run.syndication)


def test_seeds_five_articles_one_origin_no_conflicts(seeds: StoryAnalysis) -> None:
    top = seeds.facts[0]
    assert len(top.articles) == 5 and top.independent_origins == 1
    assert top.origins == ("Vedomosti",)
    # two seeds name no outlet (no metadata, URL, wire tag or self-naming): never counted
    assert (top.outlets, top.unknown_outlet_articles) == (3, 2)
    assert "Putin" in top.text and "North Korea" in top.text
    assert seeds.conflicts == ()  # the seeds agree: any conflict is a bug
    assert seeds.origins[0].name == "Vedomosti" and len(seeds.origins[0].cited_by) == 5
    # every fact whose mentions relay Vedomosti (as the root, or as the relay of a source
    # it quotes) is one voice; "The newspaper said ... as early as June" among them
    relayed = [
        f
        for f in seeds.facts
        if any(same_source(n, "Vedomosti") for d in f.origin_details for n in (d[0], d[2] or ""))
    ]
    assert len([f for f in relayed if len(f.articles) >= 2]) >= 4
    assert all(f.independent_origins == 1 for f in relayed)
    june = [f for f in relayed if "as early as June" in " ".join(m.text for m in f.mentions)]
    assert june and all(f.origins == ("Vedomosti",) for f in june)
    details = " ".join(d.fact for d in seeds.unique_details)
    assert all(year in details for year in ("2017", "124", "1984"))  # one outlet each


def test_seed_citations_slice_the_cleaned_text(seeds: StoryAnalysis) -> None:
    texts = {a.id: a.text for a in seeds.articles}
    for fact in seeds.facts:
        for m in fact.mentions:
            assert texts[m.article][m.start : m.end] == m.text
    for detail in seeds.unique_details:
        c = detail.citation
        assert texts[c.article][c.start : c.end] == detail.fact
    assert seeds.unique_details  # one outlet's extra details exist in the seeds


def test_seed_quote_speakers_resolve_to_entities(seeds: StoryAnalysis) -> None:
    by_speaker = {q.speaker: q for q in seeds.quotes}
    peskov = by_speaker["Dmitry Peskov"]
    assert peskov.entity in {e.id for e in seeds.entities} and len(peskov.articles) == 2
    assert all(
        q.entity is None or q.speaker in {e.name for e in seeds.entities} for q in seeds.quotes
    )
    assert set(seeds.to_dict()) == {
        "facts",
        "unique_details",
        "conflicts",
        "quotes",
        "origins",
        "entities",
        "timeline",
    }


# --- bad input ------------------------------------------------------------------------


def test_a_story_from_one_unknown_outlet_counts_no_outlet_and_one_origin() -> None:
    told = "Harbour workers in Kelvaro ended a nine-day strike on Friday after a pay deal."
    articles = [
        article(name, told + " " + extra)
        for name, extra in (
            ("a", "Ships will sail again on Monday."),
            ("b", "The union had asked for a larger rise."),
            ("c", "The port authority welcomed the deal."),
        )
    ]
    result = analyze_story(articles)
    strike = next(f for f in result.facts if "strike" in f.text)
    assert (len(strike.articles), strike.outlets, strike.unknown_outlet_articles) == (3, 0, 3)
    assert strike.independent_origins == 1  # they may all be one outlet
    assert strike.origins == ()  # nobody is cited; "unknown outlet" is no name


def test_articles_that_all_disagree_on_one_number_are_one_conflict_never_a_fact() -> None:
    counts = ("12", "15", "19", "23")
    articles = [
        article(
            f"n{i}",
            f"A fire destroyed a furniture warehouse in Dunmore on Tuesday night. "
            f"Police said {n} people were killed in the blaze.",
            outlet=f"Outlet {i}",
            published="2024-03-05T22:00:00+00:00",
        )
        for i, n in enumerate(counts)
    ]
    result = analyze_story(articles)
    [conflict] = result.conflicts
    assert conflict.kind == "contradiction" and conflict.about == "people"
    assert sorted(s.value for s in conflict.sides) == [f"{n} people" for n in counts]
    killed = [f for f in result.facts if "killed" in f.text]
    assert killed and all(len(f.articles) == 1 for f in killed)  # no count backs another
    assert not any("killed" in d.fact for d in result.unique_details)  # disputed, not a detail


def test_an_article_of_captions_and_a_headline_states_no_fact() -> None:
    captions = article(
        "cap",
        "Strike ends in Kelvaro harbour\n\n"
        "Dock workers at the Kelvaro harbour gates on Friday. Photo: Anna Lenko\n\n"
        "The harbour after the strike | Credit: Kelvaro Port Authority\n\n"
        "For tips call 0800 555 0199 or write to desk@example.org.",
        outlet="Kelvaro Post",
    )
    other = article("b", FIRE_A, outlet="Dunmore Herald")
    result = analyze_story([captions, other])
    assert not any("cap" in f.articles for f in result.facts)
    assert not any("cap" in t.articles for t in result.timeline)


def test_ten_copies_of_one_wire_story_are_ten_outlets_and_one_voice(tmp_path: Path) -> None:
    import json

    from storyline.api import build_briefs

    wire = (
        "KELVARO (Wirewire) - Harbour workers in Kelvaro ended a nine-day strike on Friday "
        "after the union accepted a pay rise of four percent. Ships will sail again on "
        "Monday, the harbour master said. The strike had stopped all container traffic."
    )
    records = [{"id": f"w{i}", "outlet": f"Paper {i}", "text": wire} for i in range(10)]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    [brief] = [b.to_dict() for b in build_briefs([str(path)], one_story=True).briefs]
    top = brief["facts"][0]
    assert (len(top["articles"]), top["outlets"], top["unknown_outlet_articles"]) == (10, 10, 0)
    assert top["independent_origins"] == 1 and top["origins"] == ["Wirewire"]


def test_a_longer_sentence_that_states_a_fact_counts_its_article_but_is_not_cited() -> None:
    short = "Ford finished his career in 1978 with 2,290 points."
    articles = [
        article("a", f"Hansbrough broke the Tar Heels scoring record on Thursday. {short}"),
        article("b", f"The senior forward passed Phil Ford in the first half. {short}"),
        article(
            "c",
            "Ford, now an assistant coach to fellow Tar Heel alumnus Larry Brown with the "
            "Charlotte Bobcats and a mentor to many young players, finished his career in 1978 "
            "with 2,290 points.",
        ),
    ]
    result = analyze_story(articles)
    ford = next(f for f in result.facts if f.text == short)
    assert {m.article for m in ford.mentions} == {"a", "b"}
    assert {m.article for m in ford.restatements} == {"c"}  # counted, not cited
    assert ford.articles == ("a", "b", "c") and ford.unknown_outlet_articles == 3
    assert [m["article"] for m in ford.to_dict()["restatements"]] == ["c"]


def test_a_pronoun_states_the_name_of_the_person_named_before_it() -> None:
    booked = "Williams was booked into county jail and later released on bail."
    articles = [
        article("d", f"Williams was arrested on Sunday on suspicion of drunken driving. {booked}"),
        article(
            "e",
            "Chargers tackle Jamal Williams was arrested on suspicion of drunken driving. "
            "He was booked into county jail and released on bail on Monday.",
        ),
    ]
    fact = next(f for f in analyze_story(articles).facts if f.text == booked)
    assert fact.articles == ("d", "e")


def test_a_restatement_in_words_of_its_own_is_counted_but_a_denial_is_not() -> None:
    terms = "Financial terms of the deal were not disclosed."
    articles = [
        article("a", f"HP agreed to buy EYP Mission Critical Facilities on Monday. {terms}"),
        article("b", f"Hewlett-Packard will acquire the consulting firm EYP. {terms}"),
        article("c", "The financial details of the deal were not disclosed by either company."),
        article("d", "The financial terms of the deal were disclosed in a filing on Tuesday."),
    ]
    fact = next(f for f in analyze_story(articles).facts if f.text == terms)
    assert {m.article for m in fact.mentions} == {"a", "b"}
    assert {m.article for m in fact.restatements} == {"c"}
    assert fact.articles == ("a", "b", "c")


def test_a_fact_said_again_later_in_one_article_is_no_second_fact() -> None:
    """An article's lead and its later "Later, he was charged in three bombings" are one
    fact: the later sentence's only other carriers are the lead's mentions."""
    lead = "Eric Dole has been charged in three Dunmore bombings, including the 1996 blast."
    again = "Later, he was charged in three Dunmore bombings, including the 1996 blast."
    texts = [
        f"{lead} Agents searched the hills for weeks. {again}",
        f"{lead} The reward stands at $1 million.",
        f"{lead} His family declined to comment.",
    ]
    result = analyze_story([article(f"a{i}", t, outlet=f"Outlet {i}") for i, t in enumerate(texts)])
    charged = [f for f in result.facts if "charged" in f.text]
    assert [len(f.articles) for f in charged] == [3, 1]  # the echo keeps its own article
    assert charged[1].text.startswith("Later") and result.facts[-1] is charged[1]
