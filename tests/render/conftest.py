"""Fixtures of the renderer tests: the seed brief (built once per module) and real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.api import BriefRun, build_briefs
from storyline.evaluation.datasets import multiling_dir


@pytest.fixture(scope="module")
def seeds_run(seeds_dir: Path) -> BriefRun:
    """The real brief of the five seed articles (one story); built once per test module."""
    run = build_briefs([str(seeds_dir)])
    assert len(run.briefs) == 1
    return run


@pytest.fixture(scope="session")
def chile_reports() -> list[str]:
    """Two MultiLing 2011 reports of the 2010 Chile earthquake whose figures differ."""
    folder = multiling_dir() / "data" / "SourceTexts"
    paths = [folder / "M0050.english", folder / "M0054.english"]
    if not all(path.is_file() for path in paths):
        pytest.skip(f"MultiLing 2011 source texts not found in {folder}")
    return [str(path) for path in paths]


@pytest.fixture
def seeds_brief(seeds_run: BriefRun) -> dict[str, Any]:
    """A fresh dict of the seed brief (tests may change it)."""
    return seeds_run.briefs[0].to_dict()
