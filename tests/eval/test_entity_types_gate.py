"""Quality gate: entity types (person, organisation, place) against ECB+ held-out topics.

Each storyline entity aligned to gold ECB+ entity mentions of topics 23-45 is scored by
whether its type family is the majority gold tag's (see
:mod:`storyline.evaluation.entity_types`; the context votes were chosen on topics 1-22).
Fails below ``entities_ecbplus_heldout_type_accuracy``. benchmarks/entities_ecbplus.py
prints the same score, the tuning split and the spaCy-only baseline.
"""

from __future__ import annotations

import pytest

from storyline.evaluation.datasets import ecbplus_dir
from storyline.evaluation.entity_types import score_entity_types

pytestmark = pytest.mark.eval


def test_ecbplus_heldout_entity_types_are_above_their_floor(baseline: dict[str, float]) -> None:
    if not (ecbplus_dir() / "ECBplus_coreference_sentences.csv").is_file():
        pytest.skip(f"ECB+ not found at {ecbplus_dir()}")
    errors: list[str] = []
    score = score_entity_types("held-out", examples=errors)
    assert score.entities > 300, score
    floor = baseline["entities_ecbplus_heldout_type_accuracy"]
    assert score.storyline_accuracy >= floor, (score.to_dict(), errors[:20])
