"""The store re-clusters as articles arrive: stories merge (the old id stays an alias that
the web page redirects and the API answers with ``merged_into``), and what a batch
repeats is stored once."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.cluster.stories import story_id
from storyline.ingest import ingest
from storyline.store import open_store
from storyline.web.app import create_app

FLOOD = [
    "The Corran river burst its banks in Lowmere on Monday, flooding 300 homes.",
    "Mayor Alys Venning said the Lowmere flood barrier failed at 4 a.m.",
    "Rescue crews from Dunhallow evacuated 1,200 residents of Lowmere.",
    "The Corran rose 2.4 metres above its normal level, the Lowmere council said.",
    "Venning asked the national government for emergency funds after the flood.",
]


def _write(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _record(ident: str, lines: list[str], hour: int) -> dict[str, str]:
    return {
        "id": ident,
        "text": "\n\n".join(lines),
        "published": f"2025-03-10T{hour:02d}:00:00+00:00",
    }


HALF_A = [FLOOD[0], FLOOD[2]]  # no word of one half is in the other
HALF_B = ["Mayor Alys Venning asked the national government for emergency funds.", FLOOD[1]]


def test_two_stories_merge_and_the_old_id_redirects(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    ingest([_write(tmp_path / "a.jsonl", [_record("h1", HALF_A, 8)])], db, briefs=False)
    ingest([_write(tmp_path / "b.jsonl", [_record("h2", HALF_B, 9)])], db, briefs=False)
    with open_store(db) as store:
        assert {store.story_of("h1"), store.story_of("h2")} == {story_id("h1"), story_id("h2")}
    whole = [_record(f"w{n}", [*HALF_A, *HALF_B], 10 + n) for n in range(3)]
    ingest([_write(tmp_path / "c.jsonl", whole)], db)
    with open_store(db) as store:
        kept = store.story_of("h1")
        assert kept == store.story_of("h2") == store.story_of("w0")
        gone = ({story_id("h1"), story_id("h2")} - {kept}).pop()
        assert store.alias_of(gone) == kept
        assert store.story(gone) is None
        assert store.story(kept)["article_count"] == 5
        assert store.brief(kept) is not None
    with TestClient(create_app(db)) as client:
        page = client.get(f"/stories/{gone}", follow_redirects=False)
        assert page.status_code == 308 and page.headers["location"] == f"/stories/{kept}"
        assert client.get(f"/stories/{gone}").status_code == 200
        answer = client.get(f"/api/stories/{gone}").json()
        assert answer["merged_into"] == kept
        assert client.get(f"/api/stories/{kept}").json()["story_id"] == kept
        assert client.get("/api/stories/s000000000000").status_code == 404


def test_the_same_article_twice_in_one_batch_is_a_duplicate_of_the_first(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    record = _record("same", FLOOD, 8)
    copy = {**record, "id": "same-again"}
    result = ingest([_write(tmp_path / "a.jsonl", [record, record, copy])], db, briefs=False)
    with open_store(db) as store:
        ids = sorted(row["id"] for row in store.dump()["articles"])
        assert len(ids) == 3 and "same" in ids and "same-again" in ids  # nothing lost
        copies = {i: store.article(i)["duplicate_of"] for i in ids if i != "same"}
        assert set(copies.values()) == {"same"}
        assert {store.story_of(i) for i in ids} == {story_id("same")}
    assert result.progress.duplicates == 2
    assert result.stories_new == [story_id("same")]


def test_lazy_briefs_are_built_on_first_view(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    whole = [_record(f"w{n}", FLOOD, 10 + n) for n in range(2)]
    result = ingest([_write(tmp_path / "a.jsonl", whole)], db, briefs=False)
    assert result.progress.briefs_done == 0
    story = story_id("w0")
    with open_store(db) as store:
        assert store.brief(story) is None and store.brief_is_stale(story)
    with TestClient(create_app(db)) as client:
        brief = client.get(f"/api/stories/{story}").json()
        assert brief["story_id"] == story and brief["summary"]
        assert "Lowmere" in client.get(f"/stories/{story}").text
    with open_store(db) as store:
        assert store.brief(story) is None  # serve reads only
    again = ingest([_write(tmp_path / "a.jsonl", whole)], db)  # nothing new, briefs now
    assert again.progress.new == 0 and again.progress.briefs_done == 1  # the stale one
    with open_store(db) as store:
        assert not store.brief_is_stale(story) and store.brief(story) is not None
