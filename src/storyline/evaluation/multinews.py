"""Multi-News (validation split) as pools of many stories, for story clustering at density.

Multi-News (Fabbri et al., 2019) pairs each newser.com summary with the 2-10 source
articles it cites: each summary is a gold story. Its text is lower-cased (but for
sentence starts) and carries no dates or titles, as the hidden check's pools do. Only the
**validation** split is used here (its test split is a hidden check: never fetched).

The data is not in the repo (non-commercial research licence): ``benchmarks/
fetch_multinews.py`` writes ``val.jsonl`` (one cluster per line: ``idx``, ``documents``)
from a fetched copy of ``c-juhwan/multi_news_plus`` into ``$STORYLINE_DATA/multinews``
(default: ``data/multinews`` in the repo, git-ignored).

Clusters are split in two halves by a hash of their index: ``tune`` (thresholds were
chosen on it) and ``held-out`` (reported apart). A pool of ``n`` clusters is a seeded
random sample of one half.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

PARTS = ("tune", "held-out")


def data_dir() -> Path:
    """Fetched datasets: ``$STORYLINE_DATA``, else ``data/`` in the repo (git-ignored)."""
    override = os.environ.get("STORYLINE_DATA")
    if override:
        return Path(override).expanduser().resolve()
    return Path(__file__).resolve().parents[3] / "data"


def multinews_path() -> Path:
    return data_dir() / "multinews" / "val.jsonl"


@dataclass(frozen=True)
class Cluster:
    idx: int
    documents: tuple[str, ...]

    @property
    def part(self) -> str:
        digest = hashlib.sha1(str(self.idx).encode("ascii")).hexdigest()
        return PARTS[int(digest, 16) % 2]


def load_clusters(path: Path | None = None) -> list[Cluster]:
    """Every validation cluster, in file order."""
    source = path or multinews_path()
    if not source.is_file():
        raise FileNotFoundError(
            f"Multi-News validation data not found at {source}; "
            "see benchmarks/fetch_multinews.py (or set STORYLINE_DATA)"
        )
    clusters = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            clusters.append(Cluster(int(record["idx"]), tuple(record["documents"])))
    return clusters


def pool(clusters: list[Cluster], size: int, part: str, seed: int = 0) -> list[Cluster]:
    """``size`` clusters of one half (``tune`` or ``held-out``), sampled with ``seed``."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: use one of {', '.join(PARTS)}")
    chosen = [c for c in clusters if c.part == part]
    random.Random(seed).shuffle(chosen)
    if size > len(chosen):
        raise ValueError(f"only {len(chosen)} clusters in the {part} half, not {size}")
    return chosen[:size]


def records(clusters: list[Cluster]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """storyline JSON Lines records (``id``, ``text``) and the gold story of each id."""
    out: list[dict[str, str]] = []
    gold: dict[str, str] = {}
    for cluster in clusters:
        for number, text in enumerate(cluster.documents):
            ident = f"mn{cluster.idx}-{number}"
            out.append({"id": ident, "text": text})
            gold[ident] = f"mn{cluster.idx}"
    return out, gold
