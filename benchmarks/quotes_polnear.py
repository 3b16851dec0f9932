"""Quotes and their speakers on PolNeAR dev, beside a baseline (issue 16, point 3).

Needs PolNeAR's train/dev splits in data/polnear/ (git-ignored; see
storyline.evaluation.polnear). Rules were written looking at train failures only; dev is
only reported here. The test split is never read.

    .venv/bin/python benchmarks/quotes_polnear.py                  # dev, table
    .venv/bin/python benchmarks/quotes_polnear.py --json           # dev, figures as JSON
    .venv/bin/python benchmarks/quotes_polnear.py --split train --wrong 40

A gold quote is a quoted run of at least three words inside an annotated attribution's
content; its speaker is that attribution's source (storyline.evaluation.quotes). The
baseline, in the same run: every quoted run of two words or more, said by the nearest
PERSON entity before it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROWS = (
    ("quote recall", "quote_recall"),
    ("quote precision", "quote_precision"),
    ("quote F1", "quote_f1"),
    ("speaker accuracy", "speaker_accuracy"),
    ("  of quotes found", "speaker_accuracy_found"),
    ("pronoun: found", "pronoun_found"),
    ("pronoun: speaker", "pronoun_given"),
    ("no source: spkr", "sourceless_given"),
    ("unattr.: spkr", "unattributed_given"),
)


def main() -> None:
    from storyline.evaluation.polnear import SPLITS, polnear_missing
    from storyline.evaluation.polnear_run import score_quote_split

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--wrong", type=int, default=0, help="list this many wrong speakers")
    args = parser.parse_args()
    if (missing := polnear_missing(args.split)) is not None:
        sys.exit(missing)
    start = time.perf_counter()
    ours, baseline = score_quote_split(args.split)
    a, b = ours.figures(), baseline.figures()
    if args.json:
        print(json.dumps({"storyline": a, "baseline": b}, indent=1))
        return
    print(
        f"PolNeAR {args.split}: {ours.gold} gold quotes ({ours.named} named sources, "
        f"{ours.pronoun} pronouns, {ours.sourceless} found without a source); "
        f"{ours.unattributed} quoted runs outside any annotated content"
    )
    print(f"{'':18} {'storyline':>10} {'baseline':>10}")
    for label, name in ROWS:
        print(f"{label:18} {a[name]:>10.3f} {b[name]:>10.3f}")
    print(f"shown quotes       {ours.shown:>10} {baseline.shown:>10}")
    for name, quote, source, speaker in ours.wrong[: args.wrong]:
        print(f"  {name}: {quote!r}\n      gold {source!r}, shown {speaker!r}")
    print(f"run {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
