"""``storyline stories --engine/--scheduler``: the flags that need each other (no Dask)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _stories(*args: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "storyline.cli", "stories", *args]
    return subprocess.run(command, capture_output=True, timeout=120, check=False)


def test_scheduler_needs_the_dask_engine(seeds_dir: Path) -> None:
    result = _stories(str(seeds_dir), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 2
    assert b"--scheduler needs --engine dask" in result.stderr


def test_incremental_runs_only_locally(seeds_dir: Path) -> None:
    result = _stories(str(seeds_dir), "--engine", "dask", "--incremental")
    assert result.returncode == 2
    assert b"--incremental runs in one process" in result.stderr


def test_help_names_the_engines() -> None:
    result = _stories("--help")
    assert result.returncode == 0
    assert b"--engine {local,dask}" in result.stdout and b"--scheduler ADDRESS" in result.stdout
