"""Languages are explicit (issue 18, row 14): a story the analysis cannot read gets a
brief that says so, in the JSON and on stderr, never an empty brief with exit 0."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import hostile_builders as crafted
from builders import article
from fastapi.testclient import TestClient
from hostile_builders import Cli

from storyline.languages import ANALYSIS_LANGUAGES, STAGES, story_language
from storyline.store import open_store
from storyline.web import create_app

REPO = Path(__file__).resolve().parents[2]


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "ru.txt").write_text(crafted.russian_article(), encoding="utf-8")
    (folder / "ar.txt").write_text(crafted.arabic_article(), encoding="utf-8")
    (folder / "zh.txt").write_text(crafted.chinese_article(), encoding="utf-8")
    english = crafted.article(random.Random(3), crafted.TOPICS[1])
    (folder / "en.txt").write_text(english, encoding="utf-8")
    return folder


def test_briefs_of_unsupported_languages_say_they_were_not_analysed(
    cli: Cli, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "in")
    ran = cli("brief", str(inputs))
    briefs = {b["language"]: b for b in json.loads(ran.out)}
    assert set(briefs) == {"ru", "ar", "zh", "en"}
    for language in ("ru", "ar", "zh"):
        brief = briefs[language]
        assert brief["analysis"] == "unsupported-language"
        assert brief["summary"] == [] and brief["facts"] == []
        assert len(brief["articles"]) == 1 and brief["headline"]
        note = f"storyline: note: story {brief['story_id']}: not analysed: its 1 article is in "
        assert ran.err.count(note + language) == 1
    assert briefs["en"]["analysis"] == "complete" and briefs["en"]["summary"]
    assert "4 briefs (3 not analysed: unsupported language)" in ran.err
    assert ran.code == 3  # a stage was skipped on some inputs


def test_ingest_stores_and_shows_an_unanalysed_story(cli: Cli, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    (inputs / "en.txt").unlink()
    (inputs / "zh.txt").unlink()
    db = tmp_path / "s.db"
    ran = cli("ingest", str(inputs), "--db", str(db))
    assert ran.code == 3 and ran.err.count("not analysed") == 2
    with open_store(db) as store:
        briefs = [store.brief(s["id"]) or {} for s in store.stories()]
    (russian,) = (b["story_id"] for b in briefs if b.get("language") == "ru")
    with TestClient(create_app(db)) as client:
        assert client.get(f"/api/stories/{russian}").json()["analysis"] == "unsupported-language"
        page = client.get(f"/stories/{russian}").text
    assert 'data-analysis="unsupported-language"' in page
    assert "this story is in ru" in page


def test_every_stage_states_its_languages_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Languages", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", section, flags=re.M))
    assert rows == STAGES
    assert all(f"`{code}`" in section for code in ANALYSIS_LANGUAGES)


def test_a_story_language_is_its_articles_majority() -> None:
    made = [article(f"a{i}", "Text.") for i in range(3)]
    tagged = [replace(a, language=code) for a, code in zip(made, ("ru", "en", "ru"), strict=True)]
    assert story_language(tagged) == "ru"
    assert story_language(tagged[:2]) == "en"  # a tie goes to the first code
    assert story_language(made) is None
