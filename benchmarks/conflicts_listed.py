"""List the conflicts of each story of an eval set, to be read by hand (issue 15).

Each story is analysed with ``analyze_story`` (the brief's conflicts); every conflict is
printed with its kind, what it is about and both sides (value, articles, sentence). The
figures in benchmarks/README.md ("Conflicts, read by hand") are these lists, read.

    .venv/bin/python benchmarks/conflicts_listed.py duc2006-tune     # D0601-D0625
    .venv/bin/python benchmarks/conflicts_listed.py duc2006-held     # D0626-D0650 but 3
    .venv/bin/python benchmarks/conflicts_listed.py ecb-tune         # ECB+ topics 1-22
    .venv/bin/python benchmarks/conflicts_listed.py ecb-held         # ECB+ topics 23-45
    .venv/bin/python benchmarks/conflicts_listed.py multiling-tune   # M000-M004
    .venv/bin/python benchmarks/conflicts_listed.py multiling-held   # M005-M009
    .venv/bin/python benchmarks/conflicts_listed.py duc2007-a
    .venv/bin/python benchmarks/conflicts_listed.py seeds --json out.json
    .venv/bin/python benchmarks/conflicts_listed.py /work/read14/in  # a folder of stories

A folder given as the set holds one folder of articles per story (an independent
reader's inputs); each is read as ``storyline brief --one-story`` reads it.

DUC topics are cut to their first ``ARTICLES`` articles (stories of ten, as the hidden
study has); an article's publication date is read from its document name
(APW19980601.0001 -> 1998-06-01). ECB+ stories are its sub-topics. Three DUC 2006
held-out topics are left out: an independent reader judges them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ARTICLES = 10
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
RESERVED = frozenset({"D0631", "D0638", "D0645"})  # read by an independent reader
_DOC_DATE = re.compile(r"(19|20)(\d\d)(\d\d)(\d\d)")


def _records(which: str, folder: Path) -> list[tuple[str, list[dict[str, str]]]]:
    if which.startswith("duc"):
        from storyline.evaluation.summary_duc import duc_topics

        name = "duc2007-a" if which == "duc2007-a" else "duc2006"
        out = []
        for topic in duc_topics(name, folder):
            key = topic.id[:5]
            if name == "duc2006" and (
                key in RESERVED or (topic.part == "tune") != (which == "duc2006-tune")
            ):
                continue
            records = []
            for path, text in list(zip(topic.paths, topic.texts, strict=True))[:ARTICLES]:
                record = {"id": path.stem, "text": text}
                if date := _DOC_DATE.search(path.stem):
                    record["published"] = "{}{}-{}-{}".format(*date.groups())
                records.append(record)
            out.append((topic.id, records))
        return out
    if which.startswith("ecb"):
        from storyline.evaluation.datasets import load_ecbplus

        topics = range(1, 23) if which == "ecb-tune" else range(23, 46)
        groups: dict[str, list[dict[str, str]]] = {}
        for doc in load_ecbplus():
            if doc.topic in topics:
                groups.setdefault(str(doc.subtopic), []).append(doc.as_record())
        return sorted(groups.items(), key=lambda kv: [int(x) for x in re.findall(r"\d+", kv[0])])
    if which.startswith("multiling"):
        from storyline.evaluation.datasets import load_multiling_english

        wanted = range(0, 5) if which == "multiling-tune" else range(5, 10)
        by_topic: dict[str, list[dict[str, str]]] = {}
        for mdoc in load_multiling_english():
            if int(mdoc.topic[1:]) in wanted:
                by_topic.setdefault(mdoc.topic, []).append(mdoc.as_record())
        return sorted(by_topic.items())
    raise SystemExit(f"unknown set {which!r}")


def main() -> None:
    from storyline.analyze import story
    from storyline.api import clean_articles

    by_search: dict[int, str] = {}  # conflicts found by a count search (the rest: by facts)

    def recorded(search: Any, label: str) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            found = search(*args, **kwargs)
            by_search.update((id(c), label) for c in found)
            return found

        return run

    searches = (
        ("people_counts", "counts"),
        ("thing_counts", "things"),
        ("event_dates", "dates"),
        ("person_ages", "ages"),
        ("event_times", "times"),
        ("place_shares", "shares"),
    )
    for name, label in searches:
        setattr(story, name, recorded(getattr(story, name), label))  # patched for the count

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help="duc2006-tune, duc2006-held, ecb-tune, ecb-held, "
                        "multiling-tune, multiling-held, duc2007-a, seeds or a folder of "
                        "story folders")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the conflicts here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    if args.set == "seeds":
        stories = [("seeds", list(clean_articles([str(SEEDS)]).articles))]
    elif Path(args.set).is_dir():
        stories = [
            (story_dir.name, list(clean_articles([str(story_dir)]).articles))
            for story_dir in sorted(Path(args.set).iterdir())
            if story_dir.is_dir()
        ]
    else:
        stories = []
        for name, records in _records(args.set, folder):
            path = folder / f"{name}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            stories.append((name, list(clean_articles([str(path)]).articles)))
    found: list[dict[str, Any]] = []
    seconds = 0.0
    for name, articles in stories:
        start = time.perf_counter()
        analysis = story.analyze_story(articles)
        seconds += time.perf_counter() - start
        print(f"== {name}: {len(articles)} articles, {len(analysis.conflicts)} conflicts")
        for conflict in analysis.conflicts:
            by = by_search.get(id(conflict), "facts")
            print(f"  [{conflict.kind}] {conflict.about} (by {by})")
            for side in conflict.sides:
                print(f"    {side.value!r} ({', '.join(side.articles)}): {side.text[:240]}")
            found.append({"story": name, "by": by, **conflict.to_dict()})
    by_counts = sum(1 for c in found if c["by"] == "counts")
    by_things = sum(1 for c in found if c["by"] == "things")
    by_dates = sum(1 for c in found if c["by"] == "dates")
    by_ages = sum(1 for c in found if c["by"] == "ages")
    by_times = sum(1 for c in found if c["by"] == "times")
    by_shares = sum(1 for c in found if c["by"] == "shares")
    print(
        f"{args.set}: {len(stories)} stories, {len(found)} conflicts ({by_counts} by the count"
        f" search of people, {by_things} of other things, {by_dates} by event dates,"
        f" {by_times} by event times, {by_ages} by ages of people, {by_shares} by shares"
        f" and populations of places),"
        f" {seconds:.1f} s analysing"
    )
    if args.json:
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
