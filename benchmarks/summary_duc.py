"""ROUGE recall at 100 words on DUC 2007 (update task, set A) and DUC 2006, ranked among the
participants' own summaries, beside LexRank and TextRank, all in one run.

The newswire setting of the DUC 2004 generic task (about ten AP/NYT/Xinhua articles on one
event, a 100-word summary, ROUGE recall): ``storyline.evaluation.summary_duc`` reads the
fetched (git-ignored) DUC 2006/2007 data. Every system, the participants' saved summaries
included, is cut to the same word cap and scored by the same scorer (``rouge-score``,
Porter stemming) against the same human summaries. DUC 2006's summaries are 250 words; they
are cut to 100 here, its human summaries are not. DUC 2007-A is held out; DUC 2006 is split
into ``tune`` (D0601-D0625) and ``held-out`` (D0626-D0650).

    .venv/bin/python benchmarks/summary_duc.py                       # ~10 min
    .venv/bin/python benchmarks/summary_duc.py --sets duc2007-a --only storyline
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
    from storyline.evaluation.summary_duc import DucTopic, duc_topics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="duc2007-a,duc2006")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--measure", choices=("recall", "f"), default="recall")
    parser.add_argument("--only", choices=["storyline"], help="score storyline alone")
    args = parser.parse_args()
    words: int = args.words
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sets.split(","):
            topics = duc_topics(name, Path(folder) / name)
            for part in sorted({t.part for t in topics}, reverse=True):
                chosen = [t for t in topics if t.part == part]
                systems: dict[str, Callable[[Topic], str]] = {
                    "storyline": lambda t: storyline_summary(t, words=words),
                }
                if args.only is None:
                    systems["LexRank (sumy)"] = lambda t: sumy_summary(t.bodies, "lexrank", words)
                    systems["TextRank (sumy)"] = lambda t: sumy_summary(t.bodies, "textrank", words)
                    peers = sorted({p for t in chosen for p in t.peers}, key=int)
                    for peer in peers:
                        systems[f"peer {peer}"] = lambda t, p=peer: (
                            t.peers.get(p, "") if isinstance(t, DucTopic) else ""
                        )
                scores = score_systems(systems, chosen, words=words, measure=args.measure)
                peer_rows = [s for s in scores if s.system.startswith("peer ")]
                print(
                    f"\n{name} {part}: {len(chosen)} topics, {words} words, "
                    f"ROUGE {args.measure}, {len(peer_rows)} participants"
                )
                print(f"{'system':<16} {'R-1':>7} {'R-2':>7} {'words':>6}")
                for s in sorted(scores, key=lambda s: -s.rouge2):
                    print(
                        f"{s.system:<16} {100 * s.rouge1:7.2f} {100 * s.rouge2:7.2f} "
                        f"{s.mean_words:6.1f}"
                    )
                ours = scores[0]
                if peer_rows:
                    above1 = sum(ours.rouge1 > s.rouge1 for s in peer_rows)
                    above2 = sum(ours.rouge2 > s.rouge2 for s in peer_rows)
                    print(
                        f"storyline above {above1}/{len(peer_rows)} participants on R-1, "
                        f"{above2}/{len(peer_rows)} on R-2; best participant R-1 "
                        f"{100 * max(s.rouge1 for s in peer_rows):.2f}, R-2 "
                        f"{100 * max(s.rouge2 for s in peer_rows):.2f}"
                    )


if __name__ == "__main__":
    main()
