"""Extraction quality and speed on the article-extraction benchmark (181 labelled pages).

Scores our two cleaning paths with the benchmark's own metric, next to saved outputs of
other extractors scored in the same run as anchors:

  html    storyline.clean.html.extract_html(html, url=url).text
  plain   storyline.clean.plaintext.clean_plaintext(visible_text(html)).text

Speed is articles per second, the median of --runs passes over all pages, with reading
and decoding the pages excluded; for the plain path ``visible_text`` is excluded too (it
stands in for a page saved as text, the plain path's real input).

    .venv/bin/python benchmarks/extraction.py
    .venv/bin/python benchmarks/extraction.py --path plain --worst 15 --json out.json

The data lives in ../shared/eval/article-extraction-benchmark (override the shared
folder with STORYLINE_SHARED); see benchmarks/README.md for the measured results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.evaluation.extraction import (
    DocumentScore,
    ExtractionScores,
    GroundTruthItem,
    benchmark_dir,
    evaluate,
    load_ground_truth,
    load_html,
    load_system_output,
    saved_systems,
)
from storyline.evaluation.visible_text import visible_text

ANCHORS = ("trafilatura", "html-text")
Extract = Callable[[str, str], str]  # (page input, url) -> article text


@dataclass
class Result:
    """One row of the table: scores, per-document detail, and speed when timed."""

    name: str
    scores: ExtractionScores
    per_document: dict[str, DocumentScore]
    articles_per_s: float | None = None
    note: str = ""


def html_extractor() -> Extract:
    from storyline.clean.html import extract_html

    return lambda html, url: extract_html(html, url=url).text


def plain_extractor() -> Extract | None:
    """The plain-text cleaner, or None (with a message) while it cannot be imported."""
    try:
        from storyline.clean.plaintext import clean_plaintext
    except ImportError as err:
        print(f"plain path skipped: storyline.clean.plaintext is not importable ({err})")
        return None
    return lambda text, url: clean_plaintext(text).text


def run_path(
    extract: Extract, inputs: dict[str, str], urls: dict[str, str], runs: int
) -> tuple[dict[str, str], float]:
    """Extract every page ``runs`` times; the first pass's texts and the median speed."""
    speeds: list[float] = []
    predictions: dict[str, str] = {}
    for run in range(max(1, runs)):
        started = time.perf_counter()
        texts = {doc_id: extract(page, urls[doc_id]) for doc_id, page in inputs.items()}
        speeds.append(len(inputs) / (time.perf_counter() - started))
        if run == 0:
            predictions = texts
    return predictions, statistics.median(speeds)


def score(
    name: str,
    truth: dict[str, GroundTruthItem],
    predictions: dict[str, str],
    n_bootstrap: int,
    speed: float | None = None,
    note: str = "",
) -> Result:
    scores, per_document = evaluate(truth, predictions, n_bootstrap=n_bootstrap)
    return Result(name, scores, per_document, speed, note)


def print_table(results: Sequence[Result]) -> None:
    print(f"{'path':<24} {'F1':>13} {'precision':>9} {'recall':>7} {'accuracy':>8} {'art/s':>7}")
    for result in results:
        s = result.scores
        speed = f"{result.articles_per_s:7.1f}" if result.articles_per_s else f"{'-':>7}"
        print(
            f"{result.name:<24} {s.f1:.3f} ± {s.f1_std:.3f} {s.precision:9.3f} "
            f"{s.recall:7.3f} {s.accuracy:8.3f} {speed}  {result.note}"
        )


def print_worst(result: Result, truth: dict[str, GroundTruthItem], count: int) -> None:
    print(f"\nworst {count} documents of {result.name} (by per-document F1):")
    ranked = sorted(result.per_document.items(), key=lambda item: (item[1].f1, item[0]))
    for doc_id, document in ranked[:count]:
        precision = "-" if document.precision is None else f"{document.precision:.3f}"
        recall = "-" if document.recall is None else f"{document.recall:.3f}"
        print(f"  {doc_id[:12]}  P {precision:>5}  R {recall:>5}  {truth[doc_id].url}")


def to_json(results: Sequence[Result], runs: int) -> dict[str, object]:
    return {
        "benchmark": str(benchmark_dir()),
        "machine": {"python": platform.python_version(), "cpus": _cpu_count()},
        "speed_runs": runs,
        "results": {
            result.name: {
                **result.scores.as_dict(),
                "articles_per_s": result.articles_per_s,
                "note": result.note,
                "per_document": {
                    doc_id: {"precision": doc.precision, "recall": doc.recall, "f1": doc.f1}
                    for doc_id, doc in result.per_document.items()
                },
            }
            for result in results
        },
    }


def _cpu_count() -> int | None:
    return os.cpu_count()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--path", choices=("html", "plain", "all"), default="all")
    parser.add_argument("--runs", type=int, default=3, help="timed passes (median reported)")
    parser.add_argument("--n-bootstrap", type=int, default=1000, help="resamples for the std")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list N worst docs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write results as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    directory = benchmark_dir()
    if not (directory / "ground-truth.json").is_file():
        print(f"benchmark data not found in {directory} (set STORYLINE_SHARED)")
        return 2
    truth = load_ground_truth(directory)
    pages = {doc_id: load_html(doc_id, directory) for doc_id in truth}
    urls = {doc_id: item.url for doc_id, item in truth.items()}
    results: list[Result] = []

    if args.path in ("html", "all"):
        predictions, speed = run_path(html_extractor(), pages, urls, args.runs)
        results.append(score("storyline html", truth, predictions, args.n_bootstrap, speed))
    if args.path in ("plain", "all"):
        started = time.perf_counter()
        texts = {doc_id: visible_text(html) for doc_id, html in pages.items()}
        visible_speed = len(pages) / (time.perf_counter() - started)
        extract = plain_extractor()
        if extract is not None:
            predictions, speed = run_path(extract, texts, urls, args.runs)
            results.append(score("storyline plain", truth, predictions, args.n_bootstrap, speed))
        results.append(
            score(
                "visible_text (input)",
                truth,
                texts,
                args.n_bootstrap,
                visible_speed,
                "uncleaned plain-path input",
            )
        )

    systems = saved_systems(directory)
    for name in ANCHORS:
        if name in systems:
            predictions = load_system_output(systems[name])
            results.append(score(name, truth, predictions, args.n_bootstrap, note="saved output"))

    print(f"{len(truth)} pages, {args.runs} timed runs, {_cpu_count()} CPUs\n")
    print_table(results)
    for result in results:
        if args.worst and result.name.startswith("storyline"):
            print_worst(result, truth, args.worst)
    if args.json:
        args.json.write_text(json.dumps(to_json(results, args.runs), indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
