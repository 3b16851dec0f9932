"""`storyline clean` end to end, as a user runs it: the installed command in a subprocess."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

Runner = Callable[..., subprocess.CompletedProcess[bytes]]  # the `storyline` fixture

CONTRACT = {
    "source_path", "title", "text", "published", "updated", "outlet", "byline",
    "dateline", "language", "removed", "sentences",
}  # fmt: skip


def test_clean_seeds_json_contract(storyline: Runner, seeds_dir: Path) -> None:
    result = storyline("clean", str(seeds_dir), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 5
    for line in lines:
        article = json.loads(line)
        assert article.keys() >= CONTRACT
        assert article["source_path"].startswith(str(seeds_dir))
        for sentence in article["sentences"]:
            assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        for piece in article["removed"]:
            assert set(piece) == {"text", "reason"}
    assert b"5 articles" in result.stderr


def test_bad_inputs_reported_and_batch_goes_on(
    storyline: Runner, tmp_path: Path, seeds_dir: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "A first article that has enough words to be kept by the cleaner."}\n'
        "this line is not json\n",
        encoding="utf-8",
    )
    good = next(iter(sorted(seeds_dir.glob("*.txt"))))
    missing = tmp_path / "nope.txt"
    result = storyline("clean", str(good), str(tmp_path), str(missing))
    assert result.returncode == 3
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert f"{tmp_path / 'empty.txt'}" in err
    assert f"{tmp_path / 'binary.txt'}" in err
    assert f"{tmp_path / 'lines.jsonl'}:2" in err
    assert str(missing) in err
    assert len(result.stdout.decode().splitlines()) == 2  # the seed and the good JSON line
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("storyline: 2 articles; skipped 4")


def test_stdin_and_text_format(storyline: Runner, seeds_dir: Path) -> None:
    data = sorted(seeds_dir.glob("*.txt"))[3].read_bytes()
    result = storyline("clean", "-", "--format", "text", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.startswith("== <stdin>")
    assert "published: 2024-06-10T12:04:00+05:30" in out
    assert "[comments]" in out


def test_usage_error_exit_code(storyline: Runner) -> None:
    result = storyline("clean")
    assert result.returncode == 2
    result = storyline("clean", "x", "--format", "yaml")
    assert result.returncode == 2


def test_help_lists_settings(storyline: Runner) -> None:
    result = storyline("clean", "--help")
    assert result.returncode == 0
    assert b"--max-document-bytes" in result.stdout
