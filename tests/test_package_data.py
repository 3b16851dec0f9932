"""Every data file the package reads at run time is declared as package data, so a
built wheel carries it (a model or template left out works from a checkout only)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"


def test_every_data_file_in_the_package_is_declared_package_data() -> None:
    config = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["storyline"]
    data = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert "analyze/cue_model.json" in data and "clean/line_model.json" in data
    missing = [p for p in data if not any(fnmatch.fnmatch(p, g) for g in patterns)]
    assert missing == []
