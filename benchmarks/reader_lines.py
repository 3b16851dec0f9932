"""Summary lines the independent readers judged, against today's briefs (issue 15).

Reads the judged summary lines of reader rounds 8-17 (but 11) from their reports (by
path, outside the repository: ``/work/read<N>/out``; no article text is kept here),
builds the brief of each topic of ``/work/read<N>/in/<topic>/`` as ``storyline brief
--one-story`` does (``build_briefs([dir], one_story=True)``, 120 words) and counts, per
round, the lines judged NON-NEWS that are still in a brief, the lines judged NEWS that
are gone and the lines no reader judged. Which rounds a rule was tuned on, the
README's bullet for it says.

    .venv/bin/python benchmarks/reader_lines.py            # ~6 min on 2 cores
    .venv/bin/python benchmarks/reader_lines.py --show     # every line kept, lost or new
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def judged_lines(root: Path) -> dict[tuple[int, str], dict[str, bool]]:
    """(round, topic) -> {line: judged news} from each round's report files."""
    lines: dict[tuple[int, str], dict[str, bool]] = defaultdict(dict)

    def add(rnd: int, story: str, line: str, label: str) -> None:
        lines[(rnd, story)][_norm(line)] = label.upper().startswith("NEWS")

    for story, value in json.loads((root / "read8/out/results.json").read_text()).items():
        for _, line, label in value["lines"]:
            add(8, story, line, label)
    for story, _, label, _, _, line in json.loads((root / "read9/out/results.json").read_text())[
        "lines"
    ]:
        add(9, story, line, label)
    for rnd in (10, 13):
        for row in map(json.loads, (root / f"read{rnd}/out/summary_lines.jsonl").open()):
            add(rnd, row["story"], row["line"], row["label"])
    # round 12: every summary line is in pairs.jsonl; the non-news ones in the failures
    failures = json.loads((root / "read12/out/results.json").read_text())["fails"]
    non_news = {(f[0], _norm(f[3])) for f in failures if "non-news" in f[1]}
    for row in map(json.loads, (root / "read12/out/pairs.jsonl").open()):
        if row["part"] == "summary":
            key = (row["story"], _norm(row["line"]))
            add(12, row["story"], row["line"], "NON-NEWS" if key in non_news else "NEWS")
    # round 14: every summary line is in pairs.jsonl; the non-news ones in the report
    report = (root / "read14/out/REPORT.md").read_text()
    failure = r'\*\*non-news line / \w+\*\* — line/fact: "(.*)"'
    non_news14 = {_norm(m) for m in re.findall(failure, report)}
    for row in map(json.loads, (root / "read14/out/pairs.jsonl").open()):
        if row["part"] == "summary":
            news = _norm(row["line"]) not in non_news14
            add(14, row["story"], row["line"], "NEWS" if news else "NON-NEWS")
    # rounds 15-17: every summary line with its label in lines.json
    for rnd in (15, 16, 17):
        for row in json.loads((root / f"read{rnd}/out/lines.json").read_text()):
            add(rnd, row["story"], row["text"], row["label"])
    return lines


def main() -> None:
    from storyline.api import build_briefs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/work"), help="holds read<N>/")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    judged = judged_lines(args.root)
    totals: dict[str, Any] = defaultdict(lambda: defaultdict(int))
    for (rnd, topic), labels in sorted(judged.items()):
        folder = args.root / f"read{rnd}/in/{topic}"
        [brief] = build_briefs([str(folder)], one_story=True, words=120).briefs
        now = {_norm(s.text): s.text for s in brief.summary}
        part = totals[f"round {rnd}"]
        for line, news in labels.items():
            kind = "news" if news else "non_news"
            part[kind] += 1
            part[f"{kind}_in_brief"] += line in now
            if args.show and (line in now) != news:
                print(f"{'NON-NEWS kept' if line in now else 'NEWS gone'} {rnd} {topic}: {line}")
        for line, text in now.items():
            if line not in labels:
                part["unjudged"] += 1
                if args.show:
                    print(f"unjudged {rnd} {topic}: {text}")
    for name, part in sorted(totals.items()):
        print(
            json.dumps(
                {
                    "part": name,
                    "non_news_judged": part["non_news"],
                    "non_news_in_brief": part["non_news_in_brief"],
                    "news_judged": part["news"],
                    "news_gone": part["news"] - part["news_in_brief"],
                    "unjudged_lines": part["unjudged"],
                }
            )
        )


if __name__ == "__main__":
    main()
