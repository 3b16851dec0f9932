"""Extraction quality on the fetched boilerplate sets, beside trafilatura in the same run.

Every page is scored with the Zyte benchmark's metric (``storyline.evaluation.extraction``:
4-token shingles, per-document P/R averaged) for:

  html          storyline.clean.html.extract_html(html).text
  plain         storyline.clean.plaintext.clean_plaintext(visible_text(html)).text
  plain-rules   the same with method="rules": the rules alone, without the line model
  plain-asis    plain with reshape=False: the input's lines as they come (no unwrap,
                join_fragments, unmark): the cleaner before the renderings round
  trafilatura   trafilatura.extract(html): the library's own defaults
  visible_text  the uncleaned plain-path input

``--render NAME[,NAME...]`` makes the plain-path input (plain, plain-rules, visible_text)
with other renderers (``benchmarks/renderings.py``: html2text, inscriptis, bs4, a
72-column hard wrap of ours...); each rendering's systems are reported as
``plain@NAME`` etc. beside ours (``ours``, the default, keeps the plain names).

on CleanEval, CleanPortalEval, Dragnet, L3S-GN1 and Readability's test pages
(``storyline.evaluation.boilerplate``) and on the 181 Zyte pages, each split into its
``tune`` and ``held-out`` parts (Zyte: even / odd positions of the sorted ids).

    .venv/bin/python benchmarks/extraction_sets.py                 # ~10 min on 2 cores
    .venv/bin/python benchmarks/extraction_sets.py --only plain --sets dragnet,zyte --jobs 2
    .venv/bin/python benchmarks/extraction_sets.py --worst 10 --only plain --sets l3s-gn1
    .venv/bin/python benchmarks/extraction_sets.py --only plain,visible_text \
        --render ours,html2text,inscriptis,bs4,wrap72 --jobs 1   # needs the [bench] extra
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from renderings import RENDERINGS, renderer

from storyline.evaluation.boilerplate import DATASETS, Page, load_pages
from storyline.evaluation.extraction import (
    DocumentScore,
    load_ground_truth,
    load_html,
    score_document,
    score_documents,
)

SYSTEMS = ("html", "plain", "plain-rules", "trafilatura", "visible_text")
PLAIN_SYSTEMS = ("plain", "plain-asis", "plain-rules", "visible_text")


def _zyte_pages() -> Iterator[Page]:
    truth = load_ground_truth()
    for position, doc_id in enumerate(sorted(truth)):
        part = "tune" if position % 2 == 0 else "held-out"
        yield Page("zyte", doc_id, load_html(doc_id), truth[doc_id].article_body, part)


def _system(name: str) -> Callable[[str], str]:
    """``name`` is a system, or a plain-path system ``@`` a rendering (``plain@bs4``)."""
    name, _, rendering = name.partition("@")
    if name == "html":
        from storyline.clean.html import extract_html

        return lambda html: extract_html(html).text
    if name == "trafilatura":
        import trafilatura

        return lambda html: trafilatura.extract(html) or ""
    render = renderer(rendering or "ours")
    if name in ("plain", "plain-asis", "plain-rules"):
        return lambda html: _clean(name, render(html))
    return render


def _clean(name: str, text: str) -> str:
    from storyline.clean.plaintext import clean_plaintext

    method = "rules" if name == "plain-rules" else "model"
    return clean_plaintext(text, method=method, reshape=name != "plain-asis").text


def _score_page(args: tuple[Page, tuple[str, ...]]) -> tuple[Page, dict[str, DocumentScore]]:
    page, systems = args
    import logging

    logging.disable(logging.WARNING)
    rendered: dict[str, str] = {}  # each rendering once per page
    scores = {}
    for name in systems:
        system, _, rendering = name.partition("@")
        if system not in PLAIN_SYSTEMS:
            scores[name] = score_document(page.truth, _system(name)(page.html))
            continue
        rendering = rendering or "ours"
        if rendering not in rendered:
            rendered[rendering] = renderer(rendering)(page.html)
        text = rendered[rendering]
        scores[name] = score_document(
            page.truth, text if system == "visible_text" else _clean(system, text)
        )
    return page, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join((*DATASETS, "zyte")))
    parser.add_argument("--only", default=",".join(SYSTEMS), help="systems, comma-separated")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per set")
    parser.add_argument("--json", type=Path, help="write per-page F1 as JSON")
    parser.add_argument(
        "--render",
        default="ours",
        help=f"plain-path renderings, comma-separated: {', '.join(RENDERINGS)}",
    )
    args = parser.parse_args()
    renderings = args.render.split(",")
    for rendering in renderings:
        renderer(rendering)
    systems = tuple(
        name if rendering == "ours" or name not in PLAIN_SYSTEMS else f"{name}@{rendering}"
        for rendering in renderings
        for name in args.only.split(",")
        if rendering == renderings[0] or name in PLAIN_SYSTEMS
    )
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
    print(f"{'set':<16}{'part':<9}{'pages':>6}  " + "".join(f"{s:>26}" for s in systems))
    for (dataset, part), rows in sorted(groups.items(), key=lambda item: (item[0][0] == "all",)):
        cells = []
        for system in systems:
            s = score_documents([scores[system] for _, scores in rows], n_bootstrap=0)
            cells.append(f"{s.f1:.3f} ({s.precision:.2f}/{s.recall:.2f})")
        print(f"{dataset:<16}{part:<9}{len(rows):>6}  " + "".join(f"{c:>26}" for c in cells))
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
