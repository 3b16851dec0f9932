"""Multi-News validation clusters as summary topics: the articles and their human summary.

Multi-News (Fabbri et al., 2019) pairs a newser.com summary (about 260 words, written by
an editor) with the 2-10 articles it cites. Only the **validation** split is used
(``data/multinews/val.jsonl`` with ``summary``, written by ``benchmarks/
fetch_multinews.py``; the test split is a hidden check, never fetched). The text is
lower-cased but for sentence starts and carries no titles or dates.

Like the DUC newswire sets, a topic here is several articles on one event; clusters of
``min_documents`` or more articles are kept (4 by default: 976 clusters), each in the
half its index hashes to (``tune``: constants may be chosen on it; ``held-out``), and a
seeded sample of one half is taken. Each article is written as a plain-text file so that
storyline reads it as a user's file would be.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from .multinews import Cluster, multinews_path
from .summaries import Topic

__all__ = ["multinews_topics"]


def multinews_topics(
    size: int, part: str, folder: Path, *, min_documents: int = 4, seed: int = 0
) -> list[Topic]:
    """``size`` topics of one half, their articles written under ``folder``."""
    source = multinews_path()
    if not source.is_file():
        raise FileNotFoundError(
            f"Multi-News validation data not found at {source}; run benchmarks/fetch_multinews.py"
        )
    rows: list[tuple[Cluster, str]] = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "summary" not in record:
                raise ValueError(f"{source} has no summaries: run benchmarks/fetch_multinews.py")
            cluster = Cluster(int(record["idx"]), tuple(record["documents"]))
            documents = [d for d in cluster.documents if len(d.split()) >= 50]
            if len(documents) >= min_documents and cluster.part == part:
                rows.append((Cluster(cluster.idx, tuple(documents)), record["summary"]))
    random.Random(seed).shuffle(rows)
    topics = []
    for cluster, summary in sorted(rows[:size], key=lambda row: row[0].idx):
        paths = []
        for number, text in enumerate(cluster.documents):
            path = folder / f"mn{cluster.idx}" / f"{number}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        topics.append(
            Topic(
                id=f"mn{cluster.idx}",
                paths=tuple(paths),
                texts=cluster.documents,
                bodies=cluster.documents,
                references=(summary.removeprefix("– ").strip(),),
            )
        )
    return topics
