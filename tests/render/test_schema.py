"""The JSON Schema of ``storyline/brief/v1`` accepts real briefs and rejects broken ones."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from storyline.api import BriefRun, build_briefs
from storyline.schemas import BRIEF_SCHEMA_FILE, brief_schema
from storyline.summarize import SCHEMA


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = brief_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(validator: Draft202012Validator, brief: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(brief)]


def test_schema_ships_with_the_package_and_names_the_contract() -> None:
    assert resources.files("storyline.schemas").joinpath(BRIEF_SCHEMA_FILE).is_file()
    schema = brief_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"] == {"const": SCHEMA}
    schema["required"].clear()  # a fresh copy each call
    assert "summary" in brief_schema()["required"]


def test_every_real_seed_brief_validates(
    seeds_run: BriefRun, validator: Draft202012Validator
) -> None:
    for brief in seeds_run.briefs:
        data = brief.to_dict()
        assert problems(validator, data) == []
        assert problems(validator, json.loads(json.dumps(data))) == []


def test_a_real_brief_with_a_conflict_validates(
    tmp_path: Path, validator: Draft202012Validator
) -> None:
    told = "A fire destroyed a furniture warehouse in Dunmore on Tuesday night. "
    when = "2024-03-05T22:00:00+00:00"
    records = [
        {"id": "a", "outlet": "Dunmore Herald", "published": when,
         "text": told + "Police said 12 people were killed in the blaze."},
        {"id": "b", "url": "https://news.example.co.uk/fire", "published": when,
         "text": told + "Police said 15 people were killed in the blaze."},
    ]  # fmt: skip
    path = tmp_path / "fire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    [brief] = build_briefs([str(path)], one_story=True).briefs
    data = brief.to_dict()
    assert [c["kind"] for c in data["conflicts"]] == ["contradiction"]
    assert [a["counted_outlet"] for a in data["articles"]] == ["Dunmore Herald", "example.co.uk"]
    assert problems(validator, data) == []


def _conflict(kind: str) -> dict[str, Any]:
    side = {"value": "6.5 magnitude", "articles": ["a1"], "text": "..."}
    return {"kind": kind, "about": "magnitude", "sides": [side, side | {"value": "8.8"}]}


def drop_summary(brief: dict[str, Any]) -> None:
    del brief["summary"]


def maybe_conflict(brief: dict[str, Any]) -> None:
    brief["conflicts"].append(_conflict("maybe"))


def string_start(brief: dict[str, Any]) -> None:
    citation = brief["summary"][0]["citations"][0]
    citation["start"] = str(citation["start"])


def blog_origin(brief: dict[str, Any]) -> None:
    brief["origins"][0]["kind"] = "blog"


def rumoured_event(brief: dict[str, Any]) -> None:
    brief["timeline"][0]["status"] = "rumoured"


def other_schema(brief: dict[str, Any]) -> None:
    brief["schema"] = "storyline/brief/v2"


def null_story_id(brief: dict[str, Any]) -> None:
    brief["story_id"] = None


BREAKERS = (
    drop_summary,
    maybe_conflict,
    string_start,
    blog_origin,
    rumoured_event,
    other_schema,
    null_story_id,
)


@pytest.mark.parametrize("breaks", BREAKERS, ids=lambda f: f.__name__)
def test_a_broken_brief_fails(
    breaks: Callable[[dict[str, Any]], None],
    seeds_brief: dict[str, Any],
    validator: Draft202012Validator,
) -> None:
    broken = copy.deepcopy(seeds_brief)
    breaks(broken)
    assert problems(validator, broken)


def test_added_fields_and_nulls_where_the_contract_allows_them_pass(
    seeds_brief: dict[str, Any], validator: Draft202012Validator
) -> None:
    seeds_brief["generated_by"] = "a later version"  # the contract: add fields freely
    seeds_brief["headline"] = None
    seeds_brief["conflicts"].append(_conflict("refinement"))
    seeds_brief["timeline"][0] |= {"date": None, "precision": None}
    assert problems(validator, seeds_brief) == []


def test_seed_brief_articles_carry_their_attributions(seeds_brief: dict[str, Any]) -> None:
    """The ``attributions`` contract per article (issue 16): spans, kind, relay."""
    kinds = {"person", "official", "organisation", "outlet", "agency", "document"}
    kinds |= {"anonymous", "unknown"}
    relayed = []
    for article in seeds_brief["articles"]:
        assert article["attributions"], article["id"]
        for att in article["attributions"]:
            assert att["kind"] in kinds
            for part in ("source", "cue"):
                assert att[part]["start"] < att[part]["end"]
            assert att["content"]["start"] < att["content"]["end"]
            if att["through"] is not None:
                relayed.append((att["name"], att["through"]))
    assert any(through == "Vedomosti" for _, through in relayed)
