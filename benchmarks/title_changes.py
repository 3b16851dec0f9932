"""Titles on pages without title labels: how often they change against another revision.

No gold here: a regression signal on pages no title rule was read on (Dragnet, CleanEval,
CleanPortalEval and the Zyte benchmark's pages). Each revision's titles are written by
``--write`` (run with that revision's ``src`` first on the path), then ``--compare``
counts the pages whose title changed, and on the pages where an ``<h1>`` of three words
or more is one part of a stated title (``<title>``, ``og:title``, JSON-LD ``headline``,
split at a separator), how often each revision's title is that heading (a proxy, not a
label: the heading agreeing with a stated title is what a reader sees as the headline).

    git archive c191dc3 src | tar -x -C /tmp/main    # the revision to compare with
    PYTHONPATH=/tmp/main/src .venv/bin/python benchmarks/title_changes.py --write /tmp/a.json
    .venv/bin/python benchmarks/title_changes.py --write /tmp/b.json
    .venv/bin/python benchmarks/title_changes.py --compare /tmp/a.json /tmp/b.json
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

SETS = ("dragnet", "cleaneval", "cleanportaleval")
_SEPARATOR = re.compile(r"\s+[|\-–—·:»/]{1,2}\s+|\s*\|\s*")


def _pages() -> Iterator[tuple[str, str]]:
    from storyline.evaluation.boilerplate import load_pages
    from storyline.evaluation.extraction import load_ground_truth, load_html

    for dataset in SETS:
        try:
            for page in load_pages(dataset):
                yield f"{dataset}/{page.id}", page.html
        except FileNotFoundError:
            print(f"skipped {dataset}: not fetched", file=sys.stderr)
    try:
        for doc_id in sorted(load_ground_truth()):
            yield f"zyte/{doc_id}", load_html(doc_id)
    except FileNotFoundError:
        print("skipped zyte: not fetched", file=sys.stderr)


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def _proxy(html: str) -> str | None:
    """The ``<h1>`` that is a part of a stated title, if any (normalised)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
    except (ValueError, lxml.etree.ParserError):
        return None
    stated = [" ".join(t.text_content().split()) for t in root.iter("title")]
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title",):
            stated.append(meta.get("content") or "")
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            stated += re.findall(r'"headline"\s*:\s*"([^"]+)"', script.text)
    parts = {_norm(p) for t in stated for p in _SEPARATOR.split(t) if p.strip()}
    for h1 in root.iter("h1"):
        heading = _norm(h1.text_content())
        if len(heading.split()) >= 3 and heading in parts:
            return heading
    return None


def write(path: Path) -> None:
    from storyline.clean.html import extract_html

    logging.disable(logging.WARNING)
    found = {}
    for page_id, html in _pages():
        found[page_id] = {"title": extract_html(html).title, "proxy": _proxy(html)}
    path.write_text(json.dumps(found, ensure_ascii=False, indent=0))
    print(f"{len(found)} pages -> {path}")


def compare(before_path: Path, after_path: Path) -> None:
    before = json.loads(before_path.read_text())
    after = json.loads(after_path.read_text())
    ids = sorted(set(before) & set(after))
    groups: dict[str, list[str]] = {}
    for page_id in ids:
        groups.setdefault(page_id.split("/")[0], []).append(page_id)
    groups["all"] = ids
    print(f"{'set':<17}{'pages':>6}{'changed':>9}{'proxy n':>9}{'before':>8}{'after':>8}")
    for name, members in groups.items():
        changed = [i for i in members if before[i]["title"] != after[i]["title"]]
        proxied = [i for i in members if after[i]["proxy"]]
        hit_b = sum(_norm(before[i]["title"]) == after[i]["proxy"] for i in proxied)
        hit_a = sum(_norm(after[i]["title"]) == after[i]["proxy"] for i in proxied)
        shares = [f"{k / len(proxied):.3f}" if proxied else "-" for k in (hit_b, hit_a)]
        print(
            f"{name:<17}{len(members):>6}{len(changed):>9}{len(proxied):>9}"
            f"{shares[0]:>8}{shares[1]:>8}"
        )
    for page_id in ids:
        if before[page_id]["title"] != after[page_id]["title"]:
            print(f"CHANGED {page_id}: {before[page_id]['title']!r} -> {after[page_id]['title']!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write this revision's titles here")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.write:
        write(args.write)
    if args.compare:
        compare(*args.compare)


if __name__ == "__main__":
    main()
