"""kill -9 at a random moment of an ingest (issue 18's standing suite): the store the
killed run leaves passes SQLite's integrity check, and the next run ends with the store
an uninterrupted run makes. The moment differs every run (the seed is printed). While it
writes, a second writer through a symlink to the store is refused."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import hostile_builders as crafted
import pytest
from hostile_builders import storyline_command

from storyline.ingest import ingest
from storyline.settings import Settings
from storyline.store import StoreLockedError, integrity_problems, open_store

BATCH = 2
FAST = Settings()


def _content(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        snapshot = store.dump()
    snapshot.pop("state")  # pickled sets need not be byte-identical across processes
    return snapshot


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _second_writer(db: Path, link: Path) -> str:
    """Open the store for writing through a symlink while another process writes it."""
    link.symlink_to(db)
    try:
        with open_store(link, writer=True):
            return "opened"
    except StoreLockedError:
        return "locked"


@pytest.mark.slow
def test_an_ingest_killed_at_a_random_moment_resumes_to_the_same_store(
    tmp_path: Path, rng: random.Random
) -> None:
    inputs = tmp_path / "inputs"
    crafted.write_articles(inputs, random.Random(3), per_topic=2)
    whole = tmp_path / "whole.db"
    started = time.perf_counter()
    ingest([str(inputs)], str(whole), settings=FAST, batch_size=BATCH)
    took = time.perf_counter() - started

    broken = tmp_path / "broken.db"
    command = [*storyline_command(), "ingest", str(inputs), "--db", str(broken)]
    victim = subprocess.Popen(
        [*command, "--batch", str(BATCH)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ORT_DISABLE_TELEMETRY": "1"},
    )
    # a process start-up (~1-2 s) and then anywhere in the articles or the briefs
    moment = rng.uniform(0.5, 2.0 + 1.5 * took)
    deadline = time.monotonic() + moment
    second_writer = None
    while victim.poll() is None and time.monotonic() < deadline:
        if second_writer is None and _stored(broken):  # it holds the lock until it ends
            second_writer = _second_writer(broken, tmp_path / "link.db")
            if victim.poll() is not None:
                second_writer = None  # it had finished: the lock was free by then
        time.sleep(0.05)
    if victim.poll() is None:
        os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    print(
        f"killed after {moment:.2f} s (uninterrupted: {took:.2f} s); second writer {second_writer}"
    )
    assert second_writer in (None, "locked"), second_writer
    if broken.exists():
        assert integrity_problems(broken) == []
    ingest([str(inputs)], str(broken), settings=FAST, batch_size=BATCH)
    assert integrity_problems(broken) == []
    assert _content(broken) == _content(whole)
