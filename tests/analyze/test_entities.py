"""Entities: NER repairs, merging over spelling variants, its safeguards, roles, the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze.entities import Entity, entity_at, extract_entities
from storyline.analyze.entity_names import acronym_of, name_key, same_name, tokens_match
from storyline.analyze.nlp import ParsedArticle, get_nlp, parse_articles
from storyline.clean.sentences import split_sentences
from storyline.types import Article, Provenance


def article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id,
        source_path=f"{article_id}.txt",
        text=text,
        provenance=Provenance(source_path=f"{article_id}.txt"),
        sentences=split_sentences(text, article_id),
    )


def entities_of(*texts: str) -> list[Entity]:
    return extract_entities(parse_articles([article(f"a{n}", t) for n, t in enumerate(texts)]))


def with_ents(article_id: str, text: str, ents: list[tuple[str, str]]) -> ParsedArticle:
    """A parse whose NER output is forced to ``ents`` (surface, label): a known tagger error."""
    doc = get_nlp()(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return ParsedArticle(article(article_id, text), doc)


def named(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert len(matches) == 1, [(e.name, e.variants) for e in entities]
    return matches[0]


def owner(entities: list[Entity], variant: str) -> list[Entity]:
    return [e for e in entities if variant in e.variants]


# --- name rules ---------------------------------------------------------------------------


def test_name_key_folds_hyphens_case_accents_possessive() -> None:
    assert name_key("Kim Jong-un") == name_key("KIM JONG UN") == "kim jong un"
    assert name_key("Nguyễn Phú Trọng") == "nguyen phu trong"
    assert name_key("Putin’s") == name_key("Putin's") == "putin"
    assert name_key("the U.S.") == "u s"


def test_transliteration_matches_long_tokens_only() -> None:
    assert tokens_match("andrei", "andrey")
    assert tokens_match("alexander", "aleksandr")
    assert tokens_match("dmitry", "dmitri")
    assert not tokens_match("un", "il")  # short tokens must be equal
    assert not tokens_match("daniel", "danielle")
    assert not tokens_match("alexander", "alexandra")
    assert not tokens_match("ivanov", "ivanova")
    assert same_name(("andrei", "rudenko"), ("andrey", "rudenko"))
    assert not same_name(("kim", "jong", "un"), ("kim", "jong", "il"))
    assert not same_name(("kim", "jong", "un"), ("kim", "il", "sung"))


def test_acronyms() -> None:
    assert acronym_of("ICC", "International Criminal Court")
    assert acronym_of("US", "United States")
    assert not acronym_of("UN", "United States")
    assert not acronym_of("Putin", "Pyongyang Union")


# --- merging on parsed text ---------------------------------------------------------------


def test_hyphen_variants_are_one_person() -> None:
    entities = entities_of(
        "North Korean leader Kim Jong-un visited Russia in September.",
        "In Moscow, Kim Jong Un met President Vladimir Putin for talks.",
    )
    kim = named(entities, "Kim Jong Un")
    assert set(kim.variants) >= {"Kim Jong Un", "Kim Jong-un"}
    assert kim.articles == ("a0", "a1")
    assert kim.type == "PERSON"
    assert "North Korean leader" in kim.roles


def test_transliterated_first_names_are_one_person() -> None:
    entities = entities_of(
        "Deputy Foreign Minister Andrei Rudenko told reporters the trip was planned.",
        "Russia's Deputy Foreign Minister Andrey Rudenko announced the preparations.",
    )
    people = owner(entities, "Andrei Rudenko")
    assert len(people) == 1 and "Andrey Rudenko" in people[0].variants


def test_surname_mention_joins_the_full_name() -> None:
    entities = entities_of(
        "Kremlin spokesman Dmitry Peskov said on Monday that no date had been set.",
        "Peskov declined to comment on the report when asked by journalists in Moscow.",
    )
    peskov = named(entities, "Dmitry Peskov")
    assert set(peskov.variants) == {"Dmitry Peskov", "Peskov"}
    assert peskov.articles == ("a0", "a1")
    assert "Kremlin spokesman" in peskov.roles


def test_the_kim_family_is_three_people() -> None:
    entities = entities_of(
        "Kim Jong Un met Russian officials in Pyongyang on Tuesday.",
        "His father Kim Jong Il ruled the country until he died in 2011.",
        "His grandfather Kim Il-sung founded the state in 1948.",
    )
    kims = [e for e in entities if e.name.startswith("Kim")]
    assert sorted(e.name for e in kims) == ["Kim Il-sung", "Kim Jong Il", "Kim Jong Un"]
    assert len({e.id for e in kims}) == 3


def test_ambiguous_surname_stays_apart() -> None:
    entities = entities_of(
        "John Harrington and Mary Harrington arrived in Boston on Friday.",
        "Harrington said the family would return next week.",
    )
    assert {"John Harrington", "Mary Harrington"} <= {e.name for e in entities}
    lone = owner(entities, "Harrington")
    assert len(lone) == 1 and lone[0].name == "Harrington"


def test_ambiguous_surname_goes_to_the_one_in_the_article() -> None:
    entities = entities_of(
        "John Harrington arrived in Boston on Friday. Harrington said he was tired.",
        "Mary Harrington stayed in Denver with her sister.",
    )
    john = named(entities, "John Harrington")
    assert "Harrington" in john.variants
    assert "Harrington" not in named(entities, "Mary Harrington").variants


# --- NER repairs (forced tagger output, as observed on real articles) ---------------------


def test_title_inside_an_org_span_moves_the_first_name_to_the_person() -> None:
    text = "Kremlin Spokesperson Dmitry Peskov did not confirm the plans."
    parsed = with_ents("a0", text, [("Kremlin Spokesperson Dmitry", "ORG"), ("Peskov", "PERSON")])
    entities = extract_entities([parsed])
    assert named(entities, "Dmitry Peskov").type == "PERSON"
    assert named(entities, "Kremlin").type == "ORG"
    assert not any("Spokesperson" in e.name for e in entities)


def test_comma_inside_an_org_span_splits_it() -> None:
    text = "Vladimir Putin will travel abroad. As cited by Vedomosti, Putin will go first."
    parsed = with_ents("a0", text, [("Vladimir Putin", "PERSON"), ("Vedomosti, Putin", "ORG")])
    entities = extract_entities([parsed])
    assert not any("," in e.name for e in entities)
    putin = named(entities, "Vladimir Putin")
    assert set(putin.variants) == {"Putin", "Vladimir Putin"} and putin.type == "PERSON"
    assert named(entities, "Vedomosti").type == "ORG"


def test_newspaper_context_outvotes_a_person_label() -> None:
    parsed = [
        with_ents("a0", "The Vedomosti newspaper reported the plan.", [("Vedomosti", "PERSON")]),
        with_ents("a1", "The diplomat told Vedomosti about it.", [("Vedomosti", "PERSON")]),
        with_ents("a2", "Vedomosti said the visit was near.", [("Vedomosti", "ORG")]),
    ]
    assert named(extract_entities(parsed), "Vedomosti").type == "ORG"


# --- contract -----------------------------------------------------------------------------


def test_contract_order_ids_and_entity_at() -> None:
    texts = (
        "Kremlin spokesman Dmitry Peskov spoke in Moscow. Peskov said Moscow was ready.",
        "On Tuesday, Dmitry Peskov repeated the statement to reporters.",
    )
    entities = entities_of(*texts)
    again = entities_of(*texts)
    assert [e.id for e in entities] == [e.id for e in again]
    counts = [len(e.mentions) for e in entities]
    assert counts == sorted(counts, reverse=True)
    peskov = named(entities, "Dmitry Peskov")
    data = peskov.to_dict()
    assert set(data) >= {"id", "name", "type", "variants", "articles", "mentions", "roles"}
    assert data["mentions"] == 3 and data["id"].startswith("e")
    start = texts[0].index("Peskov said")
    assert entity_at(entities, "a0", start, start + 6) is peskov
    start = texts[1].index("Peskov")
    assert entity_at(entities, "a1", start - 3, start + 2) is peskov
    assert entity_at(entities, "a1", 0, 2) is None
    for mention in peskov.mentions:
        assert texts[int(mention.article[1:])][mention.start : mention.end] == mention.text


# --- the seed articles (assertions checked against the texts) -----------------------------


@pytest.fixture(scope="module")
def seed_entities(seeds_dir: Path) -> list[Entity]:
    from storyline.api import clean_articles

    articles = list(clean_articles([str(seeds_dir)]).articles)
    return extract_entities(parse_articles(articles))


def test_seed_people_are_merged_and_kept_apart(seed_entities: list[Entity]) -> None:
    kim = named(seed_entities, "Kim Jong Un")
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kim.variants) and len(kim.articles) == 5
    kim_il = named(seed_entities, "Kim Jong Il")
    assert "Kim Jong-il" in kim_il.variants
    assert named(seed_entities, "Kim Il-sung") not in (kim, kim_il)
    rudenko = owner(seed_entities, "Andrei Rudenko")
    assert len(rudenko) == 1 and "Andrey Rudenko" in rudenko[0].variants
    putin = named(seed_entities, "Vladimir Putin")
    assert "Putin" in putin.variants and len(putin.articles) == 5


def test_seed_ner_errors_are_repaired(seed_entities: list[Entity]) -> None:
    peskov = [e for e in seed_entities if "Peskov" in e.name]
    assert len(peskov) == 1 and peskov[0].name == "Dmitry Peskov"
    assert len(peskov[0].articles) == 2 and peskov[0].type == "PERSON"
    vedomosti = named(seed_entities, "Vedomosti")
    assert vedomosti.type == "ORG" and len(vedomosti.articles) == 5
    assert not any("," in e.name or "Spokesperson" in e.name for e in seed_entities)


def test_seed_roles(seed_entities: list[Entity]) -> None:
    matsegora = named(seed_entities, "Alexander Matsegora")
    assert any("ambassador to Pyongyang" in role for role in matsegora.roles)
    assert "North Korean leader" in named(seed_entities, "Kim Jong Un").roles
    assert any("Spokesperson" in r for r in named(seed_entities, "Dmitry Peskov").roles)


# --- types from the words around a name ---------------------------------------------------


def test_a_place_preposition_outvotes_a_person_label() -> None:
    parsed = [
        with_ents("a0", "The quake hit hardest in Velmora on Sunday.", [("Velmora", "PERSON")]),
        with_ents("a1", "Velmora was without power.", [("Velmora", "PERSON")]),
    ]
    assert named(extract_entities(parsed), "Velmora").type == "GPE"


def test_a_possessive_after_the_preposition_keeps_the_person() -> None:
    parsed = [with_ents("a0", "There was anger in Orsk's speech.", [("Orsk", "PERSON")])]
    assert named(extract_entities(parsed), "Orsk").type == "PERSON"


def test_the_port_of_a_name_is_a_place() -> None:
    parsed = [
        with_ents("a0", "The ship docked at the port of Velmora.", [("Velmora", "PERSON")]),
        with_ents("a1", "Velmora was calm.", [("Velmora", "PERSON")]),
    ]
    assert named(extract_entities(parsed), "Velmora").type == "GPE"


def test_a_country_after_a_comma_makes_a_place() -> None:
    parsed = [
        with_ents(
            "a0",
            "Residents of Velmora, Chile, fled the coast.",
            [("Velmora", "PERSON"), ("Chile", "GPE")],
        ),
        with_ents("a1", "Velmora was calm.", [("Velmora", "PERSON")]),
    ]
    entities = extract_entities(parsed)
    assert named(entities, "Velmora").type == "GPE"
    assert named(entities, "Chile").type == "GPE"


def test_a_title_before_a_name_makes_a_person() -> None:
    parsed = [
        with_ents("a0", "Senator Orsk voted against the bill.", [("Orsk", "GPE")]),
        with_ents("a1", "Orsk left early.", [("Orsk", "GPE")]),
    ]
    assert named(extract_entities(parsed), "Orsk").type == "PERSON"


def test_a_word_the_story_writes_in_lower_case_is_no_entity() -> None:
    parsed = [
        with_ents("a0", 'She cried, "Mommy, I got hit."', [("Mommy", "PERSON")]),
        with_ents("a1", "The girl called for her mommy and a neighbour came.", []),
    ]
    assert not [e for e in extract_entities(parsed) if e.name == "Mommy"]


def test_a_bare_first_name_tagged_as_a_place_joins_the_person() -> None:
    parsed = [
        with_ents(
            "a0",
            "Kelvara was ten years old. Kelvara Thomas was shot on Sunday.",
            [("Kelvara Thomas", "PERSON"), ("Kelvara", "GPE")],
        )
    ]
    entities = extract_entities(parsed)
    person = named(entities, "Kelvara Thomas")
    assert person.type == "PERSON" and "Kelvara" in person.variants
