"""End-to-end speed of `clean` (read, decode, clean, metadata, language, sentences).

Builds two JSON Lines corpora in a temporary folder from the article-extraction
benchmark's pages (read from ../shared/eval, never copied into the repo): one with the
HTML of each page (the HTML path), one with each page's visible text (the plain-text
path). Each corpus is repeated ``--repeat`` times with fresh ids. Reports the median
articles/s of ``--runs`` passes, with ``--jobs`` worker processes (1 and 2 by default).

    .venv/bin/python benchmarks/clean_speed.py --repeat 3 --runs 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.api import clean_articles
from storyline.evaluation.visible_text import visible_text
from storyline.settings import Settings

SHARED = Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
BENCH = SHARED / "eval" / "article-extraction-benchmark"


def build(folder: Path, repeat: int) -> tuple[Path, Path]:
    truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    html_path, text_path = folder / "pages.jsonl", folder / "visible.jsonl"
    with html_path.open("w", encoding="utf-8") as html_out, text_path.open("w") as text_out:
        for key in sorted(truth):
            page = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())
            html = page.decode("utf-8", "replace")
            text = visible_text(html)
            for n in range(repeat):
                html_out.write(json.dumps({"id": f"{key}-{n}", "html": html}) + "\n")
                text_out.write(json.dumps({"id": f"{key}-{n}", "text": text}) + "\n")
    return html_path, text_path


def measure(path: Path, runs: int, jobs: int) -> tuple[float, int, int]:
    rates, count, skipped = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        run = clean_articles([str(path)], settings=Settings(jobs=jobs))
        count = sum(1 for _ in run.articles)
        rates.append((count + len(run.summary.rejections)) / (time.perf_counter() - start))
        skipped = len(run.summary.rejections)
    return statistics.median(rates), count, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"benchmark data not found at {BENCH}")
    with tempfile.TemporaryDirectory() as tmp:
        html_path, text_path = build(Path(tmp), args.repeat)
        header = f"{'path':<8} {'jobs':>4} {'articles':>8} {'skipped':>8} {'inputs/s':>9}"
        print(f"{header}  (median of {args.runs})")
        for name, path in (("html", html_path), ("plain", text_path)):
            for jobs in args.jobs:
                rate, count, skipped = measure(path, args.runs, jobs)
                print(f"{name:<8} {jobs:>4} {count:>8} {skipped:>8} {rate:>9.1f}")


if __name__ == "__main__":
    main()
