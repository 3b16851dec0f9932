"""Title, date and author extraction from HTML, beside trafilatura and htmldate in one run.

Labels: ``storyline.evaluation.page_metadata`` (L3S-GN1 headlines, Readability's expected
metadata, the "By" lines of Dragnet's marked article texts, dates stated in the URLs of
the Zyte and CleanEval pages; the URL is never given to an extractor). Systems, on the
same page bytes:

  storyline     clean_document(html).title / .published (day) / .byline
  trafilatura   bare_extraction(html, with_metadata=True): title, date, author (defaults)
  htmldate      find_date(html) with its defaults, and with original_date=True

Title: normalised exact match (case, quotes, dashes, spaces, edge punctuation ignored).
``title~`` rows are a diagnostic, not the measure: a title also counts when the label is
it plus a last part after a separator (Readability's labels keep the site).
Date: the same day. Author: the same set of names.

    .venv/bin/python benchmarks/metadata_sets.py             # ~4 min
    .venv/bin/python benchmarks/metadata_sets.py --misses title --sets l3s-gn1
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.evaluation.page_metadata import (
    LabelledPage,
    correct,
    correct_but_site,
    labelled_pages,
)

FIELDS = ("title", "date", "author")


def _run(page: LabelledPage) -> dict[str, dict[str, Any]]:
    import htmldate
    import trafilatura

    from storyline.clean import clean_document
    from storyline.settings import Settings
    from storyline.types import Provenance, RawDocument

    logging.disable(logging.WARNING)
    found: dict[str, dict[str, Any]] = {}
    article = clean_document(RawDocument(Provenance(page.id), page.html, "html"), Settings())
    ours = getattr(article, "title", None), getattr(article, "published", None)
    found["storyline"] = {
        "title": ours[0],
        "date": (ours[1] or "")[:10] or None,
        "author": getattr(article, "byline", None),
    }
    doc = trafilatura.bare_extraction(page.html, with_metadata=True)
    data = (doc if isinstance(doc, dict) else doc.as_dict()) if doc is not None else {}
    found["trafilatura"] = {k: data.get(k) for k in FIELDS}
    found["htmldate"] = {"date": htmldate.find_date(page.html)}
    found["htmldate original"] = {"date": htmldate.find_date(page.html, original_date=True)}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="readability,l3s-gn1,url,bylines")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--misses", choices=FIELDS, help="list storyline's misses of a field")
    args = parser.parse_args()
    pages = labelled_pages(tuple(args.sets.split(",")))
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_run, pages, chunksize=4))
    tally: dict[tuple[str, str, str, str], list[bool]] = defaultdict(list)
    for page, found in zip(pages, results, strict=True):
        for field in FIELDS:
            label = getattr(page, field)
            if not label:
                continue
            for system, values in found.items():
                if field in values:
                    ok = correct(field, values[field], label, page.dataset)
                    tally[(field, page.dataset, page.part, system)].append(ok)
                    tally[(field, "all", page.part, system)].append(ok)
            if field == "title":
                # diagnostic only: the label less a site part at one end (Readability's
                # expected titles keep the site's name); every system scored alike
                for system, values in found.items():
                    if field in values:
                        ok = correct_but_site(values[field], label, page.dataset)
                        tally[("title~", page.dataset, page.part, system)].append(ok)
                        tally[("title~", "all", page.part, system)].append(ok)
            if args.misses == field and not correct(
                field, found["storyline"][field], label, page.dataset
            ):
                print(
                    f"MISS {page.dataset}/{page.id} ({page.part}): "
                    f"{found['storyline'][field]!r} != {label!r}"
                )
    print(f"{'field':<8}{'set':<15}{'part':<10}{'n':>5}  system: share correct")
    keys = sorted({k[:3] for k in tally}, key=lambda k: (k[0], k[1] == "all", k[1], k[2]))
    for field, dataset, part in keys:
        rows = [(s, v) for (f, d, p, s), v in tally.items() if (f, d, p) == (field, dataset, part)]
        n = len(rows[0][1])
        cells = "  ".join(f"{s} {sum(v) / len(v):.3f}" for s, v in rows)
        print(f"{field:<8}{dataset:<15}{part:<10}{n:>5}  {cells}")


if __name__ == "__main__":
    main()
