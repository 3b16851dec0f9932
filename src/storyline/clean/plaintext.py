"""Boilerplate removal for plain text: line rules, then a learned line model.

Plain text has no markup to lean on, so each line is judged by its shape (length, share
of stop words, closing punctuation), by generic boilerplate patterns (see
:mod:`storyline.clean.boilerplate`) and by its neighbours: the article body is the
densest run of prose, found as a maximum-sum segment, and short lines inside it are kept
only where they read like news (a heading before a paragraph, a short paragraph, a
dateline). That is the rules' decision (``method="rules"``). By default the line model
of :mod:`storyline.clean.line_model` then decides, reading what the rules found beside
each line's shape, place and neighbours. Every removed line is kept with a reason.

Lines are the input's own, one paragraph a line as our renderer writes them; text from
other renderers is first brought to that shape: a hard-wrapped paragraph (html2text, a
72-column "save as text") is joined back into one line (:func:`unwrap`), and so is a
sentence written one text node a line (:func:`join_fragments`); Markdown's heading,
emphasis and escape marks are read off (:func:`unmark`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ..types import Removed
from ..words import UNSPACED_CHAR
from . import metadata
from .boilerplate import INLINE_REASONS, SECTION_REASONS, SOFT_REASONS, match_rule
from .language import detect_language, stopwords
from .line_model import line_features, line_model

LineClass = Literal["good", "near", "short", "boiler", "meta"]

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_BULLET = re.compile(r"^\s*(?:[•·▪►●◦‣∙*–—-]|\d+[.)])\s+")
_TERMINAL = re.compile(r"[.!?…:;。！？][\"”’»)\]]*$")

# Thresholds of the shape classifier (jusText's idea, on lines instead of DOM blocks).
GOOD_STOP_DENSITY = 0.30
NEAR_STOP_DENSITY = 0.20
GOOD_MIN_WORDS = 10
SHORT_MAX_WORDS = 6
MIN_PROSE_BEFORE_COMMENTS = 500
REPEAT_MIN_WORDS = 8
COMMENT_STAMP_GAP = 8
COMMENT_LOOKAHEAD = 8
# Weights of the body segment search: prose counts for, furniture against.
SHORT_PENALTY = 2.5
BOILER_PENALTY = 2.5
NEAR_WEIGHT = 0.3
MENU_RUN = 2
POSITION_DECAY = 0.0
# Furniture that sits inside article bodies (captions, share bars: INLINE_REASONS) says
# little about where the body ends, so it weighs lightly.
INLINE_PENALTY = 0.2
# A run of prose at least this share of the body's strength joins it across a gap.
JOIN_SHARE = 0.2
JOIN_MAX_GAP = 4
# Hard-wrapped input (html2text, a mail client, a 72-column "save as text"): see
# wrap_width.
WRAP_MIN_FULL = 5
WRAP_FULL_SHARE = 0.5
WRAP_MIN_CHARS = 30
WRAP_BAND = 12
WRAP_PAST = 4.0
WRAP_MAX_WIDTH = 200
WRAP_UNDER = 2.0
WRAP_BROKEN_SHARE = 0.8


@dataclass
class Line:
    """One non-blank input line and what the classifier decided about it."""

    index: int
    text: str
    words: int
    stop_density: float
    terminal: bool
    cls: LineClass = "short"
    reason: str | None = None
    keep: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    # the reason of a firm rule: the line itself matched a furniture pattern, is the alt
    # text of a caption, sits between two lines of one furniture section, or follows the
    # start of a comment stream
    firm: str | None = None

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class PlainCleaning:
    """Cleaned text (kept paragraphs joined by blank lines), what was removed, and metadata."""

    text: str
    removed: tuple[Removed, ...]
    language: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    paragraphs: tuple[str, ...] = ()


_WRAP_LEAD = re.compile(r"^\s*(?:[#|]|[•·▪►●◦‣∙*–—-]\s|\d+[.)]\s)")
# a quotation's marks as a mail client or Markdown writes them, repeated on every line
_QUOTED = re.compile(r"^\s*(?:>\s?)+")


def _first_word(line: str) -> str:
    """The first word of a line after its quotation marks ('> ')."""
    words = line[len(_quoted(line)) :].split()
    return words[0] if words else ""


def _quoted(line: str) -> str:
    found = _QUOTED.match(line)
    return found.group() if found else ""


def wrap_width(lines: Sequence[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it reads unwrapped.

    A wrapped text's lines pile up just short of the width W and almost none end just past
    it (lines past it at all are what the wrapper left alone: tables, links): W is the
    length with the most lines ending within ``WRAP_BAND`` characters under it, against
    WRAP_PAST times those ending as far over it; at least WRAP_MIN_FULL lines,
    WRAP_FULL_SHARE of the lines between WRAP_MIN_CHARS and W and WRAP_UNDER times those
    in the band below must end near it (a list of headlines spreads, a wrap piles up),
    and WRAP_BROKEN_SHARE of those followed by a line must be full: the next line's first
    word would not have fitted."""
    lengths = np.array([len(line.rstrip()) for line in lines if line.strip()])
    if len(lengths) < WRAP_MIN_FULL:
        return None
    counts = np.bincount(lengths, minlength=WRAP_MAX_WIDTH + WRAP_BAND + 1)
    cumulative = np.concatenate([[0], np.cumsum(counts)])
    best, best_width = 0.0, 0
    for width in range(2 * WRAP_MIN_CHARS, WRAP_MAX_WIDTH + 1):
        full = cumulative[width + 1] - cumulative[width + 1 - WRAP_BAND]
        past = cumulative[width + 1 + WRAP_BAND] - cumulative[width + 1]
        score = full - WRAP_PAST * past
        if score > best:
            best, best_width = score, width
    if not best_width:
        return None
    full = cumulative[best_width + 1] - cumulative[best_width + 1 - WRAP_BAND]
    long_lines = cumulative[best_width + 1] - cumulative[WRAP_MIN_CHARS]
    under = cumulative[best_width + 1 - WRAP_BAND] - cumulative[best_width + 1 - 2 * WRAP_BAND]
    if full < WRAP_MIN_FULL or full < WRAP_FULL_SHARE * long_lines or full < WRAP_UNDER * under:
        return None
    # a wrapper breaks a line only where the next word would not fit: nearly every full
    # line followed by another is so (a list of headlines of about that length is not)
    pairs = broken = 0
    for line, nxt in itertools.pairwise(lines):
        size = len(line.rstrip())
        following = _first_word(nxt)
        if best_width - WRAP_BAND < size <= best_width and following:
            pairs += 1
            broken += size + 1 + len(following) > best_width
    if pairs < WRAP_MIN_FULL or broken < WRAP_BROKEN_SHARE * pairs:
        return None
    return best_width


def unwrap(text: str) -> str:
    """Join the lines of one hard-wrapped paragraph, so each paragraph is one line as our
    rules and line model read text. A line joins the next when the next one's first word
    would not have fitted on it (the break was the wrapper's, not the writer's) and the
    next does not open a list item, a heading or a quotation; text that does not read as
    wrapped (:func:`wrap_width`) is returned as it is."""
    lines = text.splitlines()
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    previous = ""  # the previous physical line, as wrapped
    for line in lines:
        mark = _quoted(line)
        first = _first_word(line)
        before = len(previous.rstrip())
        wrapped = bool(first) and width // 2 < before <= width and before + 1 + len(first) > width
        same_quote = mark.count(">") == _quoted(previous).count(">")
        body = line[len(mark) :]
        if wrapped and same_quote and not _WRAP_LEAD.match(body):
            joined = out[-1].rstrip()
            hyphen = joined.endswith("-") and joined[-2:-1].isalpha() and first[0].isalpha()
            out[-1] = joined + ("" if hyphen else " ") + " ".join(body.split())
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


# Markdown's marks (html2text writes them): a heading's hashes, strong emphasis, the
# backslash that escapes a mark. A text is read as Markdown when MARKDOWN_MIN_LINES of its
# lines open with a heading's hashes or hold a word in strong emphasis.
MARKDOWN_MIN_LINES = 3
_MD_HEADING = re.compile(r"^(\s*)#{1,6}(?:\s+|$)")
_MD_PAIRED = re.compile(r"\*\*[^*\s](?:[^*]*?[^*\s])?\*\*|__[^_\s](?:[^_]*?[^_\s])?__")
_MD_STRONG = re.compile(r"(?<![*_])(?:\*\*|__)(?![*_])")
_MD_ESCAPE = re.compile(r"\\([-*#+.!_\[\]()`>|])")


def unmark(lines: Sequence[str]) -> list[str]:
    """The lines without Markdown's heading, strong-emphasis and escape marks, when they
    read as Markdown; else as they are (a name masked with asterisks stays)."""
    marked = sum(bool(_MD_HEADING.match(line) or _MD_PAIRED.search(line)) for line in lines)
    if marked < MARKDOWN_MIN_LINES:
        return list(lines)
    return [
        _MD_ESCAPE.sub(r"\1", _MD_STRONG.sub("", _MD_HEADING.sub(r"\1", line))) for line in lines
    ]


_CLOSES = tuple(",.;:!?)]}”’»…")
_OPENS = tuple("([{“‘«")
FRAGMENT_MIN_WORDS = 6


def join_fragments(lines: Sequence[str]) -> list[str]:
    """Join a line to the one before when it goes on with that one's sentence: a renderer
    that writes every text node on a line of its own (BeautifulSoup's ``get_text("\\n")``)
    breaks a sentence around each link or emphasis. A line goes on when it opens with
    closing punctuation, or the line before ends with an opening bracket, or it opens with
    a word in lower case after a line of FRAGMENT_MIN_WORDS words or more without closing
    punctuation (a menu item is shorter)."""
    out: list[str] = []
    for line in lines:
        if out and _goes_on(out[-1], line):
            body = line.strip()
            glue = "" if body.startswith(_CLOSES) or out[-1].rstrip().endswith(_OPENS) else " "
            out[-1] = out[-1].rstrip() + glue + body
        else:
            out.append(line)
    return out


def _goes_on(before: str, line: str) -> bool:
    head, body = before.strip(), line.strip()
    if not head or not body or _TERMINAL.search(head) or _BULLET.match(line):
        return False
    if body.startswith(_CLOSES) or head.endswith(_OPENS):
        return True
    return len(head.split()) >= FRAGMENT_MIN_WORDS and body[0].islower()


def _make_line(index: int, raw: str, stops: frozenset[str]) -> Line:
    text = " ".join(raw.split())
    body = _BULLET.sub("", text)
    # a character of a script written without spaces (Chinese, Thai...) is a word
    unspaced = len(UNSPACED_CHAR.findall(body))
    tokens = _WORD.findall(UNSPACED_CHAR.sub(" ", body) if unspaced else body)
    n = len(tokens) + unspaced
    density = sum(t.lower() in stops for t in tokens) / n if n and stops else 0.0
    return Line(index, text, n, density, bool(_TERMINAL.search(text)))


def _shape(line: Line, has_stops: bool) -> LineClass:
    """Classify a line by shape alone."""
    if line.words <= SHORT_MAX_WORDS and not (line.terminal and line.words >= 4):
        return "short"
    if not has_stops:
        # No stop-word list for this language: fall back on length and punctuation.
        if line.words >= GOOD_MIN_WORDS and line.terminal:
            return "good"
        return "near" if line.words >= GOOD_MIN_WORDS or line.terminal else "short"
    if line.stop_density >= GOOD_STOP_DENSITY and (line.words >= GOOD_MIN_WORDS or line.terminal):
        return "good"
    if line.stop_density >= NEAR_STOP_DENSITY and line.words > SHORT_MAX_WORDS:
        return "near"
    return "short"


def _classify(lines: list[Line], has_stops: bool) -> None:
    for line in lines:
        stamp = metadata.parse_timestamp_line(line.text)
        if stamp is not None:
            line.cls, line.reason = "meta", "timestamp"
            for key in ("published", "updated", "dateline"):
                value = getattr(stamp, key)
                if value:
                    line.meta[key] = value
            continue
        byline = metadata.parse_byline(line.text)
        if byline is not None:
            line.cls, line.reason, line.meta["byline"] = "meta", "byline", byline
            continue
        reason = match_rule(_BULLET.sub("", line.text), line.words)
        if reason is not None:
            line.cls, line.reason = "boiler", reason
            line.firm = None if reason in SOFT_REASONS else reason
        else:
            line.cls = _shape(line, has_stops)


def _propagate_sections(lines: list[Line]) -> None:
    """Short lines after a furniture heading ("Related stories", a donation appeal) share
    its reason until prose resumes; a paragraph between two lines of one such section
    belongs to it too (the middle of a donation appeal)."""
    section: str | None = None
    for i, line in enumerate(lines):
        if line.cls == "boiler" and line.reason in SECTION_REASONS:
            section = line.reason
            continue
        if section is None or line.cls in ("boiler", "meta"):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.cls == "good" and nxt is not None and nxt.cls == "good":
            section = None
            continue
        line.cls, line.reason = "boiler", section
    for i in range(1, len(lines) - 1):
        prev, line, nxt = lines[i - 1], lines[i], lines[i + 1]
        sandwiched = prev.cls == nxt.cls == "boiler" and prev.reason == nxt.reason
        if line.cls in ("good", "near") and sandwiched and prev.reason in SECTION_REASONS:
            line.cls, line.reason, line.firm = "boiler", prev.reason, prev.reason
        elif line.cls != "meta" and prev.firm == nxt.firm and prev.firm in SECTION_REASONS:
            line.cls, line.reason, line.firm = "boiler", prev.firm, prev.firm


_STAMP_TOKENS = re.compile(
    r"^(\d{1,4}(st|nd|rd|th)?|[01]?\d[:.]\d\d([ap]m)?|[ap]\.?m\.?|at|on|ago|and|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|(second|minute|min|hour|hr|day|week|month|"
    r"year)s?|updated|posted|edited|[a-z]{2,4}t|utc|gmt)$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"^\W*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\W*$")
_COMMENTER = re.compile(r"^\S.{0,60}?\s(says|said|wrote|writes|commented|replied)\s*:?$", re.I)
# The furniture each reader comment carries: a reply link, a vote or flag button, a score.
_COMMENT_FURNITURE = re.compile(
    r"^(?:(?:log\s*in|sign\s*in|login)\s+to\s+reply|reply(?:\s+to\s+this.*)?|re:.{0,60}"
    r"|report(?:\s+(?:abuse|comment|this))?|flag(?:\s+as\s+inappropriate)?|permalink"
    r"|(?:\d+\s+)?(?:likes?|points?|votes?|replies)|like|quote|recommend|\(score:.*\))\W*$",
    re.IGNORECASE,
)


def _is_stamp(line: Line) -> bool:
    """A line that marks one reader comment: only a date or time ("2 days ago at 07:52
    am", "10.29.2012"), a commenter's name ("Jane says:"), or a comment's own furniture
    ("Reply", "Log in to Reply", "Re: (Score: 3)")."""
    if line.words > 10:
        return False
    if _COMMENTER.match(line.text) or _NUMERIC_DATE.match(line.text):
        return True
    if _COMMENT_FURNITURE.match(line.text):
        return True
    tokens = [t.strip(".") for t in re.findall(r"[\w.:]+", line.text)]
    if not tokens or not all(_STAMP_TOKENS.match(t) for t in tokens if t):
        return False
    return any(t and not t.isdigit() and t.lower() not in ("at", "on", "and") for t in tokens)


def _says_something(line: Line) -> bool:
    """A line a reader comment's text could be: a sentence or a line of prose, not a
    headline of a list."""
    return line.cls in ("good", "near") or (line.terminal and line.words >= 3)


def _comment_headers(lines: list[Line], stamps: list[int]) -> list[int]:
    """The first line of each comment header: adjacent stamp lines (a name, then a date)
    are one header, and a header opens a new comment only after a line that says
    something since the previous one (a date stacked over a time, or a list of dated
    headlines, is not a stream of comments)."""
    marked = set(stamps)
    headers: list[int] = []
    for i in stamps:
        if i - 1 in marked:
            continue
        between = range(headers[-1] + 1, i) if headers else range(0)
        if headers and not any(_says_something(lines[j]) for j in between if j not in marked):
            continue
        headers.append(i)
    return headers


def _cut_comment_stream(lines: list[Line]) -> None:
    """After the article has begun, a stream of reader comments (a name, date or reply
    header every few lines, at least three, each followed by something said) ends the
    article: the rest is comments. The stream may start a few lines after the comment
    section's heading (its filters and rules)."""
    stamps = [i for i, line in enumerate(lines) if _is_stamp(line)]
    headers = _comment_headers(lines, stamps)
    prose = 0
    for i, line in enumerate(lines):
        if line.cls == "good":
            prose += line.chars
        if prose < MIN_PROSE_BEFORE_COMMENTS or line.cls == "good":
            continue
        if line.reason != "comments" and not _is_stamp(line):
            continue
        series = [j for j in headers if j >= i]
        if len(series) < 3 or series[0] - i > COMMENT_LOOKAHEAD:
            continue
        gaps = [b - a for a, b in itertools.pairwise(series)][:3]
        if max(gaps) <= COMMENT_STAMP_GAP:
            for rest in lines[i:]:
                if rest.cls != "meta":
                    rest.cls, rest.reason, rest.firm = "boiler", "comments", "comments"
            return


def _mark_captions(lines: list[Line]) -> None:
    """A short line that the next caption line starts with is the caption's alt text."""
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        alt_text = nxt.text.casefold().startswith(line.text.casefold())
        if line.cls == "short" and nxt.reason in ("caption", "credit") and alt_text:
            line.cls, line.reason, line.firm = "boiler", "caption", "caption"


def _weights(lines: Sequence[Line]) -> list[float]:
    """Prose counts for the body, furniture against it; a short line costs little alone
    (a heading, a list item) and much in a run of short lines (a menu)."""
    runs = [0] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].cls in ("short", "boiler"):
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    weights = []
    for position, (line, run) in enumerate(zip(lines, runs, strict=True)):
        prior = 1.0 - POSITION_DECAY * position / len(lines)
        if line.cls == "good":
            weights.append(prior * line.chars)
        elif line.cls == "near":
            weights.append(prior * NEAR_WEIGHT * line.chars)
        elif line.cls == "meta":
            weights.append(0.0)
        elif line.reason in INLINE_REASONS:
            weights.append(-INLINE_PENALTY * line.chars)
        else:
            factor = BOILER_PENALTY if line.cls == "boiler" else SHORT_PENALTY
            factor *= min(run, MENU_RUN) / MENU_RUN
            weights.append(-factor * max(line.chars, 20))
    return weights


def _max_segment(weights: Sequence[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum run of ``weights[lo:hi]`` (Kadane): (sum, start, end)."""
    best, best_start, best_end = 0.0, lo, lo
    run, run_start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, run_start = 0.0, i
        run += weights[i]
        if run > best:
            best, best_start, best_end = run, run_start, i + 1
    return best, best_start, best_end


def _body_segment(lines: Sequence[Line]) -> tuple[int, int]:
    """[start, end) of the article body: the maximum-sum run of line weights, widened to
    neighbouring runs almost as strong when no section furniture ("Related stories",
    the comments) stands between them: a table or list splits a body, a sidebar does not
    look like one."""
    weights = _weights(lines)
    best, start, end = _max_segment(weights, 0, len(lines))
    if best <= 0:
        return 0, 0
    while True:
        grown = False
        left = _max_segment(weights, 0, start)
        right = _max_segment(weights, end, len(lines))
        for total, seg_start, seg_end in (left, right):
            gap = range(seg_end, start) if seg_end <= start else range(end, seg_start)
            walled = len(gap) > JOIN_MAX_GAP or any(lines[i].reason in SECTION_REASONS for i in gap)
            if total >= JOIN_SHARE * best and not walled and seg_end > seg_start:
                start, end = min(start, seg_start), max(end, seg_end)
                grown = True
        if not grown:
            return start, end


def _keep_short(lines: Sequence[Line], i: int) -> bool:
    """A short line inside the body is news when it is a sentence, a dateline, or a heading
    followed by prose."""
    line = lines[i]
    if line.terminal and line.words >= 3:
        return True
    if metadata.find_dateline(line.text):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    prev = lines[i - 1] if i > 0 else None
    heading = line.words >= 2 and not line.text.endswith((",", "|", "-"))
    return bool(
        heading
        and nxt is not None
        and nxt.cls == "good"
        and prev is not None
        and prev.cls in ("good", "near")
    )


def _find_title(lines: list[Line]) -> Line | None:
    """The headline: the first line when it reads like one (a plain-text article opens
    with its title), else the last headline-like line before the first paragraph of prose.
    A long headline has the shape of prose but no closing punctuation, so a "good" line
    without it is a candidate too. A text of one line is its own body, never only a title."""
    title = None
    if len(lines) < 2:
        return None
    for position, line in enumerate(lines):
        if line.cls == "good" and line.terminal:
            break
        if line.cls in ("short", "near", "good") and metadata.looks_like_headline(line.text):
            if position == 0:
                return line
            title = line
    return title


@dataclass
class RulePass:
    """The rules' view of a text: its lines, classified, the body segment and the title."""

    lines: list[Line]
    language: str | None
    has_stops: bool
    title: Line | None
    body: tuple[int, int]
    stamps: list[bool]


def rule_pass(text: str, *, language: str | None = None, reshape: bool = True) -> RulePass:
    """Classify every non-blank line by the rules; ``keep`` is the rules' decision.
    ``reshape=False`` reads the lines as they come (no unwrap, join_fragments, unmark)."""
    language = language or detect_language(text)
    stops = stopwords(language)
    raw_lines = text.splitlines()
    if reshape:
        raw_lines = join_fragments(unmark(unwrap(text).splitlines()))
    lines = [_make_line(i, raw, stops) for i, raw in enumerate(raw_lines) if raw.strip()]
    _classify(lines, bool(stops))
    title = _find_title(lines)
    if title is not None:
        title.cls, title.reason = "meta", "title"
    _propagate_sections(lines)
    _mark_captions(lines)
    _cut_comment_stream(lines)
    start, end = _body_segment(lines)
    for i, line in enumerate(lines):
        if line.cls in ("boiler", "meta"):
            continue
        if not start <= i < end:
            line.reason = "outside-body"
        elif line.cls == "short" and not _keep_short(lines, i):
            line.reason = "fragment"
        else:
            line.keep = True
    stamps = [_is_stamp(line) for line in lines]
    return RulePass(lines, language, bool(stops), title, (start, end), stamps)


def pass_features(found: RulePass) -> np.ndarray:
    """The line model's feature rows for the lines of a rule pass."""
    return line_features(
        found.lines,
        body=found.body,
        rule_keep=[line.keep for line in found.lines],
        stamps=found.stamps,
        has_stops=found.has_stops,
    )


def clean_plaintext(
    text: str,
    *,
    language: str | None = None,
    method: Literal["model", "rules"] = "model",
    reshape: bool = True,
) -> PlainCleaning:
    """Strip boilerplate from plain text and read the metadata its lines state.

    ``method="model"`` (the default) keeps the lines the line model
    (:mod:`.line_model`) scores as article, given what the rules found;
    ``method="rules"`` keeps the rules' own decision. Title, byline and timestamp lines
    are metadata under both and never kept, nor is a line a firm rule removed (its own
    furniture pattern, a furniture section around it, a comment stream): the model only
    judges the lines those leave open. ``reshape=False`` takes the input's lines as they
    are, without first joining wrapped paragraphs and split sentences (:func:`rule_pass`)."""
    found = rule_pass(text, language=language, reshape=reshape)
    lines = found.lines
    if method == "model" and lines:
        model = line_model()
        probabilities = model.probabilities(pass_features(found))
        rules = [(line.keep, line.reason) for line in lines]
        open_lines = np.array(
            [
                not (line.cls == "meta" or line.firm or line.reason in model.always_drop)
                for line in lines
            ]
        )
        decided = model.keep(probabilities, np.array([line.words for line in lines]), open_lines)
        for line, is_open, keep in zip(lines, open_lines, decided, strict=True):
            if not is_open:
                continue
            keep = bool(keep)
            if keep and not line.keep:
                line.reason = None
            elif not keep and line.keep:
                line.reason = "model"
            line.keep = keep
        if not any(line.keep for line in lines) and any(keep for keep, _ in rules):
            # the model never empties an article the rules keep (a one-sentence report
            # under its headline reads to it like a teaser): the rules' decision stands
            for line, (keep, reason) in zip(lines, rules, strict=True):
                line.keep, line.reason = keep, reason
    _drop_repeats(lines)
    return _result(lines, found.language, found.title)


def _drop_repeats(lines: list[Line]) -> None:
    """A kept paragraph that repeats an earlier kept one word for word (a standfirst echoed
    in the body, a pull quote) is furniture; short repeated lines (table rows) are not."""
    seen: set[str] = set()
    for line in lines:
        if not line.keep:
            continue
        key = line.text.casefold()
        if key in seen and line.words >= REPEAT_MIN_WORDS:
            line.keep, line.reason = False, "repeated"
        seen.add(key)


def _result(lines: list[Line], language: str | None, title: Line | None) -> PlainCleaning:
    kept = tuple(line.text for line in lines if line.keep)
    removed = tuple(
        Removed(line.text, line.reason or "fragment") for line in lines if not line.keep
    )
    meta: dict[str, str] = {}
    for line in lines:
        for key, value in line.meta.items():
            meta.setdefault(key, value)
    dateline = meta.get("dateline")
    if dateline is None and kept:
        dateline = metadata.find_dateline(kept[0])
    outlet = metadata.find_outlet("\n".join(kept), removed=[r.text for r in removed])
    return PlainCleaning(
        text="\n\n".join(kept),
        removed=removed,
        language=language,
        title=title.text if title is not None else None,
        published=meta.get("published"),
        updated=meta.get("updated"),
        byline=meta.get("byline"),
        dateline=dateline,
        outlet=outlet,
        paragraphs=kept,
    )
