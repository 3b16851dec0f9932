"""A short loopback load run of the real server (benchmarks/web_load.py runs 30 s)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from web_builders import WebStore

LOAD = Path(__file__).resolve().parents[2] / "benchmarks" / "web_load.py"


@pytest.mark.slow
def test_fifty_concurrent_clients_get_no_server_error(web_store: WebStore) -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(LOAD),
            "--db",
            str(web_store.path),
            "--clients",
            "50",
            "--seconds",
            "4",
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    report = json.loads(run.stdout)
    assert run.returncode == 0, report
    assert report["server_errors"] == 0 and report["unexpected"] == {}
    assert report["requests"] > 50
    assert set(report["statuses"]) == {"200", "400", "404"}
