"""The five seed articles: boilerplate out, news in, stated metadata extracted."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.api import clean_articles
from storyline.types import Article


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Article]:
    run = clean_articles([str(seeds_dir)])
    articles = {Path(a.source_path).name[:3]: a for a in run.articles}
    assert run.summary.rejections == []
    assert len(articles) == 5
    return articles


def removed_reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


# Boilerplate kinds the issue lists, as they occur in the seeds: (seed, start of line, reason).
BOILERPLATE = [
    ("001", "Support The Moscow Times!", "donation-appeal"),
    ("001", "… we have a small favor to ask", "donation-appeal"),
    ("001", "We, the journalists of", "donation-appeal"),
    ("001", "Your support, no matter how small", "donation-appeal"),
    ("001", "paiment methods", "donation-appeal"),
    ("001", "Not ready to support today?", "donation-appeal"),
    ("001", "Remind me later.", "donation-appeal"),
    ("001", "Read more", "related"),
    ("003", "0 / 0", "counter"),
    ("003", "Sign in to unlock member-only benefits!", "sign-in"),
    ("003", "• Access 10 free stories every month", "member-benefits"),
    ("003", "• Save stories to read later", "member-benefits"),
    ("003", "Sign in", "sign-in"),
    ("003", "Comments have to be in English", "comments"),
    ("003", "We have migrated to a new commenting platform", "comments"),
    ("003", "Russian President Vladimir Putin | Photo Credit: AP", "caption"),
    ("000", "Kim Jong Un and Vladimir Putin during a state visit", "caption"),
    (
        "004",
        "North Korean leader Kim Jong-un and Russian President Vladimir Putin stand",
        "caption",
    ),
    ("004", "Please direct questions or comments to", "contact"),
    ("004", "button that move to original korean article", "button"),
    ("004", "Related stories", "related"),
    ("004", "Most viewed articles", "related"),
]


@pytest.mark.parametrize(("seed", "start", "reason"), BOILERPLATE)
def test_boilerplate_removed(seeds: dict[str, Article], seed: str, start: str, reason: str) -> None:
    article = seeds[seed]
    assert start not in article.text
    found = [r for r in article.removed if r.text.startswith(start)]
    assert found, f"{start!r} not in removed of seed {seed}"
    assert found[0].reason == reason


def test_repeated_paragraph_kept_once(seeds: dict[str, Article]) -> None:
    text = seeds["003"].text
    line = "Russia has stepped up ties with North Korea and other countries hostile"
    assert text.count(line) == 1
    assert "repeated" in {r.reason for r in seeds["003"].removed}


def test_no_news_sentence_removed(seeds_dir: Path, seeds: dict[str, Article]) -> None:
    """Every line of the seeds that reads like news (a sentence with a verb and a full stop,
    not addressed to the reader) survives."""
    news = {
        "000": ["Vladimir Putin is to travel to North Korea", "Shoigu attended celebrations",
                "Putin’s foreign visits have become"],
        "001": ["President Vladimir Putin will travel", "Putin’s last and only trip",
                "Since assuming his fifth term"],
        "002": ["Russian President Vladimir Putin is reportedly planning",
                "The United States and its allies have expressed concern"],
        "003": ["Russian President Vladimir Putin will visit North Korea",
                "Mr. Putin's only previous trip to North Korea was in 2000",
                "Vedomosti quoted Russia's trade representative"],
        "004": ["Russian news outlets have reported", "“Moreover, the resumption",
                "However, it is difficult to confirm"],
    }  # fmt: skip
    for seed, starts in news.items():
        for start in starts:
            assert start in seeds[seed].text, (seed, start)
    # and nothing that is a full paragraph of the bodies above is in `removed`
    for seed, article in seeds.items():
        for piece in article.removed:
            assert not any(piece.text.startswith(s) for s in news[seed]), (seed, piece)


def test_titles(seeds: dict[str, Article]) -> None:
    assert seeds["001"].title == "Putin to Visit North Korea, Vietnam – Report"
    assert seeds["003"].title == (
        "Putin to visit North Korea, Vietnam in coming weeks, Vedomosti newspaper says"
    )
    assert seeds["004"].title == "Putin to visit N. Korea in coming weeks, Russian media reports"
    # 000 and 002 state no headline: none is invented
    assert seeds["000"].title is None
    assert seeds["002"].title is None


def test_dates_bylines_datelines(seeds: dict[str, Article]) -> None:
    assert seeds["003"].published == "2024-06-10T12:04:00+05:30"
    assert seeds["003"].updated == "2024-06-10T12:35:00+05:30"
    assert seeds["003"].dateline == "MOSCOW"
    assert seeds["004"].published == "2024-06-11T16:51:00+09:00"
    assert seeds["004"].updated == "2024-06-11T16:52:00+09:00"
    assert seeds["004"].byline == "Hong Seock-jae"
    for seed in ("000", "001", "002"):
        assert seeds[seed].published is None  # not stated: never guessed


def test_outlets(seeds: dict[str, Article]) -> None:
    assert seeds["001"].outlet == "The Moscow Times"
    assert seeds["003"].outlet == "The Hindu"
    assert seeds["004"].outlet == "hani.co.kr"
    assert seeds["000"].outlet is None
    assert seeds["002"].outlet is None


def test_language_and_sentences(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert article.language == "en"
        assert len(article.sentences) >= 8
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
            assert sentence.article_id == article.id
