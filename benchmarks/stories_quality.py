"""Story and topic clustering quality, end to end (``build_stories``), on ECB+ and MultiLing.

    .venv/bin/python benchmarks/stories_quality.py [--incremental] [--corpus ecbplus|multiling]

Prints BCubed precision, recall, F1 and ARI per corpus, level (story, topic) and part
(ECB+: all, tune topics 1-22, held-out topics 23-45). The same scores are gated by
tests/eval/test_stories_gate.py against the floors in tests/eval/eval_baseline.json.
"""

from __future__ import annotations

import argparse

from storyline.evaluation.stories import score_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incremental", action="store_true", help="feed articles as a stream")
    parser.add_argument("--corpus", choices=("ecbplus", "multiling"), action="append")
    args = parser.parse_args()
    print(
        f"{'corpus':10} {'level':6} {'part':9} {'docs':>5} {'gold':>5} {'found':>5} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'ARI':>6} {'s':>6}"
    )
    for corpus in args.corpus or ("ecbplus", "multiling"):
        for s in score_corpus(corpus, incremental=args.incremental):
            print(
                f"{s.corpus:10} {s.level:6} {s.part:9} {s.documents:5} {s.gold_stories:5} "
                f"{s.stories:5} {s.bcubed_p:6.3f} {s.bcubed_r:6.3f} {s.bcubed_f1:6.3f} "
                f"{s.ari:6.3f} {s.seconds:6.1f}"
            )


if __name__ == "__main__":
    main()
