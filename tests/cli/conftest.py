"""The CLI as a user runs it: the installed ``storyline`` command in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Runner = Callable[..., subprocess.CompletedProcess[bytes]]


def _storyline(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "storyline.cli"]
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, timeout=300, check=False
    )


@pytest.fixture
def storyline() -> Runner:
    return _storyline
