"""Quality gate: attributions on PolNeAR dev (fetched data, git-ignored; issue 16).

PolNeAR is not in ../shared: copy the train and dev splits of
github.com/networkdynamics/PolNeAR into data/polnear/ (or STORYLINE_POLNEAR); without
them the gate skips and says so. The cue model and every constant were fitted on train
only; dev is reported here against floors in eval_baseline.json, and the baseline of the
same run (subject of a reporting verb, object of "according to") must stay behind.
"""

from __future__ import annotations

import pytest

from storyline.evaluation.polnear import polnear_missing
from storyline.evaluation.polnear_run import score_split

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_attributions_on_polnear_dev(baseline: dict[str, float]) -> None:
    if (missing := polnear_missing("dev")) is not None:
        pytest.skip(missing)
    ours, base, _ = score_split("dev")
    figures = ours.figures()
    assert figures["source_overlap_f1"] >= baseline["attributions_polnear_dev_source_overlap_f1"]
    assert figures["source_exact_f1"] >= baseline["attributions_polnear_dev_source_exact_f1"]
    assert figures["cue_f1"] >= baseline["attributions_polnear_dev_cue_f1"]
    assert figures["content_f1"] >= baseline["attributions_polnear_dev_content_f1"]
    rate = figures["false_attribution_rate"]
    assert rate <= baseline["attributions_polnear_dev_false_rate_max"]
    assert figures["source_overlap_f1"] > base.figures()["source_overlap_f1"]
