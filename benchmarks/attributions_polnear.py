"""Attributions (source, cue, content) on PolNeAR dev, beside a baseline (issue 16).

Needs PolNeAR's train/dev splits in data/polnear/ (git-ignored; see
storyline.evaluation.polnear). The cue model and every constant were fitted on train
(benchmarks/train_cue_model.py); dev is only reported here. The test split is never read.

    .venv/bin/python benchmarks/attributions_polnear.py            # dev, table
    .venv/bin/python benchmarks/attributions_polnear.py --json     # dev, figures as JSON
    .venv/bin/python benchmarks/attributions_polnear.py --split train

The baseline, measured in the same run on the same parses: the subject of a reporting
verb (its clausal complement, else the rest of its sentence, is the content) and the
object of "according to". Figures (storyline.evaluation.attributions): source P/R/F1 with
an exact span and with at least half the longer span's tokens shared (a prediction counts
only when its content shares a token with the annotated content), cue F1, content token
F1, and the false-attribution rate: the share of sentences with no annotated attribution
in which a prediction with a source has its cue or content.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROWS = (
    ("source exact", "source_exact"),
    ("source overlap", "source_overlap"),
    ("cue", "cue"),
    ("content tokens", "content"),
)


def main() -> None:
    from storyline.evaluation.polnear import SPLITS, polnear_missing
    from storyline.evaluation.polnear_run import score_split

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if (missing := polnear_missing(args.split)) is not None:
        sys.exit(missing)
    start = time.perf_counter()
    ours, baseline, seconds = score_split(args.split)
    if args.json:
        print(json.dumps({"storyline": ours.figures(), "baseline": baseline.figures()}, indent=1))
        return
    print(f"PolNeAR {args.split}: {ours.source_overlap.gold} annotated sources")
    print(f"{'':16} {'storyline P/R/F1':>24} {'baseline P/R/F1':>24}")
    for label, name in ROWS:
        a, b = getattr(ours, name), getattr(baseline, name)
        print(f"{label:16} {_prf(a):>24} {_prf(b):>24}")
    rate, base_rate = ours.false_attribution_rate, baseline.false_attribution_rate
    print(f"{'false-attr. rate':16} {rate:>24.3f} {base_rate:>24.3f}")
    print(f"({ours.quiet_sentences} sentences without an annotated attribution)")
    print(f"attribution time {seconds:.1f} s; run {time.perf_counter() - start:.0f} s")


def _prf(tally: object) -> str:
    p, r, f = (getattr(tally, k) for k in ("precision", "recall", "f1"))
    return f"{p:.3f} / {r:.3f} / {f:.3f}"


if __name__ == "__main__":
    main()
