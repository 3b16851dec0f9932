"""The Dask engine on a local cluster of two worker processes (loopback only): the same
stories, ids, duplicates and syndication links as the local engine, on ECB+ (all 982
documents) and MultiLing (English; and all seven languages, clustered in blocks), and a
worker killed in the middle of a run is survived with the same result.

Skipped without the ``dask`` extra (``pip install -e '.[dask]'``).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.api import StoryRun, build_stories
from storyline.evaluation.clustering import bcubed
from storyline.evaluation.datasets import (
    ecbplus_dir,
    load_ecbplus,
    load_multiling_english,
    multiling_dir,
    to_jsonl,
)
from storyline.settings import Settings

REASON = "the dask engine needs the 'dask' extra: pip install -e '.[dask]'"
pytest.importorskip("dask", reason=REASON)
pytest.importorskip("distributed", reason=REASON)
cloudpickle = pytest.importorskip("cloudpickle", reason=REASON)

from storyline.scale import build_stories_dask  # noqa: E402
from storyline.scale.engine import connect, run_stories  # noqa: E402

pytestmark = pytest.mark.dask

# The kill hook below is defined here: ship it to the workers by value, not by module name.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SETTINGS = Settings()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One local cluster for the module, as the engine starts it: 2 workers, 1 thread each."""
    with connect(None) as client:
        yield client


@pytest.fixture(scope="module")
def ecbplus_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ecbplus_dir().is_dir():
        pytest.skip(f"ECB+ not found at {ecbplus_dir()}")
    path = tmp_path_factory.mktemp("ecbplus") / "ecbplus.jsonl"
    assert to_jsonl(load_ecbplus(), path) == 982
    return path


@pytest.fixture(scope="module")
def multiling_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    path = tmp_path_factory.mktemp("multiling") / "multiling.jsonl"
    assert to_jsonl(load_multiling_english(), path) == 100
    return path


def assert_same(dask: StoryRun, local: StoryRun) -> None:
    """Same stories (ids, members, order, metadata), duplicates, syndication, summary."""
    assert dask.summary == local.summary
    assert [s.id for s in dask.stories] == [s.id for s in local.stories]
    assert dask.stories == local.stories
    assert dask.duplicates == local.duplicates
    assert dask.syndication == local.syndication
    pred = {a.id: s.id for s in dask.stories for a in s.articles}
    gold = {a.id: s.id for s in local.stories for a in s.articles}
    assert bcubed(pred, gold)[2] == 1.0


def test_ecbplus_all_documents_give_the_local_stories(client: Any, ecbplus_jsonl: Path) -> None:
    local = build_stories([str(ecbplus_jsonl)], settings=SETTINGS)
    # 256 KiB ranges: the 2 MB file is read as 8 byte ranges on the two workers
    dask = run_stories(client, [str(ecbplus_jsonl)], SETTINGS, partition_bytes=256 << 10)
    # 982 documents; one cleans to fewer than 5 words (a headline over a date). A
    # headline over one sentence that the corpus cuts off with an ellipsis ("... Coach...")
    # is kept since a line cut off with an ellipsis is a soft teaser the line model judges
    assert local.summary.articles == 981 and len(local.duplicates) > 0
    assert_same(dask, local)


def test_multiling_english_gives_the_local_stories(client: Any, multiling_jsonl: Path) -> None:
    local = build_stories([str(multiling_jsonl)], settings=SETTINGS)
    dask = run_stories(client, [str(multiling_jsonl)], SETTINGS, partition_bytes=32 << 10)
    assert len(local.syndication) > 0
    assert_same(dask, local)


def test_seven_languages_cluster_in_blocks_with_the_local_stories(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    folder = str(multiling_dir() / "data" / "SourceTexts")  # 700 files, 7 languages
    local = build_stories([folder], settings=SETTINGS)
    with caplog.at_level(logging.DEBUG, logger="storyline.scale.engine"):
        dask = run_stories(client, [folder], SETTINGS, partition_bytes=256 << 10)
    assert "in 7 block(s)" in caplog.text
    assert "as one block" not in caplog.text
    assert_same(dask, local)


def _die_once(marker: str, partition: int) -> None:
    """Kill this worker process the first time partition 1 runs."""
    if partition == 1 and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(1)


def test_a_worker_killed_mid_run_is_survived(
    client: Any, multiling_jsonl: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    local = build_stories([str(multiling_jsonl)], settings=SETTINGS)
    dask = run_stories(
        client,
        [str(multiling_jsonl)],
        SETTINGS,
        partition_bytes=32 << 10,
        hook=functools.partial(_die_once, str(marker)),
    )
    assert marker.exists()  # the worker did die; Dask ran its tasks again elsewhere
    assert_same(dask, local)


def test_build_stories_dask_starts_and_closes_its_own_cluster(seeds_dir: Path) -> None:
    local = build_stories([str(seeds_dir)], settings=SETTINGS)
    assert_same(build_stories_dask([str(seeds_dir)], settings=SETTINGS), local)


def test_cli_engine_dask_on_a_scheduler_prints_the_local_stories(
    client: Any, seeds_dir: Path
) -> None:
    address = client.scheduler.address
    command = [sys.executable, "-m", "storyline.cli", "stories", str(seeds_dir)]
    local = subprocess.run(command, capture_output=True, check=True, timeout=300)
    dask = subprocess.run(
        [*command, "--engine", "dask", "--scheduler", address],
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert json.loads(dask.stdout) == json.loads(local.stdout)
    assert dask.stderr == local.stderr  # the same run summary
