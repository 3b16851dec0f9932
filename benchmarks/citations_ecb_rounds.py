"""Citation precision and top-fact carriers on judged ECB+ rounds (issue 15, round 2).

Builds the briefs of the ECB+ sub-topics of each part (storyline.evaluation.judged_ecb:
**tuned** = the independent judge's round 1, topics 30-35 and 42-45; **heldout** =
topics 20-29, frozen before round 2 and labelled once at the end) with the current code,
and looks their (line, cited sentence) pairs up in benchmarks/citations_ecb_rounds.jsonl
and their top facts' carriers in benchmarks/citations_ecb_carriers.jsonl (both keyed by
article id and offsets, no article text). Rules: ../shared/docs/JUDGING.md and
benchmarks/citations_judged.md.

    .venv/bin/python benchmarks/citations_ecb_rounds.py                  # both parts
    .venv/bin/python benchmarks/citations_ecb_rounds.py --part tuned
    .venv/bin/python benchmarks/citations_ecb_rounds.py --unlabelled new.jsonl --stories DIR
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

HERE = Path(__file__).resolve().parent
LABELS = HERE / "citations_ecb_rounds.jsonl"
CARRIERS = HERE / "citations_ecb_carriers.jsonl"


def main() -> None:
    from storyline.evaluation import judged_ecb as judged
    from storyline.evaluation.citations import label_of, span_digest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tuned", "heldout"), action="append")
    parser.add_argument("--unlabelled", type=Path, help="write pairs and top facts to judge")
    parser.add_argument("--stories", type=Path, help="write each story's sentences here")
    args = parser.parse_args()
    start = time.perf_counter()
    labels = judged.load_labels(LABELS)
    carriers = judged.load_carriers(CARRIERS)
    stories = list(judged.stories(args.part or ("tuned", "heldout")))
    pairs = [p for s in stories for p in judged.pairs_of(s)]
    tops = [f for s in stories for f in judged.top_facts(s)]
    if args.stories:
        args.stories.mkdir(parents=True, exist_ok=True)
        for story in stories:
            with (args.stories / f"{story.name}.txt").open("w", encoding="utf-8") as out:
                for ident in sorted(story.texts):
                    out.write(f"\n=== {ident}\n")
                    for n, (a, b) in enumerate(story.sentences[ident]):
                        out.write(f"[{n}] ({a},{b}) {story.texts[ident][a:b]}\n")
    if args.unlabelled:
        with args.unlabelled.open("w", encoding="utf-8") as out:
            seen = set()
            for p in pairs:
                if label_of(p, labels) is None and p.key not in seen:
                    seen.add(p.key)
                    out.write(json.dumps({"kind": p.kind, "story": p.story, "part": p.part,
                                          "line": p.line, "cited": p.cited,
                                          "line_text": p.line_text,
                                          "cited_text": p.cited_text,
                                          "line_digest": p.text_key[1],
                                          "cited_digest": p.text_key[3]}) + "\n")  # fmt: skip
            _, unjudged = judged.carrier_scores(tops, carriers)
            for f in unjudged:
                out.write(json.dumps({"kind": "top_fact", "story": f.story, "part": f.part,
                                      "rank": f.rank, "line": f.line, "line_text": f.text,
                                      "line_digest": span_digest(f.text),
                                      "claimed": f.claimed}) + "\n")  # fmt: skip
    for part in ("tuned", "heldout"):
        for kind in ("summary", "mention"):
            chosen = [p for p in pairs if p.part == part and p.kind == kind]
            if not chosen:
                continue
            s = judged.score(chosen, labels)
            print(json.dumps({
                "part": part, "pairs": kind, "n": s.pairs, "labelled": s.labelled,
                "supports": s.supports, "partial": s.partial, "no": s.no,
                "precision": round(s.strict, 3), "precision_partial_half": round(s.lenient, 3),
            }))  # fmt: skip
        scored, missing = judged.carrier_scores([f for f in tops if f.part == part], carriers)
        if scored or missing:
            print(json.dumps({
                "part": part, "top_facts": len(scored) + len(missing), "judged": len(scored),
                "within_10pct": sum(c.within for c in scored),
                "claimed": sum(len(c.fact.claimed) for c in scored),
                "carriers": sum(c.carriers for c in scored),
                "claimed_carriers": sum(c.claimed_carriers for c in scored),
            }))  # fmt: skip
            for c in scored:
                print(json.dumps({"story": c.fact.story, "rank": c.fact.rank,
                                  "claimed": len(c.fact.claimed), "carriers": c.carriers,
                                  "claimed_carriers": c.claimed_carriers,
                                  "within": c.within}))  # fmt: skip
    print(json.dumps({"seconds": round(time.perf_counter() - start, 1)}))


if __name__ == "__main__":
    main()
