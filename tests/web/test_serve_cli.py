"""``storyline serve``: clear one-line errors, and a real server answering on loopback."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from web_builders import WebStore

from storyline.cli import main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_missing_database_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--db", str(tmp_path / "missing.db")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("storyline: error: no storyline database at ")
    assert "storyline ingest" in err


def test_a_file_that_is_not_a_database_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database\n", encoding="utf-8")
    assert main(["serve", "--db", str(bogus), "--port", "0"]) == 4  # the store cannot be used
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a storyline database" in err


def test_busy_port_is_a_usage_error(
    web_store: WebStore, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code = main(["serve", "--db", str(web_store.path), "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"cannot listen on 127.0.0.1:{port}" in err


def test_bad_port_is_a_usage_error(web_store: WebStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(web_store.path), "--port", "70000"]) == 2
    assert "--port must be between 0 and 65535" in capsys.readouterr().err


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_answers_on_loopback_and_stops_on_interrupt(web_store: WebStore) -> None:
    port = free_port()
    command = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(web_store.path)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a Ctrl-C reaches the server as it reaches one started from a terminal, even when
        # the tests run in a background job (which starts with SIGINT ignored)
        preexec_fn=_interruptible,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(base + "/api/stories", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server did not start in 30 s"
                time.sleep(0.1)
        assert response.status_code == 200
        assert len(response.json()["stories"]) == 2
        page = httpx.get(f"{base}/stories/{web_store.seeds_story}", timeout=5)
        assert page.status_code == 200 and "nosniff" in page.headers["x-content-type-options"]
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    # uvicorn shuts down gracefully, then passes the interrupt on: 130, as for any Ctrl-C.
    assert server.returncode == 130, err
    assert f"serving {web_store.path} at http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err
