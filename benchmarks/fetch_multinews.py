"""Write the Multi-News validation split as JSON Lines for the story benchmarks.

Reads a local git copy of the public repo ``c-juhwan/multi_news_plus`` (its
``cleansing/cleansed_data/*.json`` files, records with ``split``, ``idx`` and
``raw_document``) and writes only the records of one split, ``val`` (default) or
``train``, to ``$STORYLINE_DATA/multinews/<split>.jsonl`` (default ``data/multinews``,
git-ignored): one line per cluster, ``{"idx", "documents"}`` and, for ``val``, the
human ``summary`` (the references of ``summary_multinews.py``). The test split is never
written (it is a hidden check). The data's licence is non-commercial research: never
commit it.

    .venv/bin/python benchmarks/fetch_multinews.py /path/to/multi_news_plus.git
    .venv/bin/python benchmarks/fetch_multinews.py /path/to/multi_news_plus.git --split train
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

FOLDER = "cleansing/cleansed_data/"


def main() -> int:
    from storyline.evaluation.multinews import multinews_path

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", help="a git directory or checkout of c-juhwan/multi_news_plus")
    parser.add_argument(
        "--split",
        choices=("val", "train"),
        default="val",
        help="val: the dev pools (default); train: the speed benchmark's corpus",
    )
    args = parser.parse_args()
    git = (
        ["git", "--git-dir", args.repo]
        if args.repo.endswith(".git") or Path(args.repo, "HEAD").is_file()
        else ["git", "-C", args.repo]
    )
    names = subprocess.check_output([*git, "ls-tree", "-r", "--name-only", "HEAD", FOLDER])
    target = multinews_path().with_name(f"{args.split}.jsonl")
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with target.open("w", encoding="utf-8") as out:
        for name in names.decode().split():
            if not name.endswith(".json"):
                continue
            for record in json.loads(subprocess.check_output([*git, "show", f"HEAD:{name}"])):
                if record["split"] == args.split:
                    row = {"idx": record["idx"], "documents": record["raw_document"]}
                    if args.split == "val":
                        row["summary"] = record["summary"]
                    out.write(json.dumps(row) + "\n")
                    written += 1
    print(f"{written} {args.split} clusters -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
