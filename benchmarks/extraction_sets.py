"""Extraction quality on the fetched boilerplate sets, beside trafilatura in the same run.

Every page is scored with the Zyte benchmark's metric (``storyline.evaluation.extraction``:
4-token shingles, per-document P/R averaged) for:

  html          storyline.clean.html.extract_html(html).text
  plain         storyline.clean.plaintext.clean_plaintext(visible_text(html)).text
  plain-rules   the same with method="rules": the rules alone, without the line model
  trafilatura   trafilatura.extract(html): the library's own defaults
  visible_text  the uncleaned plain-path input

on CleanEval, CleanPortalEval, Dragnet, L3S-GN1 and Readability's test pages
(``storyline.evaluation.boilerplate``) and on the 181 Zyte pages, each split into its
``tune`` and ``held-out`` parts (Zyte: even / odd positions of the sorted ids).

    .venv/bin/python benchmarks/extraction_sets.py                 # ~10 min on 2 cores
    .venv/bin/python benchmarks/extraction_sets.py --only plain --sets dragnet,zyte --jobs 2
    .venv/bin/python benchmarks/extraction_sets.py --worst 10 --only plain --sets l3s-gn1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.evaluation.boilerplate import DATASETS, Page, load_pages
from storyline.evaluation.extraction import (
    DocumentScore,
    load_ground_truth,
    load_html,
    score_document,
    score_documents,
)

SYSTEMS = ("html", "plain", "plain-rules", "trafilatura", "visible_text")


def _zyte_pages() -> Iterator[Page]:
    truth = load_ground_truth()
    for position, doc_id in enumerate(sorted(truth)):
        part = "tune" if position % 2 == 0 else "held-out"
        yield Page("zyte", doc_id, load_html(doc_id), truth[doc_id].article_body, part)


def _system(name: str) -> Callable[[str], str]:
    if name == "html":
        from storyline.clean.html import extract_html

        return lambda html: extract_html(html).text
    if name in ("plain", "plain-rules"):
        from storyline.clean.plaintext import clean_plaintext
        from storyline.evaluation.visible_text import visible_text

        method = "rules" if name == "plain-rules" else "model"
        return lambda html: clean_plaintext(visible_text(html), method=method).text
    if name == "trafilatura":
        import trafilatura

        return lambda html: trafilatura.extract(html) or ""
    from storyline.evaluation.visible_text import visible_text

    return visible_text


def _score_page(args: tuple[Page, tuple[str, ...]]) -> tuple[Page, dict[str, DocumentScore]]:
    page, systems = args
    import logging

    logging.disable(logging.WARNING)
    return page, {name: score_document(page.truth, _system(name)(page.html)) for name in systems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join((*DATASETS, "zyte")))
    parser.add_argument("--only", default=",".join(SYSTEMS), help="systems, comma-separated")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per set")
    parser.add_argument("--json", type=Path, help="write per-page F1 as JSON")
    args = parser.parse_args()
    systems = tuple(args.only.split(","))
    pages: list[Page] = []
    for name in args.sets.split(","):
        try:
            pages.extend(_zyte_pages() if name == "zyte" else load_pages(name))
        except FileNotFoundError as err:
            print(f"skipped {name}: {err}", file=sys.stderr)
    work = [(page, systems) for page in pages]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_score_page, work, chunksize=8))
    groups: dict[tuple[str, str], list[tuple[Page, dict[str, DocumentScore]]]] = defaultdict(list)
    for page, scores in results:
        groups[(page.dataset, page.part)].append((page, scores))
        groups[("all", page.part)].append((page, scores))
    print(f"{'set':<16}{'part':<9}{'pages':>6}  " + "".join(f"{s:>22}" for s in systems))
    for (dataset, part), rows in sorted(groups.items(), key=lambda item: (item[0][0] == "all",)):
        cells = []
        for system in systems:
            s = score_documents([scores[system] for _, scores in rows], n_bootstrap=0)
            cells.append(f"{s.f1:.3f} ({s.precision:.2f}/{s.recall:.2f})")
        print(f"{dataset:<16}{part:<9}{len(rows):>6}  " + "".join(f"{c:>22}" for c in cells))
    if args.worst:
        system = systems[0]
        by_set: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for page, scores in results:
            by_set[page.dataset].append((scores[system].f1, page.id))
        for dataset, rows in by_set.items():
            print(f"\nworst {system} pages of {dataset}:")
            for f1, page_id in sorted(rows)[: args.worst]:
                print(f"  {f1:.3f}  {page_id}")
    if args.json:
        report = [
            {"set": p.dataset, "id": p.id, "part": p.part, **{k: v.f1 for k, v in s.items()}}
            for p, s in results
        ]
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
