"""Origins: whom each fact mention relies on, and the story's cited sources.

A mention (an article sentence) relies on the attributions that cover most of it
(``COVERS``) and hold part of it in their content, outer ones only: "X said Y told him"
relies on X. Each such attribution is a *chain*, outermost first: "Le Monde, citing a
diplomatic source" is [Le Monde, a diplomatic source]; "X told Le Monde" is
[Le Monde, X]. The chain's *root* is its innermost named source (an unnamed one cannot
be told apart from another, so its relay vouches for it): Le Monde, then X. A mention
no attribution covers is its outlet's own reporting (kind ``own-reporting``; a
wire-tagged copy's is the agency's), never the article's most cited source.

Two mentions are one voice when their chains share a named source ("Interfax, citing
Le Monde" and "Le Monde reported"), when both are the same outlet's own reporting, or
when their articles share wire text: the fact's ``independent_origins`` counts the
voices. Unnamed sources never join across articles ("a source" here and "a source"
there may be two people).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz

from .attributions import Attribution, find_attributions, name_key

__all__ = [
    "COVERS",
    "OWN_REPORTING",
    "Attribution",
    "Origin",
    "Voice",
    "find_attributions",
    "mention_voices",
    "same_source",
    "story_origins",
]

COVERS = 0.5
"""Share of a sentence's characters an attribution (its source, cue and content) must
cover to apply to it ("Merkel, who has denied it, will visit" is not the denial's)."""

OWN_REPORTING = "own-reporting"


@dataclass(frozen=True)
class Voice:
    """What a mention relies on: the root it shows, and every source of its chain."""

    root: str
    kind: str
    chain: tuple[str, ...]  # named sources of the chain, outermost first
    key: str  # unnamed roots: unique to their article, so they never join another
    through: str | None = None  # the chain's outermost named relay, when not the root


@dataclass(frozen=True)
class Origin:
    """A source the story's articles cite (or an outlet's own reporting), merged across
    articles and spellings."""

    name: str
    kind: str
    cited_by: tuple[str, ...]
    variants: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    through: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "cited_by": list(self.cited_by),
            "variants": list(self.variants),
            "cites": list(self.cites),
            "through": list(self.through),
        }


def mention_voices(
    attributions: Sequence[Attribution],
    article: str,
    span: tuple[int, int],
    *,
    own: str,
    own_kind: str = OWN_REPORTING,
) -> list[Voice]:
    """The voices a mention at ``span`` of ``article`` relies on (``attributions``: that
    article's, or more), or its outlet's own reporting (``own``)."""
    mine = [a for a in attributions if a.article == article]
    covering = [a for a in mine if _applies(a, span, mine)]
    outer = [a for a in covering if not any(_inside(a, b) for b in covering if b is not a)]
    voices = [_voice(chain) for a in _with_co_sources(outer) for chain in _chains(a, mine)]
    if voices:
        return list(dict.fromkeys(voices))
    wire = next((a for a in mine if a.via == "wire-tag"), None)
    if wire is not None:
        return [Voice(wire.name, "agency", (wire.name,), name_key(wire.name))]
    return [Voice(own, own_kind, (own,), name_key(own))]


def _with_co_sources(attributions: Iterable[Attribution]) -> list[Attribution]:
    """Each attribution, then one for each source named with it ("officials and a family
    spokesman"), the same words said by another voice."""
    out = []
    for att in attributions:
        out.append(att)
        out.extend(
            replace(att, name=name, kind=kind, named=named, name_span=None, also=())
            for name, kind, named in att.also
        )
    return out


def _applies(att: Attribution, span: tuple[int, int], mine: Sequence[Attribution] = ()) -> bool:
    """``att`` holds part of the mention in its content, and it and the attributions of
    its sentence that say the same content (its relays: "X reported, citing Y, which
    cited Z") cover ``COVERS`` of the mention."""
    if att.nested or att.via == "wire-tag" or not att.states:
        return False  # an act of the source ("has ruled X"): the outlet reports it
    start, end = span
    if not any(s < end and start < e for s, e in att.content):
        return False
    family = [att] + [
        b
        for b in mine
        if b is not att
        and b.sentence == att.sentence
        and not b.nested
        and b.via != "wire-tag"
        and b.states
        and any(s < f and e > g for s, e in b.content for g, f in att.content)
    ]
    parts = sorted(
        (max(s, start), min(e, end))
        for b in family
        for s, e in (b.source, b.cue, *b.content, *b.frame)
        if min(e, end) > max(s, start)
    )
    covered, reach = 0, start
    for s, e in parts:  # the union's length, overlaps counted once
        if e > reach:
            covered += e - max(s, reach)
            reach = e
    return covered >= COVERS * max(1, end - start)


def _inside(a: Attribution, b: Attribution) -> bool:
    """``a``'s cue lies inside ``b``'s content (and not the other way round)."""
    return any(s <= a.cue[0] < e for s, e in b.content) and not any(
        s <= b.cue[0] < e for s, e in a.content
    )


def _chains(att: Attribution, mine: Sequence[Attribution]) -> list[list[Attribution]]:
    """Every relay chain through ``att`` in its sentence, outermost first: up the
    ``through`` links to the source it reaches the article by, down to the sources it
    relays."""
    here = [a for a in mine if a.sentence == att.sentence and a.via != "wire-tag"]

    def relays_of(a: Attribution) -> list[Attribution]:
        return [b for b in here if b is not a and b.through and same_source(b.through, a.name)]

    up = [att]
    while len(up) < 4 and up[0].through:
        parent = next((b for b in here if b not in up and same_source(b.name, up[0].through)), None)
        if parent is None:
            break
        up.insert(0, parent)
    chains = [up]
    for _ in range(3):
        longer = [[*c, b] for c in chains for b in relays_of(c[-1]) if b not in c]
        if not longer:
            break
        chains = longer
    return chains


def _voice(chain: list[Attribution]) -> Voice:
    """The voice of a chain: its innermost named source, or the relay that vouches for an
    unnamed one."""
    names = ([chain[0].through] if chain[0].through else []) + [a.name for a in chain if a.named]
    named = [a for a in chain if a.named]
    if named:
        root = named[-1]
        through = names[0] if not same_source(names[0], root.name) else None
        return Voice(root.name, root.kind, tuple(names), name_key(root.name), through)
    first = chain[0]
    if first.through:  # "Le Monde, citing a diplomatic source": Le Monde vouches
        return Voice(first.through, "outlet", tuple(names), name_key(first.through))
    key = f"{first.article}:{first.source[0]}:{name_key(first.name)}"
    return Voice(first.name, first.kind, (), key)


def same_source(a: str, b: str) -> bool:
    """Whether two source names are spellings of one origin ("Lenko" / "Anna Lenko")."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if not (a[:1].isupper() and b[:1].isupper()):
        return False
    short, long = sorted((ka, kb), key=len)
    return long.endswith(" " + short) or fuzz.ratio(ka, kb) >= 90


def share_voice(a: Sequence[Voice], b: Sequence[Voice]) -> bool:
    """Whether two mentions rely on one voice: a named source in both chains, or the
    same unnamed root."""
    for x in a:
        for y in b:
            if x.key == y.key or any(same_source(m, n) for m in x.chain for n in y.chain):
                return True
    return False


def story_origins(
    attributions: Iterable[Attribution], own: Iterable[tuple[str, str]] = ()
) -> list[Origin]:
    """Cited sources merged across articles and spellings (outer attributions only),
    then each outlet's own reporting (``own``: (article, outlet) pairs), most cited
    first."""
    groups: list[list[Attribution]] = []
    for att in _with_co_sources(attributions):
        if att.nested or not att.states or (not att.named and att.kind == "unknown"):
            continue
        for group in groups:
            if group[0].kind == att.kind and same_source(group[0].name, att.name):
                group.append(att)
                break
        else:
            groups.append([att])
    origins = [_origin(group) for group in groups]
    by_outlet: dict[str, list[str]] = {}
    for article, outlet in own:
        by_outlet.setdefault(outlet, []).append(article)
    origins += [
        Origin(outlet, OWN_REPORTING, tuple(dict.fromkeys(ids)), (outlet,))
        for outlet, ids in by_outlet.items()
    ]
    return sorted(origins, key=lambda o: (-len(o.cited_by), o.kind == OWN_REPORTING, o.name))


def _origin(group: list[Attribution]) -> Origin:
    names = Counter(att.name for att in group)
    name = max(
        names, key=lambda n: (n[:1].isupper(), len(n.split()) if n[:1].isupper() else 0, names[n])
    )
    cited_by = tuple(dict.fromkeys(att.article for att in group))
    cites = tuple(dict.fromkeys(att.cites for att in group if att.cites))
    through = tuple(dict.fromkeys(att.through for att in group if att.through))
    return Origin(name, group[0].kind, cited_by, tuple(sorted(names)), cites, through)
