"""US generic zones (ET, CT, MT, PT) take the offset that the IANA rules (zoneinfo)
give for that date and hour, across the 2007 change of the US rules."""

from __future__ import annotations

import pytest

from storyline.clean import clean_document
from storyline.clean.dates import date_in_name, parse_timestamp_line
from storyline.settings import Settings
from storyline.types import Article, Provenance, RawDocument


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: March 12, 2023 1:30 AM ET", "2023-03-12T01:30:00-05:00"),
        ("Published: March 12, 2023 3:30 AM ET", "2023-03-12T03:30:00-04:00"),
        ("Published: November 5, 2023 2:30 AM ET", "2023-11-05T02:30:00-05:00"),
        ("Published: November 5, 2023 1:30 AM ET", "2023-11-05T01:30:00-04:00"),  # repeated
        ("Published: April 2, 2006 3:00 AM CT", "2006-04-02T03:00:00-05:00"),  # old rules
        ("Published: October 29, 2006 3:00 PM MT", "2006-10-29T15:00:00-07:00"),
        ("Published: October 28, 2006 3:00 PM MT", "2006-10-28T15:00:00-06:00"),
        ("Published: January 15, 2024 9:00 AM PT", "2024-01-15T09:00:00-08:00"),
        ("Published: July 15, 2024 9:00 AM PT", "2024-07-15T09:00:00-07:00"),
    ],
)
def test_generic_us_zones_follow_the_tz_database(line: str, expected: str) -> None:
    stamp = parse_timestamp_line(line)
    assert stamp is not None and stamp.published == expected


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("APW19980809.0700.txt", "1998-08-09"),  # a wire archive's file name
        ("/2024/06/12/harbour-reopens", "2024-06-12"),  # a news site's URL path
        ("2024-06-12-harbour.txt", "2024-06-12"),
        ("/news/20240612/harbour", "2024-06-12"),
        ("/2024/06/harbour", None),  # no day
        ("XIE19990231.0001", None),  # no such day
        ("a20240612_20240613.txt", None),  # two days: neither
        ("story-123456789012.txt", None),  # an id, not a date
    ],
)
def test_the_day_a_file_name_or_url_path_writes(name: str, day: str | None) -> None:
    assert date_in_name(name) == day


def test_an_article_with_no_stated_date_takes_its_file_name_s() -> None:
    text = "Harbour reopens\n\n" + "The harbour in Kelvaro reopened on Tuesday after repairs. " * 6
    named = RawDocument(Provenance(source_path="in/APW19980809.0700.txt"), text, kind="text")
    article = clean_document(named, Settings())
    assert isinstance(article, Article) and article.published == "1998-08-09"
    # one line of a JSON Lines file: the file's name is not the article's
    line = RawDocument(Provenance(source_path="in/20240612.jsonl", line=3), text, kind="text")
    article = clean_document(line, Settings())
    assert isinstance(article, Article) and article.published is None
