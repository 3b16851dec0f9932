"""Attribution candidates in a parsed text: who may be said to say, think or want what.

Every candidate comes from the dependency parse, never from names:

- a verb with a subject ("Courier reported", "officials who said", "X, citing Y") or an
  agent ("was criticised by X"): its content is the clause it governs (``ccomp``,
  ``xcomp``), its object, a quotation beside it, or, when it stands aside ("..., he
  said, ..."), the clause it is attached to;
- "according to X": the content is the clause the phrase hangs from;
- a passive verb's agent ("was first reported by X": the subject is the content), a
  verb before a colon, comma or dash (what follows; after a colon that ends the line,
  the next paragraph: "X continued:"), "as X observed, ..." (the clause it frames);
- a noun with a possessive and a complement ("Trump's claim that ...", "her refusal to
  ..."), a noun with "from"/"by" ("criticism from X": the content is the noun's
  complement, else the subject of the verb that takes it, else what the noun's verb
  says), and "be" with an adjective that takes one ("is critical of ...");
- a preposition framing a clause ("in a new poll, ...", "for most voters, ..."): its
  object is the source, the clause the content;
- a short name at the head of a line before a colon ("Kremlin: ...", "Q: ...").

Which candidates are attributions is for :mod:`.cue_model` to say. A direct quote whose
cue comes inside or after it goes on in the next quoted sentences that have no candidate
of their own ("“A,” she said. “B.”"). Spans are character offsets into the parsed text,
never crossing a line break; the source is the phrase as written (a pronoun or "who"
included).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .phrases import child_of, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CharSpan = tuple[int, int]

LISTENER_VERBS = word_set("tell ask urge thank remind assure warn inform")
"""Verbs whose direct object is the listener, not the content ("told reporters")."""

_QUOTATION = re.compile(
    r"``(?:[^'\n]|'(?!'))+''|“[^”\n]+”|\"[^\"\n]+\"|''(?:[^'\n]|'(?!'))+''|‘(?:[^’\n]|’(?=\w)){2,}’"
)
"""A quotation on one line. Newswire's ASCII marks open with two backticks and close with
two apostrophes (````It's over,'' she said. ``We won.''``: two quotations, "she said"
outside them); between doubled apostrophes (''...'') a single one is an apostrophe
(''It's over,''), and so is a closing single quote before a letter inside single quotes
(‘I’m done’)."""
_QUOTE_OPEN = frozenset("“‘\"'`")
_QUOTE_CLOSE = frozenset("”’\"'")
_EDGE_PUNCT = frozenset(",;:—–-―")
_TEXT_KEY = "storyline.text"


_CONTENT_PREPS = word_set("about of on for against with to over at in")
_AUX_COMPLEMENTS = ("ccomp", "xcomp", "prep")
_PARTICIPLE_HOSTS = ("NOUN", "PROPN", "NUM", "PRON")
_FRAME_PREPS = word_set("in for to under from among per")
"""Prepositions that may frame a clause as someone's ("in a new poll, ...", "for most
voters, ...", "to the senator, ..."): which objects do, the cue model says."""
_SOURCE_PREPS = word_set("from by")
_DASHES = frozenset(("—", "–", "--", "―"))
_WIRE_DASHES = _DASHES | {"-"}  # "Washington (AFP) - ..."
_NOUN_COMPLEMENTS = ("acl", "ccomp", "xcomp", "prep", "appos")


@dataclass(frozen=True)
class Found:
    """One candidate: its cue, its source (head token and phrase span), its content."""

    cue: CharSpan
    cue_token: Token
    source: Token | None
    source_span: CharSpan | None
    content: tuple[CharSpan, ...]
    via: str  # "verb", "according to", "colon", "noun", "noun-by", "prep", "be", "cited by"
    content_kind: str  # "ccomp", "xcomp", "dobj", "quote", "aside", "prep", "line", ...
    in_quote: bool = False  # the cue lies inside a quotation


def doc_text(doc: Doc) -> str:
    """The parsed text, kept on the doc (spaCy joins its tokens anew on each ``doc.text``,
    which made the cue search quadratic in the article's length)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def find_cues(doc: Doc) -> list[Found]:
    """Every candidate of the text, in text order (nested ones included)."""
    quotes = [m.span() for m in _QUOTATION.finditer(doc_text(doc))]
    found: list[Found] = []
    for token in doc:
        if token.lower_ == "according":
            found.extend(_according(token))
        elif token.pos_ == "VERB":
            found.extend(_verb(token, quotes))
        elif token.pos_ == "AUX" and token.lemma_ == "be":
            found.extend(_be(token))
        elif token.pos_ == "NOUN":
            found.extend(_noun(token))
        elif token.pos_ == "ADP" and token.dep_ == "prep":
            found.extend(_preposition(token))
        elif token.text == ":":
            found.extend(_colon(token))
    marked = [replace(f, in_quote=_inside(f.cue[0], quotes)) for f in found]
    return sorted(_continue_quotes(doc, marked), key=lambda f: f.cue)


def _inside(char: int, quotes: Sequence[CharSpan]) -> bool:
    return any(start < char < end for start, end in quotes)


_RELAYS = frozenset(("cite", "quote"))


def _according(token: Token) -> list[Found]:
    to = child_of(token, "prep", "to")
    source = child_of(to, "pobj") if to is not None else None
    if to is None or source is None:
        return []
    cue = (token.idx, to.idx + len(to.text))
    skip = {t.i for t in token.subtree}
    head = token.head
    for relay in head.children:  # "..., according to X, citing Y": X's, not the content
        if relay.dep_ == "advcl" and relay.tag_ == "VBG" and relay.i > token.i:
            skip |= {t.i for t in relay.subtree} if relay.lemma_.lower() in _RELAYS else set()
    pool = head.subtree if head != token else token.sent
    content = token_spans((t for t in pool if t.i not in skip), _line_of(token))
    if not content:
        return []
    return [Found(cue, token, source, phrase_span(source, token), content, "according to", "")]


def _verb(verb: Token, quotes: Sequence[CharSpan]) -> list[Found]:
    source = _agent(verb)
    via = "cited by" if source is not None else "verb"
    if source is None:
        source = subject(verb)
    if source is not None and (dash := _dateline_dash(source)) is not None:
        # "TEXAS, US – A court martial found ...": the parse took the dateline as a subject
        after = [t for t in source.subtree if t.i > dash.i]
        heads = [t for t in after if t.head not in after and t.pos_ in ("NOUN", "PROPN")]
        others = [c for c in verb.children if c.dep_ == "nsubj" and c != source]
        source = heads[0] if heads else others[0] if others else None
    if source is None:
        return []
    source = _on_line(source, verb)
    kind, content = _content(verb, source, quotes)
    if not content:
        return []
    prep = next((c for c in verb.children if c.dep_ == "prep"), None) if kind == "prep" else None
    cue = _cue_span(verb, last=prep)
    return [Found(cue, verb, source, phrase_span(source, verb), content, via, kind)]


def _on_line(source: Token, verb: Token) -> Token:
    """A subject the parse took from another line ("12:15 p.m." above "Jane Doe says
    ..."): the word of its phrase on the verb's line, just before the verb, that heads
    the rest there."""
    line = _line_of(verb)
    if line[0] <= source.idx < line[1]:
        return source
    here = [t for t in source.subtree if line[0] <= t.idx < line[1] and t.i < verb.i]
    nouns = [t for t in here if t.pos_ in ("PROPN", "NOUN", "PRON") and t.head not in here]
    return nouns[-1] if nouns else source


def _agent(verb: Token) -> Token | None:
    by = child_of(verb, "agent")
    return child_of(by, "pobj") if by is not None else None


def subject(verb: Token) -> Token | None:
    """The verb's subject, inherited by "..., saying", conjoined verbs and "wants to"."""
    token = verb
    for _ in range(4):
        passive = child_of(token, "nsubjpass")
        if token is not verb and passive is not None:
            return passive  # "X was released Saturday and said ...": X said it
        if passive is not None or child_of(token, "auxpass") is not None:
            return None
        found = child_of(token, "nsubj")
        if found is not None:
            return found
        head = token.head
        if token.dep_ == "acl" and token.tag_ == "VBG" and head.pos_ in _PARTICIPLE_HOSTS:
            return head  # "a new poll showing ...": the noun the participle describes
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head != head:
            token = head.head  # "..., he said by saying ...": the subject of the verb
            continue
        if token.dep_ not in ("advcl", "conj", "xcomp") or head == token:
            return None
        if token.dep_ == "xcomp" and (obj := child_of(token.head, "dobj")) is not None:
            return obj  # "led the chairwoman to announce": object control
        token = token.head
    return None


def _content(
    verb: Token, source: Token, quotes: Sequence[CharSpan]
) -> tuple[str, tuple[CharSpan, ...]]:
    """What the verb attributes, and how it was found (within the verb's line)."""
    own = {t.i for t in source.subtree}
    line = _line_of(verb)
    said = _as_saying(verb)
    if said is not None:  # "quoted X as saying ...": what X says
        clause = child_of(said, "ccomp")
        return "as-saying", _clause_span(said, clause or said, own, line)
    for dep in ("ccomp", "xcomp"):  # several, when the parse joined two lines
        clauses = [c for c in verb.children if c.dep_ == dep]
        spans = tuple(span for c in clauses for span in _clause_span(verb, c, own, line))
        if spans:
            return dep, spans
    quoted = _adjacent_quote(verb, source, quotes)
    if quoted is not None:
        return "quote", (quoted,)
    if verb.lemma_.lower() not in LISTENER_VERBS and (obj := child_of(verb, "dobj")) is not None:
        # "accused Russia of firing ...": the object and what the verb says of it
        tied = [c for c in verb.rights if c.dep_ == "prep" and c.i > obj.i and c.lower_ == "of"]
        parts = [_clause_span(verb, head, own, line) for head in (obj, *tied)]
        spans = tuple(span for part in parts for span in part)
        spans += _after_colon(verb, obj, line)
        return "dobj", spans + _later_quote(verb, spans, quotes, line)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and child.i > verb.i:
            obj = child_of(child, "pobj") or child_of(child, "pcomp")
            if obj is not None:
                spans = _clause_span(verb, obj, own, line)
                return "prep", spans + _later_quote(verb, spans, quotes, line)
    passive = child_of(verb, "nsubjpass")
    if passive is not None and source.dep_ == "pobj" and source.head.dep_ == "agent":
        # "the move was first reported by X": what X reported is the subject
        return "passive", _clause_span(verb, passive, own, line)
    if verb.dep_ == "advcl" and child_of(verb, "mark", "as") is not None and verb.head != verb:
        return "as-clause", beside(verb)  # "as X observed, ...": the clause it frames
    if _stands_aside(verb):
        return "aside", beside(verb)
    return _after_mark(verb, own, line)


def _later_quote(
    verb: Token, spans: tuple[CharSpan, ...], quotes: Sequence[CharSpan], line: CharSpan
) -> tuple[CharSpan, ...]:
    """A quotation later in the verb's sentence, past its object ("called the plan
    “reckless”", "said of the senator, “...”"): what the verb quotes."""
    after = max((e for _, e in spans), default=verb.idx)
    stop = min(verb.sent.end_char, line[1])
    for start, end in quotes:
        if after <= start and end <= stop:
            return ((start, end),)
    return ()


def _after_colon(verb: Token, obj: Token, line: CharSpan) -> tuple[CharSpan, ...]:
    """ "released the following statement: “...”": what follows a colon that closes the
    verb's object, on its line or, where the line ends there, on the next one."""
    doc = verb.doc
    end = obj.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ":":
        return ()
    rest = [t for t in doc[end + 1 :] if line[0] <= t.idx < line[1]]
    if rest:
        return token_spans(rest, line)
    return _next_line(doc, end, line)


def _next_line(doc: Doc, after: int, line: CharSpan) -> tuple[CharSpan, ...]:
    """The tokens of the paragraph after ``line`` (from token ``after`` on)."""
    text = doc_text(doc)
    start = line[1]
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return ()
    stop = text.find("\n", start)
    following = (start, stop if stop >= 0 else len(text))
    tokens = [t for t in doc[after + 1 :] if following[0] <= t.idx < following[1]]
    return token_spans(tokens, following)


def _after_mark(verb: Token, own: set[int], line: CharSpan) -> tuple[str, tuple[CharSpan, ...]]:
    """A verb followed by a colon, a comma or a dash: what follows it in its sentence
    ("he began, “...”"), or, after a colon that ends the line, the next paragraph
    ("X continued:" and the quotation below)."""
    doc = verb.doc
    j = verb.i + 1
    while j < len(doc) and doc[j].dep_ in ("prt", "advmod", "neg") and doc[j].head == verb:
        j += 1
    if j >= len(doc) or doc[j].text not in (":", ",", *_DASHES):
        return "", ()
    mark = doc[j]
    rest = [t for t in verb.sent if t.i > j and t.i not in own]
    spans = token_spans(rest, line)
    if spans:
        return "after-" + ("colon" if mark.text == ":" else "mark"), spans
    if mark.text != ":":
        return "", ()
    return "next-line", _next_line(doc, j, line)


def _stands_aside(verb: Token) -> bool:
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or head.i == verb.i:
        return False
    return verb.dep_ == "parataxis" or (verb.i > head.i and _is_aside(verb))


def beside(token: Token) -> tuple[CharSpan, ...]:
    """The clause ``token`` hangs from, less ``token``'s own subtree, on its line."""
    skip = {t.i for t in token.subtree}
    head = token.head
    for relay in head.children:  # "..., according to X, citing Y": X's, not the content
        if relay.dep_ == "advcl" and relay.tag_ == "VBG" and relay.i > token.i:
            skip |= {t.i for t in relay.subtree} if relay.lemma_.lower() in _RELAYS else set()
    return token_spans((t for t in head.subtree if t.i not in skip), _line_of(token))


def _as_saying(verb: Token) -> Token | None:
    """ "saying" of "quoted X as saying"."""
    as_ = child_of(verb, "prep", "as")
    if as_ is None or child_of(verb, "dobj") is None:
        return None
    return child_of(as_, "pcomp")


def _adjacent_quote(verb: Token, source: Token, quotes: Sequence[CharSpan]) -> CharSpan | None:
    """A quotation that ends just before the cue and its source, or starts just after the
    verb ("“...,” she said"; "he said: “...”"). A source the verb inherits ("“...,” he
    said, referring to the plan") is not the verb's own: the quotation before it is the
    head verb's, and this verb's content is its own object."""
    own = source.i in {t.i for t in verb.subtree}
    block = [verb, *source.subtree] if own else [verb]
    lo = min(t.idx for t in block)
    hi = verb.idx + len(verb.text)
    text = doc_text(verb.doc)
    for start, end in quotes:
        if end <= lo and not text[end:lo].strip(" ,\u00a0"):
            return start, end
        if start >= hi and not text[hi:start].strip(" ,:\u00a0"):
            return start, end
    return None


def _is_aside(verb: Token) -> bool:
    """ "..., he said" after its clause: a comma or a closing quote before the cue."""
    left = verb.left_edge
    return left.i > 0 and verb.doc[left.i - 1].text in (",", "”", '"')


def _be(aux: Token) -> list[Found]:
    """ "X is critical of Y", "X is confident that Y": a subject and an adjective that
    takes a complement."""
    source = child_of(aux, "nsubj")
    adjective = child_of(aux, "acomp")
    if source is None or adjective is None:
        return []
    for child in adjective.children:
        if child.dep_ in _AUX_COMPLEMENTS and child.i > adjective.i:
            target = child_of(child, "pobj") if child.dep_ == "prep" else child
            if target is None:
                continue
            content = token_spans(target.subtree, _line_of(aux))
            cue = _cue_span(aux, last=child if child.dep_ == "prep" else adjective)
            span = phrase_span(source, aux)
            return [Found(cue, adjective, source, span, content, "be", child.dep_)]
    return []


def _noun(noun: Token) -> list[Found]:
    """ "Trump's claim that ...", "her refusal to ...": a possessive and a complement."""
    owner = child_of(noun, "poss")
    if owner is None:
        return _noun_source(noun)
    for child in noun.children:
        if child.dep_ in _NOUN_COMPLEMENTS and child.i > noun.i:
            content = token_spans(child.subtree, _line_of(noun))
            if not content:
                continue
            span = _trimmed(list(owner.subtree))
            cue = (noun.idx, noun.idx + len(noun.text))
            return [Found(cue, noun, owner, span, content, "noun", child.dep_)]
    return []


def _preposition(prep: Token) -> list[Found]:
    """ "In a new poll, ...", "for most voters, ...": a preposition framing a clause; its
    object is the source, the clause (less the phrase) the content."""
    if prep.lower_ not in _FRAME_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    source = child_of(prep, "pobj")
    if source is None or source.pos_ not in ("NOUN", "PROPN"):
        return []
    content = beside(prep)
    if not content:
        return []
    cue = (prep.idx, prep.idx + len(prep.text))
    span = _trimmed([t for t in source.subtree if t.i > prep.i])
    if span is None:
        return []
    side = "before" if prep.i < prep.head.i else "after"
    return [Found(cue, prep, source, span, content, "prep", side)]


def _noun_source(noun: Token) -> list[Found]:
    """ "criticism from X", "a statement by X": the object of "from"/"by" is the source;
    the content is the noun's complement, else what the clause holding the noun says
    it of ("the plan drew criticism from X": the plan; "a statement from X said ...":
    what it said)."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS), None)
    if prep is None and noun.dep_ == "dobj":  # the parse may hang "from X" on the verb
        prep = next(
            (
                c
                for c in noun.head.children
                if c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS and c.i > noun.i
            ),
            None,
        )
    source = child_of(prep, "pobj") if prep is not None else None
    if prep is None or source is None or child_of(noun, "poss") is not None:
        return []
    skip = {t.i for t in prep.subtree}
    content: tuple[CharSpan, ...] = ()
    how = ""
    for child in noun.children:
        if child.dep_ in _NOUN_COMPLEMENTS and child.i > noun.i and child.i not in skip:
            content, how = token_spans(child.subtree, _line_of(noun)), child.dep_
            if content:
                break
    verb = noun.head
    if not content and noun.dep_ == "dobj" and (subj := child_of(verb, "nsubj")) is not None:
        content, how = token_spans(subj.subtree, _line_of(noun)), "subject"
    if not content and noun.dep_ == "nsubj":
        clause = child_of(verb, "ccomp") or child_of(verb, "dobj")
        if clause is not None:
            content, how = token_spans(clause.subtree, _line_of(noun)), "clause"
    span = _trimmed(list(source.subtree))
    if not content or span is None:
        return []
    cue = (noun.idx, noun.idx + len(noun.text))
    return [Found(cue, noun, source, span, content, "noun-by", how)]


def _colon(colon: Token) -> list[Found]:
    """ "Name: content" at the head of a line: a short noun phrase and a colon."""
    doc = colon.doc
    start = colon.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws and colon.i - start < 5:
        start -= 1
    line_start = start == 0 or "\n" in doc[start - 1].text_with_ws
    before = list(doc[start : colon.i])
    if not line_start or not before or any(t.pos_ in ("VERB", "AUX", "NUM") for t in before):
        return []
    if not any(t.pos_ in ("PROPN", "NOUN") for t in before) or before[0].ent_type_ == "DATE":
        return []
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    content = token_spans(doc[colon.i + 1 : end])
    span = _trimmed(before)
    if not content or span is None:
        return []
    head = max(before, key=lambda t: (t.pos_ == "PROPN", t.i))
    return [Found((colon.idx, colon.idx + 1), colon, head, span, content, "colon", "line")]


def _cue_span(verb: Token, last: Token | None = None) -> CharSpan:
    """The verb with its auxiliaries, negation and particle ("has said", "pointed out")."""
    parts = [verb] + ([last] if last is not None else [])
    for child in verb.children:
        if child.dep_ in ("aux", "neg", "prt") and abs(child.i - verb.i) <= 3:
            parts.append(child)
    first = min(parts, key=lambda t: t.i)
    end = max(parts, key=lambda t: t.i)
    return first.idx, end.idx + len(end.text)


def _clause_span(verb: Token, head: Token, skip: set[int], line: CharSpan) -> tuple[CharSpan, ...]:
    """The subtree of ``head`` (less the source), with the quotation marks around it."""
    tokens = [t for t in head.subtree if t.i not in skip and t.i != verb.i]
    return token_spans(_with_quotes(tokens), line)


def _with_quotes(tokens: list[Token]) -> list[Token]:
    if not tokens:
        return tokens
    doc = tokens[0].doc
    first, last = tokens[0], tokens[-1]
    out = list(tokens)
    if first.i > 0 and doc[first.i - 1].text in _QUOTE_OPEN:
        out.insert(0, doc[first.i - 1])
    if last.i + 1 < len(doc) and doc[last.i + 1].text in _QUOTE_CLOSE:
        out.append(doc[last.i + 1])
    return out


def phrase_span(head: Token, cue: Token, cut: tuple[str, ...] = ()) -> CharSpan:
    """The source phrase: its head's subtree on the head's side of the cue, less the
    clauses ``cut`` hangs on it, within the head's line, edge punctuation trimmed but for
    the comma that closes an apposition or a relative clause before the cue ("Jane Doe,
    a spokeswoman, said", "Jane Doe, who chairs the board, said": PolNeAR's sources hold
    both and end there)."""
    clauses = {t.i for c in head.rights if c.dep_ in cut for t in c.subtree}
    side = [t for t in head.subtree if (t.i < cue.i) == (head.i < cue.i) and t.i not in clauses]
    line = _line_of(head)
    tokens = [t for t in side if line[0] <= t.idx < line[1]]
    if head.i < cue.i:  # "BERLIN (AP) — Jane Doe said": the source starts after the dash
        dashes = [n for n, t in enumerate(tokens) if t.text in _WIRE_DASHES and _dateline(t, head)]
        if dashes and any(t.pos_ in ("PROPN", "NOUN") for t in tokens[dashes[-1] + 1 :]):
            tokens = tokens[dashes[-1] + 1 :]
    span = _trimmed(tokens)
    if span is None:
        return head.idx, head.idx + len(head.text)
    kept = [t.i for t in tokens if t.idx < span[1]]
    after = max(kept) + 1
    closing = head.i < after < cue.i and head.doc[after].text == ","
    if closing and any(head.doc[i].text == "," for i in kept):
        return span[0], head.doc[after].idx + 1
    return span


def _dateline_dash(head: Token) -> Token | None:
    """The dash that ends a dateline opening the phrase of ``head``: a place in capitals
    at the start of its line ("TEXAS, US –", "WASHINGTON —"), else None."""
    line = _line_of(head)
    if head.left_edge.idx != line[0]:
        return None
    tokens = [t for t in head.subtree if t.idx < line[1]]
    dash = next((t for t in tokens if t.text in _WIRE_DASHES), None)
    if dash is None:
        return None
    words = [t for t in tokens if t.i < dash.i and t.is_alpha]
    return dash if words and all(t.is_upper and len(t.text) > 1 for t in words) else None


def _dateline(dash: Token, head: Token) -> bool:
    """A dash that ends a dateline before the source: one before the source's head, or
    one just after a parenthesised wire tag ("PARIS (AP) —" that the parse made the
    head)."""
    if dash.i < head.i:
        return dash.text in _DASHES or dash.doc[dash.i - 1].text == ")"
    return dash.i > 0 and dash.doc[dash.i - 1].text == ")"


def _line_of(token: Token) -> CharSpan:
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    return start, end if end >= 0 else len(text)


def _trimmed(tokens: Sequence[Token]) -> CharSpan | None:
    kept = list(tokens)
    while kept and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    while kept and (kept[-1].text in _EDGE_PUNCT or kept[-1].is_space):
        kept.pop()
    if not kept:
        return None
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def token_spans(tokens: Iterable[Token], line: CharSpan | None = None) -> tuple[CharSpan, ...]:
    """Contiguous runs of ``tokens`` (those in ``line`` when given) as character spans,
    split at line breaks, edge punctuation trimmed."""
    ordered = sorted(tokens, key=lambda t: t.i)
    if line is not None:
        ordered = [t for t in ordered if line[0] <= t.idx < line[1]]
    runs: list[list[Token]] = []
    for token in ordered:
        joined = runs and token.i == runs[-1][-1].i + 1
        if joined and "\n" not in runs[-1][-1].whitespace_:
            runs[-1].append(token)
        elif not token.is_space:
            runs.append([token])
    return tuple(span for run in runs if (span := _trimmed(run)) is not None)


def _continue_quotes(doc: Doc, found: list[Found]) -> list[Found]:
    """A quote whose cue comes inside or after it goes on in the next quoted sentences
    that have no candidate of their own ("“A,” she said. “B. C.”")."""
    cue_at = {f.cue_token.i for f in found}
    sentences = _segments(doc)
    index = {t: n for n, sent in enumerate(sentences) for t in range(sent.start, sent.end)}
    out = []
    for item in found:
        content = item.content
        if item.via == "verb" and _quoted_before(doc, content, item.cue):
            n = index.get(item.cue_token.i, -1) + 1
            while 0 < n < len(sentences) and _opens_quote(sentences[n]):
                following = sentences[n]
                if any(t.i in cue_at for t in following):
                    break
                content = (*content, *token_spans(following))
                if _closes_quote(following):
                    break
                n += 1
        out.append(item if content is item.content else replace(item, content=content))
    return out


def _segments(doc: Doc) -> list[Span]:
    """The parser's sentences, cut again at line breaks (it may join two paragraphs)."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                if token.i + 1 > start:
                    out.append(doc[start : token.i + 1])
                start = token.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [s for s in out if any(not t.is_space for t in s)]


def _quoted_before(doc: Doc, content: tuple[CharSpan, ...], cue: CharSpan) -> bool:
    """The content is a quotation that comes before its cue."""
    start = content[0][0]
    text = doc_text(doc)
    opening = text[start] in _QUOTE_OPEN or (start > 0 and text[start - 1] in _QUOTE_OPEN)
    return start < cue[0] and opening


def _opens_quote(sent: Span) -> bool:
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.text in ("“", '"', "''", "`", "``")


def _closes_quote(sent: Span) -> bool:
    return any(t.text in ("”", '"', "''") for t in list(sent)[1:])
