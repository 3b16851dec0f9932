"""Hostile inputs to the readers and the cleaner (issue 18, rows 1-4), made at test time."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import hostile_builders as crafted
import pytest
from hostile_builders import Cli

from storyline.ingest import read_bytes
from storyline.settings import Settings
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
