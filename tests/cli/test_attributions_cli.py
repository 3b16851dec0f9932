"""`storyline attributions` end to end: the installed command in a subprocess (issue 16)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

Runner = Callable[..., subprocess.CompletedProcess[bytes]]  # the `storyline` fixture

CONTRACT = {"sentence", "source", "cue", "content", "kind", "through"}
KINDS = {
    "person", "official", "organisation", "outlet", "agency", "document", "anonymous", "unknown",
}  # fmt: skip


def test_seeds_json_lines_slice_the_cleaned_text(storyline: Runner, seeds_dir: Path) -> None:
    result = storyline("attributions", str(seeds_dir))
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    cleaned = storyline("clean", str(seeds_dir))
    texts = {a["source_path"]: a["text"] for a in map(json.loads, cleaned.stdout.splitlines())}
    assert len(lines) == 5 and {line["source_path"] for line in lines} == set(texts)
    named = set()
    for line in lines:
        assert set(line) == {"id", "source_path", "attributions"}
        text = texts[line["source_path"]]
        assert line["attributions"], line["source_path"]
        for att in line["attributions"]:
            assert set(att) >= CONTRACT and att["kind"] in KINDS
            for part in ("source", "cue"):
                assert text[att[part]["start"] : att[part]["end"]] == att[part]["text"]
            assert 0 <= att["content"]["start"] < att["content"]["end"] <= len(text)
            named.add(att.get("name"))
    assert {"Vedomosti", "Dmitry Peskov"} <= named


def test_text_format_and_an_article_with_none(storyline: Runner, tmp_path: Path) -> None:
    (tmp_path / "quiet.txt").write_text(
        "A storm hit the coast of Kelvaro on Monday.\n\nTen boats sank in the harbour.\n",
        encoding="utf-8",
    )
    (tmp_path / "said.txt").write_text(
        "Ten boats sank in the harbour of Kelvaro on Monday, the harbour master said.\n",
        encoding="utf-8",
    )
    result = storyline("attributions", str(tmp_path), "--format", "text")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "quiet.txt" in out and "0 attributions" in out
    assert "the harbour master" in out and "'said'" in out
