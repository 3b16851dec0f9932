"""What boilerplate looks like, line by line, as generic patterns with a reason each.

Each rule describes a *kind* of page furniture (an appeal to the reader, a button, a
caption credit), never a particular outlet's wording. Rules are guarded by the shape of
the line so that news sentences that merely mention a word ("declined to comment") are
not caught: most rules only fire on short lines, or on lines that address the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_F = re.IGNORECASE

# Second person / first person plural addressing the reader: appeals talk to "you".
READER_ADDRESS = re.compile(r"\b(you|your|you're|yourself|we|our|us)\b", _F)


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int | None = None  # only lines up to this many words
    needs_reader_address: bool = False  # only lines that speak to the reader


def _r(reason: str, regex: str, max_words: int | None = None, *, reader: bool = False) -> Rule:
    return Rule(reason, re.compile(regex, _F), max_words, reader)


RULES: tuple[Rule, ...] = (
    # Counters, pagers and bare symbols: "0 / 0", "1 of 12", "12", "|".
    _r("counter", r"^[\W\d_]*$", 8),
    _r("counter", r"^\d+\s*(/|of)\s*\d+$", 4),
    _r("counter", r"^\d+\s+(comments?|shares?|views?|likes?|replies)$", 3),
    # Photo and video captions and credits.
    _r(
        "caption",
        r"(\b(photo|photograph|image|picture|video|illustration|graphic|footage)s?"
        r"(\s+(credit|courtesy|by|source))?\s*[:|]|\|\s*(photo|image)\b)",
        40,
    ),
    _r("caption", r"\((photo|image|picture|file photo)[^)]*\)\s*$", 60),
    _r("caption", r"\(\s*[A-Z][\w.&-]*(\s[\w.&-]+)?\s*/\s*[A-Z][\w.&-]*(\s[\w.&-]+)?\s*\)\s*$", 60),
    _r("caption", r"\b(getty images|shutterstock|afp via getty|file photo)\b", 40),
    _r("credit", r"^(photo|image|picture|credit|source|courtesy)s?\s*(:|by\b)", 15),
    # Asking the reader for money or a subscription.
    _r(
        "donation-appeal",
        r"\b(support (us|our (work|journalism|mission|newsroom)|independent journalism|"
        r"quality journalism)|donat(e|es|ing|ion|ions)|small favou?r to ask|"
        r"make a (gift|pledge|donation)|chip in|payment methods?|paiment|"
        r"become a (member|supporter|patron)|remind me later|not ready to (support|give))\b",
        60,
        reader=True,
    ),
    _r(
        "donation-appeal",
        r"^(support|donate|contribute)\b.*!?$|^remind me later\.?$|^pa[iy]ment methods?$",
        8,
    ),
    _r(
        "subscription",
        r"\b(subscribe|subscription|subscriber|newsletter|sign up for|free trial|"
        r"unlimited (digital )?access|per month|in your inbox)\b",
        30,
        reader=True,
    ),
    _r("subscription", r"^(subscribe|subscription|newsletter|sign up)\b", 10),
    # alert sign-ups: "Breaking News Emails: get breaking news alerts and special reports"
    _r("subscription", r"^breaking news (emails?|alerts?)\b|\bget (breaking )?news alerts\b", 16),
    # Sign-in, registration and paywall prompts, and the member-benefit lists beside them.
    _r(
        "sign-in",
        r"\b(sign[ -]?in|log[ -]?in|sign[ -]?up|register (now|here|for free|to)|"
        r"registered users?|create an account|member[- ]only|members[- ]only|"
        r"already have an account|to continue reading|unlock)\b",
        40,
        reader=True,
    ),
    _r("sign-in", r"^(sign[ -]?in|log[ -]?in|log[ -]?out|register|my account|account)\b", 8),
    _r("sign-in", r"\b(sign[ -]?in|log[ -]?in|member[- ]only|members[- ]only)\b.*!\s*$", 12),
    _r(
        "member-benefits",
        r"^(access|save|get|enjoy|read|sign-up|manage)\b.*\b(stories|articles|newsletters?|"
        r"discounts?|offers?|comments?|benefits?|later|every month)\b",
        16,
    ),
    # The comment section and its rules.
    _r(
        "comments",
        r"\b(comments? (have|must|should|section|are|policy|will)|community guidelines|"
        r"commenting|post (a |your )?comments?|leave a (comment|reply)|"
        r"be the first to comment|older comments|abusive|moderat(ed|ion))\b",
        None,
        reader=True,
    ),
    _r("comments", r"^(\d+\s+)?(comments?|show comments|view comments|add comment|reply)\b", 4),
    # Lists and blocks pointing at other pages.
    _r(
        "related",
        r"^(related( stories| articles| news| content| coverage| topics| posts)?|"
        r"most (viewed|read|popular|shared|commented)( articles| stories)?|read more|"
        r"read next|more (from|on|stories|news|in)\b.*|see also|also read|you (may|might) "
        r"also (like|be interested)|recommended( for you)?|trending( now)?|latest( news)?|"
        r"top stories|editor'?s picks|further reading|in other news|popular)\W*$",
        8,
    ),
    # A teaser of another page: cut off with an ellipsis (not inside a quotation). Also
    # how an excerpt page or a blog's index cuts its own paragraphs: a soft reason.
    _r("teaser", r"\w\s?(…|\.\.\.)\s*(\[?(read )?more\]?)?\s*$", 80),
    _r("related", r"^(read more|also read|read also|see also|related|watch)\s*[:|»›>-]", 30),
    # Buttons, share bars, app prompts.
    _r("button", r"\b(click here|tap here|click to|go to top|back to top)\b", 25),
    # a label naming a button ("Play button", "Button: subscribe"); a sentence that says
    # "button" ("the nuclear button", "hot-button issues") is no label
    _r("button", r"(?<!-)\bbuttons?\b", 8),
    _r("button", r"^buttons?\b", 25),
    _r(
        "share",
        r"^(share( this( article| story)?)?( on)?|tweet|e-?mail|print|copy link|"
        r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|messenger|"
        r"share via|follow us( on)?)\W*$",
        4,
    ),
    _r("share", r"^(share|follow us)\b.*\b(facebook|twitter|whatsapp|linkedin|email)\b", 12),
    # Contact lines, copyright and legal furniture, cookie notices.
    _r("contact", r"[\w.+-]+@[\w-]+(\.[\w-]+)+", 30),
    _r("contact", r"^(contact us|write to us|send us|tip us|got a (news )?tip)\b", 15),
    # A copyright notice, not a line about copyright ("sued for copyright infringement"):
    # the word with a sign, a year, a colon or "by" after it, after "photo"/"image", or
    # opening a short line of names ("Copyright Example Press").
    _r(
        "copyright",
        r"(©|\(c\)\s*\d{4}|\bcopyright\s*(©|\(c\)|\d{4}|:|by\b)|all rights reserved|"
        r"\b(photo|image|picture|video|photograph)s?\s+copyright\b)",
        30,
    ),
    _r("copyright", r"^copyright\s+(?-i:[A-Z])[\w.&'-]*(\s+(?-i:[A-Z])[\w.&'-]*){0,3}\W*$", 4),
    _r(
        "cookie",
        r"\b(cookies?|privacy (policy|settings|notice)|terms of (use|service)|"
        r"accept all|your consent)\b",
        50,
        reader=True,
    ),
    _r("cookie", r"^(privacy|terms|cookie|accept|reject|manage (preferences|cookies))\b", 6),
    _r(
        "advertisement",
        r"^(advertisement|sponsored( content)?|ad|promoted|story continues below)\W*$",
        5,
    ),
)

# Section heads after which short lines are furniture until the article resumes.
SECTION_REASONS = frozenset({"related", "comments", "donation-appeal", "sign-in", "subscription"})
# Furniture a rule names but the line model judges (no firm rule): on the tune pages
# (benchmarks/README.md) 39% of the words of lines cut off with an ellipsis were article,
# an excerpt's or a blog index's own paragraphs, not teasers of other pages.
SOFT_REASONS = frozenset({"teaser"})
# Furniture that sits inside article bodies: captions, credits, share bars, buttons, ads.
INLINE_REASONS = frozenset({"caption", "credit", "button", "share", "advertisement"})


# Reported speech and long quotations are news even when they say "we" or "our".
_SPEECH = re.compile(r"\b(said|says|told|according to|added|stated|announced)\b", _F)
_QUOTATION = re.compile(r"[\"“«]([^\"”»]*)[\"”»]")  # linear: no nested repetition


def _straight(line: str) -> str:
    """Newswire's ASCII quotation marks (``...'' and ''...'') as straight double ones."""
    return line.replace("``", '"').replace("''", '"')


def _is_speech(line: str) -> bool:
    """Reported speech, or a quotation of four words or more (newswire's ``...'' too)."""
    if _SPEECH.search(line):
        return True
    line = _straight(line)
    return any(len(quoted.split()) >= 4 for quoted in _QUOTATION.findall(line))


def match_rule(line: str, words: int) -> str | None:
    """The reason a line is boilerplate, or None when no rule fires."""
    speech: bool | None = None
    unquoted: str | None = None  # "you" inside a quotation does not address the reader
    for rule in RULES:
        if rule.max_words is not None and words > rule.max_words:
            continue
        if rule.needs_reader_address:
            if unquoted is None:
                unquoted = _QUOTATION.sub(" ", _straight(line))
            if not READER_ADDRESS.search(unquoted):
                continue
            if speech is None:
                speech = _is_speech(line)
            if speech:
                continue
        if rule.pattern.search(line):
            return rule.reason
    return None
