"""``storyline ingest --engine dask``: the articles read, cleaned and featurized on a local
Dask cluster (2 workers) give exactly the store of the local ingest, and a second run
changes nothing.

Skipped without the ``dask`` extra (``pip install -e '.[dask]'``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyline.cluster.features import featurize_articles
from storyline.evaluation.datasets import multiling_dir
from storyline.ingest import ingest
from storyline.pipeline import RunSummary, clean_inputs
from storyline.settings import Settings
from storyline.store import open_store

REASON = "the dask engine needs the 'dask' extra: pip install -e '.[dask]'"
pytest.importorskip("dask", reason=REASON)
pytest.importorskip("distributed", reason=REASON)

from storyline.scale import ingest_dask  # noqa: E402
from storyline.scale.engine import connect  # noqa: E402
from storyline.scale.ingest import dask_articles  # noqa: E402

pytestmark = pytest.mark.dask

SETTINGS = Settings()
BATCH = 8  # several ingest batches, cut across the partitions


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One local cluster for the module, as the engine starts it: 2 workers, 1 thread each."""
    with connect(None) as client:
        yield client


@pytest.fixture(scope="module")
def inputs(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds, MultiLing English topics M000-M001 (20 files), and a JSON Lines file
    with a bad line, a too-short record and the same record twice (a renamed id)."""
    folder = multiling_dir() / "data" / "SourceTexts"
    if not folder.is_dir():
        pytest.skip(f"MultiLing not found at {folder}")
    root = tmp_path_factory.mktemp("ingest-inputs")
    texts = root / "multiling"
    texts.mkdir()
    for path in sorted([*folder.glob("M000*.english"), *folder.glob("M001*.english")]):
        (texts / path.name).symlink_to(path)
    assert len(list(texts.iterdir())) == 20
    body = " ".join(["The harbour bridge in Dunmore reopened on Monday after repairs."] * 8)
    record = json.dumps({"id": "bridge", "title": "Bridge reopens", "text": body})
    lines = [record, "{not json", json.dumps({"id": "short", "text": "Too short."}), record]
    extra = root / "extra.jsonl"
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(seeds_dir), str(texts), str(extra)]


def _content(db: Path) -> dict[str, Any]:
    """As tests/store/test_ingest.py: the store less the engine checkpoint."""
    with open_store(db) as store:
        snapshot = store.dump()
    snapshot.pop("state")
    return snapshot


def test_workers_give_the_local_articles_and_features(client: Any, inputs: list[str]) -> None:
    local_summary, dask_summary = RunSummary(), RunSummary()
    local = list(clean_inputs(inputs, SETTINGS, local_summary))
    # small partitions: every file (and JSON Lines range) a partition of its own
    remote = list(dask_articles(client, inputs, SETTINGS, dask_summary, partition_bytes=512))
    assert [article for article, _features in remote] == local
    assert dask_summary == local_summary and local_summary.rejections
    assert any(article.id.startswith("bridge-") for article in local)  # the renamed copy
    for article, features in remote:
        # computed alone here, inside a partition's batch on a worker: the same bits
        [alone] = featurize_articles([article])
        assert features.article_id == alone.article_id == article.id
        for name in ("language", "day", "timestamp"):
            assert getattr(features, name) == getattr(alone, name)
        for name in ("terms", "counts"):
            a, b = getattr(features, name), getattr(alone, name)
            assert a is not None and a.dtype == b.dtype and np.array_equal(a, b)


def test_dask_ingest_gives_the_local_store_and_a_second_run_changes_nothing(
    client: Any, inputs: list[str], tmp_path: Path
) -> None:
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    local = ingest(inputs, str(local_db), settings=SETTINGS, batch_size=BATCH)
    address = client.scheduler.address
    remote = ingest_dask(
        inputs,
        str(dask_db),
        settings=SETTINGS,
        scheduler=address,
        partition_bytes=512,
        batch_size=BATCH,
    )
    assert (
        local.progress.new == remote.progress.new == 27
    )  # 5 seeds, 20 MultiLing, the record twice
    assert remote.summary == local.summary
    same = {"seconds": 0, "run_id": ""}
    assert remote.to_dict() | same == local.to_dict() | same
    content = _content(dask_db)
    assert content == _content(local_db)
    assert content["stories"] and content["discards"]

    # the same files again, through the CLI on the same scheduler: nothing changes
    command = [sys.executable, "-m", "storyline.cli", "ingest", *inputs, "--db", str(dask_db)]
    again = subprocess.run(
        [*command, "--batch", str(BATCH), "--engine", "dask", "--scheduler", address, "--json"],
        capture_output=True,
        timeout=300,
    )
    assert again.returncode == 3, again.stderr  # 3: some inputs skipped (the bad lines)
    summary = json.loads(again.stdout)
    assert (summary["new"], summary["already_stored"], summary["stories_touched"]) == (0, 27, 0)
    assert _content(dask_db) == content
