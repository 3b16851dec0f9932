"""`storyline stories` end to end, as a user runs it: the installed command in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

Runner = Callable[..., subprocess.CompletedProcess[bytes]]  # the `storyline` fixture


def stories_of(result_stdout: bytes) -> list[dict]:
    data = json.loads(result_stdout)
    stories: list[dict] = data["stories"]
    return stories


def test_seeds_are_one_story(storyline: Runner, seeds_dir: Path) -> None:
    result = storyline("stories", str(seeds_dir), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    stories = stories_of(result.stdout)
    assert len(stories) == 1
    [story] = stories
    assert story["id"].startswith("s") and len(story["articles"]) == 5
    assert story["topic"].startswith("t") and len(story["topic"]) == 13
    assert {Path(a["source_path"]).parent for a in story["articles"]} == {seeds_dir}
    assert b"5 articles; 1 story" in result.stderr
    again = storyline("stories", str(seeds_dir), "--format", "json")
    assert stories_of(again.stdout)[0]["id"] == story["id"]  # stable across runs


def test_duplicates_sit_with_their_canonical_and_every_article_appears_once(
    storyline: Runner, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(seeds_dir.iterdir())
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    shutil.copy(seeds[0], folder / "zz_copy.txt")  # an exact copy
    (folder / "other.txt").write_text(
        "Harbour workers in Kelvaro ended a nine-day strike on Friday.\n\n"
        "The Kelvaro port union accepted a 6 percent pay rise offered by the operator "
        "Tessan Shipping after talks led by mediator Orla Brennick.\n\n"
        "Container traffic through Kelvaro resumed on Saturday morning.\n",
        encoding="utf-8",
    )
    result = storyline("stories", str(folder))
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    ids = [a["id"] for s in data["stories"] for a in s["articles"]]
    assert len(ids) == len(set(ids)) == 7
    by_path = {
        Path(a["source_path"]).name: (s["id"], a) for s in data["stories"] for a in s["articles"]
    }
    story, copy = by_path["zz_copy.txt"]
    assert copy["duplicate_of"] == by_path[seeds[0].name][1]["id"]
    assert story == by_path[seeds[0].name][0]
    assert by_path["other.txt"][0] != story
    assert data["duplicates"][0]["kind"] == "exact"


def test_incremental_mode_gives_one_story_for_the_seeds(storyline: Runner, seeds_dir: Path) -> None:
    result = storyline("stories", str(seeds_dir), "--incremental", "--format", "text")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().count(" article(s) ") == 1


def test_empty_input_is_a_clear_message_and_exit_1(storyline: Runner, tmp_path: Path) -> None:
    result = storyline("stories", str(tmp_path))
    assert result.returncode == 1
    assert stories_of(result.stdout) == []
    assert b"0 articles" in result.stderr
    assert b"Traceback" not in result.stderr


def test_bad_setting_is_a_usage_error(storyline: Runner, seeds_dir: Path) -> None:
    result = storyline("stories", str(seeds_dir), "--story-threshold", "1.5")
    assert result.returncode == 2
    assert b"story_threshold" in result.stderr and b"Traceback" not in result.stderr


def test_wire_text_shared_by_two_seeds_is_a_syndication_link_in_both_modes(
    storyline: Runner, seeds_dir: Path
) -> None:
    found = []
    for mode in ((), ("--incremental",)):
        result = storyline("stories", str(seeds_dir), "--format", "json", *mode)
        assert result.returncode == 0, result.stderr.decode()
        data = json.loads(result.stdout)
        [story] = data["stories"]
        ids = {a["id"] for a in story["articles"]}
        links = data["syndication"]
        assert data["summary"]["syndication"] == len(links) >= 1
        for link in links:
            assert {link["a"], link["b"]} <= ids and link["a"] < link["b"]
            assert link["shared_chars"] >= 200 and 0 < link["share_a"] <= 1
        found.append(links)
    assert found[0] == found[1]  # incremental finds what batch finds
