"""Story and topic clustering quality, end to end (``build_stories``), and the store's.

    .venv/bin/python benchmarks/stories_quality.py                       # the default set
    .venv/bin/python benchmarks/stories_quality.py --corpus multinews-1500-held-out
    .venv/bin/python benchmarks/stories_quality.py --corpus ecbplus+lower+dateless
    .venv/bin/python benchmarks/stories_quality.py --store 1 --store 10 --corpus multiling
    .venv/bin/python benchmarks/stories_quality.py --errors 5 --corpus multinews-500-held-out

Corpora (``storyline.evaluation.stories``): ``ecbplus``, ``multiling``, ``pooled`` (both
plus 500 held-out Multi-News clusters), ``multinews-N[-tune|-held-out]`` (N Multi-News
validation clusters pooled; needs benchmarks/fetch_multinews.py, skipped with a note
otherwise), each with ``+lower`` / ``+dateless`` variants. Prints BCubed precision,
recall, F1 and ARI per corpus, level (story, topic) and part. ``--store N`` instead
ingests the corpus into a new store in publication order in batches of N and scores the
store against gold and against the batch run. ``--errors K`` lists the K predicted
stories that cost most precision and the K gold stories split most (where errors come
from). Settings were chosen on Multi-News tune pools and ECB+ topics 1-22 only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DEFAULT = (
    "ecbplus",
    "multiling",
    "multinews-500-held-out",
    "multinews-1500-tune",
    "multinews-1500-held-out",
    "multinews-5000",
    "pooled",
)


def _errors(name: str, top: int) -> None:
    import tempfile

    from storyline.api import build_stories
    from storyline.evaluation.stories import _write, load_corpus

    corpus = load_corpus(name)
    with tempfile.TemporaryDirectory() as tmp:
        run = build_stories([str(_write(corpus, Path(tmp)))])
    pred = {a.id: s.id for s in run.stories for a in s.articles}
    texts = {r["id"]: r["text"][:90].replace("\n", " ") for r in corpus.records}
    by_story: dict[str, list[str]] = {}
    for doc, story in pred.items():
        by_story.setdefault(story, []).append(doc)
    cost = []
    for story, docs in by_story.items():
        golds = Counter(corpus.gold[d] for d in docs if d in corpus.gold)
        lost = sum(1 - golds[corpus.gold[d]] / len(docs) for d in docs if d in corpus.gold)
        cost.append((lost, story, docs, golds))
    print(f"\n{name}: predicted stories that cost most precision (sum of 1 - P per article)")
    for lost, story, docs, golds in sorted(cost, reverse=True)[:top]:
        print(f"  {story}: {len(docs)} articles from {len(golds)} gold stories, cost {lost:.1f}")
        for doc in docs[:3]:
            print(f"      {doc}: {texts.get(doc, '')}")
    split: dict[str, set[str]] = {}
    for doc, gold in corpus.gold.items():
        split.setdefault(gold, set()).add(pred.get(doc, "unclustered:" + doc))
    print(f"{name}: gold stories split into most parts")
    for gold, parts in sorted(split.items(), key=lambda kv: -len(kv[1]))[:top]:
        print(f"  {gold}: {len(parts)} parts")


def main() -> None:
    from storyline.evaluation.stories import score_corpus, score_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", help="corpus name (repeatable)")
    parser.add_argument("--incremental", action="store_true", help="feed articles as a stream")
    parser.add_argument("--store", type=int, action="append", help="ingest batch size")
    parser.add_argument("--errors", type=int, default=0, help="list the K worst stories")
    args = parser.parse_args()
    names = args.corpus or list(DEFAULT)
    if args.store:
        print(
            f"{'corpus':28} {'batch':>5} {'F1 gold':>7} {'P':>6} {'R':>6} {'F1 batch-run':>12} "
            f"{'batch F1':>8} {'art/s':>7} {'RSS MiB':>8}"
        )
    else:
        print(
            f"{'corpus':28} {'level':6} {'part':22} {'docs':>5} {'gold':>5} {'found':>5} "
            f"{'P':>6} {'R':>6} {'F1':>6} {'ARI':>6} {'s':>6}"
        )
    for name in names:
        try:
            if args.store:
                for size in args.store:
                    r = score_store(name, batch_size=size)
                    g = r.against_gold
                    print(
                        f"{name:28} {size:5} {g.bcubed_f1:7.3f} {g.bcubed_p:6.3f} "
                        f"{g.bcubed_r:6.3f} {r.against_batch.bcubed_f1:12.3f} "
                        f"{r.batch_f1:8.3f} {r.articles_per_second:7.1f} {r.peak_rss_mib:8.0f}"
                    )
                continue
            for s in score_corpus(name, incremental=args.incremental):
                print(
                    f"{s.corpus:28} {s.level:6} {s.part:22} {s.documents:5} "
                    f"{s.gold_stories:5} {s.stories:5} {s.bcubed_p:6.3f} {s.bcubed_r:6.3f} "
                    f"{s.bcubed_f1:6.3f} {s.ari:6.3f} {s.seconds:6.1f}",
                    flush=True,
                )
        except FileNotFoundError as missing:
            print(f"{name:28} skipped: {missing}")
            continue
        if args.errors:
            _errors(name, args.errors)


if __name__ == "__main__":
    main()
