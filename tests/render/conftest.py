"""Fixtures of the renderer tests: the seed brief (built once per module)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.api import BriefRun, build_briefs


@pytest.fixture(scope="module")
def seeds_run(seeds_dir: Path) -> BriefRun:
    """The real brief of the five seed articles (one story); built once per test module."""
    run = build_briefs([str(seeds_dir)])
    assert len(run.briefs) == 1
    return run


@pytest.fixture
def seeds_brief(seeds_run: BriefRun) -> dict[str, Any]:
    """A fresh dict of the seed brief (tests may change it)."""
    return seeds_run.briefs[0].to_dict()
