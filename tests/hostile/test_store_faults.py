"""The store under faults (issue 18, rows 5-8, 13, 15): missing and read-only places,
symlinked paths, a second writer, corrupt files, and what rebuilds them."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import hostile_builders as crafted
import pytest
from hostile_builders import Cli, run_unprivileged, storyline_command, unprivileged

from storyline.store import integrity_problems, open_store

FLAGS: tuple[str, ...] = ()


@pytest.fixture
def built(hostile_store: tuple[Path, Path]) -> tuple[Path, Path]:
    return hostile_store


def _copy(db: Path, to: Path) -> Path:
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, to)
    return to


def _content(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        snapshot = store.dump()
    snapshot.pop("state")
    return snapshot


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# -- rows 5 and 6: places the store cannot be ------------------------------------------------


def test_ingest_into_a_missing_directory_is_one_line_and_exit_4(
    cli: Cli, built: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, _ = built
    ran = cli("ingest", str(inputs), "--db", str(tmp_path / "no" / "such" / "s.db"), *FLAGS)
    line = _one_line(ran.err)
    assert ran.code == 4
    assert f"the directory {tmp_path / 'no' / 'such'} does not exist" in line
    assert not (tmp_path / "no").exists()


def test_ingest_into_a_read_only_directory_is_one_line_and_exit_4(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, db = built
    locked = tmp_path / "locked"
    _copy(db, locked / "s.db").chmod(0o644)
    locked.chmod(0o555)
    ran = run_unprivileged("ingest", str(inputs), "--db", str(locked / "s.db"), *FLAGS)
    line = _one_line(ran.stderr)
    assert ran.returncode == 4
    assert "cannot write the store" in line and "Permission denied" in line
    fresh = run_unprivileged("ingest", str(inputs), "--db", str(locked / "new.db"), *FLAGS)
    assert fresh.returncode == 4 and "cannot write the store" in _one_line(fresh.stderr)


def test_a_directory_given_as_the_store_is_one_line(cli: Cli, tmp_path: Path) -> None:
    ran = cli("ingest", str(tmp_path), "--db", str(tmp_path))
    assert ran.code == 4 and "it is a directory" in _one_line(ran.err)


# -- row 8: one store, one lock, whatever the path --------------------------------------------


@pytest.mark.parametrize("via", ["file", "directory", "dotdot"])
def test_a_second_ingest_through_another_path_is_refused_with_exit_5(
    cli: Cli, built: tuple[Path, Path], tmp_path: Path, via: str
) -> None:
    inputs, db = built
    real = _copy(db, tmp_path / "real" / "s.db")
    if via == "file":
        (tmp_path / "link.db").symlink_to(real)
        other = tmp_path / "link.db"
    elif via == "directory":
        (tmp_path / "linkdir").symlink_to(real.parent)
        other = tmp_path / "linkdir" / "s.db"
    else:
        other = tmp_path / "real" / ".." / "real" / "s.db"
    with open_store(real, writer=True):
        ran = cli("ingest", str(inputs), "--db", str(other), *FLAGS)
    assert ran.code == 5
    assert "another storyline ingest is writing to" in _one_line(ran.err)
    assert sorted(p.name for p in real.parent.iterdir() if p.suffix == ".lock") == ["s.db.lock"]
    assert not (tmp_path / "link.db.lock").exists()


# -- row 13: a duplicate joins an existing story, which is not new ----------------------------


def test_a_near_duplicate_into_a_stored_story_is_no_new_story(
    cli: Cli, built: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, db = built
    store_db = _copy(db, tmp_path / "s.db")
    original = (inputs / "t0-0.txt").read_text(encoding="utf-8")
    copy = tmp_path / "late" / "copy.txt"
    copy.parent.mkdir()
    copy.write_text(original.replace("Officials", "Local officials", 1) + "Updated.\n", "utf-8")
    with open_store(store_db) as store:
        before = len(store.stories())
    ran = cli("ingest", str(copy.parent), "--db", str(store_db), *FLAGS, "--json")
    assert ran.code == 0, ran.err
    summary = json.loads(ran.out)
    assert summary["duplicates"] == 1 and summary["new"] == 1
    assert (summary["stories_touched"], summary["stories_new"]) == (1, 0)
    assert "stories touched 1 (0 new)" in ran.err
    with open_store(store_db) as store:
        assert len(store.stories()) == before


# -- row 7: corrupt stores --------------------------------------------------------------------


def _pages(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA page_size").fetchone()[0], conn.execute(
            "PRAGMA page_count"
        ).fetchone()[0]


def _articles_page(db: Path) -> int:
    """A page of the articles table's b-tree (SQLite's dbstat table, when compiled in;
    else the first interior page by header type 0x05 / leaf 0x0d after page 1)."""
    with sqlite3.connect(db) as conn:
        try:
            row = conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'articles' ORDER BY pageno LIMIT 1"
            ).fetchone()
            return int(row[0])
        except sqlite3.Error:
            root = conn.execute(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'articles'"
            ).fetchone()
            return int(root[0])


def test_a_store_corrupt_mid_file_is_reported_with_its_recovery_and_rebuilt(
    cli: Cli, built: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, db = built
    broken = _copy(db, tmp_path / "s.db")
    size, _ = _pages(broken)
    with sqlite3.connect(db) as conn:  # the index of article ids: every ingest reads it
        root = conn.execute(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'sqlite_autoindex_articles_1'"
        ).fetchone()[0]
    with broken.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(bytes(random.Random(7).randrange(256) for _ in range(size)))
    ran = cli("ingest", str(inputs), "--db", str(broken), *FLAGS)
    line = _one_line(ran.err.replace("storyline: ingest: ", "\n").strip().splitlines()[-1])
    assert ran.code == 6, ran.err
    assert "is damaged" in line and f"storyline store rebuild --db {broken}" in line
    assert "Traceback" not in ran.err
    check = cli("store", "check", "--db", str(broken))
    assert check.code == 6 and "storyline store rebuild" in check.err
    rebuilt = cli("store", "rebuild", "--db", str(broken), *FLAGS)
    assert rebuilt.code == 0, rebuilt.err
    with open_store(db) as store:
        stored = len(store.article_ids())
    assert "rebuilt" in rebuilt.err and f"from {stored} articles" in rebuilt.err
    assert cli("store", "check", "--db", str(broken)).code == 0
    assert _content(broken) == _content(db)  # every article was whole: the same store
    (kept,) = (p for p in tmp_path.iterdir() if re.fullmatch(r"s\.db\.damaged-[0-9TZ]+", p.name))
    assert integrity_problems(kept)
    again = cli("ingest", str(inputs), "--db", str(broken), *FLAGS)
    assert again.code == 0 and f"already stored {stored}" in again.err


def test_rebuild_keeps_the_articles_a_damaged_page_did_not_hold(
    cli: Cli, built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, db = built
    broken = _copy(db, tmp_path / "s.db")
    size, _ = _pages(broken)
    page = _articles_page(broken)
    with broken.open("r+b") as handle:
        handle.seek((page - 1) * size + 8)
        handle.write(b"\xff" * (size - 8))
    ran = cli("store", "rebuild", "--db", str(broken), *FLAGS)
    with open_store(db) as store:
        every = store.article_ids()
    if ran.code == 0:
        with open_store(broken) as store:
            assert store.article_ids() <= every
        assert integrity_problems(broken) == []
    else:  # nothing could be read back
        assert ran.code == 4 and "ingest the original inputs" in _one_line(ran.err)


@pytest.mark.parametrize("damage", ["truncated", "header", "random-pages", "garbage-wal"])
def test_no_damage_gives_a_traceback(
    cli: Cli, built: tuple[Path, Path], tmp_path: Path, rng: random.Random, damage: str
) -> None:
    inputs, db = built
    broken = _copy(db, tmp_path / "s.db")
    data = bytearray(broken.read_bytes())
    size, count = _pages(broken)
    if damage == "truncated":
        data = data[: len(data) // 2 + 100]
    elif damage == "header":
        data[:100] = b"\x00" * 100
    elif damage == "random-pages":
        for page in rng.sample(range(1, count), min(3, count - 1)):
            start = page * size + rng.randrange(size // 2)
            data[start : start + 64] = bytes(rng.randrange(256) for _ in range(64))
    else:
        (tmp_path / "s.db-wal").write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    broken.write_bytes(bytes(data))
    for args in (
        ("ingest", str(inputs), "--db", str(broken), *FLAGS),
        ("store", "check", "--db", str(broken)),
        ("store", "rebuild", "--db", str(broken), *FLAGS),
        ("ingest", str(inputs), "--db", str(broken), *FLAGS),
    ):
        ran = cli(*args)
        assert "Traceback" not in ran.err
        assert ran.code in (0, 3, 4, 6), (args, ran.err)
        if ran.code:
            assert ran.err.strip().splitlines()[-1].startswith("storyline: error: "), ran.err


def test_serving_a_damaged_store_answers_500_and_logs_it(
    built: tuple[Path, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    _, db = built
    broken = _copy(db, tmp_path / "s.db")
    size, _ = _pages(broken)
    page = _articles_page(broken)
    with broken.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\x0d" + b"\xff" * (size - 1))
    with TestClient(create_app(broken), raise_server_exceptions=False) as client:
        with open_store(db) as store:
            ident = min(i for i in store.article_ids() if re.fullmatch(r"[0-9a-f]{16}", i))
        answer = client.get(f"/api/articles/{ident}")
    if answer.status_code == 200:
        pytest.skip("the scribbled page held no row this article needs")
    assert answer.status_code == 500
    error = answer.json()["error"]
    assert re.fullmatch(r"[0-9a-f]{12}", error["id"])
    assert "storyline store rebuild" in caplog.text and error["id"] in caplog.text


# -- row 15: serving a store in a read-only directory ------------------------------------------


def _serve_once(db: Path, *flags: str) -> tuple[int, str, str]:
    """Start ``storyline serve`` as an unprivileged user, GET /api/stories, stop it."""
    import urllib.request

    server = subprocess.Popen(
        [*storyline_command(), "serve", "--db", str(db), "--port", "0", *flags],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=unprivileged(),
        env={**os.environ, "ORT_DISABLE_TELEMETRY": "1"},
    )
    assert server.stderr is not None
    seen = []
    try:
        for line in server.stderr:
            seen.append(line)
            found = re.search(r"at (http://\S+/) ", line)
            if found:
                with urllib.request.urlopen(found.group(1) + "api/stories", timeout=30) as r:
                    return r.status, r.read().decode(), "".join(seen)
        return server.wait(timeout=30), "", "".join(seen)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


@pytest.mark.slow
def test_serve_reads_a_store_in_a_read_only_directory(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, db = built
    locked = tmp_path / "locked"
    _copy(db, locked / "s.db").chmod(0o644)
    locked.chmod(0o555)
    status, body, err = _serve_once(locked / "s.db")
    assert status == 200, err
    assert '"stories":[{' in body
    assert "read as immutable" in err
    assert sorted(p.name for p in locked.iterdir()) == ["s.db"]  # nothing written there


def test_a_read_only_store_with_an_unread_log_says_why(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, db = built
    source = _copy(db, tmp_path / "source" / "s.db")
    writer = sqlite3.connect(source)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO state (key, value) VALUES ('late', x'00')")
    writer.commit()
    locked = tmp_path / "locked"
    locked.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(str(source) + suffix, str(locked / "s.db") + suffix)
        os.chmod(str(locked / "s.db") + suffix, 0o644)
    writer.close()
    locked.chmod(0o555)
    listing = run_unprivileged("serve", "--db", str(locked / "s.db"), "--port", "0")
    assert listing.returncode == 4, listing.stderr
    assert "write-ahead log" in _one_line(listing.stderr)
    assert "--immutable" in listing.stderr


def test_serve_immutable_reads_without_touching_the_directory(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    _, db = built
    served = _copy(db, tmp_path / "ro" / "s.db")
    with TestClient(create_app(served, immutable=True)) as client:
        assert client.get("/api/stories").json()["stories"]
    assert sorted(p.name for p in served.parent.iterdir()) == ["s.db"]


def test_a_read_only_store_file_is_one_line_and_exit_4(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, db = built
    frozen = _copy(db, tmp_path / "frozen" / "s.db")
    frozen.chmod(0o444)
    ran = run_unprivileged("ingest", str(inputs), "--db", str(frozen), *FLAGS)
    assert ran.returncode == 4, ran.stderr
    assert "read-only" in _one_line(ran.stderr)


def test_unreadable_inputs_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    crafted.write_articles(inputs, random.Random(4), per_topic=1)
    (inputs / "t0-0.txt").chmod(0o000)
    hidden = inputs / "closed"
    hidden.mkdir()
    (hidden / "inside.txt").write_text("x", encoding="utf-8")
    hidden.chmod(0o000)
    try:
        ran = run_unprivileged("clean", str(inputs), "--format", "json")
    finally:
        hidden.chmod(0o755)
    assert ran.returncode == 3, ran.stderr
    assert len(ran.stdout.splitlines()) == 3
    skipped = [line for line in ran.stderr.splitlines() if "skipped" in line]
    assert any("t0-0.txt" in line and "permission denied" in line.lower() for line in skipped)
    assert any("closed" in line for line in skipped), skipped
    assert "Traceback" not in ran.stderr


def test_a_store_killed_inside_a_transaction_checks_sound(cli: Cli, tmp_path: Path) -> None:
    """A process killed inside a rollback-journal transaction (a new store, before WAL)
    leaves a hot journal that only a writer may roll back: check and rebuild open the
    file so, as the next ingest would."""
    live = sqlite3.connect(tmp_path / "live.db", isolation_level=None)
    live.execute("CREATE TABLE t (x)")
    live.execute("INSERT INTO t VALUES (1)")
    live.execute("PRAGMA cache_size = 1")  # spill: changed pages reach the file mid-transaction
    live.execute("BEGIN")
    for _ in range(4):
        live.execute("INSERT INTO t VALUES (randomblob(500000))")
    shutil.copyfile(tmp_path / "live.db", tmp_path / "s.db")
    shutil.copyfile(tmp_path / "live.db-journal", tmp_path / "s.db-journal")
    live.close()
    assert cli("store", "check", "--db", str(tmp_path / "s.db")).code == 0
    with sqlite3.connect(tmp_path / "s.db") as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
