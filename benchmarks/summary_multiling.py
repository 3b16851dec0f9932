"""ROUGE of multi-document summaries on MultiLing 2011 English (10 topics, 3 references each).

One run, one scorer (``storyline.evaluation.summaries.rouge_f``: rouge-score ROUGE-1/2 F,
Porter stemming, averaged over the 3 references), every system cut to the same word cap:

* **storyline**: ``build_briefs(topic files, one_story=True, words=N)``, the summary sentences;
* **ID1..ID10**: the pilot's submissions (ID9 centroid baseline, ID10 GA topline, which
  used the model summaries);
* **LexRank**, **TextRank**: sumy on the article bodies (headline and date lines left out).

The published figures (ROUGE-1.5.5, another tokenizer) are printed below for reference;
only the same-run rows compare like with like.

    .venv/bin/python benchmarks/summary_multiling.py
    .venv/bin/python benchmarks/summary_multiling.py --only storyline --words 250
    .venv/bin/python benchmarks/summary_multiling.py --json /tmp/summary_multiling.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.evaluation.summaries import Topic

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _saved(summaries: dict[str, str]) -> Callable[[Topic], str]:
    """A submitted system: its saved summary of the topic."""
    return lambda topic: summaries[topic.id]


def main() -> None:
    from storyline.evaluation.summaries import (
        SUMMARY_WORDS,
        SystemScore,
        multiling_topics,
        peer_summaries,
        published_rouge,
        score_systems,
        storyline_summary,
        sumy_summary,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["storyline"], help="score storyline alone")
    parser.add_argument("--words", type=int, default=SUMMARY_WORDS, help="word cap (250)")
    parser.add_argument("--measure", choices=("f", "recall"), default="f", help="ROUGE F or recall")
    parser.add_argument("--json", type=Path, help="write every score, per topic too, as JSON")
    args = parser.parse_args()
    words: int = args.words

    start = time.perf_counter()
    topics = multiling_topics()
    systems: dict[str, Callable[[Topic], str]] = {
        "storyline": lambda topic: storyline_summary(topic, words=words),
    }
    if args.only is None:
        for label, summaries in peer_summaries().items():
            systems[label] = _saved(summaries)
        systems["LexRank (sumy)"] = lambda t: sumy_summary(t.bodies, "lexrank", words)
        systems["TextRank (sumy)"] = lambda t: sumy_summary(t.bodies, "textrank", words)
    scores = score_systems(systems, topics, words=words, measure=args.measure)
    total = time.perf_counter() - start

    ranked = sorted(scores, key=lambda s: (-s.rouge2, -s.rouge1))
    width = max(len(s.system) for s in ranked)
    print(f"MultiLing 2011 English, {len(topics)} topics, summaries cut to {words} words")
    m = "F" if args.measure == "f" else "rec"
    print(f"{'system':<{width}}  {'R-1 ' + m:>7}  {'R-2 ' + m:>7}  {'words':>6}")
    for s in ranked:
        print(f"{s.system:<{width}}  {s.rouge1:7.4f}  {s.rouge2:7.4f}  {s.mean_words:6.1f}")

    print()
    print("held-out topics M005-M009 alone:")
    for s in ranked:
        held = [t for t in s.topics if t.topic >= "M005"]
        r1 = sum(t.rouge1 for t in held) / len(held)
        r2 = sum(t.rouge2 for t in held) / len(held)
        print(f"{s.system:<{width}}  {r1:7.4f}  {r2:7.4f}")

    published = published_rouge()
    print()
    print("Published (ROUGE-1.5.5 -n 2 -f A, own tokenizer and stemming; not comparable")
    print("with the rows above, only same-run comparisons count):")
    for label, (r1, r2) in sorted(published.items(), key=lambda item: -item[1][1]):
        print(f"  {label:<22}  R-1 F {r1:.4f}  R-2 F {r2:.4f}")

    story: SystemScore = next(s for s in scores if s.system == "storyline")
    print()
    print(
        f"storyline: median {story.median_seconds:.2f} s per topic "
        f"({sum(t.seconds for t in story.topics):.1f} s for {len(story.topics)} topics); "
        f"whole run {total:.1f} s"
    )
    if args.json:
        report = {
            "words": words,
            "systems": [dataclasses.asdict(s) for s in ranked],
            "published": {
                label: {"rouge1": r1, "rouge2": r2} for label, (r1, r2) in published.items()
            },
            "storyline_median_seconds": story.median_seconds,
            "total_seconds": total,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
