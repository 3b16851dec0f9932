"""The hostile suite: inputs and faults made at test time, and the CLI run in-process.

``cli`` runs ``storyline.cli.main`` in this process (no interpreter start-up) and returns
its exit code with what it printed; the few tests that need a real process (kill -9, a
read-only directory for an unprivileged user) start one themselves.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import hostile_builders as crafted
import pytest
from hostile_builders import ODD_IDS, Cli, Ran

from storyline.cli import main
from storyline.ingest import ingest
from storyline.settings import Settings


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


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Made-up articles in four stories (one of them under the odd ids) and a store of
    them, ingested once per session: (the inputs folder, the database). Copy it to
    change it."""
    root = tmp_path_factory.mktemp("hostile-store")
    inputs = root / "inputs"
    crafted.write_articles(inputs, random.Random(18), per_topic=2)
    rng = random.Random(11)
    topic = crafted.TOPICS[3]
    lines = [
        json.dumps({"id": ident, "title": f"Odd id {n}", "text": crafted.article(rng, topic, 1)})
        for n, ident in enumerate(ODD_IDS)
    ]
    (inputs / "odd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = root / "store.db"
    ingest([str(inputs)], str(db), settings=Settings())
    return inputs, db
