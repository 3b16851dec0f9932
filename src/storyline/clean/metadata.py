"""Line-level metadata detectors for plain-text articles.

The plain-text cleaner has no markup, so it asks these functions about single lines:

* :func:`parse_timestamp_line` (in :mod:`.dates`): is this line a published/updated stamp?
* :func:`parse_byline`: is this line a byline, and whose names does it give?
* :func:`find_dateline` / :func:`find_wire_tag`: the place and the agency that open a
  news paragraph ("LAGOS (Agency) - ...").
* :func:`find_outlet`: the outlet, from evidence only: a self-reference in boilerplate, a
  contact e-mail's domain, the URL's host.
* :func:`looks_like_headline`: could this line be the title?

Every rule is generic (shapes of lines, label words); no outlet, person or phrase from
any particular article is written here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from ..words import UNSPACED_CHAR
from .dates import (
    ZONE_OFFSETS,
    Timestamps,
    caps_place,
    find_timestamps,
    parse_iso_or_text_date,
    parse_timestamp_line,
)

__all__ = [
    "ZONE_OFFSETS",
    "Timestamps",
    "find_dateline",
    "find_outlet",
    "find_timestamps",
    "find_wire_tag",
    "looks_like_headline",
    "parse_byline",
    "parse_iso_or_text_date",
    "parse_timestamp_line",
    "without_dateline",
]

# ---------------------------------------------------------------------------------------
# Shared word lists
# ---------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WEEKDAYS_MONTHS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec"
)
DATE_WORDS = _WEEKDAYS_MONTHS | _words("am pm gmt utc est edt cet bst ist updated published posted")
"""Words of a date or a time stamp."""
# Capitalised words that open sentences ("By Then, ...", "By Contrast, ...") or
# paragraphs ("However, Region — ..."), never names or places.
_NON_NAME_WORDS = _words(
    "the a an this that these those it its his her their our my your we you they he she "
    "then now far contrast comparison law design default way all some most many noon "
    "midnight early late end mid next last both each every order means virtue nature "
    "definition chance accident mistake tomorrow today tonight yesterday however meanwhile "
    "still yet also instead indeed moreover furthermore but and so if when while after "
    "before since although though overall finally first second third separately elsewhere "
    "earlier later previously again notably similarly likewise nevertheless nonetheless "
    "otherwise thus therefore hence here there in on at for of from with to as not no yes "
    "what who why how where which year years month week weeks day days"
)
# Words that describe a job, not a person: they end the name part of a byline.
_ROLE_WORDS = _words(
    "reporter reporters staff writer writers correspondent correspondents editor editors "
    "contributor contributors columnist journalist journalists photographer photographers "
    "senior chief associate special contributing managing deputy"
)
# Desk names that may precede a role word ("Business Columnist"): dropped with the role.
_DESK_WORDS = _words(
    "business sports sport politics political science health tech technology entertainment "
    "opinion world national metro local economics economy culture arts travel food markets "
    "finance investigative legal education environment climate diplomatic foreign bureau "
    "editorial news"
)
# Capitalised function words that end a name ("By Jane Doe On 11/13/19").
_NAME_STOPPERS = _words("on at in for of the and with from to via updated published posted")
# Titles and caption words: a "Name | X" line containing one is a caption, not a byline.
_TITLE_WORDS = _words(
    "president minister prime chancellor secretary leader king queen prince princess pope "
    "general gen governor mayor senator sen rep spokesperson spokesman spokeswoman "
    "ambassador ceo chairman chairwoman director mr mrs ms dr photo photos file image "
    "images credit credits picture video courtesy"
)
_UNDATED = "undated"
"""The newswire's dateline word of a story filed from no one place ("UNDATED -",
"SLUG (Undated) -"): no place, and no agency in a wire tag."""
# Kickers that open lines like a dateline does ("BREAKING: ...", "ANALYSIS — ...").
_KICKERS = frozenset({_UNDATED}) | _words(
    "breaking update updated updates exclusive analysis opinion watch listen read live "
    "video photos photo editorial comment explainer review interview correction note "
    "advertisement sponsored file alert flash urgent news feature column obituary letters "
    "q&a podcast graphic infographic editor's editors"
)
_NAME_PARTICLES = _words(
    "de da di du del della der den van von ter ten la le al el bin ibn dos das y e"
)
_PUNCT = ".'’-"


def _bare(token: str) -> str:
    return token.strip(_PUNCT + ',;:!?"“”()').lower()


def _name_token(token: str) -> bool:
    """A capitalised name word: "Jane", "O'Neil", "Min-seo", "J.", "DOE"."""
    if not token or not token[0].isalpha() or not token[0].isupper():
        return False
    if not all(ch.isalpha() or ch in _PUNCT for ch in token):
        return False
    lowered = token.lower()
    return not lowered.endswith(("'s", "’s"))


# ---------------------------------------------------------------------------------------
# Bylines
# ---------------------------------------------------------------------------------------

_BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:written|reporting|reported|words|story|text|compiled)\s+)?by\s*:?\s+"
    r"|^\s*authors?\s*:\s*",
    re.IGNORECASE,
)
_BYLINE_TOKEN_RE = re.compile(r"[^\s,;|()&/]+|[,;|()&/]")
_BYLINE_STOP_SEPARATORS = frozenset({";", "|", "(", ")", "/", "-", "–", "—", "--", "·", "•"})
_MAX_BYLINE_CHARS = 160
_MAX_BYLINE_WORDS = 25


def _acronym(word: str) -> bool:
    core = word.strip(_PUNCT)
    return len(core) >= 2 and core.isalpha() and core.isupper()


def _close_name(
    tokens: list[tuple[str, int]], *, first: bool, mixed_case: bool = False
) -> int | None:
    """End offset of a valid name made of ``tokens`` (text, end), else None.

    ``mixed_case``: the first name of the list was written in mixed case, so a later
    "name" with an upper-case acronym in it ("CNN Business") is an outlet, not a person.
    """
    while tokens and _bare(tokens[-1][0]) in _NAME_PARTICLES:
        tokens = tokens[:-1]
    words = [text for text, _ in tokens]
    if not 1 <= len(words) <= 5:
        return None
    if len(words) == 1 and not first:
        return None
    if not _name_token(words[0]) or not _name_token(words[-1]):
        return None
    if _bare(words[0]) in _NON_NAME_WORDS | _WEEKDAYS_MONTHS:
        return None
    if any(_bare(word) in _WEEKDAYS_MONTHS for word in words):
        return None
    if mixed_case and not first and any(_acronym(word) for word in words):
        return None
    return tokens[-1][1]


def _names_end(rest: str) -> int | None:
    """Where the name list that opens ``rest`` ends ("Jane Doe and John Roe, staff ...")."""
    current: list[tuple[str, int]] = []
    accepted: int | None = None
    first = True
    mixed_case = upper_case = False
    for match in _BYLINE_TOKEN_RE.finditer(rest):
        token = match.group()
        bare = _bare(token)
        if token in (",", "&") or bare == "and":
            end = _close_name(current, first=first, mixed_case=mixed_case)
            if end is None:
                break
            if first:
                mixed_case = any(not _acronym(text) for text, _ in current)
                upper_case = not mixed_case
            accepted, first, current = end, False, []
            continue
        if token in _BYLINE_STOP_SEPARATORS or bare in _NAME_STOPPERS:
            break
        if bare in _ROLE_WORDS:
            while current and _bare(current[-1][0]) in _DESK_WORDS:
                current.pop()
            if not first:
                # a later part ending in a role is the role ("Jane Doe, AP Auto Writer")
                current = []
            break
        if upper_case and any(ch.islower() for ch in token):
            # names written in capitals, then a part that is not: an outlet ("JANE DOE
            # and JOHN ROE, Associated Press")
            break
        if _name_token(token) or (current and bare in _NAME_PARTICLES and token.islower()):
            current.append((token, match.end()))
            continue
        break
    if current:
        end = _close_name(current, first=first, mixed_case=mixed_case)
        if end is not None:
            accepted = end
    return accepted


def _trailer_ok(trailer: str) -> bool:
    """What may follow the names: a role, an agency, a place, a timestamp."""
    text = trailer.strip().lstrip(",;|·•-–—/ ").strip()
    if not text:
        return True
    if parse_timestamp_line(text) is not None:
        return True
    words = text.split()
    if len(words) > 8:
        return False
    return not (text.endswith(".") and len(words) >= 3)


def _bare_name_pipe_byline(line: str) -> str | None:
    """ "Jane Doe | Agency": a name, a pipe, and a short capitalised credit."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return None
    name, credit = parts
    name_words, credit_words = name.split(), credit.split()
    if not 2 <= len(name_words) <= 3 or not 1 <= len(credit_words) <= 3:
        return None
    if any(ch.isdigit() or ch == ":" for ch in line):
        return None
    if any(_bare(word) in _TITLE_WORDS | _ROLE_WORDS for word in name_words + credit_words):
        return None
    if not all(word[0].isupper() for word in credit_words):
        return None
    if not all(any(ch.islower() for ch in word) for word in name_words):
        return None  # "SECTION NAME | LABEL" navigation, not "Jane Doe | Agency"
    end = _names_end(name)
    if end is None or name[end:].strip():
        return None
    return name


def parse_byline(line: str) -> str | None:
    """The author name(s) of a byline line, else None.

    ``"By Jane Doe, special correspondent"`` -> ``"Jane Doe"``; ``"By Jane Doe and John Roe"`` ->
    ``"Jane Doe and John Roe"``; ``"Written by ..."``, ``"Reporting by ...; Editing by ..."``
    (the reporters), ``"Jane Doe | Agency"`` (the name). Case is kept as given. A news
    sentence that merely contains "by" gives None.
    """
    text = " ".join(line.replace("\u00a0", " ").split())
    if not text or len(text) > _MAX_BYLINE_CHARS or len(text.split()) > _MAX_BYLINE_WORDS:
        return None
    prefix = _BYLINE_PREFIX_RE.match(text)
    if prefix is None:
        return _bare_name_pipe_byline(text)
    rest = text[prefix.end() :]
    end = _names_end(rest)
    if end is None or not _trailer_ok(rest[end:]):
        return None
    names = re.sub(r"\s+,", ",", rest[:end].strip())
    return names or None


# ---------------------------------------------------------------------------------------
# Datelines and wire tags
# ---------------------------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^\s*(?P<head>[^()\n—–:/]{2,80}?)"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"(?P<sep>\s*[—–]+\s*|\s+(?:--?|_)\s+|(?<=\))--\s*|\s*\.?\s*/(?P<slash>[^/\s]{2,20})/\.?\s*)"
    r"(?:(?P<dashtag>[A-Z][A-Za-z]{1,15}(?:\s[A-Z][A-Za-z]{1,15})?)\s+(?:--?|[—–])\s+)?"
    r"(?P<after>\S)"
)
_MIN_DATELINE_SENTENCE_WORDS = 5
_SPACED_TAG = re.compile(r" [a-z]{2,15}(?: [a-z]{2,15})? ")
"""An agency tag as a lower-cased, tokenised corpus writes it: "( reuters )", "( ap )"."""
_SHORT_DATE_RE = re.compile(
    r"^(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?\s*)?"
    r"(?:(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
    r"(?:,?\s+\d{4})?$"
)


def _title_place(head: str) -> str | None:
    """ "Paris, France": capitalised place and region, both 1-3 words."""
    parts = [part.strip() for part in head.split(",")]
    if len(parts) != 2:
        return None
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 3 or not all(_name_token(word) for word in words):
            return None
    first = _bare(parts[0].split()[0])
    if first in _NON_NAME_WORDS or first.endswith("ly"):
        return None
    return f"{parts[0]}, {parts[1]}"


def _agency(raw: str | None) -> str | None:
    if raw is None:
        return None
    agency = " ".join(raw.split())
    words = agency.split()
    if not agency or len(agency) > 40 or not 1 <= len(words) <= 4:
        return None
    if any(ch.isdigit() for ch in agency) or not agency[0].isalpha():
        return None
    if not agency[0].isupper() and len(agency) > 4:
        return None
    if _bare(words[0]) in _KICKERS:
        return None
    return agency


def _dateline_parts(paragraph: str) -> tuple[str, str | None] | None:
    """(place, agency) opening ``paragraph``, or None."""
    m = _DATELINE_RE.match(paragraph)
    if m is None:
        return None
    after = m.group("after")
    raw = m.group("agency")
    lowered = (  # a corpus that lower-cased its text: "washington ( reuters ) - donald ..."
        raw is not None and _SPACED_TAG.fullmatch(raw) is not None and after.islower()
    )
    if not (after.isupper() or after.isdigit() or after in "\"“‘'«" or lowered):
        return None
    remainder = paragraph[m.start("after") :]
    if len(remainder.split()) < _MIN_DATELINE_SENTENCE_WORDS or not any(
        ch.islower() for ch in remainder
    ):
        return None  # a dateline opens a news sentence, not a short or all-caps tail
    head = " ".join(m.group("head").split()).rstrip(",")
    agency = _agency(m.group("agency")) or _agency(m.group("slash"))
    if lowered and raw is not None:
        agency = _lowered_agency(raw)
        if agency is None:
            return None
    if m.group("agency") and agency is None and m.group("agency").strip().lower() != _UNDATED:
        return None  # but "SLUG (Undated) -": the wire's dateline of a story from no one place
    dashtag = _agency(m.group("dashtag"))
    parts = [part.strip() for part in head.split(",")]
    while len(parts) > 1 and _SHORT_DATE_RE.match(parts[-1]):
        parts.pop()
    place_text = ", ".join(parts)
    place_words = place_text.split()
    if not place_words or _bare(place_words[0]) in _KICKERS | _NON_NAME_WORDS:
        return None
    place = caps_place(place_text)
    if place is None:
        place = _title_place(place_text)
        if place is None and agency is not None:
            words = place_text.split()
            if 1 <= len(words) <= 3 and all(_name_token(word) for word in words):
                place = place_text
            elif lowered and 1 <= len(words) <= 4 and all(map(_lowered_place_word, words)):
                place = place_text  # "sacramento, calif. ( ap ) — ...": the case is gone
    if place is None:
        return None
    if dashtag is not None and agency is None:
        agency = dashtag
    return place, agency


def _lowered_agency(raw: str) -> str | None:
    """The agency of a lower-cased, tokenised tag ("( reuters )" -> "Reuters", "( ap )" ->
    "AP", "( cbs sf )" -> "CBS SF"): a word of 3 letters or fewer in capitals, a longer one
    capitalised; None for a kicker ("( update )")."""
    words = raw.split()
    if any(_bare(w) in _KICKERS for w in words):
        return None
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in words)


def _lowered_place_word(word: str) -> bool:
    """A word of a place as a lower-cased corpus writes it: letters, with a period, comma,
    apostrophe or hyphen ("calif.,", "st.", "o'hare")."""
    return word[0].isalpha() and all(ch.isalpha() or ch in ".,'’-" for ch in word)


_BARE_TAG_RE = re.compile(r"^\s*\((?P<agency>[^()\n]{1,40})\)\s*(?:[—–]+|--?)\s+(?P<after>\S)")
"""A wire tag with no place before it: "(Agency) - The ...", "( agency ) - the ..."."""


def _bare_tag(paragraph: str) -> tuple[str, int] | None:
    """(agency, where the sentence after it begins) for a paragraph opening with a wire tag
    and no place: "(Agency) - The ..."; "( agency ) - the ..." in a lower-cased corpus."""
    m = _BARE_TAG_RE.match(paragraph)
    if m is None:
        return None
    raw, after = m.group("agency"), m.group("after")
    if _SPACED_TAG.fullmatch(raw) is not None and after.islower():
        agency = _lowered_agency(raw)
        return (agency, m.start("after")) if agency else None
    agency = _agency(raw)
    if agency is None or not (after.isupper() or after.isdigit() or after in "\"“‘'«"):
        return None
    return agency, m.start("after")


_UNDATED_RE = re.compile(rf"\A\s*\(?(?i:{_UNDATED})\)?\s*(?:--?|_|[—–])\s+(?=[A-Z\"“‘'`])")
"""The :data:`_UNDATED` dateline opening a paragraph: "UNDATED -", "(UNDATED) _"."""


def dateline_end(paragraph: str) -> int | None:
    """Where the sentence after the dateline that opens ``paragraph`` begins (None when
    no dateline opens it): ``"LAGOS (Agency) - The..."`` -> the offset of ``The``;
    ``"(UNDATED) _ The..."`` too, though it names no place."""
    if (undated := _UNDATED_RE.match(paragraph)) is not None:
        return undated.end()
    if _dateline_parts(paragraph) is None:
        bare = _bare_tag(paragraph)
        return bare[1] if bare else None
    m = _DATELINE_RE.match(paragraph)
    return m.start("after") if m else None


def without_dateline(sentence: str) -> str:
    """``sentence`` less the dateline that opens it (:func:`dateline_end`): ``"PARIS
    (Agency) -- The talks..."`` -> ``"The talks..."``; as it is when none does."""
    end = dateline_end(sentence)
    return sentence[end:] if end else sentence


def find_dateline(paragraph: str) -> str | None:
    """The dateline place that opens a news paragraph, else None.

    ``"LAGOS (Agency) - ..."`` -> ``"LAGOS"``; ``"OSLO, June 10 (Agency) -- ..."`` ->
    ``"OSLO"`` (the date is dropped); ``"NEW YORK, NY – ..."`` -> ``"NEW YORK, NY"`` (the
    region is kept); ``"Paris, France — ..."`` -> ``"Paris, France"``. A place in
    sentence case needs a region or an agency tag. Colon forms ("CITY: ...") are not read:
    on real pages they are mostly kickers ("UPDATE: ...", "WATCH: ...").
    """
    parts = _dateline_parts(paragraph)
    return parts[0] if parts else None


WIRE_TAG_START = re.compile(
    r"\A\s*(?:[A-Z][\w.'’ -]{1,40}?(?:,\s*\w{3,9}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<tag>[A-Z][\w&.' -]{0,30}?)\)\s*[-–—:]"
)
"""A wire tag opening a text: "KELVARO (Courier) -", "(Courier) -", "PARIS, Jan. 5 (Courier) -"."""


def wire_tag_start(text: str) -> re.Match[str] | None:
    """The wire tag opening ``text`` (:data:`WIRE_TAG_START`) when its tag can name an
    agency: not a kicker or the newswire's "(UNDATED)" of a story with no dateline."""
    match = WIRE_TAG_START.search(text[:200])
    return match if match and _agency(match.group("tag")) else None


def find_wire_tag(paragraph: str) -> str | None:
    """The agency tagged at the dateline: ``"PLACE (Agency) - ..."`` -> ``"Agency"``.

    Also ``"(Agency) - ..."`` with no place, ``"PLACE, date. /AGENCY/. ..."`` and
    ``"PLACE - Agency - ..."``.
    """
    parts = _dateline_parts(paragraph)
    if parts is not None:
        return parts[1]
    bare = _bare_tag(paragraph)
    return bare[0] if bare else None


# ---------------------------------------------------------------------------------------
# Outlet
# ---------------------------------------------------------------------------------------

# A proper name: capitalised words, possibly "The ..." and inner "of"/"and"/"&".
_PROPER = (
    r"(?P<name>(?:The\s+)?[A-Z][\w&'’.\-]*(?:\s+(?:(?:of|and|&|de|du|la|the)\s+)?"
    r"[A-Z][\w&'’.\-]*){0,5})"
)
# Self-references that only boilerplate makes: trusted in any line of ``text`` too.
_SELF_REFERENCE_STRONG = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^\W*(?i:support)\s+{_PROPER}\s*(?:[!.]|['’]s\b|$)",
        rf"(?i:registered\s+(?:user|member|subscriber)s?\s+(?:of|on|at|with))\s+{_PROPER}",
        # "Copyright Example News", "Copyright © 2024 Example Media Ltd."
        rf"^\W*(?:(?i:all\s+content)\s+)?(?i:copyright)\s*(?:©|\((?i:c)\))?\s*"
        rf"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*[,.]?\s*)?{_PROPER}",
        # "© 2024 Example Media": the symbol needs a year ("© Name" alone is a photo credit)
        rf"^\W*(?:(?i:all\s+content)\s+)?(?:©|\((?i:c)\))\s*(?:(?i:copyright)\s*)?"
        rf"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*[,.]?\s*{_PROPER}",
        rf"^\W*(?i:subscribe\s+to)\s+{_PROPER}",
        rf"(?i:thanks?\s+(?:you\s+)?for\s+(?:reading|supporting))\s+{_PROPER}",
        rf"(?i:download\s+the)\s+{_PROPER}\s+(?i:app)\b",
    )
)
# Self-references a news sentence could also make about someone else ("X, an independent
# group, said"): trusted only in lines the cleaner removed as boilerplate.
_SELF_REFERENCE_WEAK = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_PROPER},?\s+(?:is\s+)?an?\s+(?i:independent)\s+\w+",
        rf"(?i:the\s+(?:journalists|editors|team|staff|newsroom)\s+(?:of|at))\s+{_PROPER}",
    )
)
_CORPORATE_SUFFIXES = _words(
    "ltd ltd. limited inc inc. llc plc corp corp. corporation gmbh co co. s.a. ag"
)
_NON_OUTLET_WORDS = _words(
    "us our we you your me them it this today now all rights reserved the independent "
    "journalism news free press policy notice information infringement terms copyright"
)
# Products and pages an outlet offers ("Subscribe to Newsletter", "Subscribe to X PRO").
_PRODUCT_WORDS = _words(
    "newsletter newsletters mailing list alerts updates podcast podcasts channel feed rss "
    "email e-mail manage subscriptions subscription digest edition premium pro plus now "
    "briefing app notifications"
)
_EMAIL_RE = re.compile(r"[\w.+\-]+@(?P<domain>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
_CONTACT_WORDS_RE = re.compile(
    r"(?i:\b(?:questions?|comments?|contact|tips?|e-?mail|write\s+to|send|feedback|"
    r"corrections?|inquir(?:y|ies)|enquir(?:y|ies)|reach)\b)"
)
_WEBMAIL_DOMAINS = _words(
    "gmail.com googlemail.com yahoo.com hotmail.com outlook.com live.com msn.com aol.com "
    "icloud.com me.com protonmail.com proton.me gmx.com gmx.de mail.ru yandex.ru"
)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def _clean_outlet_name(name: str) -> str | None:
    words: list[str] = []
    for word in name.replace("’", "'").split():
        words.append(word)
        core = word.rstrip(".")
        last_segment = core.rsplit(".", 1)[-1]
        if word.endswith(".") and (core.lower() in _CORPORATE_SUFFIXES or len(last_segment) >= 3):
            break  # "Example Media Ltd. All rights reserved": the sentence ends here
    words = [word.rstrip(".") if "." not in word.rstrip(".") else word for word in words]
    for index, word in enumerate(words[1:], start=1):
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if word.lower() == "all" and following in ("", "rights"):
            words = words[:index]  # "Example News All Rights Reserved"
            break
    while words and _bare(words[-1]) in _CORPORATE_SUFFIXES:
        words.pop()
    while words and words[-1].lower() in ("and", "&", "of", "the"):
        words.pop()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    text = " ".join(words).rstrip(".,'")
    if not text:
        return None
    content = [w for w in text.split() if w.lower() not in ("the", "of", "and", "&")]
    if not content or all(_bare(w) in _NON_OUTLET_WORDS for w in content):
        return None
    if any(_bare(w) in _PRODUCT_WORDS for w in content):
        return None
    if len(text) < 2 or len(text) > 60:
        return None
    return text


def _self_references(lines: Iterable[str], *, boilerplate: bool) -> list[str]:
    patterns = _SELF_REFERENCE_STRONG + (_SELF_REFERENCE_WEAK if boilerplate else ())
    names: list[str] = []
    for line in lines:
        for pattern in patterns:
            for m in pattern.finditer(line):
                name = _clean_outlet_name(m.group("name"))
                if name is not None:
                    names.append(name)
    return names


def _email_domains(lines: Iterable[str], *, contact_only: bool) -> list[str]:
    domains: list[str] = []
    for line in lines:
        if contact_only and (len(line.split()) > 15 or not _CONTACT_WORDS_RE.search(line)):
            continue
        for m in _EMAIL_RE.finditer(line):
            domain = m.group("domain").lower().rstrip(".")
            for prefix in ("www.", "mail.", "email."):
                domain = domain.removeprefix(prefix)
            if domain not in _WEBMAIL_DOMAINS and "." in domain:
                domains.append(domain)
    return domains


def _url_host(url: str) -> str | None:
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host


def _most_common(values: Sequence[str]) -> str | None:
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(value for value in values if counts[value] == best)


def find_outlet(
    text: str,
    *,
    removed: Sequence[str] = (),
    url: str | None = None,
    emails_in: Sequence[str] = (),
) -> str | None:
    """The outlet that published ``text``, from evidence only; None when there is none.

    In order of preference: (a) a name the outlet gives itself in boilerplate: a donation
    appeal "Support X!", a sign-in prompt for users of X, "© 2024 X", "Subscribe to X",
    "Thanks for reading X", read from the ``removed`` lines and any line of ``text``, plus
    "X, an independent ..." and a staff self-description naming X, read from ``removed``
    lines only (a news sentence may say that of someone else); (b) the domain of a contact
    e-mail address in ``emails_in``, ``removed`` or a short contact line of ``text``
    (webmail domains skipped); (c) the host of ``url`` without "www.". The most frequent
    candidate of the first kind found wins (the first one on a tie).
    """
    text_lines = [line.strip() for line in text.splitlines() if line.strip()]
    removed_lines = [line.strip() for line in removed if line.strip()]
    named = _self_references(removed_lines, boilerplate=True) or _self_references(
        text_lines, boilerplate=False
    )
    if named:
        return _most_common(named)
    domains = (
        _email_domains(emails_in, contact_only=False)
        or _email_domains(removed_lines, contact_only=False)
        or _email_domains(text_lines, contact_only=True)
    )
    if domains:
        return _most_common(domains)
    return _url_host(url) if url else None


# ---------------------------------------------------------------------------------------
# Headlines
# ---------------------------------------------------------------------------------------

_CAPTION_RE = re.compile(
    r"(?i:\b(?:photo|image|picture|video)\s*(?:credit)?\s*:|\bphoto\s+credit\b|\bfile\s+photo\b"
    r"|\bcredit\s*:|\bgetty\s+images\b)"
)
_URL_OR_EMAIL_RE = re.compile(r"https?://|www\.|\S+@\S+\.\w")
# A headline may end in an initialism's period ("... in the U.S."), not in a sentence's.
_INITIALISM_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")


def wrapped_before(next_line: str) -> bool:
    """Whether a line followed by ``next_line`` is prose wrapped on to it: the next line
    goes on in lower case ("Did you know that fishes embark upon courtship behaviour that
    leads to" / "spawning ..."), so the line is no headline."""
    return next_line.lstrip()[:1].islower()


def looks_like_headline(line: str) -> bool:
    """Whether ``line`` could be an article title.

    3-25 words, at most 200 characters, no terminal period, colon or comma (a trailing
    "?" or "!" is fine), starts with a capital letter, digit or quote, is in title case or
    sentence case, and is not a timestamp, a byline, a dateline paragraph, a caption or a
    line with a URL or e-mail address.
    """
    text = " ".join(line.replace("\u00a0", " ").split())
    unspaced = len(UNSPACED_CHAR.findall(text))
    if unspaced * 2 > len(text):  # Chinese, Japanese, Thai...: no case, no spaces
        closed = text.endswith(("。", "，", "：", "；", ".", ",", ":", ";"))
        return 4 <= unspaced <= 60 and not closed and not _URL_OR_EMAIL_RE.search(text)
    words = text.split()
    if not 3 <= len(words) <= 25 or len(text) > 200:
        return False
    if text.endswith((".", ":", ",", ";")) and not _INITIALISM_END.search(text):
        return False
    if text.endswith("..."):
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    if not first or first.islower():  # a caseless script (Arabic, Hebrew...) may start it
        return False
    if not (text[0].isalnum() or text[0] in "\"“‘'«¿¡("):
        return False
    if _CAPTION_RE.search(text) or _URL_OR_EMAIL_RE.search(text):
        return False
    alpha_words = [w for w in words if any(ch.isalpha() for ch in w)]
    if not alpha_words:
        return False
    if parse_timestamp_line(text) is not None or parse_byline(text) is not None:
        return False
    return find_dateline(text) is None
