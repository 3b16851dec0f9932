"""Split article text into sentences with exact character offsets.

Rules, not a model: pure Python and regular expressions, linear in the text's length.

* Every line break (anything ``str.splitlines`` breaks on) ends a sentence.
* Inside a line, a sentence ends at a run of ``. ! ? …`` (plus any closing quotes and
  brackets right after it) that is followed by whitespace and a character that can start a
  sentence: an uppercase or caseless letter, a digit, an opening quote or bracket. A
  lowercase letter never starts a sentence, so ``12 p.m. on Monday`` or ``“Why?” he asked``
  stay whole.
* Chinese/Japanese full stops ``。！？`` end a sentence without needing a space.
* A ``.`` after an abbreviation does not end a sentence: titles (``Mr.``, ``Gen.``), ``No.``
  before a number, ``e.g.``/``i.e.``/``vs.``, and, unless the next word is a typical
  sentence opener (``The``, ``He``, ``But``...), ambiguous ones: ``Inc.``, ``Jr.``, months,
  dotted acronyms (``U.S.``, ``p.m.``), initials (``George W. Bush``) and titles in lower
  case (``new jersey gov. Chris``: text that was lowercased in places).
* A balanced quotation shorter than ``MAX_QUOTE_CHARS`` is never split inside: its
  sentences stay together and its closing mark stays with them. An unbalanced quote mark
  protects nothing, so a stray ``"`` cannot swallow a paragraph.

``text[s.start:s.end] == s.text`` holds for every sentence; ``s.text`` has no surrounding
whitespace (nor zero-width spaces or byte-order marks) and never contains a line break.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..types import Sentence

__all__ = ["MAX_QUOTE_CHARS", "split_sentences"]

MAX_QUOTE_CHARS = 400
"""A quotation longer than this (between its marks) may be split inside."""

# What ``str.splitlines`` treats as a line boundary.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")

# Every character ``str.isspace`` accepts lies below U+3001 (the last is U+3000), plus the
# invisible characters that commonly pad extracted text.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_STRIP = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _ZERO_WIDTH

_TERMINATORS = ".!?…‼⁇⁈⁉؟۔।॥"  # need whitespace after them
_CJK_TERMINATORS = "。！？｡"  # do not
_QUOTES = "\"'“”„‟‘’‚‛«»‹›「」『』"
_CLOSERS = _QUOTES + ")]}）】〕〉》"
_OPENERS = "`\"'“„‟‘‚‛«»‹›「『([{（【〔〈《¿¡$€£¥"  # may begin a sentence
_CJK_QUOTE_CLOSERS = "」』"


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_T, _K, _C = _cls(_TERMINATORS), _cls(_CJK_TERMINATORS), _cls(_CLOSERS)
# Possessive quantifiers and the look-behinds keep the scan linear on runs like "......".
_BOUNDARY = re.compile(
    rf"(?<!{_T})(?P<t>{_T}++)(?P<c>{_C}*+)\s++(?=\S)"
    rf"|(?<!{_K}){_K}++(?P<kc>{_C}*+)"
)
_QUOTE = re.compile(_cls(_QUOTES))
_WORD = re.compile(r"\w+")
_NONSPACE = re.compile(r"\S")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_LIST_MARKER = re.compile(r"\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6}")
_TOKEN_WINDOW = 40

# -- abbreviations --------------------------------------------------------------------------


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_TITLES = _words(
    "Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Profs Gen Gens Lt Col Sgt Capt Cpl Pvt "
    "Maj Adm Cmdr Brig Cdr Sen Sens Rep Reps Gov Govs Pres Rev Hon Msgr Fr Supt Det Insp "
    "Atty Amb Rt Mt Ft"
)
"""Never end a sentence: a name follows (matched as written or in capitals)."""

_ALWAYS = _words("vs v approx cf viz ca e.g i.e a.k.a")
"""Never end a sentence (matched case-insensitively)."""

_BEFORE_NUMBER = _words(
    "no nos fig figs vol vols p pp art sec ch para eq op ref tel ext rm apt pt pg ed nr "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
"""Do not end a sentence when a digit follows: ``No. 5``, ``pp. 12-14``, ``nov. 17`` (a
month in lowercased text)."""

_AMBIGUOUS = _words(
    "Inc Corp Ltd Co Cos Bros Plc Jr Sr St Ave Blvd Rd Dept Univ Assn Intl Natl Govt Est "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo al"
)
"""End a sentence only before a typical sentence opener: ``Apple Inc. The company``."""

_OPENER_WORDS = _words(
    "A An The This That These Those It Its He She They We I You His Her Their Our My Your "
    "There Here But And Or So Yet Nor However Meanwhile Moreover Also Still Then Now Thus "
    "Instead Indeed Otherwise Furthermore In On At For From With Without After Before During "
    "When While Whereas If As Since Although Though Because Despite According Last Next "
    "Earlier Later Today Yesterday Tomorrow Some Many Most All Both Each Every No None Not "
    "What Why How Who Whom Whose Where Which Such Other Another Under Over By To Asked"
)


_VOWELLESS = re.compile(r"[B-DF-HJ-NP-TV-XZ][b-df-hj-np-tv-xz]{1,3}")
"""A capitalised word of two to four letters without a vowel ("Spc", "Pfc"): an
abbreviation of a title or a name, so a "." after it ends a sentence only before a
typical sentence opener."""


def _is_abbreviation(token: str, text: str, nxt: int, hi: int) -> bool:
    """Whether the ``.`` ending ``token`` belongs to an abbreviation (no sentence end)."""
    if token in _TITLES or (token.isupper() and token.title() in _TITLES):
        return True
    low = token.lower()
    if low in _ALWAYS:
        return True
    following = text[nxt]
    if low in _BEFORE_NUMBER:
        return following.isdigit()
    ambiguous = (
        token in _AMBIGUOUS
        or (token.isupper() and token.title() in _AMBIGUOUS)
        or (len(token) == 1 and token.isalpha())  # an initial ("joseph y. yun" lowercased)
        or (token.islower() and token.title() in _TITLES)  # lowercased text: "gov. Chris"
        or _VOWELLESS.fullmatch(token) is not None  # Spc., Pfc., Bldg.: no word has no vowel
        or _DOTTED.fullmatch(token) is not None  # U.S., p.m., Ph.D.
    )
    if not ambiguous:
        return False
    if following.isdigit():
        return True
    if following in _QUOTES:
        return False
    word = _WORD.match(text, nxt, min(hi, nxt + 20))
    return word is None or word.group() not in _OPENER_WORDS


# -- quotations -----------------------------------------------------------------------------

_OPEN, _CLOSE, _TOGGLE = 0, 1, 2
# quote mark -> (family, role when its neighbours do not say)
_QUOTE_ROLE: dict[str, tuple[int, int]] = {
    '"': (0, _TOGGLE),
    "“": (0, _OPEN),
    "”": (0, _CLOSE),
    "„": (0, _OPEN),
    "‟": (0, _OPEN),
    "'": (1, _TOGGLE),
    "‘": (1, _OPEN),
    "’": (1, _CLOSE),
    "‚": (1, _OPEN),
    "‛": (1, _OPEN),
    "«": (2, _OPEN),
    "»": (2, _CLOSE),
    "‹": (3, _OPEN),
    "›": (3, _CLOSE),
    "「": (4, _OPEN),
    "」": (4, _CLOSE),
    "『": (5, _OPEN),
    "』": (5, _CLOSE),
}
_CJK_FAMILIES = (4, 5)
_SINGLE = 1
_BEFORE_OPENING = "([{—–-/" + "“„‟‘‚‛«‹"
_AFTER_CLOSING = ".,;:!?…)]}—–-" + "”’»›"


def _quote_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Disjoint ``(open, close)`` positions of balanced, short quotations in ``text[lo:hi]``."""
    spans: list[tuple[int, int]] = []
    opened: dict[int, int] = {}
    for m in _QUOTE.finditer(text, lo, hi):
        i = m.start()
        family, role = _QUOTE_ROLE[m.group()]
        if family not in _CJK_FAMILIES:
            before = text[i - 1] if i > lo else " "
            after = text[i + 1] if i + 1 < hi else " "
            if family == _SINGLE and (
                (before.isalnum() and after.isalnum())  # an apostrophe: it's, 6'2
                or (before.isspace() and after.isdigit())  # ’90s
            ):
                continue
            left = before.isspace() or before in _BEFORE_OPENING
            right = after.isspace() or after in _AFTER_CLOSING
            if left and not right:
                role = _OPEN
            elif right and not left:
                role = _CLOSE
        if role == _TOGGLE:
            role = _CLOSE if family in opened else _OPEN
        if role == _OPEN:
            opened[family] = i  # a previous unclosed mark of the family was stray
        elif family in opened:
            start = opened.pop(family)
            if i - start <= MAX_QUOTE_CHARS:
                spans.append((start, i))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def _outside_quotes(cuts: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """Drop the cut positions that fall inside a quotation (before its closing mark)."""
    kept: list[int] = []
    k = 0
    for cut in cuts:
        while k < len(spans) and spans[k][1] < cut:
            k += 1
        if k < len(spans) and spans[k][0] < cut <= spans[k][1]:
            continue
        kept.append(cut)
    return kept


# -- splitting ------------------------------------------------------------------------------


def _cuts(text: str, lo: int, hi: int) -> list[int]:
    """Positions in ``text[lo:hi]`` (one line) after which a sentence ends."""
    cuts: list[int] = []
    sentence_start = -1  # where the current sentence's text starts (-1: not yet known)
    for m in _BOUNDARY.finditer(text, lo, hi):
        term = m.group("t")
        if term is None:  # CJK full stop: no space needed
            cut = m.end()
            after = _NONSPACE.search(text, cut, hi)
            if after is None:
                continue
            closers = m.group("kc")
            if closers and closers[-1] in _CJK_QUOTE_CLOSERS and "\u3041" <= text[cut] <= "\u309f":
                continue  # 「…。」と言った: a particle continues the sentence
            cuts.append(cut)
            sentence_start = after.start()
            continue
        t_start = m.start("t")
        nxt = m.end()
        following = text[nxt]
        if following.islower() or not (
            following.isdigit() or following in _OPENERS or following.isalpha()
        ):
            continue
        if term != "." and not term.strip(".…"):  # an ellipsis
            if t_start == lo or text[t_start - 1].isspace():
                continue  # spaced ellipsis: an omission, not an ending
        elif term == "." and not (m.group("c") or "").strip(")]"):  # "(9 p.m.) HBO"
            window = text[max(lo, t_start - _TOKEN_WINDOW) : t_start]
            if window and not window[-1].isspace():
                raw = window.split()[-1]
                token = raw.lstrip(_OPENERS)
                if token and _is_abbreviation(token, text, nxt, hi):
                    continue
                if sentence_start < 0:
                    line = text[lo:hi]
                    sentence_start = lo + len(line) - len(line.lstrip())
                if t_start - len(raw) == sentence_start and _LIST_MARKER.fullmatch(token):
                    continue  # "1. The first point"
        cuts.append(m.end("c"))
        sentence_start = nxt
    if cuts and _QUOTE.search(text, lo, hi):
        cuts = _outside_quotes(cuts, _quote_spans(text, lo, hi))
    return cuts


def split_sentences(text: str, article_id: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences numbered from 0, with offsets into ``text``."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        lo, hi = line.span()
        bounds = [lo, *_cuts(text, lo, hi), hi]
        for a, b in pairwise(bounds):
            piece = text[a:b]
            body = piece.lstrip(_STRIP)
            if not body:
                continue
            start = a + len(piece) - len(body)
            body = body.rstrip(_STRIP)
            sentences.append(Sentence(article_id, len(sentences), start, start + len(body), body))
    return tuple(sentences)
