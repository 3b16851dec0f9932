"""Citation precision of real briefs on the hand-judged set (issue 15, JUDGING.md).

Builds the briefs of the judged stories (the seeds, MultiLing 2011, ECB+ sub-topics; see
storyline.evaluation.citations) with the current code, pairs every summary sentence and
fact text with each sentence it cites (the copied sentence left out), and looks the
pairs up in benchmarks/citations_judged.jsonl (labels keyed by article id and offsets,
no article text). The held-out part was labelled after the last change to alignment and
summaries; rules for new kinds of cases are in benchmarks/citations_judged.md.

    .venv/bin/python benchmarks/citations_judged.py                 # both parts
    .venv/bin/python benchmarks/citations_judged.py --part tuned
    .venv/bin/python benchmarks/citations_judged.py --unlabelled new.jsonl   # pairs to judge
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    from storyline.evaluation.citations import (
        cited_pairs,
        judged_stories,
        label_of,
        labels_path,
        load_labels,
        precision,
        top_fact_carriers,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tuned", "heldout"), action="append")
    parser.add_argument("--unlabelled", type=Path, help="write pairs without a label here")
    args = parser.parse_args()
    start = time.perf_counter()
    labels = load_labels() if labels_path().is_file() else {}
    stories = list(judged_stories(args.part or ("tuned", "heldout")))
    pairs = [p for s in stories for p in cited_pairs(s)]
    if args.unlabelled:
        with args.unlabelled.open("w", encoding="utf-8") as out:
            seen = set()
            for p in pairs:
                if label_of(p, labels) is None and p.key not in seen:
                    seen.add(p.key)
                    out.write(json.dumps({"line": p.line, "cited": p.cited, "story": p.story,
                                          "split": p.split, "line_text": p.line_text,
                                          "cited_text": p.cited_text,
                                          "line_digest": p.text_key[1],
                                          "cited_digest": p.text_key[3]}) + "\n")  # fmt: skip
    for part in ("tuned", "heldout"):
        for kind in ("summary", "mention"):
            chosen = [p for p in pairs if p.split == part and p.kind == kind]
            if not chosen:
                continue
            score = precision(chosen, labels)
            print(json.dumps({
                "part": part, "pairs": kind, "n": score.pairs, "labelled": score.labelled,
                "supports": score.supports, "partial": score.partial, "no": score.no,
                "precision": round(score.strict, 3),
                "precision_partial_half": round(score.lenient, 3),
            }))  # fmt: skip
    for part in ("tuned", "heldout"):
        tops = [c for s in stories if s.split == part for c in top_fact_carriers(s, labels)]
        if tops:
            claimed = sum(c.claimed_articles for c in tops) / len(tops)
            verified = sum(c.verified for c in tops) / len(tops)
            print(json.dumps({
                "part": part, "top_facts": len(tops),
                "claimed_articles": round(claimed, 2),
                "claimed_outlets": round(sum(c.claimed_outlets for c in tops) / len(tops), 2),
                "unknown_outlet_articles": round(
                    sum(c.unknown_outlet_articles for c in tops) / len(tops), 2),
                "verified_carriers": round(verified, 2),
                "within_10pct": sum(c.verified >= 0.9 * c.claimed_articles for c in tops),
            }))  # fmt: skip
    print(json.dumps({"seconds": round(time.perf_counter() - start, 1)}))


if __name__ == "__main__":
    main()
