"""`storyline brief` end to end: the brief contract, mechanically checked citations."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from builders import write_two_unrelated

from storyline.summarize import SCHEMA, check_citations

Runner = Callable[..., subprocess.CompletedProcess[bytes]]  # the `storyline` fixture


def test_seed_brief_follows_the_contract_and_every_citation_checks(
    storyline: Runner, seeds_dir: Path
) -> None:
    result = storyline("brief", str(seeds_dir), "--format", "json", "--words", "80")
    assert result.returncode == 0, result.stderr.decode()
    brief = json.loads(result.stdout)
    assert brief["schema"] == SCHEMA
    for key in ("facts", "unique_details", "conflicts", "quotes", "origins", "entities"):
        assert key in brief
    stories = json.loads(storyline("stories", str(seeds_dir)).stdout)["stories"]
    assert brief["story_id"] == stories[0]["id"]
    cleaned = storyline("clean", str(seeds_dir), "--format", "json").stdout.decode()
    by_path = {r["source_path"]: r["text"] for r in map(json.loads, cleaned.splitlines())}
    texts = {a["id"]: by_path[a["source_path"]] for a in brief["articles"]}
    assert brief["summary"] and check_citations(brief, texts) == []
    assert sum(len(s["text"].split()) for s in brief["summary"]) <= 80
    assert brief["conflicts"] == []
    top = brief["facts"][0]
    assert (len(top["articles"]), top["outlets"], top["unknown_outlet_articles"]) == (5, 3, 2)
    assert top["independent_origins"] == 1


def test_one_story_keeps_unrelated_inputs_together_and_bad_words_is_a_usage_error(
    storyline: Runner, tmp_path: Path
) -> None:
    write_two_unrelated(tmp_path)
    apart = json.loads(storyline("brief", str(tmp_path)).stdout)
    assert isinstance(apart, list) and len(apart) == 2
    together = storyline("brief", str(tmp_path), "--one-story")
    assert together.returncode == 0
    brief = json.loads(together.stdout)
    assert len(brief["articles"]) == 2 and brief["conflicts"] == []
    assert {d["article"] for d in brief["unique_details"]} == {a["id"] for a in brief["articles"]}
    bad = storyline("brief", str(tmp_path), "--words", "0")
    assert bad.returncode == 2 and b"--words" in bad.stderr and b"Traceback" not in bad.stderr


def test_the_same_input_gives_a_byte_identical_brief_in_every_process(seeds_dir: Path) -> None:
    import os
    import shutil
    import sys

    exe = shutil.which("storyline", path=str(Path(sys.executable).parent)) or "storyline"
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [exe, "brief", str(seeds_dir), "--format", "json"],
            env=os.environ | {"PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=300,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
