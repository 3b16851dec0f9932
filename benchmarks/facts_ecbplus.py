"""Fact alignment against ECB+ cross-document event coreference (see storyline.evaluation.facts).

Until issue 15 the threshold was chosen here on topics 1-11 (topics 12-45 held out); since
then the same-fact decision is fitted on MRPC train (benchmarks/mrpc_same_fact.py) and this
loose gold (any two sentences about one event) is reported, not tuned on.

    .venv/bin/python benchmarks/facts_ecbplus.py            # both parts, JSON
    .venv/bin/python benchmarks/facts_ecbplus.py --topics 1-11
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _range(text: str) -> range:
    low, _, high = text.partition("-")
    return range(int(low), int(high or low) + 1)


def main() -> None:
    from storyline.evaluation.facts import score_fact_alignment

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--topics", type=_range, nargs="*", default=[_range("1-11"), _range("12-45")]
    )
    args = parser.parse_args()
    for topics in args.topics:
        start = time.perf_counter()
        score = score_fact_alignment(topics=topics)
        row = {"topics": f"{topics.start}-{topics.stop - 1}"} | dataclasses.asdict(score)
        row["seconds"] = round(time.perf_counter() - start, 1)
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}))


if __name__ == "__main__":
    main()
