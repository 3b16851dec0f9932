"""Pages cached per story version: ETag, 304 Not Modified, HEAD, gzip, and a new ETag
(and page) as soon as what the page shows changes."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from fastapi.testclient import TestClient
from web_builders import WebStore

from storyline.clean.sentences import split_sentences
from storyline.store import open_store
from storyline.types import Article, Provenance
from storyline.web import create_app
from storyline.web.cache import accepts_gzip, etag_matches


def test_story_page_answers_304_while_it_is_current(
    client: TestClient, web_store: WebStore
) -> None:
    for url in (f"/stories/{web_store.seeds_story}", f"/api/stories/{web_store.seeds_story}"):
        first = client.get(url, headers={"Accept-Encoding": "identity"})
        assert first.status_code == 200
        etag = first.headers["etag"]
        assert etag.startswith('"') and first.headers["cache-control"] == "no-cache"
        again = client.get(url, headers={"If-None-Match": etag, "Accept-Encoding": "identity"})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["x-content-type-options"] == "nosniff"
        assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
        other = client.get(url, headers={"If-None-Match": '"stale"', "Accept-Encoding": "identity"})
        assert other.status_code == 200 and other.content == first.content
        head = client.head(url, headers={"Accept-Encoding": "identity"})
        assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
        assert int(head.headers["content-length"]) == len(first.content)


def test_gzip_is_another_representation(client: TestClient, web_store: WebStore) -> None:
    url = f"/stories/{web_store.seeds_story}"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    raw = client.get(url, headers={"Accept-Encoding": "gzip"}, extensions={})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert raw.headers["etag"] == plain.headers["etag"][:-1] + '-gz"'
    assert raw.content == plain.content  # httpx inflates it
    assert int(raw.headers["content-length"]) < len(plain.content) / 3
    held = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": raw.headers["etag"]}
    )
    assert held.status_code == 304


def test_header_parsing() -> None:
    assert etag_matches('"a", W/"b"', '"b"') and etag_matches("*", '"x"')
    assert not etag_matches('"ab"', '"a"') and not etag_matches(None, '"a"')

    class Fake:
        def __init__(self, value: str) -> None:
            self.headers = {"accept-encoding": value}

    assert accepts_gzip(Fake("br, gzip;q=0.8"))  # type: ignore[arg-type]
    assert not accepts_gzip(Fake("gzip;q=0, deflate"))  # type: ignore[arg-type]
    assert not accepts_gzip(Fake("identity"))  # type: ignore[arg-type]
    assert gzip.decompress(gzip.compress(b"x")) == b"x"


def _article(ident: str, text: str, published: str) -> Article:
    return Article(
        id=ident,
        source_path=f"/data/in/{ident}.txt",
        text=text,
        provenance=Provenance(source_path=f"/data/in/{ident}.txt"),
        title=text.split(".")[0],
        published=published,
        outlet="The Daily",
        sentences=split_sentences(text, ident),
    )


def _story(db: Path, ident: str, headline: str, topic: str, day: str, *, new: bool) -> None:
    with open_store(db, writer=True) as store, store.write():
        if new:
            store.add_article(_article(f"a-{ident}", f"{headline}. More follows here.", day), None)
        store.save_story(
            ident,
            headline=headline,
            first_published=day,
            last_published=day,
            article_count=1,
            outlet_count=1,
            independent_origins=1,
            topic=topic,
        )
        store.assign_story(f"a-{ident}", ident)
        store.save_brief(
            ident,
            {
                "schema": "storyline/brief/v1",
                "story_id": ident,
                "headline": headline,
                "articles": [],
                "summary": [],
                "facts": [],
                "unique_details": [],
                "conflicts": [],
                "quotes": [],
                "origins": [],
                "entities": [],
                "timeline": [],
            },
        )


def test_a_change_gives_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "changes.db"
    _story(db, "s-a", "Bridge closes", "t-1", "2024-01-01", new=True)
    _story(db, "s-b", "Bridge reopens", "t-1", "2024-01-05", new=True)
    _story(db, "s-c", "Market opens", "t-2", "2024-01-03", new=True)
    with TestClient(create_app(db)) as client:
        tags = {s: client.get(f"/stories/{s}").headers["etag"] for s in ("s-a", "s-b", "s-c")}
        home = client.get("/")
        assert "Bridge reopens" in home.text
        time.sleep(0.05)
        _story(db, "s-b", "Bridge reopens to traffic", "t-1", "2024-01-06", new=False)
        changed = client.get("/stories/s-b", headers={"If-None-Match": tags["s-b"]})
        assert changed.status_code == 200 and "Bridge reopens to traffic" in changed.text
        # s-a lists s-b under "Same topic": its page changed too; s-c's did not
        same = client.get("/stories/s-a", headers={"If-None-Match": tags["s-a"]})
        assert same.status_code == 200 and "Bridge reopens to traffic" in same.text
        assert client.get("/stories/s-c", headers={"If-None-Match": tags["s-c"]}).status_code == 304
        time.sleep(1.1)  # the lists' version is read at most once a second
        again = client.get("/", headers={"If-None-Match": home.headers["etag"]})
        assert again.status_code == 200 and "Bridge reopens to traffic" in again.text


def test_a_merged_story_still_redirects(tmp_path: Path) -> None:
    db = tmp_path / "merged.db"
    _story(db, "s-keep", "Bridge closes", "t-1", "2024-01-01", new=True)
    with open_store(db, writer=True) as store, store.write():
        store.add_alias("s-old", "s-keep")
    with TestClient(create_app(db)) as client:
        moved = client.get("/stories/s-old", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == "/stories/s-keep"
        api = client.get("/api/stories/s-old").json()
        assert api["merged_into"] == "s-keep"
