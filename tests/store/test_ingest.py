"""`storyline ingest`: idempotent, incremental, and the same store after a kill -9 and a re-run."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from storyline.cluster.stories import topic_id
from storyline.ingest import ingest
from storyline.store import open_store
from storyline.summarize import verify_brief

REPO = Path(__file__).resolve().parents[2]


def _content(db: Path) -> dict[str, Any]:
    """The store's snapshot less the engine checkpoint (pickled sets need not be
    byte-identical across processes; the articles, links, stories and briefs must be)."""
    with open_store(db) as store:
        snapshot = store.dump()
    snapshot.pop("state")
    return snapshot


def test_seeds_make_one_story_and_a_second_ingest_changes_nothing(
    seeds_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    first = ingest([str(seeds_dir)], str(db))
    assert first.progress.new == 5 and len(first.stories_new) == 1
    with open_store(db) as store:
        stories = store.stories()
        assert len(stories) == 1 and stories[0]["article_count"] == 5
        story = stories[0]["id"]
        brief = store.brief(story)
        assert brief is not None and brief["summary"]
        articles = {a.id: a for a in store.load_articles(store.story_members(story))}
        assert verify_brief(brief, articles) == []
        assert stories[0]["independent_origins"] >= 1
        # the story's topic is the one it founded (the brief phase keeps it)
        assert stories[0]["topic"] == topic_id(story)
        assert store.search("Vedomosti")
    before = _content(db)
    again = ingest([str(seeds_dir)], str(db))
    assert (again.progress.new, again.progress.already, again.stories_touched) == (0, 5, [])
    assert _content(db) == before


def test_a_late_article_joins_its_story_and_only_that_brief_is_rebuilt(
    seeds_dir: Path, tmp_path: Path
) -> None:
    files = sorted(p for p in seeds_dir.iterdir() if p.is_file())
    early, late = tmp_path / "early", tmp_path / "late"
    early.mkdir()
    late.mkdir()
    for path in files[:-1]:
        shutil.copy(path, early / path.name)
    shutil.copy(files[-1], late / files[-1].name)
    other = tmp_path / "other"
    other.mkdir()
    (other / "library.txt").write_text(
        "The Dunmore library reopened on Monday after a two-year renovation of its reading "
        "rooms, the city council said. The library now opens on Sundays as well.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    ingest([str(early), str(other)], str(db))
    with open_store(db) as store:
        ids_before = {s["id"]: s["article_count"] for s in store.stories()}
        library = next(i for i, n in ids_before.items() if n == 1)
        library_brief = store.brief(library)
    assert sorted(ids_before.values()) == [1, 4]
    result = ingest([str(late)], str(db))
    with open_store(db) as store:
        ids_after = {s["id"]: s["article_count"] for s in store.stories()}
        assert store.brief(library) == library_brief
    assert set(ids_after) == set(ids_before)  # no story renamed, none added
    assert sorted(ids_after.values()) == [1, 5]
    assert result.stories_touched == [i for i, n in ids_after.items() if n == 5]
    assert result.stories_new == []


def test_bad_inputs_are_recorded_once_with_their_reason(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(p for p in sorted(seeds_dir.iterdir()) if p.is_file()), inputs / "a.txt")
    (inputs / "empty.txt").write_text("   \n", encoding="utf-8")
    db = tmp_path / "s.db"
    first = ingest([str(inputs)], str(db))
    assert first.summary.skipped and first.to_dict()["skipped"] == 1
    ingest([str(inputs)], str(db))
    with open_store(db) as store:
        discards = store.discards()
    assert len(discards) == 1
    assert discards[0]["source_path"].endswith("empty.txt") and discards[0]["reason"]


def _multiling_inputs(tmp_path: Path) -> Path:
    from storyline.evaluation.datasets import multiling_dir

    source = multiling_dir() / "data" / "SourceTexts"
    if not source.is_dir():  # the dataset is not here
        pytest.skip(f"MultiLing source texts not found at {source}")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for path in sorted(source.glob("M00[01]*.english")):  # two topics, 20 articles
        (inputs / path.name).symlink_to(path)
    return inputs


def _run_ingest(inputs: Path, db: Path) -> subprocess.Popen[bytes]:
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "storyline.cli"]
    return subprocess.Popen(
        [*command, "ingest", str(inputs), "--db", str(db), "--batch", "4"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ORT_DISABLE_TELEMETRY": "1"},
    )


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_an_ingest_killed_midway_and_run_again_ends_like_an_uninterrupted_one(
    tmp_path: Path,
) -> None:
    inputs = _multiling_inputs(tmp_path)
    whole = tmp_path / "whole.db"
    done = _run_ingest(inputs, whole)
    assert done.wait(timeout=600) == 0

    broken = tmp_path / "broken.db"
    victim = _run_ingest(inputs, broken)
    deadline = time.monotonic() + 300
    while _stored(broken) < 8 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.poll() is None, "the ingest ended before it could be killed"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    stored = _stored(broken)
    assert 8 <= stored < 20 and stored % 4 == 0  # whole batches only
    resumed = _run_ingest(inputs, broken)
    assert resumed.wait(timeout=600) == 0
    assert _content(broken) == _content(whole)


NOTICE = (
    "The collection holds pages gathered by a crawl that started in the spring. "
    "Each page is kept as it was found, with the pages it linked to. "
    "Researchers can ask for access to the collection."
)


def _notices_file(folder: Path, copies: int) -> Path:
    import json

    path = folder / "notices.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):  # the same notice met on unrelated pages of six sites
            record = {
                "id": f"notice-{n}",
                "url": f"https://site{n}.example.org/news/{n}",
                "published": f"2024-06-{n + 1:02d}T08:00:00+00:00",
                "text": NOTICE,
            }
            out.write(json.dumps(record) + "\n")
    return path


def test_a_notice_repeated_on_unrelated_pages_joins_no_story(
    seeds_dir: Path, tmp_path: Path
) -> None:
    from storyline.api import build_stories

    notices = _notices_file(tmp_path, 6)
    run = build_stories([str(seeds_dir), str(notices)])
    story_of = {a.id: s.id for s in run.stories for a in s.articles}
    assert run.summary.notices == 2 and "2 notices" in run.summary.line()
    # the original and its first three copies stay together; the fifth and sixth
    # appearances are stories of their own, and nobody's duplicate in the output
    assert len({story_of[f"notice-{n}"] for n in range(4)}) == 1
    assert len({story_of["notice-0"], story_of["notice-4"], story_of["notice-5"]}) == 3
    assert {link.article for link in run.duplicates} == {f"notice-{n}" for n in (1, 2, 3)}
    seed_stories = {story_of[a] for a in story_of if not a.startswith("notice-")}
    assert len(seed_stories) == 1 and not seed_stories & {story_of["notice-4"]}

    db = tmp_path / "n.db"
    result = ingest([str(seeds_dir), str(notices)], str(db), briefs=False)
    assert result.to_dict()["notices"] == 2 and "notices 2" in result.line()
    with open_store(db) as store:
        members = {m for s in store.stories() for m in store.story_members(s["id"])}
        # stored, in no story, and not listed as a copy
        assert {f"notice-{n}" for n in range(4)} <= members
        assert not {"notice-4", "notice-5"} & members
        stored = store.article("notice-5")
        assert stored is not None and stored["duplicate_of"] is None
