"""``python -m storyline`` runs the command, and ``--debug`` works before or after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storyline import __version__
from storyline.cli import main
from storyline.store import StoreError


def test_python_dash_m_storyline() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == f"storyline {__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        ["--debug", "store", "check", "--db", "{db}"],
        ["store", "check", "--debug", "--db", "{db}"],
        ["store", "--debug", "check", "--db", "{db}"],
    ],
)
def test_debug_shows_the_traceback_wherever_it_is_given(tmp_path: Path, argv: list[str]) -> None:
    missing = str(tmp_path / "missing.db")
    with pytest.raises(StoreError, match="no storyline database"):
        main([part.format(db=missing) for part in argv])


def test_without_debug_an_error_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["store", "check", "--db", str(tmp_path / "missing.db")]) == 4
    assert capsys.readouterr().err.count("\n") == 1
