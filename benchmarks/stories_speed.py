"""Speed and memory of ``storyline stories`` on large corpora.

Two corpora. ``--corpus multinews`` (realistic density): Multi-News clusters pooled, the
**train** split (fetched with ``benchmarks/fetch_multinews.py --split train``; never
tuned on, and never the test split), as many clusters as it takes to reach each size
(2-10 lower-cased, undated articles each). ``--corpus synthetic`` (the default when the
Multi-News data is absent): every gold story of ECB+ (86 sub-topics) and MultiLing (10
topics) becomes a pool of its articles' sentences; each new article takes a random first
sentence as its title and 5-12 random sentences of the same pool as its body, and the
publication date of a random source article of the story (shifted by 0-3 days) or none
when the story has no dated article. So stories stay meaningful (the gold story is the
pool) and the corpus can be any size. Written once per size to a temporary JSON Lines
file.

Each size runs in its own process (peak RSS is per process), and prints articles/s, the
seconds per stage (``StoryRun.seconds``), peak RSS, and BCubed/ARI against the pools.

    .venv/bin/python benchmarks/stories_speed.py --sizes 10000 50000
    .venv/bin/python benchmarks/stories_speed.py --sizes 10000 50000 --corpus synthetic
    .venv/bin/python benchmarks/stories_speed.py --sizes 10000 --incremental
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def build_corpus(path: Path, size: int, seed: int = 13) -> dict[str, str]:
    from storyline.clean.sentences import split_sentences
    from storyline.evaluation.datasets import load_ecbplus, load_multiling_english

    pools: dict[str, list[str]] = {}
    dates: dict[str, list[str]] = {}
    ecb = load_ecbplus()
    records = [d.as_record() for d in ecb]
    gold = {d.doc_id: f"ecb-{d.subtopic}" for d in ecb}
    for d in load_multiling_english():
        records.append(d.as_record())
        gold[d.doc_id] = f"ml-{d.topic}"
    for record in records:
        story = gold[record["id"]]
        text = record["text"]
        pools.setdefault(story, []).extend(
            s.text for s in split_sentences(text, record["id"]) if len(s.text.split()) >= 5
        )
        if record.get("published"):
            dates.setdefault(story, []).append(record["published"])
    rng = random.Random(seed)
    stories = sorted(pools)
    truth: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as out:
        for n in range(size):
            story = rng.choice(stories)
            pool = pools[story]
            body = rng.sample(pool, min(len(pool), rng.randint(5, 12)))
            record: dict[str, str] = {
                "id": f"syn{n:06d}",
                "title": body[0],
                "text": "\n".join(body),
            }
            if story in dates:
                base = datetime.fromisoformat(rng.choice(dates[story])[:10])
                record["published"] = (base + timedelta(days=rng.randint(0, 3))).date().isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            truth[record["id"]] = story
    return truth


def build_multinews(path: Path, size: int) -> dict[str, str]:
    from storyline.evaluation.multinews import data_dir

    source = data_dir() / "multinews" / "train.jsonl"
    truth: dict[str, str] = {}
    with source.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            for number, text in enumerate(record["documents"]):
                ident = f"mn{record['idx']}-{number}"
                out.write(json.dumps({"id": ident, "text": text}) + "\n")
                truth[ident] = f"mn{record['idx']}"
            if len(truth) >= size:
                break
    return truth


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def run_one(size: int, corpus: str, incremental: bool, jobs: int) -> dict[str, object]:
    from storyline.api import build_stories
    from storyline.evaluation.clustering import score_clustering
    from storyline.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        truth = build_multinews(path, size) if corpus == "multinews" else build_corpus(path, size)
        settings = Settings(jobs=jobs)
        cpu_before = _cpu_seconds()
        start = time.perf_counter()
        run = build_stories([str(path)], settings=settings, incremental=incremental)
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu_before
    pred = {a.id: s.id for s in run.stories for a in s.articles}
    for doc in truth:  # an article the cleaner rejected is scored as its own story
        pred.setdefault(doc, "rejected:" + doc)
    score = score_clustering(pred, truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {
        "size": size,
        "corpus": corpus,
        "mode": "incremental" if incremental else "batch",
        "jobs": jobs,
        "articles_per_s": round(run.summary.articles / seconds, 1),
        # CPU of this process and its workers: comparable on a loaded machine
        "cpu_ms_per_article": round(cpu / run.summary.articles * 1000, 2),
        "seconds": round(seconds, 1),
        "stages": {k: round(v, 1) for k, v in run.seconds.items()},
        "peak_rss_mib": round(peak),
        "stories": len(run.stories),
        "skipped": dict(run.summary.skipped),
        "gold_stories": len(set(truth.values())),
        "bcubed_p": round(float(score["bcubed_p"]), 4),
        "bcubed_r": round(float(score["bcubed_r"]), 4),
        "bcubed_f1": round(float(score["bcubed_f1"]), 4),
    }


def main() -> None:
    from storyline.evaluation.multinews import data_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--jobs", type=int, default=0, help="0: the default (one per core)")
    parser.add_argument("--corpus", choices=("multinews", "synthetic"))
    parser.add_argument("--incremental", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus = args.corpus
    if corpus is None:
        present = (data_dir() / "multinews" / "train.jsonl").is_file()
        corpus = "multinews" if present else "synthetic"
        if not present:
            print("Multi-News train data absent: the synthetic corpus", file=sys.stderr)
    if args.one:
        print(json.dumps(run_one(args.one, corpus, args.incremental, args.jobs)))
        return
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--jobs", str(args.jobs),
                   "--corpus", corpus]  # fmt: skip
        if args.incremental:
            command.append("--incremental")
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
