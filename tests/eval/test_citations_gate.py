"""Quality gate: citation precision of real briefs on the judged set (tuned part only).

The briefs of the tuned part of benchmarks/citations_judged.jsonl (the seeds, MultiLing
M000-M004, ECB+ topics 1-6) are built with the current code; each (line, cited sentence)
pair is looked up among the hand labels. The gate fails when the strict precision of
summary citations or of fact mentions falls below its floor in eval_baseline.json, or
when fewer than ``citations_labelled_share`` of the pairs have a label (a change that
makes new pairs must have them judged: benchmarks/citations_judged.py --unlabelled).
The held-out part is reported by the benchmark, never gated.
"""

from __future__ import annotations

import pytest

from storyline.evaluation.citations import (
    CitedPair,
    cited_pairs,
    judged_stories,
    labels_path,
    load_labels,
    precision,
)
from storyline.evaluation.datasets import ecbplus_dir, multiling_dir

pytestmark = [pytest.mark.eval, pytest.mark.slow]


@pytest.fixture(scope="module")
def pairs() -> list[CitedPair]:
    for folder in (multiling_dir(), ecbplus_dir()):
        if not folder.is_dir():
            pytest.skip(f"evaluation data not found in {folder}")
    return [p for story in judged_stories(["tuned"]) for p in cited_pairs(story)]


@pytest.mark.parametrize("kind", ["summary", "mention"])
def test_citations_state_what_they_back(
    pairs: list[CitedPair], baseline: dict[str, float], kind: str
) -> None:
    score = precision([p for p in pairs if p.kind == kind], load_labels(labels_path()))
    assert score.pairs > 0
    share = score.labelled / score.pairs
    assert share >= baseline["citations_labelled_share"], (
        f"{score.pairs - score.labelled} {kind} pairs have no label: judge them "
        "(benchmarks/citations_judged.py --unlabelled FILE)"
    )
    floor = baseline[f"citations_{kind}_precision"]
    assert score.strict >= floor, f"{kind} citation precision {score.strict:.3f} < {floor}"
