"""The hostile suite: inputs and faults made at test time, and the CLI run in-process.

``cli`` runs ``storyline.cli.main`` in this process (no interpreter start-up) and returns
its exit code with what it printed; the few tests that need a real process (kill -9, a
read-only directory for an unprivileged user) start one themselves.
"""

from __future__ import annotations

import os
import random

import pytest
from hostile_builders import Cli, Ran

from storyline.cli import main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    """A random source whose seed is in the test's report when it fails
    (``STORYLINE_HOSTILE_SEED`` replays one)."""
    seed = int(os.environ.get("STORYLINE_HOSTILE_SEED") or random.randrange(1 << 30))
    request.node.user_properties.append(("seed", seed))
    print(f"hostile seed: STORYLINE_HOSTILE_SEED={seed}")
    return random.Random(seed)
