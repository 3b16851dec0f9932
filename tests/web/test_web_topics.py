"""A story's page lists the other stories of its topic (the store's ``same_topic``)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from storyline.clean.sentences import split_sentences
from storyline.store import open_store
from storyline.types import Article, Provenance
from storyline.web import create_app

STORIES = [  # id, headline, topic, last published
    ("s-jackson", "Receiver arrested on suspicion of drunk driving", "t-dui", "2009-01-06"),
    ("s-williams", "Lineman arrested, the team's second DUI this month", "t-dui", "2009-02-02"),
    ("s-trade", "Club trades its backup quarterback", "t-trade", "2009-03-01"),
    ("s-untopical", "Stadium vote <b>set</b> for May", None, "2009-03-02"),
]


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "topics.db"
    with open_store(db, writer=True) as store, store.write():
        for story, headline, topic, day in STORIES:
            text = f"{headline}. More follows."
            article = Article(
                id=f"a-{story}",
                source_path=f"{story}.txt",
                text=text,
                provenance=Provenance(source_path=f"{story}.txt"),
                title=headline,
                published=day,
                sentences=split_sentences(text, f"a-{story}"),
            )
            store.add_article(article, None)
            store.save_story(
                story,
                headline=headline,
                first_published=day,
                last_published=day,
                article_count=1,
                outlet_count=1,
                independent_origins=1,
                topic=topic,
            )
            store.assign_story(article.id, story)
    return db


def test_the_other_stories_of_a_topic_are_listed_newest_first(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with open_store(db) as store:
        assert [r["id"] for r in store.same_topic("s-jackson")] == ["s-williams"]
        assert [r["id"] for r in store.same_topic("s-williams")] == ["s-jackson"]
        assert store.same_topic("s-trade") == [] and store.same_topic("s-untopical") == []
        assert store.same_topic("no-such-story") == []
        assert store.story("s-jackson")["topic"] == "t-dui"  # type: ignore[index]
    with TestClient(create_app(db)) as client:
        page = client.get("/stories/s-jackson")
        assert page.status_code == 200
        assert "Same topic" in page.text and 'href="/stories/s-williams"' in page.text
        assert "s-trade" not in page.text
        alone = client.get("/stories/s-untopical")
        assert alone.status_code == 200 and "Same topic" not in alone.text
        assert "&lt;b&gt;set&lt;/b&gt;" in alone.text  # headlines stay escaped
