"""The SQLite store: migrations, the single writer, transactions, search and snapshots."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.clean.sentences import split_sentences
from storyline.store import Store, StoreError, open_store, text_hash
from storyline.store.migrations import MIGRATIONS, Migration, migrate
from storyline.types import Article, Provenance, Rejection, Removed

ELECTION = (
    "The election was held on Monday in the capital. "
    "Turnout was higher than in any vote since 2004. "
    "Observers said the count was orderly."
)
SUMMIT = (
    "Leaders met in Hanoi for two days of talks. The summit ended with a joint statement on trade."
)
FLOODS = "Heavy rain flooded the river valley on Sunday. Hundreds of homes were evacuated."


def make_article(
    ident: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    removed: tuple[Removed, ...] = (),
) -> Article:
    return Article(
        id=ident,
        source_path=f"feed/{ident}.txt",
        text=text,
        provenance=Provenance(source_path=f"feed/{ident}.txt", line=3, offset=120),
        outlet=outlet,
        title=title,
        published=published,
        sentences=split_sentences(text, ident),
        removed=removed,
        extra={"feed": "test"},
    )


ARTICLES = (
    make_article(
        "a1",
        ELECTION,
        title="Voters turn out",
        outlet="Daily",
        published="2024-06-10T12:04:00+05:30",
        removed=(Removed("Support us!", "donation-appeal"), Removed("Sign in", "sign-in")),
    ),
    make_article("a2", ELECTION, title="Voters turn out", outlet="Wire"),
    make_article("a3", SUMMIT, title="Hanoi summit", outlet="Times", published="2024-06-19"),
    make_article("a4", FLOODS, title="Floods", outlet="Herald", published="2024-06-02"),
)


def brief_of(story_id: str, headline: str, sentences: list[str]) -> dict[str, Any]:
    """A brief in the storyline/brief/v1 shape, small enough to write by hand."""
    return {
        "schema": "storyline/brief/v1",
        "story_id": story_id,
        "headline": headline,
        "articles": [],
        "summary": [
            {"text": text, "citations": [{"article": "a1", "sentence": n, "start": 0, "end": 1}]}
            for n, text in enumerate(sentences)
        ],
        "facts": [
            {"id": f"f{n}", "text": text, "outlets": 2, "independent_origins": 1, "articles": []}
            for n, text in enumerate(sentences)
        ],
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "storyline.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with open_store(db, writer=True) as opened:
        yield opened


def fill(store: Store) -> None:
    """Two stories with briefs, a duplicate, a syndication link, a discard and state."""
    with store.write():
        store.start_run("r1")
        for article in ARTICLES:
            assert store.add_article(article, "r1")
        store.set_duplicate("a2", "a1", "exact", 1.0)
        store.add_syndication("a3", "a1", 80)
        save_story(store, "s-vote", ["a1", "a2"], "Voters turn out", "2024-06-10T12:04:00+05:30")
        save_story(store, "s-summit", ["a3"], "Hanoi summit", "2024-06-19")
        store.save_brief("s-vote", brief_of("s-vote", "Voters turn out", [ELECTION[:48]]))
        store.save_brief("s-summit", brief_of("s-summit", "Hanoi summit", [SUMMIT[:43]]))
        store.add_discard("r1", Rejection("feed/x.bin", "ingest", "binary", "not text", None, 7))
        store.put_state("clusterer", b"\x00\x01pickle")
        store.finish_run("r1", {"articles": 4})


def save_story(
    store: Store, story_id: str, members: list[str], headline: str, last: str | None
) -> None:
    store.save_story(
        story_id,
        headline=headline,
        first_published=last,
        last_published=last,
        article_count=len(members),
        outlet_count=len(members),
        independent_origins=1,
    )
    for member in members:
        store.assign_story(member, story_id)


# -- migrations and opening -----------------------------------------------------------


def test_migrations_are_recorded_and_reopening_applies_none(db: Path) -> None:
    names = [m.name for m in MIGRATIONS]
    with open_store(db, writer=True) as first:
        assert list(first.applied) == names
    with sqlite3.connect(db) as raw:
        recorded = [row[0] for row in raw.execute("SELECT name FROM migrations ORDER BY name")]
    assert recorded == names
    with open_store(db, writer=True) as again:
        assert again.applied == ()
        assert again.dump()["migrations"] == [{"name": name} for name in names]


def test_database_from_a_newer_storyline_is_refused(db: Path) -> None:
    open_store(db, writer=True).close()
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO migrations VALUES ('9999_future', '2030-01-01T00:00:00Z')")
    with pytest.raises(StoreError, match=r"newer storyline.*9999_future"):
        open_store(db, writer=True)
    with pytest.raises(StoreError, match="newer storyline"):
        open_store(db)
    # The refused writer released its lock: a plain open still fails for the same reason.
    with pytest.raises(StoreError, match="newer"):
        open_store(db, writer=True)


def test_each_migration_is_its_own_transaction(tmp_path: Path) -> None:
    def create_a(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE a (x)")

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    plan = [
        Migration("0001_a", create_a),
        Migration("0002_broken", broken),
    ]
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    with pytest.raises(StoreError, match="0002_broken"):
        migrate(conn, "m.db", plan)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    applied = [row[0] for row in conn.execute("SELECT name FROM migrations")]
    conn.close()
    assert "a" in tables and "half_done" not in tables
    assert applied == ["0001_a"]


def test_writer_uses_wal_journal(store: Store, db: Path) -> None:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reader_needs_an_existing_database(db: Path) -> None:
    with pytest.raises(StoreError, match="no storyline database"):
        open_store(db)
    assert not db.exists()


def test_reader_refuses_files_it_cannot_serve(db: Path, tmp_path: Path) -> None:
    with sqlite3.connect(db) as raw:  # a database nobody migrated yet
        raw.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    with pytest.raises(StoreError, match=r"needs migrations.*0001_initial"):
        open_store(db)
    with sqlite3.connect(db) as raw:  # the reader applied nothing
        assert raw.execute("SELECT count(*) FROM migrations").fetchone()[0] == 0
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, just bytes" * 100)
    with pytest.raises(StoreError, match="not a storyline database"):
        open_store(junk)
    with pytest.raises(StoreError, match="not a storyline database"):
        open_store(junk, writer=True)


def test_reader_connections_are_read_only(store: Store, db: Path) -> None:
    fill(store)
    with (
        pytest.raises(StoreError, match="readonly"),
        open_store(db) as reader,
        reader._reading() as conn,
    ):
        conn.execute("INSERT INTO state (key, value) VALUES ('k', x'00')")


def test_second_writer_is_refused_while_a_reader_works(store: Store, db: Path) -> None:
    with store.write():
        store.add_article(ARTICLES[0], "r1")
    with pytest.raises(StoreError, match="another storyline ingest is writing to"):
        open_store(db, writer=True)
    with open_store(db) as reader:
        assert reader.has_article("a1")
        with pytest.raises(StoreError, match="read-only"), reader.write():
            pass
    store.close()
    with open_store(db, writer=True) as next_writer:  # the lock went with the first writer
        assert next_writer.article_ids() == {"a1"}


def test_writer_lock_holds_across_processes(store: Store, db: Path) -> None:
    code = (
        "import sys\nfrom storyline.store import open_store, StoreError\n"
        "try:\n    open_store(sys.argv[1], writer=True)\n"
        "except StoreError as err:\n    print(err)\n    sys.exit(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3, result.stderr
    assert "another storyline ingest is writing to" in result.stdout


def test_reader_sees_only_committed_writes_and_serves_threads(store: Store, db: Path) -> None:
    fill(store)
    reader = open_store(db)
    with store.write():
        store.add_article(make_article("late", FLOODS), "r2")
        assert not reader.has_article("late")  # not committed yet
    seen: list[set[str]] = []
    threads = [threading.Thread(target=lambda: seen.append(reader.article_ids())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reader.close()
    assert seen == [{"a1", "a2", "a3", "a4", "late"}] * 8


# -- transactions -----------------------------------------------------------------------


def test_add_article_twice_returns_false_and_changes_nothing(store: Store) -> None:
    fill(store)
    before = store.dump()
    changed = make_article("a1", FLOODS, title="Another title")
    with store.write():
        assert store.add_article(ARTICLES[0], "r2") is False
        assert store.add_article(changed, "r2") is False
    assert store.dump() == before


def test_failing_transaction_rolls_back_everything(store: Store) -> None:
    fill(store)
    before = store.dump()
    with pytest.raises(RuntimeError, match="crash"), store.write():
        store.add_article(make_article("a5", FLOODS), "r2")
        save_story(store, "s-new", ["a5", "a4"], "Floods", "2024-06-02")
        store.save_brief("s-vote", brief_of("s-vote", "Rewritten", ["Nothing."]))
        store.put_state("clusterer", b"newer")
        store.delete_story("s-summit")
        raise RuntimeError("crash")
    assert store.dump() == before
    assert store.search("rewritten") == []


def test_dangling_link_fails_the_batch_at_commit(store: Store) -> None:
    fill(store)
    before = store.dump()
    with pytest.raises(StoreError, match="rolled back"), store.write():
        store.add_article(make_article("a5", FLOODS), "r2")
        store.assign_story("a5", "s-never-saved")
    assert store.dump() == before


def test_writes_outside_a_transaction_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match=r"inside `with store\.write"):
        store.add_article(ARTICLES[0], "r1")
    with pytest.raises(StoreError, match="do not nest"), store.write(), store.write():
        pass


def test_batching_does_not_change_the_snapshot(tmp_path: Path) -> None:
    with open_store(tmp_path / "one.db", writer=True) as one:
        fill(one)
        snapshot = one.dump()
    with open_store(tmp_path / "many.db", writer=True) as many:
        # Same writes, another order, one transaction each: links before their rows.
        with many.write():
            many.start_run("other-run")
        for article in reversed(ARTICLES):
            with many.write():
                many.add_article(article, "other-run")
        with many.write():
            many.put_state("clusterer", b"\x00\x01pickle")
            many.add_syndication("a1", "a3", 80)
            many.set_duplicate("a2", "a1", "exact", 1.0)
        with many.write():
            many.add_discard(
                "other-run", Rejection("feed/x.bin", "ingest", "binary", "not text", None, 7)
            )
            many.assign_story("a3", "s-summit")
            save_story(many, "s-summit", ["a3"], "Hanoi summit", "2024-06-19")
        with many.write():
            many.save_brief("s-vote", brief_of("s-vote", "Old headline", ["Old."]))
            save_story(many, "s-vote", ["a2", "a1"], "Voters turn out", "2024-06-10T12:04:00+05:30")
        with many.write():
            many.save_brief("s-vote", brief_of("s-vote", "Voters turn out", [ELECTION[:48]]))
            many.save_brief("s-summit", brief_of("s-summit", "Hanoi summit", [SUMMIT[:43]]))
        assert many.dump() == snapshot
    assert snapshot["articles"] and snapshot["briefs_fts"] and snapshot["state"]


# -- reading ----------------------------------------------------------------------------


def test_article_round_trip(store: Store) -> None:
    fill(store)
    (loaded,) = store.load_articles(["a1"])
    assert loaded == ARTICLES[0]
    assert loaded.extra == {"feed": "test"}
    assert [a.id for a in store.load_articles(["a3", "a1"])] == ["a3", "a1"]
    with pytest.raises(StoreError, match="nope"):
        store.load_articles(["a1", "nope"])

    row = store.article("a2")
    assert row is not None
    assert row["duplicate_of"] == "a1" and row["story_id"] == "s-vote"
    assert row["provenance"]["line"] == 3
    first = store.article("a1")
    assert first is not None
    assert first["removed"] == [
        {"text": "Support us!", "reason": "donation-appeal"},
        {"text": "Sign in", "reason": "sign-in"},
    ]
    assert first["syndicated_with"] == [{"article": "a3", "shared_chars": 80}]
    for sentence in first["sentences"]:
        assert first["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    assert store.article("nope") is None
    assert store.text_hash_owner(text_hash(ELECTION)) == "a1"
    assert store.text_hash_owner(text_hash("unseen")) is None


def test_story_reads(store: Store) -> None:
    fill(store)
    story = store.story("s-vote")
    assert story is not None
    assert story["articles"] == ["a1", "a2"]
    assert story["brief"] == brief_of("s-vote", "Voters turn out", [ELECTION[:48]])
    assert store.brief("s-vote") == story["brief"]
    assert store.story_members("s-vote") == ["a1", "a2"]
    assert store.story_of("a3") == "s-summit" and store.story_of("a4") is None
    assert store.story("nope") is None and store.brief("nope") is None
    assert store.get_state("clusterer") == b"\x00\x01pickle"
    assert store.get_state("nope") is None
    counts = store.counts()
    assert counts["articles"] == 4 and counts["facts"] == 2 and counts["story_articles"] == 3


def test_saving_a_brief_again_replaces_its_facts(store: Store) -> None:
    fill(store)
    with store.write():
        store.save_brief("s-vote", brief_of("s-vote", "Voters", ["One.", "Two.", "Three."]))
    assert store.counts()["facts"] == 4
    with store.write():
        store.save_brief("s-vote", brief_of("s-vote", "Voters", ["Only."]))
    assert store.counts()["facts"] == 2


def test_stories_order_by_utc_time_and_size(store: Store) -> None:
    with store.write():
        for article in ARTICLES:
            store.add_article(article, "r1")
        # 12:00+05:30 is 06:30 UTC: earlier than 08:00 UTC although it sorts later as text.
        save_story(store, "s-east", ["a1"], "East", "2024-06-10T12:00:00+05:30")
        save_story(store, "s-west", ["a2", "a3"], "West", "2024-06-10T08:00:00+00:00")
        save_story(store, "s-old", ["a4"], "Old", "2024-06-09")
    newest = [s["id"] for s in store.stories("newest")]
    assert newest == ["s-west", "s-east", "s-old"]
    assert [s["id"] for s in store.stories("largest")] == ["s-west", "s-east", "s-old"]
    assert [s["id"] for s in store.stories("newest", limit=1, offset=1)] == ["s-east"]
    assert store.stories("largest", limit=1)[0]["article_count"] == 2
    with pytest.raises(ValueError, match="order"):
        store.stories("oldest")  # type: ignore[arg-type]


def test_discards_and_runs(store: Store) -> None:
    fill(store)
    with store.write():
        store.start_run("r2")
        store.add_discard("r2", Rejection("feed/y.jsonl", "ingest", "bad-json", "bad", 4))
    assert [d["reason"] for d in store.discards()] == ["binary", "bad-json"]
    assert store.discards("r2") == [
        {
            "run_id": "r2",
            "source_path": "feed/y.jsonl",
            "line": 4,
            "offset": None,
            "stage": "ingest",
            "reason": "bad-json",
            "message": "bad",
        }
    ]
    run = store.run("r1")
    assert run is not None and run["summary"] == {"articles": 4} and run["finished_at"]
    with pytest.raises(StoreError, match="never started"), store.write():
        store.finish_run("r-unknown", {})


# -- search -----------------------------------------------------------------------------


def test_search_finds_articles_by_stemmed_words(store: Store) -> None:
    fill(store)
    hits = store.search("elections")
    assert {(h["kind"], h["id"]) for h in hits} >= {("article", "a1"), ("article", "a2")}
    article_hit = next(h for h in hits if h["id"] == "a1")
    assert "[election]" in article_hit["snippet"].lower()
    assert article_hit["title"] == "Voters turn out"
    assert [h["id"] for h in store.search("evacuate")] == ["a4"]
    assert [h["id"] for h in store.search("flood* homes")] == ["a4"]
    assert store.search("elections floods") == []  # every word must match


def test_search_finds_stories_by_brief_and_follows_rewrites(store: Store) -> None:
    fill(store)
    by_headline = [(h["kind"], h["id"]) for h in store.search("hanoi summit")]
    assert ("story", "s-summit") in by_headline
    by_summary = [h for h in store.search("leaders met") if h["kind"] == "story"]
    assert [h["id"] for h in by_summary] == ["s-summit"]
    with store.write():
        store.save_brief("s-summit", brief_of("s-summit", "Trade pact", ["A pact on trade."]))
    assert [h["id"] for h in store.search("pact") if h["kind"] == "story"] == ["s-summit"]
    assert not [h for h in store.search("leaders") if h["kind"] == "story"]
    with store.write():
        store.delete_story("s-summit")
    assert not [h for h in store.search("pact") if h["kind"] == "story"]
    assert store.story("s-summit") is None and store.story_of("a3") is None


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'election"',
        "*",
        "AND(",
        "election AND(",
        "-",
        "-election",
        ":",
        "title:vote",
        "NEAR(a b",
        "(",
        ")",
        "'",
        "OR",
        "^",
        "election NOT",
        '"unbalanced AND ( * -',
    ],
)
def test_search_survives_fts_syntax(store: Store, query: str) -> None:
    fill(store)
    assert isinstance(store.search(query), list)


def test_search_keeps_words_around_syntax(store: Store) -> None:
    fill(store)
    assert "a1" in [h["id"] for h in store.search('"election" (capital) held:')]
    assert "a1" in [h["id"] for h in store.search("-election")]


def test_empty_search_is_an_error(store: Store) -> None:
    for query in ("", "   "):
        with pytest.raises(ValueError, match="empty"):
            store.search(query)
