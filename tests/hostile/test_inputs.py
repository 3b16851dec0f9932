"""Hostile inputs to the readers and the cleaner (issue 18, rows 1-4), made at test time."""

from __future__ import annotations

import gzip
import html
import io
import json
import random
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import hostile_builders as crafted
import pytest
from hostile_builders import Cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.pipeline import RunSummary, clean_inputs
from storyline.read import read_bytes
from storyline.settings import Settings
from storyline.store import open_store
from storyline.types import RawDocument


def _clean(cli: Cli, path: Path, *flags: str) -> list[dict[str, Any]]:
    ran = cli("clean", str(path), *flags)
    return [json.loads(line) for line in ran.out.splitlines()]


# -- row 1: feed text with entities ---------------------------------------------------------


def test_feed_items_with_escaped_ampersands_are_kept(
    cli: Cli, tmp_path: Path, rng: random.Random
) -> None:
    prose = " ".join(crafted.sentence(rng, crafted.TOPICS[0]) for _ in range(2))
    feed = crafted.rss(
        [
            ("Q&amp;A on the strike", f"Questions in a Q&amp;A: {prose}"),
            ("AT&amp;T restores towers", f"<![CDATA[AT&T said on Monday: {prose}]]>"),
            ("Tags and entities", f"&lt;p&gt;R&amp;D &amp;amp; more: {prose}&lt;/p&gt;"),
        ]
    )
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    articles = _clean(cli, path)
    assert [a["id"] for a in articles] == ["item-1", "item-2", "item-3"]
    assert "Q&A" in str(articles[0]["text"]) and articles[0]["title"] == "Q&A on the strike"
    assert "AT&T said on Monday" in str(articles[1]["text"])
    assert str(articles[2]["text"]).startswith("R&D & more: ")


def test_atom_html_content_with_entities_is_kept(cli: Cli, tmp_path: Path) -> None:
    text = crafted.article(random.Random(7), crafted.TOPICS[1], paragraphs=1)
    body = text.split("\n\n")[1].strip()
    feed = crafted.atom([("Q&amp;A", f"&lt;p&gt;Q&amp;amp;A: {body}&lt;/p&gt;")])
    path = tmp_path / "feed.atom"
    path.write_text(feed, encoding="utf-8")
    (article,) = _clean(cli, path)
    assert str(article["text"]).startswith("Q&A: ")


# -- row 2: scripts without spaces ------------------------------------------------------------


def test_a_chinese_article_keeps_every_paragraph(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_text(crafted.chinese_article(), encoding="utf-8")
    (article,) = _clean(cli, path)
    paragraphs = crafted.chinese_article().split("\n\n")
    assert article["language"] == "zh"
    assert article["title"] == paragraphs[0].strip()
    assert article["text"] == "\n\n".join(p.strip() for p in paragraphs[1:])
    assert article["removed"] == [{"text": paragraphs[0].strip(), "reason": "title"}]
    # one word per character (no digits or Latin words in it)
    assert article["word_count"] == sum(ch.isalnum() for p in paragraphs[1:] for ch in p)
    assert len(article["sentences"]) == 5


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("凯尔瓦罗港的码头工人结束了罢工", 15),
        ("港口の労働者がストライキを終えた", 16),
        ("คนงานท่าเรือยุติการนัดหยุดงาน", 29),
        ("Harbour workers ended the strike", 5),
        ("码头工人 ended 2 strikes", 7),
    ],
)
def test_words_of_scripts_without_spaces_are_characters(text: str, words: int) -> None:
    from storyline.words import count_words

    assert count_words(text) == words


def test_min_words_counts_characters_in_chinese(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("码头工人结束了为期九天的罢工。\n", encoding="utf-8")
    assert len(_clean(cli, path, "--min-words", "10")) == 1
    ran = cli("clean", str(path), "--min-words", "20")
    assert ran.code == 1 and "only 14 words" in ran.err


# -- row 3: decoding never guesses silently ----------------------------------------------------


def _damage(data: bytes, rng: random.Random, count: int) -> tuple[bytes, list[int]]:
    """``count`` ASCII bytes of ``data`` overwritten with bytes that are never UTF-8."""
    damaged = bytearray(data)
    spots = sorted(rng.sample([i for i, b in enumerate(data) if 0x61 <= b <= 0x7A], count))
    for spot in spots:
        damaged[spot] = rng.choice((0x81, 0x8D, 0x9D, 0xC0, 0xF8, 0xFE, 0xFF))
    return bytes(damaged), spots


def test_mostly_utf8_text_keeps_utf8_and_says_how_many_bytes_it_replaced(
    cli: Cli, tmp_path: Path, rng: random.Random
) -> None:
    text = crafted.article(rng, crafted.TOPICS[0]).replace("'", "’").replace(" said", " said “so”")
    data, spots = _damage(text.encode("utf-8"), rng, 26)
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    ran = cli("clean", str(path))
    (article,) = [json.loads(line) for line in ran.out.splitlines()]
    provenance = article["provenance"]
    assert provenance["encoding"] == "utf-8"
    assert provenance["encoding_evidence"] == "mostly-utf-8"
    assert provenance["replaced_bytes"] == 26
    assert provenance["first_replaced"] == spots[0]
    assert "’" in article["text"] and "‚Äô" not in article["text"]
    assert f"{path}: 26 bytes that are not UTF-8 replaced" in ran.err
    assert ran.code == 0


def test_a_legacy_charset_is_chosen_on_evidence_and_recorded(rng: random.Random) -> None:
    text = "Le président a déclaré que l’économie était forte, a-t-il ajouté à Québec. " * 3
    (detected,) = read_bytes(text.encode("cp1252"), "fr.txt", Settings())
    assert isinstance(detected, RawDocument) and detected.content == text
    assert (detected.provenance.encoding, detected.provenance.encoding_evidence) == (
        "cp1252",
        "detected",
    )
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{text}</p></body></html>'
    russian = page.replace(text, "Кремль заявил в понедельник, что визит готовится. " * 3)
    (declared,) = read_bytes(russian.encode("koi8-r"), "ru.html", Settings())
    assert isinstance(declared, RawDocument) and declared.content == russian
    assert declared.provenance.encoding_evidence == "declared"
    (clean,) = read_bytes(text.encode("utf-8"), "ok.txt", Settings())
    assert isinstance(clean, RawDocument)
    assert (clean.provenance.encoding_evidence, clean.provenance.replaced_bytes) == ("utf-8", 0)


def test_a_mostly_utf8_feed_is_not_read_as_latin1(tmp_path: Path, rng: random.Random) -> None:
    body = "Putin’s visit is being “actively prepared”, the ambassador said on Monday."
    feed = crafted.rss([("Visit", body)]).encode("utf-8").replace(b"ambassador", b"amb\xffssador")
    (doc,) = read_bytes(feed, "feed.rss", Settings())
    assert isinstance(doc, RawDocument)
    assert "Putin’s" in doc.content and "â€™" not in doc.content
    assert doc.provenance.replaced_bytes == 1


# -- row 4: deep nesting -----------------------------------------------------------------------


@pytest.mark.parametrize("depth", [255, 300, 2040, 5000, 50_000])
def test_deeply_nested_html_keeps_its_text(
    cli: Cli, tmp_path: Path, rng: random.Random, depth: int
) -> None:
    text = crafted.article(rng, crafted.TOPICS[2])
    path = tmp_path / "deep.html"
    path.write_text(crafted.html_page(text, depth=depth, title="Reservoir repaired"), "utf-8")
    (article,) = _clean(cli, path)
    body = [p for p in text.split("\n\n")[1:] if p.strip()]
    assert all(p.strip() in str(article["text"]) for p in body)
    assert article["title"] == "Reservoir repaired"


# -- bombs in every container --------------------------------------------------------------------

SMALL = ("--max-document-bytes", "200000")


def _bomb(size: int) -> bytes:
    """``size`` bytes of one letter and spaces, gzip-compressed (~1000:1)."""
    out = io.BytesIO()
    chunk = b"a " * (1 << 19)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as handle:
        for _ in range(size // len(chunk)):
            handle.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz", "bomb.html.gz", "bomb.gz"])
def test_a_gzip_bomb_is_too_large_and_read_no_further(cli: Cli, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(_bomb(64 << 20))
    started = time.perf_counter()
    ran = cli("clean", str(path), *SMALL)
    assert time.perf_counter() - started < 5
    assert ran.code == 1 and "Traceback" not in ran.err
    assert re.search(r"skipped .*bomb.*(too-large|over the 200,000-byte limit)", ran.err), ran.err


def test_a_warc_record_bomb_is_skipped_and_the_next_record_read(
    cli: Cli, tmp_path: Path, rng: random.Random
) -> None:
    page = crafted.html_page(crafted.article(rng, crafted.TOPICS[0])).encode()
    big = b"<html><body><p>" + b"a " * 300_000 + b"</p></body></html>"
    data = crafted.warc(
        [("http://example.org/big", big), ("http://example.org/ok", page)], compress=True
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    ran = cli("clean", str(path), *SMALL)
    (article,) = [json.loads(line) for line in ran.out.splitlines()]
    assert article["url"] == "http://example.org/ok"
    assert ran.code == 3 and "WARC record" in ran.err and "(offset " in ran.err


def test_entity_expansion_and_external_entities_stay_unexpanded(
    cli: Cli, tmp_path: Path, rng: random.Random
) -> None:
    body = crafted.article(rng, crafted.TOPICS[1]).replace("\n\n", " ")
    laughs = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)).replace(
        "&lol0;", "lol"
    )
    for name, doctype, use in (
        ("laughs.rss", f"<!DOCTYPE rss [{laughs}]>", "&lol9;"),
        ("xxe.rss", '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"),
    ):
        feed = crafted.rss([(f"A {use} B", f"{body} {use}")]).replace("?>", f"?>{doctype}", 1)
        path = tmp_path / name
        path.write_text(feed, encoding="utf-8")
        started = time.perf_counter()
        ran = cli("clean", str(path))
        assert time.perf_counter() - started < 10
        assert "Traceback" not in ran.err and "root:" not in ran.out
        assert len(ran.out) < 20_000 and "lollollol" not in ran.out


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.jsonl", '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}\n"),
        ("deep.rss", crafted.rss([("Deep", "<div>" * 30_000 + "x" + "</div>" * 30_000)])),
        ("deep.xml", "<a>" * 100_000 + "</a>" * 100_000),
    ],
)
def test_deep_nesting_in_other_containers_is_one_clear_line(
    cli: Cli, tmp_path: Path, name: str, data: str
) -> None:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    ran = cli("clean", str(path))
    assert "Traceback" not in ran.err and ran.code in (0, 1, 3)
    for line in ran.err.splitlines()[:-1]:
        assert line.startswith(f"storyline: skipped {path}"), line


# -- control characters in every field, odd ids ----------------------------------------------------

CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85, 0x9B)) + "\u2028\x1b[2J"
FIELDS = ("title", "outlet", "byline", "url", "published", "text")


@pytest.mark.parametrize("field", FIELDS)
def test_control_characters_in_a_field_never_reach_the_article(
    cli: Cli, tmp_path: Path, rng: random.Random, field: str
) -> None:
    record = {
        "title": "Harbour strike ends",
        "outlet": "Made-up News",
        "byline": "By A. Writer",
        "url": "https://example.org/strike",
        "published": "2024-06-10T08:00:00+00:00",
        "text": crafted.article(rng, crafted.TOPICS[0]),
    }
    spot = rng.randrange(1, len(record[field]))
    record[field] = record[field][:spot] + CONTROLS + record[field][spot:]
    path = tmp_path / "ctl.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for view in ("json", "text"):
        ran = cli("clean", str(path), "--format", view)
        assert ran.code == 0, ran.err
        assert "\x1b" not in ran.out and "\x00" not in ran.out
    (article,) = [json.loads(line) for line in cli("clean", str(path)).out.splitlines()]
    for name in ("id", "title", "outlet", "byline", "url", "published", "dateline"):
        value = article[name] or ""
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028]", value), (name, value)
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", article["text"])
    assert all(article["text"][s["start"] : s["end"]] == s["text"] for s in article["sentences"])


@pytest.mark.parametrize(
    ("ident", "says"),
    [
        ("a\nb", "control character (U+000A at character 2)"),
        ("\x1b[2J", "control character (U+001B at character 1)"),
        ("..", "only dots"),
        (".", "only dots"),
        ("x" * 1001, "1,001 characters"),
    ],
)
def test_an_id_that_cannot_name_an_article_is_a_bad_record(
    cli: Cli, tmp_path: Path, rng: random.Random, ident: str, says: str
) -> None:
    text = crafted.article(rng, crafted.TOPICS[2])
    lines = [json.dumps({"id": ident, "text": text}), json.dumps({"id": "fine", "text": text})]
    path = tmp_path / "ids.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ran = cli("clean", str(path))
    assert [json.loads(line)["id"] for line in ran.out.splitlines()] == ["fine"]
    assert ran.code == 3 and f"skipped {path}:1: " in ran.err and says in ran.err
    feed = crafted.rss([("One", text)]).replace("<guid>item-1</guid>", f"<guid>{ident}</guid>")
    if "\x1b" not in ident:  # XML cannot carry ESC at all
        (tmp_path / "ids.rss").write_text(feed, encoding="utf-8")
        on_feed = cli("clean", str(tmp_path / "ids.rss"))
        assert on_feed.out == "" or "\n" not in json.loads(on_feed.out)["id"]
        assert "Traceback" not in on_feed.err


# -- Hypothesis: readers and the cleaner on structured hostile records ---------------------------

_FIELD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(CONTROLS),
    max_size=40,
)
_RECORDS = st.lists(
    st.fixed_dictionaries(
        {
            "text": st.one_of(
                _FIELD_TEXT, st.just(crafted.article(random.Random(5), crafted.TOPICS[0]))
            )
        },
        optional={
            name: st.one_of(st.none(), _FIELD_TEXT, st.integers())
            for name in (*FIELDS[:-1], "id", "html")
        },
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=_RECORDS)
def test_json_lines_of_any_fields_give_one_article_or_one_rejection_per_line(
    records: list[dict[str, Any]],
) -> None:
    data = "\n".join(json.dumps(r) for r in records).encode("utf-8", "surrogatepass")
    summary = RunSummary()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl"
        path.write_bytes(data)
        articles = list(clean_inputs([str(path)], Settings(), summary))
    assert len(articles) + len(summary.rejections) == len(records)
    assert all(r.line is not None and r.message for r in summary.rejections)
    for article in articles:
        for value in (article.id, article.title, article.outlet, article.byline, article.url):
            assert value is None or not re.search(r"[\x00-\x1f\x7f-\x9f]", value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.tuples(_FIELD_TEXT, _FIELD_TEXT), min_size=1, max_size=3),
    wrapper=st.sampled_from(["rss", "atom"]),
)
def test_feeds_of_any_text_never_raise(items: list[tuple[str, str]], wrapper: str) -> None:
    escaped = [(html.escape(t), html.escape(d)) for t, d in items]
    feed = (crafted.rss if wrapper == "rss" else crafted.atom)(escaped)
    summary = RunSummary()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"f.{wrapper}"
        path.write_bytes(feed.encode("utf-8", "surrogatepass"))
        list(clean_inputs([str(path)], Settings(), summary))
    assert all(r.message for r in summary.rejections)


def test_a_skipped_feed_entry_is_named_and_each_one_recorded(cli: Cli, tmp_path: Path) -> None:
    feed = crafted.rss([("Short one", "Too short."), ("Short two", "Also short.")])
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    ran = cli("clean", str(path))
    # the count is whatever cleaning leaves of the entry's few words
    assert f"skipped {path}: feed entry 1: only " in ran.err
    assert f"skipped {path}: feed entry 2: only " in ran.err
    db = tmp_path / "s.db"
    cli("ingest", str(path), "--db", str(db))
    with open_store(db) as store:
        assert [d["message"][:12] for d in store.discards()] == ["feed entry 1", "feed entry 2"]
