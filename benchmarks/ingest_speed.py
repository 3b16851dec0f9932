"""Speed and memory of ``storyline ingest`` as the store grows.

Ingests Multi-News train clusters (fetched: ``benchmarks/fetch_multinews.py --split
train``; the synthetic ECB+/MultiLing corpus of ``stories_speed.py`` otherwise) into one
new store, in runs of ``--step`` articles, and prints after each run the store's size,
the run's articles per second and the process's peak RSS, so memory can be seen to
stay flat as the store grows. ``--briefs now`` rebuilds every touched story's brief at
the end of each run (a second or so of NLP per story); ``lazy`` (default here) leaves
them to ``serve``.

    .venv/bin/python benchmarks/ingest_speed.py --total 10000 --step 2000
    .venv/bin/python benchmarks/ingest_speed.py --total 1000 --step 500 --briefs now
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    from storyline.evaluation.multinews import data_dir
    from storyline.ingest import ingest
    from storyline.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--step", type=int, default=2_000)
    parser.add_argument("--briefs", choices=("now", "lazy"), default="lazy")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    source = data_dir() / "multinews" / "train.jsonl"
    if not source.is_file():
        sys.exit(f"no Multi-News train data at {source}: see benchmarks/fetch_multinews.py")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "store.db")
        records: list[str] = []
        with source.open(encoding="utf-8") as lines:
            for line in lines:
                cluster = json.loads(line)
                for number, text in enumerate(cluster["documents"]):
                    ident = f"mn{cluster['idx']}-{number}"
                    records.append(json.dumps({"id": ident, "text": text}))
                if len(records) >= args.total:
                    break
        print(f"{'stored':>7} {'run':>6} {'art/s':>7} {'briefs':>6} {'peak RSS MiB':>12}")
        for start in range(0, args.total, args.step):
            path = Path(tmp) / f"run{start}.jsonl"
            path.write_text("\n".join(records[start : start + args.step]) + "\n")
            began = time.perf_counter()
            result = ingest(
                [str(path)], db, settings=Settings(jobs=args.jobs), briefs=args.briefs == "now"
            )
            seconds = time.perf_counter() - began
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{start + args.step:7} {result.summary.articles:6} "
                f"{result.summary.articles / seconds:7.1f} {result.progress.briefs_done:6} "
                f"{peak:12.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
