"""Cited origins: cues, kinds, relays, wire tags, merging, and the seeds."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest

from storyline.analyze.nlp import ParsedArticle, parse_articles
from storyline.analyze.origins import (
    Attribution,
    find_attributions,
    sentence_origins,
    story_origins,
)
from storyline.types import Article


def article(text: str, id: str = "a1", outlet: str | None = "The Daily Test") -> Article:
    return builders.article(id, text, outlet=outlet)


def parse(*texts: str) -> list[ParsedArticle]:
    return parse_articles([article(t, f"a{i}") for i, t in enumerate(texts)])


def by_name(attributions: list[Attribution]) -> dict[str, Attribution]:
    return {a.name: a for a in attributions}


def test_reported_citing_relays_an_anonymous_source() -> None:
    found = by_name(
        find_attributions(
            parse(
                "The minister will resign, the Daily Planet newspaper reported on Monday, "
                "citing diplomatic sources."
            )
        )
    )
    assert found["Daily Planet"].kind == "outlet"
    assert found["Daily Planet"].cites == "diplomatic sources"
    assert found["diplomatic sources"].kind == "anonymous"
    assert found["diplomatic sources"].through == "Daily Planet"


def test_according_to_and_span_points_at_the_name() -> None:
    text = "The bridge will close in May, according to the Lisbon Herald newspaper."
    items = parse(text)
    found = find_attributions(items)
    herald = by_name(found)["Lisbon Herald"]
    assert herald.via == "according to"
    assert text[herald.start : herald.end] == "Lisbon Herald"
    assert herald.sentence == 0


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The talks failed, the Interfax news agency said.", "Interfax", "agency"),
        (
            "Foreign ministry spokesman Ivan Petrov said the talks had failed.",
            "Ivan Petrov",
            "official",
        ),
        ("The talks failed, a senior official who declined to be named said.", None, "anonymous"),
        ("The talks failed, according to a statement.", "a statement", "document"),
        ("The talks failed, according to documents seen by reporters.", None, "document"),
    ],
)
def test_kinds_from_cue_words(text: str, name: str | None, kind: str) -> None:
    found = find_attributions(parse(text))
    assert found, text
    if name is not None:
        assert by_name(found)[name].kind == kind
    else:
        assert {a.kind for a in found} == {kind}


def test_told_makes_the_receiving_outlet_the_origin() -> None:
    found = by_name(
        find_attributions(
            parse("The plan is ready, Ambassador Olga Ivanova told the Kyiv Courier newspaper.")
        )
    )
    assert found["Olga Ivanova"].kind == "official"
    assert found["Olga Ivanova"].through == "Kyiv Courier"
    assert found["Kyiv Courier"].cites == "Olga Ivanova"


def test_the_newspaper_resolves_to_the_last_named_outlet() -> None:
    items = parse(
        "The Daily Planet newspaper reported that taxes will rise. "
        "The newspaper said the rise would be small."
    )
    found = find_attributions(items)
    assert [a.name for a in found if a.sentence == 1] == ["Daily Planet"]


def test_a_name_takes_its_strong_kind_across_the_story() -> None:
    found = find_attributions(
        parse(
            "Taxes will rise, the Orbis Gazette newspaper reported.",
            "Orbis Gazette said taxes will rise.",
        )
    )
    assert {(a.article, a.kind) for a in found if a.name == "Orbis Gazette"} == {
        ("a0", "outlet"),
        ("a1", "outlet"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW (Reuters) - Taxes will rise next year, the ministry said.",
        "(Reuters) - Taxes will rise next year.",
        "Taxes will rise next year.\n- Reuters",
    ],
)
def test_wire_tags_are_agencies(text: str) -> None:
    found = [a for a in find_attributions(parse(text)) if a.via == "wire-tag"]
    assert [(a.name, a.kind) for a in found] == [("Reuters", "agency")]
    assert text[found[0].start : found[0].end] == "Reuters"


def test_no_wire_tag_in_plain_parentheses() -> None:
    found = find_attributions(parse("The International Criminal Court (ICC) issued a warrant."))
    assert not [a for a in found if a.via == "wire-tag"]


def test_negated_and_audience_are_not_origins() -> None:
    found = find_attributions(
        parse("The Kremlin did not confirm the visit. Journalists asked about it.")
    )
    assert found == []


def test_story_origins_merge_spellings_and_articles() -> None:
    found = find_attributions(
        parse(
            "Taxes will rise, finance minister Andrei Rudenko said, citing a diplomatic source.",
            "Minister Andrey Rudenko said taxes will rise, citing diplomatic sources.",
        )
    )
    origins = {o.name: o for o in story_origins(found)}
    rudenko = next(o for o in origins.values() if "Rudenko" in o.name)
    assert rudenko.kind == "official"
    assert set(rudenko.cited_by) == {"a0", "a1"}
    anonymous = [o for o in origins.values() if o.kind == "anonymous"]
    assert len(anonymous) == 1 and set(anonymous[0].cited_by) == {"a0", "a1"}
    assert set(anonymous[0].to_dict()) >= {"name", "kind", "cited_by"}


def test_sentence_origins_carry_the_primary_source_forward() -> None:
    text = (
        "A storm hit the coast. "
        "The Coastal Times newspaper reported that ten boats sank, citing a port official. "
        "Rescue teams were sent. "
        "Mayor Ana Silva said the port would reopen."
    )
    found = find_attributions(parse(text))
    assert sentence_origins(found, "a0", 0, own="Own Outlet") == ["Own Outlet"]
    assert sentence_origins(found, "a0", 1) == ["Coastal Times"]
    assert sentence_origins(found, "a0", 2) == ["Coastal Times"]
    assert sentence_origins(found, "a0", 3) == ["Ana Silva"]


def test_original_reporting_relies_on_its_own_outlet() -> None:
    found = find_attributions(parse("A storm hit the coast. Ten boats sank."))
    assert sentence_origins(found, "a0", 1, own="Own Outlet") == ["Own Outlet"]
    assert sentence_origins(found, "a0", 1) == ["a0"]


def test_seeds_every_article_relies_on_vedomosti(seeds_dir: Path) -> None:
    from storyline.api import clean_articles

    articles = list(clean_articles([str(seeds_dir)]).articles)
    found = find_attributions(parse_articles(articles))
    origins = {o.name: o for o in story_origins(found)}
    vedomosti = origins["Vedomosti"]
    assert vedomosti.kind == "outlet"
    assert set(vedomosti.cited_by) == {a.id for a in articles}
    anonymous = [o for o in origins.values() if o.kind == "anonymous" and "diplomatic" in o.name]
    assert anonymous and all(
        a.through == "Vedomosti" for a in found if a.kind == "anonymous" and "diplomatic" in a.name
    )
    assert origins["Dmitry Peskov"].kind == "official"
    for item in articles:
        relied = {
            n
            for s in item.sentences
            for n in sentence_origins(found, item.id, s.index, own=item.outlet)
        }
        assert "Vedomosti" in relied
