"""Dump the (top fact text, other article) pairs of the judged ECB+ rounds (issue 15).

Builds the briefs of the judged ECB+ stories with the current code, capturing what fact
alignment reads (each candidate sentence's proposition and MiniLM vector), and writes, per
judged top fact, every other article of its story with its candidate sentences' pair
features against the fact's text and the judge's label (carrier, partial or not). The
pickle goes to the git-ignored ``data/carrier_pairs/`` (it holds the propositions, so
article text: never commit it); ``benchmarks/carriers_learned.py`` fits a carrier model
on it.

    .venv/bin/python benchmarks/carrier_pairs.py --part tuned
    .venv/bin/python benchmarks/carrier_pairs.py --part heldout
    .venv/bin/python benchmarks/carrier_pairs.py --reader /work/read12 --reader /work/read13

``--reader DIR``: an independent reader's round on DUC stories (``DIR/in/<story>/`` the
articles, ``DIR/briefs/<story>.json`` the brief read, ``DIR/out/pairs.jsonl`` the
claimed mentions and restatements labelled, ``DIR/out/missed*.jsonl`` the carriers not
claimed): every other article of a story that is neither labelled nor listed as missed
counts as not carrying the fact (the reader read every article for the top facts).
Written to ``data/carrier_pairs/reader.pkl``; kept outside the repository (article text).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
OUT = ROOT / "data" / "carrier_pairs"


def main() -> None:
    import storyline.analyze.story as story_module
    from storyline.analyze import facts
    from storyline.evaluation import judged_ecb as judged
    from storyline.evaluation.citations import span_digest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tuned", "heldout"))
    parser.add_argument("--reader", type=Path, action="append", help="a reader round's folder")
    args = parser.parse_args()
    if not (args.part or args.reader):
        parser.error("give --part or --reader")
    start = time.perf_counter()
    captured: list[dict[str, Any]] = []
    real_align = story_module.align

    def capture(articles: Any, **kwargs: Any) -> Any:
        parsed, candidates, aliases = kwargs["parsed"], kwargs["candidates"], kwargs["aliases"]
        owner = list(candidates.owner)
        props = [
            facts._proposition(parsed[owner[i]], s, aliases)
            for i, s in enumerate(candidates.sentences)
        ]
        captured.append({
            "paths": [a.source_path or a.id for a in articles],
            "ids": [a.id for a in articles], "sentences": list(candidates.sentences),
            "owner": owner, "props": props, "vectors": candidates.vectors,
            "aliases": aliases,
        })  # fmt: skip
        return real_align(articles, **kwargs)

    story_module.align = capture  # type: ignore[assignment]
    if args.reader:
        _readers(args.reader, captured)
        return
    carriers = judged.load_carriers(HERE / "citations_ecb_carriers.jsonl")
    rows = []
    tops = []
    wanted = set(judged.TOP_FACT_STORIES[args.part])
    for story in judged.stories([args.part]):
        seen = captured[-1]
        if story.name not in wanted:
            continue
        tops.extend(judged.top_facts(story))
        records = [r for key, r in carriers.items() if len(key) == 3 and r["story"] == story.name]
        sentences = seen["sentences"]
        ids = seen["ids"]
        vectors = seen["vectors"]
        used = _used(seen, len(ids))
        for record in records:
            art, a, b = record["line"]
            text = story.texts.get(art, "")[a:b]
            hit = [
                i
                for i, s in enumerate(sentences)
                if s.article_id == art
                and (
                    (s.start, s.end) == (a, b)
                    or span_digest(s.text) == record.get("line_digest", "-")
                    or span_digest(s.text) == span_digest(text)
                )
            ]
            if not hit:
                print("no sentence for", record["line"], file=sys.stderr)
                continue
            t = hit[0]
            line = seen["props"][t]
            for k, ident in enumerate(ids):
                if ident == art:
                    continue
                label = (
                    1
                    if ident in record["carriers"]
                    else (0.5 if ident in record.get("partial", ()) else 0)
                )
                cands = [i for i, o in enumerate(seen["owner"]) if o == k]
                others = [(seen["props"][i], float(vectors[t] @ vectors[i])) for i in cands]
                rows.append({
                    "story": story.name, "fact": tuple(record["line"]), "article": ident,
                    "label": label, "line_prop": line, "others": others,
                    "aliases": seen["aliases"], "used": used, "own": ids.index(art),
                    "sentences": [(sentences[i].start, sentences[i].end) for i in cands],
                })  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / f"{args.part}.pkl").open("wb") as out:
        pickle.dump(rows, out)
    scored, _ = judged.carrier_scores(tops, carriers)
    print(
        "top facts",
        len(tops),
        "judged",
        len(scored),
        "within",
        sum(c.within for c in scored),
        "claimed",
        sum(len(c.fact.claimed) for c in scored),
        "carriers",
        sum(c.carriers for c in scored),
        "claimed_carriers",
        sum(c.claimed_carriers for c in scored),
    )
    print(len(rows), "pairs", round(time.perf_counter() - start, 1), "s")


def _used(seen: dict[str, Any], articles: int) -> list[frozenset[str]]:
    """Each article's lemmas (of its candidate sentences)."""
    out: list[set[str]] = [set() for _ in range(articles)]
    for prop, k in zip(seen["props"], seen["owner"], strict=True):
        out[k] |= prop.lemmas
    return [frozenset(lemmas) for lemmas in out]


def _norm(text: str) -> str:
    from storyline.clean.metadata import without_dateline

    return " ".join(without_dateline(text).split())


def _readers(folders: list[Path], captured: list[dict[str, Any]]) -> None:
    import json

    from storyline.api import build_briefs

    rows = []
    for folder in folders:
        labels: dict[tuple[str, str], dict[str, str]] = {}  # (story, fact text) -> file -> label
        names: dict[tuple[str, str], str] = {}  # (story, brief article id) -> file name
        ranks: dict[tuple[str, int], str] = {}
        for brief_path in sorted((folder / "briefs").glob("*.json")):
            brief = json.loads(brief_path.read_text(encoding="utf-8"))
            for a in brief["articles"]:
                names[(brief_path.stem, a["id"])] = Path(a["source_path"]).name
        for raw in (folder / "out" / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(raw)
            if r["part"] != "mention":
                continue
            name = names.get((r["story"], r["article"]), r["article"])
            label = {"COPIED": "SUPPORTS"}.get(r["label"], r["label"])
            labels.setdefault((r["story"], r["line"]), {})[name] = label
            if "fact_rank" in r:
                ranks[(r["story"], r["fact_rank"])] = r["line"]
        for missed in sorted((folder / "out").glob("missed*.jsonl")):
            for raw in missed.read_text(encoding="utf-8").splitlines():
                r = json.loads(raw)
                fact = r.get("fact") or ranks.get((r["story"], r.get("fact_rank", -1)))
                if fact is None:
                    continue
                name = names.get((r["story"], r["article"]), r["article"])
                labels.setdefault((r["story"], fact), {})[name] = r.get("label") or r["level"]
        for story in sorted({s for s, _ in labels}):
            build_briefs([str(folder / "in" / story)], one_story=True)
            seen = captured[-1]
            files = [Path(i).name for i in seen["paths"]]
            used = _used(seen, len(files))
            for (s, fact), marks in sorted(labels.items()):
                if s != story:
                    continue
                hit = [i for i, x in enumerate(seen["sentences"]) if _norm(x.text) == _norm(fact)]
                if not hit:
                    print("no sentence for a fact of", story, file=sys.stderr)
                    continue
                t = hit[0]
                own = seen["owner"][t]
                for k, name in enumerate(files):
                    if k == own:
                        continue
                    mark = marks.get(name, "NO")
                    label = {"SUPPORTS": 1, "PARTIAL": 0.5}.get(mark, 0)
                    cands = [i for i, o in enumerate(seen["owner"]) if o == k]
                    vectors = seen["vectors"]
                    others = [(seen["props"][i], float(vectors[t] @ vectors[i])) for i in cands]
                    rows.append({
                        "story": story, "fact": (files[own], fact[:40]), "article": name,
                        "label": label, "line_prop": seen["props"][t], "others": others,
                        "aliases": seen["aliases"], "used": used, "own": own,
                    })  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "reader.pkl").open("wb") as out:
        pickle.dump(rows, out)
    print(len(rows), "pairs", sum(r["label"] == 1 for r in rows), "carriers")


if __name__ == "__main__":
    main()
