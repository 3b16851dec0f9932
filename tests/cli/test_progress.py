"""Progress for long runs: the library calls back per article read and per brief; the
CLI draws it on a terminal only (piped stderr stays as scripts read it)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from storyline.api import build_briefs, build_stories
from storyline.cli.progress import terminal_progress


def test_runs_report_their_progress(seeds_dir: Path) -> None:
    seen: list[tuple[str, int, int | None]] = []
    run = build_briefs([str(seeds_dir)], progress=lambda *call: seen.append(call))
    reads = [done for stage, done, _ in seen if stage == "read"]
    assert reads == list(range(1, len(reads) + 1)) and reads[-1] == 5
    briefs = [(done, total) for stage, done, total in seen if stage == "briefs"]
    assert briefs[0] == (0, len(run.briefs)) and briefs[-1] == (len(run.briefs),) * 2
    seen.clear()
    build_stories([str(seeds_dir)], progress=lambda *call: seen.append(call))
    assert [c[1] for c in seen] == [1, 2, 3, 4, 5] and {c[0] for c in seen} == {"read"}


def test_nothing_is_drawn_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with terminal_progress("brief") as progress:
        assert progress is None
    assert sys.stderr.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_transient_line(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with terminal_progress("brief") as progress:
        assert progress is not None
        progress("read", 3, None)
        progress("briefs", 1, 2)
    assert "storyline brief: 1/2 briefs built" in terminal.getvalue()
