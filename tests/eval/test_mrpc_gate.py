"""Quality gate: the same-fact decision on the MRPC test split (fetched data, git-ignored).

MRPC is not in ../shared: put msr_paraphrase_train.txt and msr_paraphrase_test.txt in
data/mrpc/ (or STORYLINE_MRPC). Without them the gate skips and says so. It fails when
the decision's test precision, or the score's recall at precision 0.90, falls below its
floor in eval_baseline.json (constants were chosen on train only).
"""

from __future__ import annotations

import pytest

from storyline.evaluation.mrpc import (
    mrpc_available,
    mrpc_dir,
    prf,
    recall_at_precision,
    score_split,
)

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_same_fact_decision_on_mrpc_test(baseline: dict[str, float]) -> None:
    if not mrpc_available():
        pytest.skip(
            f"MRPC not found in {mrpc_dir()}: fetch msr_paraphrase_train.txt and "
            "msr_paraphrase_test.txt into data/mrpc/ (see storyline/evaluation/mrpc.py)"
        )
    test = score_split("test")
    decided = prf(test.decisions(), test.labels)
    assert decided.precision >= baseline["mrpc_test_precision"]
    at_090 = recall_at_precision(test.scores(), test.labels, 0.90)
    assert at_090 >= baseline["mrpc_test_recall_at_p090"]
