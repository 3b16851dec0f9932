"""Name normalisation and the rules that decide whether two names are the same entity.

Everything here works on plain strings, so it is cheap to test: ``name_key`` folds the
spelling variants that never change identity (case, hyphens, diacritics, possessive
``'s``, dots of initials, a leading "the"); ``same_name`` adds transliteration
(Andrei = Andrey, Alexander = Aleksandr) while short tokens must match exactly, which is
what keeps Kim Jong-pil and Kim Jong-min apart (a plain Jaro-Winkler score gives them
0.93).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from rapidfuzz.distance import OSA


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    """
    mr mrs ms miss mx dr sir madam mme mlle herr frau dame lord lady rev
    """
)
"""Forms of address: stripped from names, never a role."""

TITLE_WORDS = _words(
    """
    spokesman spokeswoman spokesperson minister ambassador president vice premier
    chancellor secretary leader chairman chairwoman chair director chief governor
    senator representative congressman congresswoman mayor judge justice prosecutor
    attorney general commander colonel captain lieutenant sergeant admiral marshal
    officer official envoy diplomat deputy foreign defence defense prime king queen
    prince princess emperor pope bishop cardinal ceo cfo founder head editor
    correspondent reporter columnist analyst expert professor researcher
    spokesperson aide adviser advisor lawyer dictator monarch sheriff coach manager
    captain actor actress singer
    """
)
"""Generic job and office titles (English vocabulary, not names)."""

ORG_WORDS = _words(
    """
    newspaper paper daily weekly tabloid magazine journal agency outlet broadcaster
    channel network station radio television tv website portal publication newswire
    wire company firm group party ministry bank court council committee university
    organisation organization corporation union center centre clinic hospital
    airport school foundation institute museum hotel prison unit
    """
)
"""Head nouns of organisations and institutions ("the X newspaper", "X Center")."""

PLACE_WORDS = _words(
    """
    region province state county district city town village river lake mountain
    island oblast krai prefecture territory republic valley sea bay peninsula
    capital port suburb neighbourhood neighborhood
    """
)
"""Head nouns that make the name they modify a place ("the X region")."""

_DASHES = re.compile(r"[\-‐‑‒–—]")
_POSSESSIVE = re.compile(r"(?:'|’)s?$")
_NON_WORD = re.compile(r"[^\w\s]")
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("x", "ks"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("c", "k"),
)
_MIN_FUZZY_TOKEN = 5  # shorter tokens must match exactly: "Un" vs "Il" changes who it is
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "de", "la", "du", "des", "del", "der"])


def strip_accents(text: str) -> str:
    """``"Nguyễn"`` -> ``"Nguyen"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-case tokens of a name: hyphens split, dots, possessives and a leading "the" go."""
    text = _POSSESSIVE.sub("", strip_accents(name).strip())
    text = _DASHES.sub(" ", text).replace(".", " ")
    words = _NON_WORD.sub(" ", text).lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return tuple(words)


def name_key(name: str) -> str:
    """The exact-merge key: names with the same key are the same name."""
    return " ".join(name_tokens(name))


def skeleton(token: str) -> str:
    """A rough transliteration-neutral spelling: Andrey/Andrei, Aleksandr/Alexander."""
    text = token
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def tokens_match(a: str, b: str) -> bool:
    """Two name tokens are one spelling: equal, or long and within a small edit distance."""
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY_TOKEN or a[0] != b[0]:
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    if sa.startswith(sb) or sb.startswith(sa) or sa.endswith("a") != sb.endswith("a"):
        return False  # Daniel/Danielle, Aleksandr/Aleksandra, Ivanov/Ivanova: another person
    allowed = 1 if min(len(sa), len(sb)) < 8 else 2
    return OSA.distance(sa, sb, score_cutoff=allowed) <= allowed  # Centre/Center


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same length, every token matches, and at least one matches exactly."""
    if len(a) != len(b) or not a:
        return False
    if not all(tokens_match(x, y) for x, y in zip(a, b, strict=True)):
        return False
    return any(x == y for x, y in zip(a, b, strict=True))


def same_person_longer(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``George Bush`` inside ``George W. Bush``: same first and last token, extra middle.

    A generational suffix counts as the same person too (``Arcade Comeaux Jr.``).
    """
    if len(long) == len(short) + 1 and long[-1] in ("jr", "sr") and long[:-1] == short:
        return True
    return (
        2 <= len(short) < len(long)
        and tokens_match(short[0], long[0])
        and tokens_match(short[-1], long[-1])
    )


def acronym_of(acronym: str, name: str) -> bool:
    """``ICC`` is ``the International Criminal Court``; ``US`` is ``United States``."""
    if not _ACRONYM.match(acronym.replace(".", "")):
        return False
    words = [w for w in _DASHES.sub(" ", name).split() if w.lower() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    return "".join(w[0] for w in words) == acronym.replace(".", "")


def known_part(key: str, counts: Mapping[str, int]) -> str | None:
    """The most frequent other full name (at least as frequent) that starts or ends ``key``."""
    toks = key.split()
    parts = [
        part
        for size in range(2, len(toks))
        for part in (" ".join(toks[:size]), " ".join(toks[-size:]))
        if counts.get(part, 0) >= max(1, counts.get(key, 0))
    ]
    return max(parts, key=lambda part: (counts.get(part, 0), len(part), part), default=None)
