"""US generic zones (ET, CT, MT, PT) take the offset that the IANA rules (zoneinfo)
give for that date and hour, across the 2007 change of the US rules."""

from __future__ import annotations

import pytest

from storyline.clean.dates import parse_timestamp_line


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
