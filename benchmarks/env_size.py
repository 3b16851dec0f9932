"""What an installed environment's site-packages hold, by distribution (issue 19).

Sums the files each installed distribution's RECORD lists (compiled ``.pyc`` included,
as pip records them), largest first, with who requires each one, and the total of the
folder as ``du`` counts it. Run it with the environment's own interpreter:

    python -m venv /tmp/pgvenv && /tmp/pgvenv/bin/pip install -c constraints.txt -e .
    /tmp/pgvenv/bin/python benchmarks/env_size.py            # --top N, --json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sysconfig
from importlib import metadata
from pathlib import Path

TOOLING = {"pip", "setuptools", "wheel"}
"""What ``python -m venv`` puts in every environment (not storyline's dependencies)."""


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _folder_bytes(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for file in files:
            path = Path(root) / file
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def sizes() -> tuple[list[dict[str, object]], int]:
    required_by: dict[str, set[str]] = {}
    rows = []
    for dist in metadata.distributions():
        name = _name(dist.metadata["Name"])
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            wanted = re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]
            required_by.setdefault(_name(wanted), set()).add(name)
        total = 0
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        rows.append({"name": name, "version": dist.version, "bytes": total})
    for row in rows:
        row["required_by"] = sorted(required_by.get(str(row["name"]), ()))
    rows.sort(key=lambda row: -int(str(row["bytes"])))
    return rows, _folder_bytes(Path(sysconfig.get_paths()["purelib"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows, folder = sizes()
    tooling = sum(int(str(r["bytes"])) for r in rows if r["name"] in TOOLING)
    if args.json:
        print(json.dumps({"site_packages": folder, "tooling": tooling, "by_package": rows}))
        return
    mb = 1_000_000
    print(f"site-packages: {folder / mb:.0f} MB, {len(rows)} distributions")
    print(f"  less venv tooling (pip, setuptools): {(folder - tooling) / mb:.0f} MB")
    for row in rows[: args.top]:
        by = ", ".join(row["required_by"]) or "-"  # type: ignore[arg-type]
        print(f"{int(str(row['bytes'])) / mb:7.1f} MB  {row['name']} {row['version']}  <- {by}")


if __name__ == "__main__":
    main()
