"""Reading source phrases from a dependency parse: who is cited, under which cue words.

Shared by origins (where information comes from) and quotes (who said what). A phrase's
kind comes from grammar cue words only, never from lists of names: "the X newspaper" is an
outlet, "X news agency" an agency, "a diplomatic source" anonymous, "a statement" a
document, a role word ("spokesman", "ministry", "ambassador") or a named person official.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


REPORT_VERBS = word_set(
    "report say tell add note state write announce confirm claim predict suggest quote cite "
    "publish reveal explain insist warn declare stress emphasize emphasise acknowledge "
    "comment remark point"
)
PUBLISH_VERBS = word_set("report publish write print broadcast")
RELAY_VERBS = frozenset(("cite", "quote"))
TELL_VERBS = frozenset(("tell", "confirm", "say", "explain", "reveal", "announce"))
AGENCY_WORDS = word_set("agency agencies wire newswire")
OUTLET_WORDS = word_set(
    "newspaper newspapers daily weekly paper magazine tabloid broadcaster channel television "
    "tv radio outlet outlets media website portal publication newsletter gazette"
)
DOCUMENT_WORDS = word_set(
    "report reports statement statements document documents filing memo letter study survey "
    "transcript release decree cable email analysis communique poll polls survey surveys "
    "research data figures results estimate estimates"
)
ANON_WORDS = word_set("source sources insider insiders")
ANON_MODIFIERS = word_set("unnamed anonymous unidentified")
ANON_PHRASES = ("familiar with", "declined to be named", "not authorized", "anonymity")
ROLE_WORDS = word_set(
    "spokesman spokeswoman spokesperson minister ministry ambassador president premier "
    "official officials diplomat diplomats envoy secretary chancellor governor mayor senator "
    "lawmaker representative director chief head adviser advisor aide commander general "
    "presidency government department embassy police army military prosecutor court council "
    "parliament office administration expert analyst leader deputy"
)
ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "organisation",
    "GPE": "official",
}
"""The kind a name's entity label gives when no cue word does (a country speaks through
its government)."""
INSTITUTION_WORDS = word_set(
    "ministry presidency government department embassy police army military court council "
    "parliament office administration"
)
"""Role words that name one body ("Police said"): never a crowd of unnamed people, even
where the tagger reads the noun as plural."""
AUDIENCE_WORDS = word_set("journalists reporters press correspondents audience")
NEGATING_HEADS = frozenset(("decline", "refuse", "fail"))
_RELATIVES = frozenset(("who", "that", "which"))
_PLACE_ENTS = frozenset(("GPE", "LOC", "NORP", "FAC"))
_ANAPHOR_DETS = frozenset(("the", "this", "that"))


@dataclass(frozen=True)
class Source:
    name: str
    start: int
    end: int
    kind: str
    strong: bool
    phrase: str
    anaphor: bool = False
    named: bool = True


def describe(head: Token | None, *, publishing: bool = False) -> Source | None:
    """Name and kind of the source a noun phrase (given by its head token) refers to."""
    if head is None or head.pos_ in ("PRON", "VERB", "AUX", "NUM"):
        return None
    words = {t.lower_ for t in head.subtree} | {t.lemma_.lower() for t in head.subtree}
    if head.lower_ in AUDIENCE_WORDS:
        return None
    if head.lemma_.lower() in DOCUMENT_WORDS:  # "a report by X", "X's report", "the X report"
        owner = _owner(head)
        if owner is not None and owner is not head:
            return describe(owner, publishing=True)
        publishing = publishing or owner is head
    name_tokens = _name_tokens(head)
    phrase = _phrase(head)
    if len(name_tokens) == 1 and _capitalised_word(name_tokens[0]):
        name_tokens = []  # "Radar showed ...", with "radar data" further on: no name
    if not name_tokens:
        return _generic(head, phrase, words)
    doc = head.doc
    start, end = name_tokens[0].idx, name_tokens[-1].idx + len(name_tokens[-1].text)
    name = doc[name_tokens[0].i : name_tokens[-1].i + 1].text
    appos = [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
    modifiers = {t.lower_ for t in [*head.subtree, *appos] if t.i <= head.i or t in appos}
    modifiers |= {t.lower_ for t in name_tokens}
    kind, strong = _named_kind(name_tokens, modifiers, publishing)
    return Source(name, start, end, kind, strong, phrase)


def _named_kind(name_tokens: list[Token], words: set[str], publishing: bool) -> tuple[str, bool]:
    """A name's kind: from a cue word in its phrase (strong), else from the verb it
    publishes with, else from its entity label (weak)."""
    if words & AGENCY_WORDS:
        return "agency", True
    if words & OUTLET_WORDS:
        return "outlet", True
    if words & ROLE_WORDS:
        return "official", True
    label = name_tokens[-1].ent_type_ or name_tokens[0].ent_type_
    if publishing and label not in ("PERSON", "GPE", "NORP"):
        return "outlet", False
    return ENTITY_KINDS.get(label, "unknown"), False


def _generic(head: Token, phrase: str, words: set[str]) -> Source | None:
    """A source named by a description only: "a diplomatic source", "the newspaper"."""
    person = _person_inside(head)
    if person is not None:
        return Source(person.text, person.start_char, person.end_char, "official", True, phrase)
    det = {t.lower_ for t in head.lefts if t.dep_ in ("det", "poss")}
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    span = (head.left_edge.idx, head.left_edge.idx + len(phrase))
    anaphor = bool(det & _ANAPHOR_DETS) and len(phrase.split()) <= 3
    if lemma in AGENCY_WORDS or lemma in OUTLET_WORDS or head.lower_ in OUTLET_WORDS:
        kind = "agency" if lemma in AGENCY_WORDS else "outlet"
        return Source(phrase, *span, kind, True, phrase, anaphor=anaphor, named=False)
    anonymous = (
        lemma in ANON_WORDS
        or words & ANON_MODIFIERS
        or any(cue in phrase.lower() for cue in ANON_PHRASES)
        or (lemma in ROLE_WORDS and lemma not in INSTITUTION_WORDS and plural)
        or (lemma in ROLE_WORDS and det & {"a", "an", "some"})
    )
    if anonymous:
        return Source(phrase, *span, "anonymous", True, phrase, named=False)
    if lemma in DOCUMENT_WORDS:
        return Source(phrase, *span, "document", True, phrase, anaphor=anaphor, named=False)
    if lemma in ROLE_WORDS:  # "the ministry", "Police": an institution the story names
        return Source(phrase, *span, "official", True, phrase)
    return None


def _name_tokens(head: Token) -> list[Token]:
    """The proper name in a phrase: PROPN run ending at the head, after any role word."""
    if head.pos_ == "PROPN":
        for child in head.children:  # "ambassador ... , Pavel Orsk" handled below
            if _naming_appos(head, child):
                return _name_tokens(child)
        end = head.i
    else:
        compounds = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        appos = [t for t in head.rights if _naming_appos(head, t)]
        if appos:
            return _name_tokens(appos[0])
        between = list(head.doc[compounds[-1].i + 1 : head.i]) if compounds else []
        if not compounds or any(t.dep_ not in ("compound", "amod") for t in between):
            return []  # "the Interfax news agency": only compounds between name and head
        if _owner_person(compounds[-1]) or _member(head) or _one_of(head):
            return []  # "a senior Anna Berg adviser": Berg's adviser, not Berg
        if compounds[-1].ent_type_ in _PLACE_ENTS:
            return []  # "the Ohio senator", "his Miami relatives": a place is no one's name
        end = compounds[-1].i
    doc = head.doc
    start = end
    while start - 1 >= 0:
        prev = doc[start - 1]
        descriptor = prev.lower_ in ROLE_WORDS or (prev.text in OUTLET_WORDS)  # lowercase only
        if prev.pos_ != "PROPN" or descriptor:
            break
        if prev.head.i < start - 1 or prev.dep_ == "poss":
            break
        if prev.ent_type_ in _PLACE_ENTS and doc[start].ent_type_ not in _PLACE_ENTS:
            break  # "Ambassador to Velmora | Pavel Orsk"
        start -= 1
    if doc[start].lower_ in ROLE_WORDS and start == end:
        return []
    return [doc[i] for i in range(start, end + 1)]


def _naming_appos(head: Token, child: Token) -> bool:
    """Whether an apposition names what the head describes ("the ambassador, Pavel
    Orsk"): not a bracketed party and state ("Anna Berg (D-Ohio)") and not a description
    of a person already named ("Anna Berg, a Democrat")."""
    if child.dep_ != "appos" or child.pos_ != "PROPN":
        return False
    lo, hi = sorted((head.i, child.i))
    if any(t.text == "(" for t in child.doc[lo:hi]):
        return False
    return not (head.ent_type_ == "PERSON" and child.ent_type_ != "PERSON")


def _owner_person(token: Token) -> bool:
    """Whether a name modifying a common noun is a person's: "the Anna Berg campaign",
    "Anna Berg's spokesman" are hers, never Anna Berg herself (a newspaper, an agency or
    a document bears its owner's or publisher's name: that name is its source)."""
    head = token.head
    if token.ent_type_ != "PERSON" or head.pos_ != "NOUN":
        return False
    lemma = head.lemma_.lower()  # "the Anna Berg newspaper", "the Berg report": hers
    return not {lemma, head.lower_} & (OUTLET_WORDS | AGENCY_WORDS | DOCUMENT_WORDS)


def _capitalised_word(token: Token) -> bool:
    """Whether a capitalised word that opens its sentence is a common word there: its text
    has it in lower case elsewhere ("Radar showed ..." beside "the new radar data")."""
    if not token.is_sent_start or not token.text[:1].isupper():
        return False
    low = token.lower_
    return any(t.text == low for t in token.doc)


def _one_of(head: Token) -> bool:
    """Whether a singular noun with "a" / "an" names one of the body its name modifier
    names ("an Orbis Air pilot", "a Corvan engineer"): someone of it, not the body (that
    is "the Orbis Air pilots' union", or the name itself)."""
    return head.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children
    )


def _member(head: Token) -> bool:
    """Whether a role noun names one person of the body its name modifier names ("a
    senior Orbis Party leader", "the Orbis Party spokesman"): that person speaks, not the
    body (an institution word, "the Orbis Party office", is the body itself)."""
    lemma = head.lemma_.lower()
    return lemma in ROLE_WORDS and lemma not in INSTITUTION_WORDS and head.tag_ == "NN"


def _person_inside(head: Token) -> Span | None:
    """A PERSON entity in a role phrase ("Russian ambassador to Velmora Pavel O."), not
    the person whose role it is ("Anna Berg's adviser", "a senior Anna Berg aide")."""
    if head.lemma_.lower() not in ROLE_WORDS:
        return None
    if head.tag_ in ("NNS", "NNPS"):
        return None
    clauses = [c for c in head.children if c.dep_ in ("relcl", "acl", "ccomp")]
    owners = [c for c in head.lefts if c.dep_ in ("poss", "compound") and _owner_person(c)]
    inside = {t.i for t in head.subtree} - {t.i for c in clauses for t in c.subtree}
    inside -= {t.i for c in owners for t in c.subtree}
    for ent in head.doc.ents:
        if ent.label_ == "PERSON" and all(i in inside for i in range(ent.start, ent.end)):
            return ent
    return None


def _phrase(head: Token) -> str:
    """The phrase text: modifiers before the head, short post-modifiers after it."""
    doc = head.doc
    clauses = {t.i for c in head.lefts if c.pos_ == "VERB" for t in c.subtree if t.dep_ == "nsubj"}
    # a verb of saying the parse hung on the noun is the sentence's, not the name's
    # ("Le Monde quoted officials who said": "officials", not "quoted officials")
    clauses |= {
        t.i
        for c in head.lefts
        if c.pos_ == "VERB" and c.lemma_.lower() in REPORT_VERBS
        for t in c.subtree
    }
    tokens = [t for t in head.subtree if t.i <= head.i and t.i not in clauses]
    right = [t for t in head.rights if t.dep_ in ("amod", "prep", "relcl", "acl", "appos")]
    for child in right:
        # "A top official on Monday denied": when it was said, not who
        when = {t.i for p in child.subtree if _temporal(p) for t in p.subtree}
        sub = [t for t in child.subtree if t.i not in when]
        if sub and len(sub) <= 6 and child.lower_ not in ("cited", "citing"):
            tokens.extend(sub)
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    return doc[lo : hi + 1].text.strip(" ,")


def _temporal(token: Token) -> bool:
    """A preposition whose object is a date or time ("on Monday", "at 5 p.m.")."""
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children
    )


def _owner(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "in", "from", "of"):
            obj = child_of(child, "pobj")
            if obj is not None and (_name_tokens(obj) or obj.lemma_.lower() in OUTLET_WORDS):
                return obj
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return child
    if _name_tokens(head):
        return head
    return None


def child_of(token: Token, dep: str, text: str | None = None) -> Token | None:
    for child in token.children:
        if child.dep_ == dep and (text is None or child.lower_ == text):
            return child
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited through "..., saying" and conjoined verbs."""
    token = verb
    if child_of(verb, "nsubjpass") is not None or child_of(verb, "auxpass") is not None:
        return None
    for _ in range(4):
        subject = child_of(token, "nsubj")
        if subject is not None and subject.lower_ in _RELATIVES and token.dep_ == "relcl":
            return token.head  # "officials who said ..."
        if subject is not None:
            return subject
        if token.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep") or token.head is token:
            return None
        token = token.head
    return None


def according_to(token: Token) -> Token | None:
    for other in token.sent:
        if other.lower_ == "according" and (to := child_of(other, "prep", "to")) is not None:
            return child_of(to, "pobj")
    return None


def agent_of(verb: Token) -> Token | None:
    by = child_of(verb, "agent")
    return child_of(by, "pobj") if by is not None else None


def receiver_of(verb: Token) -> Token | None:
    obj = None
    if verb.lemma_.lower() == "tell":
        obj = child_of(verb, "dobj") or child_of(verb, "dative")
    if obj is None and (to := child_of(verb, "prep", "to")) is not None:
        obj = child_of(to, "pobj")
    if obj is None or obj.lower_ in AUDIENCE_WORDS:
        return None
    return obj


def negated(verb: Token) -> bool:
    if child_of(verb, "neg") is not None:
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATING_HEADS
