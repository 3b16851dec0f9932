"""Quality gate: quotes and their speakers on PolNeAR dev (fetched data, git-ignored;
issue 16, point 3).

PolNeAR is not in ../shared: copy the train and dev splits of
github.com/networkdynamics/PolNeAR into data/polnear/ (or STORYLINE_POLNEAR); without
them the gate skips and says so. Rules were written from train failures only; dev is
reported here against floors in eval_baseline.json, and the baseline of the same run
(nearest PERSON named before the quote) must stay far behind on speakers.
"""

from __future__ import annotations

import pytest

from storyline.evaluation.polnear import polnear_missing
from storyline.evaluation.polnear_run import score_quote_split

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_quotes_on_polnear_dev(baseline: dict[str, float]) -> None:
    if (missing := polnear_missing("dev")) is not None:
        pytest.skip(missing)
    ours, base = score_quote_split("dev")
    figures = ours.figures()
    assert figures["speaker_accuracy"] >= baseline["quotes_polnear_dev_speaker_accuracy"]
    assert figures["quote_recall"] >= baseline["quotes_polnear_dev_quote_recall"]
    assert figures["quote_precision"] >= baseline["quotes_polnear_dev_quote_precision"]
    given = figures["unattributed_given"]
    assert given <= baseline["quotes_polnear_dev_unattributed_speaker_max"]
    assert figures["speaker_accuracy"] > base.figures()["speaker_accuracy"] + 0.2
