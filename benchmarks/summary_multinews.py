"""ROUGE recall at 100 words on Multi-News validation clusters, beside LexRank and TextRank.

The newswire summary setting of DUC 2004 (several articles on one event, a 100-word
summary scored by ROUGE recall) on Multi-News validation clusters of 4+ articles with
their human summary (``storyline.evaluation.summary_multinews``): a seeded sample of the
``tune`` half (the summarizer's constants were chosen on it) and of the ``held-out`` half,
each system cut to the same word cap and scored by the same scorer in the same run
(``rouge-score``, Porter stemming, recall; ``--measure f`` for F).

    .venv/bin/python benchmarks/summary_multinews.py                 # 50 + 50 clusters
    .venv/bin/python benchmarks/summary_multinews.py --size 20 --only storyline
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.evaluation.summaries import Topic

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    from storyline.evaluation.summaries import score_systems, storyline_summary, sumy_summary
    from storyline.evaluation.summary_multinews import multinews_topics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50, help="clusters per half (50)")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--measure", choices=("recall", "f"), default="recall")
    parser.add_argument("--parts", default="tune,held-out")
    parser.add_argument("--only", choices=["storyline"], help="score storyline alone")
    args = parser.parse_args()
    words: int = args.words
    systems: dict[str, Callable[[Topic], str]] = {
        "storyline": lambda topic: storyline_summary(topic, words=words),
    }
    if args.only is None:
        systems["LexRank (sumy)"] = lambda t: sumy_summary(t.bodies, "lexrank", words)
        systems["TextRank (sumy)"] = lambda t: sumy_summary(t.bodies, "textrank", words)
    print(f"Multi-News validation, clusters of 4+ articles, {words} words, ROUGE {args.measure}")
    print(f"{'part':<9} {'system':<16} {'R-1':>7} {'R-2':>7} {'words':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for part in args.parts.split(","):
            topics = multinews_topics(args.size, part, Path(folder) / part)
            scores = score_systems(systems, topics, words=words, measure=args.measure)
            for s in scores:
                print(
                    f"{part:<9} {s.system:<16} {100 * s.rouge1:7.2f} {100 * s.rouge2:7.2f} "
                    f"{s.mean_words:6.1f}"
                )


if __name__ == "__main__":
    main()
