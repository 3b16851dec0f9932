"""Shared fixtures of the quality gates: the labelled data in ../shared/eval and the floors.

Every fixture that needs data skips, with the path it looked in, when the data is absent,
so the suite passes on a checkout without ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.extraction import (
    GroundTruthItem,
    benchmark_dir,
    load_ground_truth,
    load_html,
)

BASELINE_PATH = Path(__file__).with_name("eval_baseline.json")


@pytest.fixture(scope="session")
def baseline() -> dict[str, float]:
    """The pinned floors: metric name -> minimum value (the ``_doc`` key left out)."""
    raw = json.loads(BASELINE_PATH.read_text(encoding="utf-8"))
    return {key: float(value) for key, value in raw.items() if not key.startswith("_")}


@pytest.fixture(scope="session")
def extraction_dir() -> Path:
    """The article-extraction benchmark folder; skips when it is not there."""
    directory = benchmark_dir()
    if not (directory / "ground-truth.json").is_file():
        pytest.skip(
            f"article-extraction benchmark not found in {directory}; "
            "put the shared data beside the repo or set STORYLINE_SHARED"
        )
    return directory


@pytest.fixture(scope="session")
def ground_truth(extraction_dir: Path) -> dict[str, GroundTruthItem]:
    return load_ground_truth(extraction_dir)


@pytest.fixture(scope="session")
def pages(extraction_dir: Path, ground_truth: dict[str, GroundTruthItem]) -> dict[str, str]:
    """Decoded HTML of every benchmark page, by document id."""
    return {doc_id: load_html(doc_id, extraction_dir) for doc_id in ground_truth}
