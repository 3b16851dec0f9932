"""Tests for the story timeline: exact resolved dates on synthetic articles, and the seeds."""

from __future__ import annotations

import time
from pathlib import Path

import builders
import pytest

from storyline.analyze.nlp import parse_articles
from storyline.analyze.timeline import TimelineEntry, build_timeline
from storyline.types import Article

WEDNESDAY = "2024-06-12T09:30:00+02:00"


def article(text: str, published: str | None = WEDNESDAY, ident: str = "a1") -> Article:
    return builders.article(ident, text, published=published)


def timeline(*articles: Article) -> list[TimelineEntry]:
    return build_timeline(parse_articles(articles))


def one(text: str, published: str | None = WEDNESDAY) -> TimelineEntry:
    entries = timeline(article(text, published))
    assert len(entries) == 1, [e.to_dict() for e in entries]
    return entries[0]


@pytest.mark.parametrize(
    ("text", "date", "precision", "status"),
    [
        ("The minister met the envoy on Monday.", "2024-06-10", "day", "past"),
        ("The minister will meet the envoy on Monday.", "2024-06-17", "day", "planned"),
        ("The minister met the envoy yesterday.", "2024-06-11", "day", "past"),
        ("Prices rose sharply last month.", "2024-05", "month", "past"),
        ("The talks collapsed in September of last year.", "2023-09", "month", "past"),
        ("The talks collapsed in September.", "2023-09", "month", "past"),
        ("The talks are expected to resume in September.", "2024-09", "month", "planned"),
        ("The leader visited China on May 15-16.", "2024-05-15", "day", "past"),
        ("He visited the country on July 19, 2000.", "2000-07-19", "day", "past"),
        ("He visited the country on 19 July 2000.", "2000-07-19", "day", "past"),
        ("The summit took place in 1984.", "1984", "year", "past"),
        ("The vote took place two years ago.", "2022", "year", "past"),
        ("Kim visited Russia on Sept. 12-17 of last year.", "2023-09-12", "day", "past"),
        ("The president is to travel there next month.", "2024-07", "month", "planned"),
        ("Artists will gather on Sunday, January 23, 2005.", "2005-01-23", "day", "past"),
        ("The Prologue will be on Saturday, the 7th of July.", "2024-07-07", "day", "planned"),
        ("The search was extended to June 25.", "2024-06-25", "day", "planned"),
        ("The envoy arrived on August 25.", "2023-08-25", "day", "past"),
        ("The envoy could not be reached for comment Monday.", "2024-06-10", "day", "past"),
        ("The company has until June 20 to respond.", "2024-06-20", "day", "planned"),
        ("The company has until Friday to respond.", "2024-06-14", "day", "planned"),
        ("The exhibition runs through September.", "2024-09", "month", "planned"),
        ("The shop stayed closed until Monday.", "2024-06-10", "day", "past"),
        ("The envoy could meet the minister on Monday.", "2024-06-17", "day", "planned"),
    ],
)
def test_resolves_against_the_publication_date(
    text: str, date: str, precision: str, status: str
) -> None:
    entry = one(text)
    assert (entry.date, entry.precision, entry.status) == (date, precision, status)


def test_a_range_keeps_its_end() -> None:
    entry = one("The leader visited China on May 15-16.")
    assert entry.end == "2024-05-16"
    assert entry.expression == "May 15-16"


def test_the_local_date_of_the_publication_time_is_used() -> None:
    # 23:30 on Sunday in Seoul is still Sunday there: "on Monday" is six days before
    entry = one("Officials met on Monday.", "2024-06-16T23:30:00+09:00")
    assert entry.date == "2024-06-10"


def test_no_publication_date_leaves_relative_dates_unknown() -> None:
    text = "Officials met on Monday. Prices rose last month. He was born on July 19, 2000."
    entries = timeline(article(text, None))
    dated = {(e.date, e.precision) for e in entries}
    assert dated == {("2000-07-19", "day"), (None, None)}
    assert sorted(e.expression for e in entries if e.date is None) == ["last month", "on Monday"]
    assert entries[-1].date is None  # unknown dates sort last


@pytest.mark.parametrize(
    "text",
    [
        "We may discuss the 70th anniversary of the treaty.",
        "The leader has ruled for 24 years and spent three days in the capital.",
        "It was the first year of his presidency, in the past year he changed little.",
        "Theresa May spoke to 2000 people.",
        "He was sentenced to ninety days of hard labour.",
        "Frederick, now serving an 8-year sentence, testified by phone.",
        "The buildings were originally built by British contractors in the 1960s.",
        "Some of the 4500 detainees will be sent to the new camp.",
        "A strong earthquake hit at 14:52 local time (1852 UTC).",
        # what happens as a rule is no event
        "Tents will help people cope with the rainy season, which generally starts in May.",
        "The festival is usually held in August.",
        "Elections are held every year in March.",
        # a month or a day word inside a name or a misspelt word
        "Dissidents in Maynmar protested against the generals.",
        "The figures were first reported by USA Today and the Today programme.",
        "Dissidents were charged under the 1950 Emergency Provisions Act.",
        "High winds are expected to continue, said Navy Capt. Burt March.",
        "The harbour will stay shut, said Navy Capt. Jorvan May of Velmora.",
    ],
)
def test_words_and_durations_are_not_dates(text: str) -> None:
    assert timeline(article(text)) == []


def test_the_same_event_in_two_articles_is_one_entry() -> None:
    a = article("Putin visited Pyongyang on Monday for a summit with Kim.", ident="a")
    b = article("Putin held a summit with Kim in Pyongyang on June 10.", ident="b")
    c = article("A storm flooded farms near the coast on Monday.", ident="c")
    entries = timeline(a, b, c)
    assert [(e.date, e.articles) for e in entries] == [
        ("2024-06-10", ("a", "b")),
        ("2024-06-10", ("c",)),
    ]
    summit = entries[0]
    assert [(c.article, c.sentence) for c in summit.citations] == [("a", 0), ("b", 0)]
    assert summit.expressions == ("on Monday", "June 10")


def test_citations_slice_the_article_text() -> None:
    text = "The strike ended. Workers went back to the factory on Tuesday."
    art = article(text)
    (entry,) = timeline(art)
    cite = entry.citations[0]
    assert text[cite.start : cite.end] == entry.text == art.sentences[1].text
    assert entry.to_dict()["citations"] == [
        {"article": "a1", "sentence": 1, "start": cite.start, "end": cite.end}
    ]


def test_a_very_long_article_takes_bounded_time() -> None:
    text = " ".join(["Troops moved north on Monday and returned in May 2020."] * 3000)
    start = time.perf_counter()
    entries = timeline(article(text))
    assert time.perf_counter() - start < 60
    assert {e.date for e in entries} == {"2024-06-10", "2020-05"}


def test_seed_timeline(seeds_dir: Path) -> None:
    from storyline.api import clean_articles

    articles = list(clean_articles([str(seeds_dir)]).articles)
    entries = timeline(*articles)
    found = {(e.date, e.precision, e.status, e.expression) for e in entries}
    for expected in [
        # hani.co.kr, published 2024-06-11
        ("2000-07-19", "day", "past", "July 19, 2000"),
        ("2024-05-07", "day", "past", "May 7"),
        ("2024-05-15", "day", "past", "May 15-16"),
        ("2024-05-30", "day", "past", "May 30"),
        ("2023-09-12", "day", "past", "Sept. 12-17 of last year"),
        # The Hindu, published 2024-06-10
        ("2024-06-10", "day", "past", "June 10"),
        ("2023-09", "month", "past", "last September"),
        ("2024-05", "month", "past", "last month"),
        ("2024-01", "month", "past", "in January"),
        ("2024-06", "month", "planned", "June"),
    ]:
        assert expected in found
    by_date = {e.date: e for e in entries}
    # Putin's 2000 trip, told by four articles, is one entry
    assert len(by_date["2000"].articles) == 4
    # undated articles: their "on Monday" and "in September" stay unknown, never guessed
    undated = {a.id for a in articles if a.published is None}
    unknown = [e for e in entries if set(e.articles) <= undated]
    assert {"on Monday", "in September"} <= {e.expression for e in unknown}
    assert all(e.date is None for e in unknown if e.expression in ("on Monday", "in September"))
    # durations ("24 years", "two months after") and ordinals ("70th") are not entries
    expressions = {x for e in entries for x in e.expressions}
    assert not any("years" in x or "70th" in x or "months" in x for x in expressions)
