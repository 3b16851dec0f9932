"""Line-level metadata detectors: timestamps, bylines, datelines, wire tags, outlet, titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.metadata import (
    Timestamps,
    dateline_end,
    find_dateline,
    find_outlet,
    find_wire_tag,
    looks_like_headline,
    parse_byline,
    parse_iso_or_text_date,
    parse_timestamp_line,
    without_dateline,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# ---------------------------------------------------------------------------------------
# Timestamps
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published", "updated", "dateline"),
    [
        (
            "Published - March 3, 2023 09:15 am IST - KOLKATA",
            "2023-03-03T09:15:00+05:30",
            None,
            "KOLKATA",
        ),
        ("Updated - March 3, 2023 10:40 pm IST", None, "2023-03-03T22:40:00+05:30", None),
        (
            "Posted on : 2023-03-03 08:01 KST Modified on : 2023-03-03 08:07 KST",
            "2023-03-03T08:01:00+09:00",
            "2023-03-03T08:07:00+09:00",
            None,
        ),
        ("Published: 3 March 2023, 14:05 GMT", "2023-03-03T14:05:00+00:00", None, None),
        ("March 3, 2023 at 3:15 p.m. EDT", "2023-03-03T15:15:00-04:00", None, None),
        ("2023-03-03T12:04:00Z", "2023-03-03T12:04:00+00:00", None, None),
        ("2023-03-03T12:04:00.250+0530", "2023-03-03T12:04:00+05:30", None, None),
        ("Last updated 11:02 AM, Mar 3, 2023", None, "2023-03-03T11:02:00", None),
        ("Fri 3 Mar 2023 09.12 GMT", "2023-03-03T09:12:00+00:00", None, None),
        ("Mon 10 Jul 2023 09.12 BST", "2023-07-10T09:12:00+01:00", None, None),
        ("March 3, 2023", "2023-03-03", None, None),
        ("Date: 2023-03-03", "2023-03-03", None, None),
        ("First published: Friday, 3rd of March 2023", "2023-03-03", None, None),
        ("Created 03.03.2023 18:30 MSK", "2023-03-03T18:30:00+03:00", None, None),
        ("Published 2023-03-03 12:04 UTC+9", "2023-03-03T12:04:00+09:00", None, None),
        ("Jan 5, 2023 12:00 am GMT+5:30", "2023-01-05T00:00:00+05:30", None, None),
        ("12:04 PKT, March 3, 2023", "2023-03-03T12:04:00+05:00", None, None),
        ("Updated: Fri, Mar 3 2023 3:15 PM ET", None, "2023-03-03T15:15:00-05:00", None),
        ("Updated: Mon, Jul 3 2023 3:15 PM PT", None, "2023-07-03T15:15:00-07:00", None),
        ("Friday 14 July 2023 07:30 (CEST)", "2023-07-14T07:30:00+02:00", None, None),
        ("March 3, 2023 12:04 CST", "2023-03-03T12:04:00-06:00", None, None),
        ("March 3, 2023 12:04 | 4 min read", "2023-03-03T12:04:00", None, None),
        ("March 3, 2023 12:04 XYT", "2023-03-03T12:04:00", None, None),  # unknown zone: naive
        ("March 3, 2023 - Lagos", "2023-03-03", None, None),
        ("Friday 3 March 2023 11:42, UK", "2023-03-03T11:42:00", None, None),
        ("March 3, 2023 | ABUJA", "2023-03-03", None, "ABUJA"),
        (
            "Published March 3, 2023 - Updated March 4, 2023 9:00 CEST",
            "2023-03-03",
            "2023-03-04T09:00:00+02:00",
            None,
        ),
        ("Modified: 2023/03/04 10:00 +0100", None, "2023-03-04T10:00:00+01:00", None),
    ],
)
def test_timestamp_line_formats(
    line: str, published: str | None, updated: str | None, dateline: str | None
) -> None:
    assert parse_timestamp_line(line) == Timestamps(published, updated, dateline)


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("UTC", "+00:00"),
        ("CET", "+01:00"),
        ("EET", "+02:00"),
        ("EEST", "+03:00"),
        ("ICT", "+07:00"),
        ("WIB", "+07:00"),
        ("SGT", "+08:00"),
        ("HKT", "+08:00"),
        ("JST", "+09:00"),
        ("AEST", "+10:00"),
        ("AEDT", "+11:00"),
        ("NZST", "+12:00"),
        ("EST", "-05:00"),
        ("CDT", "-05:00"),
        ("MST", "-07:00"),
        ("MDT", "-06:00"),
        ("PST", "-08:00"),
        ("PDT", "-07:00"),
        ("AKST", "-09:00"),
        ("HST", "-10:00"),
        ("SAST", "+02:00"),
        ("WAT", "+01:00"),
        ("EAT", "+03:00"),
        ("UTC-4", "-04:00"),
        ("GMT+05:45", "+05:45"),
        ("-0300", "-03:00"),
    ],
)
def test_zone_table(zone: str, offset: str) -> None:
    stamp = parse_timestamp_line(f"Published 3 March 2023 10:00 {zone}")
    assert stamp is not None
    assert stamp.published == f"2023-03-03T10:00:00{offset}"


@pytest.mark.parametrize(
    "line",
    [
        "The summit was held on March 3, 2023.",
        "On March 3, 2023, two months after the election, the minister resigned",
        "March 3, 2023 - Officials say the talks will resume next week",
        "The talks, which began on 2023-03-03 in the capital, ended without a deal.",
        "Leaders met on Sept. 13, 2023. (Agency/Pool)",
        "Updated rules take effect on March 3, 2023 for all firms",
        "03/04/2023",  # month-first or day-first: not guessed
        "Published",
        "",
        "12:04 pm",
    ],
)
def test_not_timestamp_lines(line: str) -> None:
    assert parse_timestamp_line(line) is None


# ---------------------------------------------------------------------------------------
# Metadata dates
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-03T12:04:00Z", "2023-03-03T12:04:00+00:00"),
        ("2023-03-03T12:04:00+05:30", "2023-03-03T12:04:00+05:30"),
        ("2023-03-03 12:04:00", "2023-03-03T12:04:00"),
        ("2023-03-03", "2023-03-03"),
        ("2023-03", "2023-03"),
        ("2023", "2023"),
        ("20230303", "2023-03-03"),
        ("Fri, 03 Mar 2023 09:12:00 +0100", "2023-03-03T09:12:00+01:00"),
        ("Fri, 03 Mar 2023 09:12:00 GMT", "2023-03-03T09:12:00+00:00"),
        ("March 3, 2023", "2023-03-03"),
        ("March 3, 2023 12:04 pm IST", "2023-03-03T12:04:00+05:30"),
        ("1677845040", "2023-03-03T12:04:00+00:00"),
        ("3 mars 2023 14:05", "2023-03-03T14:05:00"),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_iso_or_text_date(value: str, expected: str | None) -> None:
    assert parse_iso_or_text_date(value) == expected


# ---------------------------------------------------------------------------------------
# Bylines
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe, staff reporter", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe"),
        ("BY JANE DOE", "JANE DOE"),
        ("By JANE DOE Staff Writer", "JANE DOE"),
        ("Written by Jane Doe", "Jane Doe"),
        ("Reporting by Jane Doe; Editing by John Roe", "Jane Doe"),
        ("By: Jane van der Berg", "Jane van der Berg"),
        ("By Park Min-seo, staff reporter", "Park Min-seo"),
        ("By Jean-Pierre O'Neil and Ana de la Cruz", "Jean-Pierre O'Neil and Ana de la Cruz"),
        ("By Jane Doe and agencies", "Jane Doe"),
        ("By Jane Doe in Lagos", "Jane Doe"),
        ("By Jane Doe | March 3, 2023", "Jane Doe"),
        ("Jane Doe | Wirecorp", "Jane Doe"),
        ("Author: J. R. Doe", "J. R. Doe"),
        ("By Jane Doe On 11/13/19 at 4:00 PM EST", "Jane Doe"),
        ("By Jane Doe Business Columnist", "Jane Doe"),
        ("By Jane Doe, WXYZ Business", "Jane Doe"),
        ("By Jane Doe , John Roe 2019-11-18T22:05:36Z Science", "Jane Doe, John Roe"),
        ("by Example Space Agency", "Example Space Agency"),
    ],
)
def test_bylines(line: str, expected: str) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The bill was passed by the Senate.",
        "By the end of the year, prices had risen sharply.",
        "By Monday, the troops had withdrawn.",
        "By Christmas, the shops were empty of goods.",
        "By Jane Smith's account, the meeting went badly.",
        "By strengthening ties with Asia, the government hopes to offset sanctions.",
        "By 2030, the plan says, emissions will fall.",
        "Prime Minister Jane Doe | Photo Credit: Wirecorp",
        "Foreign Minister Jane Doe | Wirecorp",
        "Entries RSS | Comments RSS",
        "SECTION PICKS | AFFILIATE",
        "Jane Doe",
        "",
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


# ---------------------------------------------------------------------------------------
# Datelines and wire tags
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline", "tag"),
    [
        ("LAGOS (Wirecorp) - The government said on Monday it would", "LAGOS", "Wirecorp"),
        ("WASHINGTON — The White House said on Friday that", "WASHINGTON", None),
        ("WASHINGTON—The Senate voted late on Tuesday to", "WASHINGTON", None),
        ("OSLO, June 10 (Nordwire) -- The minister told reporters on Monday", "OSLO", "Nordwire"),
        ("NEW YORK, NY – A man was arrested after", "NEW YORK, NY", None),
        ("Paris, France — The president said that talks would resume", "Paris, France", None),
        (
            "ST. PETERSBURG, Florida (AP) — A storm hit the coast overnight",
            "ST. PETERSBURG, Florida",
            "AP",
        ),
        ("NAIROBI, June 10. /WIRE/. The minister said that prices rose", "NAIROBI", "WIRE"),
        ("SIOUX FALLS, S.D. – People across the nation are talking", "SIOUX FALLS, S.D.", None),
        ("Dekalb, Ill. — The home side rolled past the visitors", "Dekalb, Ill.", None),
        ("Lagos (dpa) - The government said on Monday", "Lagos", "dpa"),
        ("LAGOS - Wirecorp - The government said on Monday", "LAGOS", "Wirecorp"),
        ("PARIS _ The government said on Monday it would", "PARIS", None),  # ASCII newswire
        ("Paris, France (AP) _ The president said that talks would", "Paris, France", "AP"),
        # a corpus that lower-cased and tokenised its text
        ("Velmora ( wirecorp ) - the council said on monday it would", "Velmora", "Wirecorp"),
        ("Velmora ( wc ) — the council said on monday it would", "Velmora", "WC"),
        ("Velmora, tarn. ( wc ) — the council said on monday it would", "Velmora, tarn.", "WC"),
        ("Velmora ( wc tv ) — the council said on monday it would", "Velmora", "WC TV"),
        ("VELMORA (Wirecorp)-- The government said on Monday it would", "VELMORA", "Wirecorp"),
    ],
)
def test_datelines(paragraph: str, dateline: str, tag: str | None) -> None:
    assert find_dateline(paragraph) == dateline
    assert find_wire_tag(paragraph) == tag


@pytest.mark.parametrize(
    "paragraph",
    [
        "The country has stepped up ties with its neighbours since the war began.",
        "BREAKING: The government says talks will resume",
        "Meanwhile, Lagos — which hosts the summit — is preparing",
        "However, Nigeria — The largest economy in the region",
        "President to Visit Lagos, Abuja – Report",
        "Government spokesperson Jane Doe - who spoke on Monday - said",
        "NEW DELHI: The government announced on Monday a new plan",  # colon kickers not read
        "UPDATE: The government announced on Monday a new plan",
        "THE BRIEFING -- NOW ON VIDEO EVERY DAY!",
        "LAGOS (Wirecorp) - Short tail",
        "Example (Holding) AG, Main Street 32, 6340 Town",
        "Jane (Nickname) Doe says the injury that forced him out is healed",
        "The minister said _ without notes _ that talks would resume",
        "",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert find_dateline(paragraph) is None
    assert dateline_end(paragraph) is None


def test_dateline_end_is_where_the_sentence_after_it_begins() -> None:
    for paragraph in (
        "LAGOS (Wirecorp) - The government said on Monday it would",
        "PARIS _ The government said on Monday it would",
        "OSLO, June 10 (Nordwire) -- The government said on Monday it would",
    ):
        end = dateline_end(paragraph)
        assert end is not None
        assert paragraph[end:] == "The government said on Monday it would"


def test_a_lower_cased_text_needs_the_tokenised_tag_for_a_dateline() -> None:
    assert find_wire_tag("Velmora (wirecorp) - the council said on monday it would") is None
    assert find_wire_tag("Velmora ( update ) - the council said on monday it would") is None


def test_wire_tag_without_place() -> None:
    assert find_wire_tag("(Wirecorp) - The government said on Monday") == "Wirecorp"
    assert find_wire_tag("( wirecorp ) - the government said on monday") == "Wirecorp"
    assert find_wire_tag("( update ) - the government said on monday") is None
    assert find_wire_tag("(Wirecorp) - the government said on monday") is None
    assert without_dateline("(Wirecorp) - The government said") == "The government said"
    assert without_dateline("( wirecorp ) - the government said") == "the government said"
    assert find_wire_tag("The government (Wirecorp) said") is None


def test_the_undated_dateline_is_cut_but_names_no_place_or_agency() -> None:
    for paragraph in ("(UNDATED) _ The bridge opened.", "UNDATED - The bridge opened."):
        end = dateline_end(paragraph)
        assert end is not None and paragraph[end:] == "The bridge opened."
        assert find_dateline(paragraph) is None and find_wire_tag(paragraph) is None
    assert dateline_end("Undated photos of the bridge were shown.") is None
    paragraph = "BRIDGE CLOSED (Undated) - Engineers closed the old bridge on Monday."
    assert without_dateline(paragraph) == "Engineers closed the old bridge on Monday."
    assert find_wire_tag(paragraph) is None


# ---------------------------------------------------------------------------------------
# Outlet
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Support The Example Times!", "The Example Times"),
        (
            "If you are already a registered user of The Example Herald and logged in, go on",
            "The Example Herald",
        ),
        ("© 2024 Example Media", "Example Media"),
        ("Copyright © 2024 Example Media Ltd. All rights reserved.", "Example Media"),
        ("Copyright Example News", "Example News"),
        ("Subscribe to The Example Post", "The Example Post"),
        (
            "As you know, The Example Tribune, an independent news source, needs you.",
            "The Example Tribune",
        ),
        ("We, the journalists of The Example Ledger, will not stop.", "The Example Ledger"),
        ("© 2019 Example.com. All rights reserved.", "Example.com"),
        ("Copyright © 2019 ABC. The ABC is not responsible for external sites.", "ABC"),
        ("© Copyright 2011-2019 Example Daily", "Example Daily"),
        ("© 2019 EXAMPLE.info All Rights Reserved", "EXAMPLE.info"),
    ],
)
def test_outlet_self_reference(line: str, outlet: str) -> None:
    assert find_outlet("Body text.", removed=[line]) == outlet


def test_outlet_from_contact_email_and_url() -> None:
    contact = "Please send corrections to [desk@example-daily.co.kr]"
    assert find_outlet("Body.", removed=[contact]) == "example-daily.co.kr"
    assert find_outlet(f"Body.\n{contact}") == "example-daily.co.kr"
    assert find_outlet("Body.", emails_in=["news@mail.example.org"]) == "example.org"
    assert find_outlet("Body.", url="https://www.example.net/a/b.html") == "example.net"
    # A named self-reference beats a domain; a domain beats the URL.
    assert (
        find_outlet("Body.", removed=["Support The Example Times!", contact], url="x.org")
        == "The Example Times"
    )
    assert find_outlet("Body.", removed=[contact], url="https://x.org/") == "example-daily.co.kr"


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("Just a news story with no evidence of who published it.", ()),
        ("Body.", ("Support independent journalism", "Subscribe to our newsletter")),
        ("Body.", ("Write to me at someone@gmail.com",)),
        ("Body.", ("© Jane Doe / Pool", "* Copyright Policy", "© 2019 All rights reserved.")),
        ("Body.", ("+ Subscribe to Newsletter", "Subscribe To Our Mailing List")),
        ("Body.", ("* Subscribe to EXAMPLE PRO",)),
        ("The copyright Example Studios holds on the film expires next year.", ()),
        ("Example Watch, an independent monitoring group, said the vote was flawed.", ()),
        (
            "The agency said people could contact tips@agency.gov with any information they "
            "had about the attack on the embassy last week.",
            (),
        ),
    ],
)
def test_outlet_none_without_evidence(text: str, removed: tuple[str, ...]) -> None:
    assert find_outlet(text, removed=removed) is None


# ---------------------------------------------------------------------------------------
# Headlines
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("President to Visit Lagos, Abuja – Report", True),
        ("President to visit Lagos in coming weeks, media reports", True),
        ("Will the talks resume?", True),
        ("Storm hits coast", True),
        ("This is a sentence that ends with a period.", False),
        ("Too short", False),
        ("lowercase words make no title here", False),
        ("March 3, 2023 at 3:15 p.m. EDT", False),
        ("By Jane Doe and John Roe", False),
        ("LAGOS (Wirecorp) - The government said on Monday it would", False),
        ("Foreign Minister Jane Doe | Photo Credit: Wirecorp", False),
        ("Read more at https://example.org/story", False),
        (" ".join(["Word"] * 30), False),
    ],
)
def test_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


# ---------------------------------------------------------------------------------------
# The real seed articles
# ---------------------------------------------------------------------------------------


def _seed(prefix: str) -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0].read_text(encoding="utf-8").splitlines()


def _scan(lines: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    published = updated = dateline = byline = None
    for line in lines:
        stamp = parse_timestamp_line(line)
        if stamp is not None:
            published = published or stamp.published
            updated = updated or stamp.updated
            dateline = dateline or stamp.dateline
        byline = byline or parse_byline(line)
        dateline = dateline or find_dateline(line)
    return published, updated, dateline, byline


def test_seed_003_timestamps() -> None:
    published, updated, dateline, byline = _scan(_seed("003"))
    assert published == "2024-06-10T12:04:00+05:30"
    assert updated == "2024-06-10T12:35:00+05:30"
    assert dateline == "MOSCOW"
    assert byline is None


def test_seed_004_timestamps_and_byline() -> None:
    published, updated, _, byline = _scan(_seed("004"))
    assert published == "2024-06-11T16:51:00+09:00"
    assert updated == "2024-06-11T16:52:00+09:00"
    assert byline == "Hong Seock-jae"


@pytest.mark.parametrize(
    ("prefix", "outlet"),
    [
        ("000", None),
        ("001", "The Moscow Times"),
        ("002", None),
        ("003", "The Hindu"),
        ("004", "hani.co.kr"),
    ],
)
def test_seed_outlets(prefix: str, outlet: str | None) -> None:
    lines = _seed(prefix)
    # As boilerplate lines handed over by the cleaner, and as plain text.
    assert find_outlet("", removed=lines) == outlet
    assert find_outlet("\n".join(lines)) == outlet


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_news_sentences_are_not_metadata(prefix: str) -> None:
    for line in _seed(prefix):
        words = line.split()
        if len(words) < 12 or not line.rstrip().endswith((".", "”", '"')):
            continue  # only full news sentences
        assert parse_timestamp_line(line) is None, line
        assert parse_byline(line) is None, line
        assert not looks_like_headline(line), line


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_only_expected_metadata_lines(prefix: str) -> None:
    found = [
        line
        for line in _seed(prefix)
        if parse_timestamp_line(line) is not None or parse_byline(line) is not None
    ]
    expected = {"000": 0, "001": 0, "002": 0, "003": 2, "004": 2}[prefix]
    assert len(found) == expected, found
