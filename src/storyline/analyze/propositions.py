"""Propositions: what a sentence states, and whether two sentences state the same thing.

Two sentences of a story state the same fact when

1. their **same-fact score** reaches ``SAME_FACT_SCORE``: a logistic function of the
   MiniLM cosine, the overlap of content lemmas, how many numbers one has that the other
   lacks, a negation in one only, and the difference in length (a much longer sentence
   adds something). Weights and threshold were fitted on the MRPC train split
   (``benchmarks/mrpc_same_fact.py``: news sentence pairs from different outlets
   labelled equivalent or not);
2. they agree in **polarity** (a negation in one only is never support);
3. their **numbers do not clash**: when each has a number the other lacks, they report
   other figures (a conflict when they count the same thing, else another fact).

Which sentence a fact's text is, and which sentences may back it, is decided by key
terms on top (:mod:`.terms`): every number and name of the text must be in each mention.

Only news can be a proposition (:func:`is_news`): a caption, a credit, a byline, a
headline, a contact line or a sentence with a phone number, e-mail address or web
address states nothing the brief should repeat.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from storyline.clean.furniture import furniture_end, is_furniture
from storyline.clean.metadata import dateline_end

from .entity_names import TITLE_WORDS
from .terms import (
    KeyTerms,
    NameAliases,
    key_terms,
    missing_terms,
    name_parts,
    number_bounds,
    word_bag,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Logistic weights (intercept, cosine, content overlap, numbers one side lacks, negation
# mismatch, length difference) fitted on MRPC train by benchmarks/mrpc_same_fact.py.
WEIGHTS = (-3.0, 4.18, 2.54, -0.21, -1.26, -3.55)
SAME_FACT_SCORE = 0.77
"""Least same-fact score (0-1) for two sentences to state one fact: precision 0.90 on
MRPC train."""

COVERAGE = 0.85
"""Least share of a line's claim lemmas (content words outside the reporting frame, time
expressions and titles) a sentence must have to state the line (with all its key terms):
a sentence that states one of two claims only is partial support. Chosen on the tuned
half of the judged citation set (benchmarks/citations_judged.py)."""

_FRAME_VERBS = "report say tell add note state write announce confirm claim cite quote accord"
FRAME_VERBS = frozenset(_FRAME_VERBS.split())
_SOURCE_VERBS = frozenset({"cite", "quote", "accord"})
"""Frame verbs whose object is the source ("citing diplomats", "quoted officials"), not
what is said; another one's object is ("T-Mobile announced the phone")."""
"""Verbs of saying whose subject, date and manner are the frame of a report, not its claim."""

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
HEDGE_MODALS = frozenset({"may", "might", "could", "would", "should"})
HEDGE_VERBS = frozenset({"expect", "negotiate", "consider", "hope", "seek", "propose", "mull"})
HEDGE_NOUNS = frozenset({"negotiation", "talk", "likely", "possible", "probably"})
"""A statement hedged by these is not the same as the plain one ("includes" vs "is
expected to include", "will direct" vs "is negotiating to direct")."""
HEDGE_BELIEFS = frozenset({"seem", "appear", "believe", "think", "suspect"})
"""Verbs that hedge the clause they introduce ("it seems that", "it is thought that",
"police believe he"); with no clause ("appeared in court") they state a fact."""

_OPENING_MARKS = ("``", "“")
_CLOSING_MARKS = ("''", "”")
QUOTE_MARKS = (*_OPENING_MARKS, *_CLOSING_MARKS, '"')
"""Quotation marks, newswire's ASCII pairs among them."""
_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make"})
"""Verbs too light to be what a line states."""
DENIALS = frozenset(
    {"deny", "denial", "dismiss", "reject", "refute", "untrue", "false", "rumor", "rumour"}
)
"""Words that deny or discredit what a sentence reports ("dismissed rumors that ...")."""
SYNONYM_COVERAGE = 0.75
"""Least share of a line's claim lemmas with which a restatement may say the line's verb
in a word of its own ("Corvan will acquire Tessel Mapping Systems, a maker of drones" for
"Corvan will buy Tessel Mapping Systems, a maker of drones"): below it a restatement must
have a verb of the line's main clause. Chosen on the tuned ECB+ round's judged carriers
(benchmarks/README.md, "Facts and citations")."""
FOCUS = frozenset({"only", "sole", "first", "last"})
"""Words that single out what a sentence says ("the only suspect", "the first woman"): a
sentence without them says less ("the prime suspect", "a woman")."""
QUESTIONS = frozenset({"whether"})
"""Words that leave what follows an open question ("declined to say whether X was still a
suspect")."""
NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor"})
_NEGATION_DEPS = frozenset(
    {"neg", "det", "advmod", "nsubj", "nsubjpass", "dobj", "pobj", "preconj"}
)
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})
_PREFIXED = ("ADJ", "VERB")
_STEM = 5
"""Negated words are compared by their first letters ("disclosed" / "undisclosed")."""
_TIME_KEEP = frozenset({"this", "these", "next", "last"})
_WHEN = ("DATE", "TIME")
_TIME_VAGUE = frozenset({"early", "late", "earlier", "later"})

_PHONE = re.compile(
    r"(?<![\w.])(?:\+\d[\d ()-]{7,}\d|\(?0\d{2,4}\)?[ -]?\d{3}[ -]?\d{3,4}"
    r"|\(?\d{3}\)?[ .-]\d{3}[.-]\d{4})(?![\w])"
)
_CONTACT = re.compile(
    r"https?:\s*/\s*/|www\.|\S+@\S+\.\w|\bhotline\b|\bhelpline\b"
    r"|\bclick\s+here\b|\blinks?\s+(?:below|above)\b|\bcopy(?:ing)?\s+the\s+(?:embed\s+)?code\b|\b(?:at|via)\s+(?:this|the\s+following)\s+link\b"
    r"|\bbreaking\s+news\s+(?:emails?|alerts?)\b|\bget\s+(?:breaking\s+)?news\s+alerts\b"
    r"|\bdelivered\s+(?:weekday|every|each)\s+mornings?\b|\bembed\s+(?:more\s+)?(?:news\s+)?videos?\b"
    r"|\A\W*editor[\'’]?s[\'’]?\s+note\b",
    re.I,
)
"""Contact and navigation lines: addresses (also tokenised, "http: / / site. com"),
hotlines, pointers to a link ("register at the link below") and alert sign-ups glued into
an article's text ("Breaking news emails get breaking news alerts")."""
_SOURCE_LINK = re.compile(r"\(\s*https?:[^()]*\)")
"""A link in brackets to the source a sentence reports ("..., the Times Record reported
(http: / / bit. ly / 16vDN3E)."): the sentence is news all the same."""
_CREDIT = re.compile(
    r"\b(?:photo|image|picture|video|graphic|map)\s*(?:credit|courtesy)?\s*:|\bcredit\s*:"
    r"|\b(?:photo|image|picture|video)\s+(?:caption|copyright)\b"
    r"|\((?:AP|AFP|Reuters)?\s*Photo\b|\bfile\s+photo\b|\bgetty\s+images\b|\|"
    r"|\bnow\s+playing\s*:",
    re.I,
)
_CAPTION = re.compile(
    r"\s*(?:file\s*(?:photo\s*)?[-–—:]\s"
    r"|in\s+this\s+(?:[\w,.'’-]+\s+){0,6}?(?:photos?|images?|pictures?|photographs?)"
    r"(?:\s+[\w.'’-]+){0,5}\s*,"
    r"|this\s+(?!(?:week|year|month|morning|afternoon|evening|weekend|time)\b)"
    r"(?:[\w-]+\s+){0,3}?(?:photos?|images?|pictures?|photographs?)\s+(?:[\w.,'’-]+\s+){0,8}?"
    r"(?:shows|provided|released|taken|made\s+available)\b)",
    re.I,
)
"""A picture's caption: "FILE - ...", "In this Jan. 19, 2017, file photo, ...", "This
combination of file photos shows ..."."""
_PLACED_IN_PICTURE = re.compile(
    r",\s(?:far\s|second\sfrom\s|third\sfrom\s)?(?:left|right|center|centre|top|bottom)"
    r"(?:\sto\s(?:right|left))?,\s"
    r"|(?:^|\(\s*)(?:from\s(?:left|right)|left\sto\sright|clockwise\sfrom\s\w+)\s*[,:)]",
    re.IGNORECASE,
)
"""Where a person stands in a picture ("Jane Doe, left, and John Roe watch ..."): a
caption's way of naming who is shown."""
_CAPTION_END = re.compile(
    r"\bin\s+(?:this|a|an)\s+(?:[\w,.'’-]+\s+){0,4}?(?:file\s+)?"
    r"(?:photos?|images?|pictures?|photographs?)\s*[.!]?[\s\"”')]*\Z",
    re.I,
)
"""A picture's caption that says so at its end ("... becomes emotional after the vote in
this 2013 photo.")."""
_CREDIT_AFTER = re.compile(
    r"[ \t]*\((?![^()]*(?:www\.|://))\s*(?:[^()/\n]{2,60}/[^()\n]{2,60}|(?:AP|AFP|Reuters|Getty)?\s*(?:photo|images?)\b"
    r"[^()\n]{0,60})\)",
    re.I,
)
"""A picture's credit right after a sentence ("... in the foreground. ( Jane Doe/The
Daily )", "... on Jan. 19. (AP Photo/John Roe)"): the sentence is its caption."""
_NAME_AFTER = re.compile(
    r"[ \t]*\(\s*(?:[^\W\d_][\w.&'’-]*(?<!\.)\s*){1,4}\)[ \t]*(?=[^\W\d_]|[\"“'‘(])"
)
"""A name alone in brackets right after a sentence and before the next one on the same
line ("... before taking questions. ( The Daily Post ) Next ..."): the credit of a photo
or video the sentence describes, glued into a page's text. Not a wire's tag in a
dateline, followed by a dash ("(Agency) --"), nor an editor's tag ending a paragraph
("(ab-cd)", "(END OPTIONAL TRIM)"), nor a stage direction ("(She laughs.)")."""
_BYLINE = re.compile(r"\A\s*(?:By|BY|Written by|Reporting by|Editing by)\s+[A-Z]")
_END = re.compile(r"[.!][\"'”’)\]]*\s*\Z")
_ASIDE = re.compile(r"\A\s*\((?:[^()]|\([^()]*\))*\)\s*\Z|\A\s*\([^()]*[.!]\)\s*\Z")
"""A sentence wholly in brackets: an editor's note or the writer's aside ("(The tag
appears in all sluglines.)", "(It's a nurturing concept; it needs a voice.)")."""


def is_news(text: str, span: Span | None = None) -> bool:
    """Whether a sentence can state a fact: it ends like a statement (a question states
    nothing), has a verb (from the parse ``span`` when given), and is no caption, credit,
    byline, contact line, list of phone numbers or addresses, or aside in brackets."""
    if not _END.search(text) or text.isupper() or is_furniture(text):
        return False
    skip = furniture_end(text)
    text = text[skip:]
    if _CONTACT.search(_SOURCE_LINK.sub(" ", text)) or _PHONE.search(text) or _CREDIT.search(text):
        return False
    if (
        _BYLINE.match(text)
        or _ASIDE.match(text)
        or _CAPTION.match(text)
        or _CAPTION_END.search(text)
        or _PLACED_IN_PICTURE.search(text)
    ):
        return False
    if span is not None and (
        _CREDIT_AFTER.match(span.doc.text, span.end_char)
        or _NAME_AFTER.match(span.doc.text, span.end_char)
    ):
        return False  # the picture's caption, its credit right after it
    if span is not None and _dated_scene(span):
        return False  # "Ann Berg speaks in Velmora, Monday, June 13, 2016.": a photo's caption
    if span is not None and _imperative(span, skip + (dateline_end(text) or 0)):
        return False  # "Give them water, but don't overdo it.": advice to the reader
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


_FULL_DAY = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


_CAPTION_DATE = re.compile(_FULL_DAY.pattern + r",?\s+in\s+[^.;:!?]{2,60}[.!]?[\s\"”')]*\Z", re.I)
"""A caption's closing date and place ("..., Sunday, Aug. 27, 2017, in Friendswood,
Texas."): a report names a day with its weekday and year and then where only in the
line under a picture."""


def _dated_scene(span: Span) -> bool:
    """A scene told in the present with its full date ("X leaves her home Monday, Nov. 12,
    2012, in Tampa."): the caption of a picture, whose date is the day it was taken; a
    report tells a dated event in the past or names it without the year. A date opening
    the sentence is its time stamp ("Tuesday, April 19, 2016 (Agency) -- A study finds
    ...")."""
    if _CAPTION_DATE.search(span.text):
        return True
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    day = _FULL_DAY.search(span.text)
    return (
        root is not None
        and root.tag_ in ("VBZ", "VBP")
        and root.lemma_.lower() not in FRAME_VERBS
        and day is not None
        and bool(span.text[: day.start()].strip())  # not a time stamp opening a lead
    )


def _imperative(span: Span, skip: int = 0) -> bool:
    """A sentence opening with its main verb in the base form and no subject: advice or
    an exercise addressed to the reader ("Use a map to match each town with its river.").
    ``skip``: characters of a dateline before the sentence ("PARIS _ ")."""
    at = span.start_char + skip
    first = next((t for t in span if t.idx >= at and not t.is_space), None)
    return (
        first is not None
        and first.is_alpha
        and first.text[:1].isupper()
        and not first.text.isupper()
        and first.tag_ == "VB"
        and first.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in first.children)
    )


@dataclass(frozen=True)
class Proposition:
    """What the same-fact decision reads from one sentence."""

    text: str
    content: frozenset[str]  # content lemmas
    claim: frozenset[str]  # content lemmas outside the reporting frame ("X said, citing Y"),
    # time expressions and office titles (dates and names are held by the key terms)
    lemmas: frozenset[str]  # what coverage finds a claim lemma in
    length: int  # words (no punctuation)
    negated: bool
    hedged: bool  # the main clause is only possible, expected or under way ("could", "expected to")
    terms: KeyTerms
    bag: frozenset[str]  # every word, folded as key terms are
    times: frozenset[str] = frozenset()  # words of its time expressions outside the frame
    # ("a few weeks", "last night"), which a sentence stating it must have
    dated: bool = False  # it has a time expression outside its frame
    negations: frozenset[str] = frozenset()  # stems of the words it negates, outside the
    # frame ("not guilty", "terms were not disclosed", "an undisclosed sum")
    forms: frozenset[str] = frozenset()  # every word and lemma, lower case
    sources: frozenset[str] = frozenset()  # names in its reporting frame (who said it)
    referents: frozenset[str] = frozenset()  # the name a pronoun of it points to ("he" ->
    # "jamal", "williams": the person named last before it in its article)
    tense: str = ""  # of what it says outside its frame: "future" ("will visit", "is to
    # travel", "plans to"), "past" ("became", "had visited") or "" (neither shows)
    modal: bool = False  # a modal of possibility outside its frame ("could visit")
    bounds: frozenset[tuple[str, str]] = frozenset()  # each number with the bound its
    # words put on it ("about 400" -> ("400", "~"); see ``terms.number_bounds``)
    modal_verbs: frozenset[str] = frozenset()  # lemmas of the verbs its modals of
    # possibility govern outside its frame ("may have gotten help" -> "get")
    predicates: frozenset[str] = frozenset()  # lemmas of its main clause's verbs outside
    # the frame ("Simpson is appealing the judgment" -> "appeal"; not "be", "have")
    linked: frozenset[str] = frozenset()  # what its main clause's copula links to
    # outside the frame ("her father is now his guardian" -> "guardian")
    framed: frozenset[str] = frozenset()  # lemmas of the organisations named in its
    # reporting frame only ("the Organic Farming Research Foundation said"): who said it
    sides: tuple[frozenset[str], ...] = ()  # claim lemmas of each adverbial clause on its
    # main clause outside the frame ("after she told him she was pregnant"): a claim of
    # its own, which a sentence stating none of its words leaves out
    quoted: bool = False  # it opens with a quotation mark: someone's words
    voiced: bool = False  # it gives someone's words: a reporting frame or a quotation mark
    first_person: bool = False  # a first-person pronoun outside its frame ("We are seeing
    # our crime rates come down"): a speaker's words about the speaker
    core_claim: frozenset[str] | None = None  # its claim lemmas outside the descriptions
    # set off in it ("X, the founder of Y, was executed" -> X's claim without "founder")
    core_terms: KeyTerms | None = None  # its key terms outside those descriptions
    core_times: frozenset[str] = frozenset()  # its time words outside those descriptions
    core_negations: frozenset[str] | None = None  # what it negates outside them ("X, one
    # of the largest untapped fields, ...": "untapped" describes X, the claim negates none)
    aside_numbers: frozenset[str] = frozenset()  # set by :func:`core`: the figures only
    # its descriptions give ("X, 45, ..."), which a restatement may leave out, not change
    speakers: frozenset[str] = frozenset()  # who its frame says spoke: the name parts of
    # a named speaker or of the person a pronoun speaker points to, the noun of one named
    # by a noun ("hospital administrators say" -> "administrator")

    @property
    def numbers(self) -> frozenset[str]:
        return self.terms.numbers


def proposition(span: Span, aliases: NameAliases | None = None) -> Proposition:
    """The proposition of a parsed sentence."""
    text = str(span.text)
    words = [t for t in span if not (t.is_punct or t.is_space)]
    content = frozenset(t.lemma_.lower() for t in words if t.pos_ in CONTENT_POS and not t.is_stop)
    # a verb or noun counts for coverage even when spaCy lists it as a stop word ("made")
    lemmas = {
        t.i: t.lemma_.lower()
        for t in words
        if t.pos_ in CONTENT_POS and (not t.is_stop or t.pos_ in ("VERB", "NOUN"))
    }
    frame = _frame(span)
    aside = {t.i for t in words if t.ent_type_ in ("DATE", "TIME") or t.lower_ in TITLE_WORDS}
    claimed = {i: lemma for i, lemma in lemmas.items() if i not in frame | aside}
    described = _described_aside(span)
    core_claim = core_terms = None
    if described:
        core_claim = frozenset(v for i, v in claimed.items() if i not in described)
        core_text = "".join(t.text_with_ws for t in span if t.i not in described)
        core_terms = key_terms(core_text, aliases)
        if not core_claim - core_terms.names:  # "This is Arden Arts, a school that ...":
            described, core_claim, core_terms = set(), None, None  # the description is it
    main = _main_clause(span)
    modals = [t for t in words if t.lower_ in HEDGE_MODALS and t.tag_ == "MD" and t.i not in frame]
    return Proposition(
        text,
        content,
        frozenset(claimed.values()),
        frozenset(lemmas.values()),
        len(words),
        _negated(span),
        _hedged(span),
        key_terms(text, aliases),
        word_bag(text),
        _times(words, frame),
        _dated(span, frame),
        _negations(span, frame),
        frozenset(t.lower_ for t in words) | frozenset(t.lemma_.lower() for t in words),
        _sources(words, frame),
        _referents(span),
        _tense(words, frame),
        bool(modals),
        number_bounds(text),
        frozenset(t.head.lemma_.lower() for t in modals),
        *_predicates(span, main - frame),
        frozenset(
            lemmas[i]
            for i in frame
            if i in lemmas and span.doc[i].pos_ == "PROPN" and span.doc[i].ent_type_ == "ORG"
        )
        - frozenset(lemma for i, lemma in lemmas.items() if i not in frame),
        _sides(span, main, claimed),
        text.lstrip().startswith(QUOTE_MARKS) or _ends_a_quotation(text),
        bool(frame) or any(mark in text for mark in QUOTE_MARKS),
        any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" and t.i not in frame for t in words),
        core_claim,
        core_terms,
        _times([t for t in words if t.i not in described], frame) if described else frozenset(),
        _negations(span, frame | described) if described else None,
        speakers=_speakers(span, frame),
    )


def _speakers(span: Span, frame: set[int]) -> frozenset[str]:
    """The speakers of a sentence's reporting frame (:class:`Proposition` ``speakers``)."""
    out: set[str] = set()
    for token in span:
        if token.i not in frame or token.lemma_.lower() not in FRAME_VERBS:
            continue
        for subject in token.children:
            if subject.dep_ != "nsubj":
                continue
            if subject.lower_ in _PRONOUNS:
                out.update(_referents(span))
            elif subject.pos_ == "PROPN":
                out.update(
                    part
                    for t in subject.subtree
                    if t.pos_ == "PROPN"
                    for part in name_parts(t.text)
                )
            elif subject.pos_ == "NOUN":
                out.add(_COMMON + subject.lemma_.lower())
    return frozenset(out)


_COMMON = "~"
"""Marks a speaker named by a common noun ("~administrator") among the name parts."""


def _other_speaker(line: Proposition, other: Proposition) -> bool:
    """Whether a line a named person says ("..., she said", "Berg said ...") meets a
    sentence whose frame gives the words to someone else: another name, or people named
    by a noun ("hospital administrators say"). A line a noun's speaker says ("police
    said") may be anyone's: police, an official, a prosecutor."""
    named = {s for s in line.speakers if not s.startswith(_COMMON)}
    return bool(named and other.speakers and not named & other.speakers)


def _ends_a_quotation(text: str) -> bool:
    """Whether the sentence closes a quotation it did not open ("You have to do it
    because it is best for the child.''"): the last words of someone quoted over several
    sentences, which are that speaker's words, not the outlet's."""
    body = text.rstrip()
    if body.endswith(_CLOSING_MARKS):
        opened = sum(body.count(mark) for mark in _OPENING_MARKS)
        return opened < sum(body.count(mark) for mark in _CLOSING_MARKS)
    return body.endswith('"') and body.count('"') % 2 == 1


_ASIDE_DASHES = frozenset({"—", "–", "--"})


def _described_aside(span: Span) -> set[int]:
    """Tokens of the descriptions set off by commas in the sentence: an apposition ("X,
    the founder of Y, ...") and a relative clause after a comma ("X, who led Y, ..."). What
    they say of someone is background to the claim, not the claim; so is what a pair of
    dashes sets off inside it ("X, founder of Y — and of Z in the 1990s — was ...")."""
    out: set[int] = set()
    dashes = [t.i for t in span if t.text in _ASIDE_DASHES]
    for opening, closing in zip(dashes[::2], dashes[1::2], strict=False):
        if opening > span.start and closing < span.end - 1 and closing - opening > 1:
            out.update(range(opening + 1, closing))
    for token in span:
        if token.dep_ not in ("appos", "relcl"):
            continue
        first = token.left_edge.i
        if first <= span.start or span.doc[first - 1].text != ",":
            continue
        out.update(t.i for t in token.subtree)
    if not any(t.pos_ in ("VERB", "AUX") and t.i not in out for t in span):
        return set()  # the parse took the claim's verb into a description: no core
    return out


def core(line: Proposition) -> Proposition:
    """The line less the descriptions it sets off (:func:`_described_aside`): what a
    restatement must state of it (JUDGING.md: a missing relative or appositive detail does
    not make a sentence partial; a number "that the cited sentence mentions" must agree).
    The figures only a description gives ("Jon Roe, 45, ...", "the cult that carried out
    the 1995 attack") are ``aside_numbers``: a restatement may leave them out, but one
    that gives figures of its own where it leaves them out ("Jon Roe, 52, ...") changes
    them (:func:`restates`)."""
    if line.core_claim is None or line.core_terms is None:
        return line
    aside = line.terms.numbers - line.core_terms.numbers
    return replace(
        line,
        claim=line.core_claim,
        terms=line.core_terms,
        times=line.core_times,
        negations=line.negations if line.core_negations is None else line.core_negations,
        aside_numbers=aside,
    )


def _predicates(span: Span, heads: set[int]) -> tuple[frozenset[str], frozenset[str]]:
    """Lemmas of what the main clause (``heads``, frame left out) predicates: its verbs
    but light ones and verbs of saying ("Simpson is appealing the judgment" -> appeal),
    and apart, for a copula, the word it links to ("Her father is now his guardian" ->
    guardian, "The wolves are native to the region" -> native; a name is a key term
    instead)."""
    verbs: set[str] = set()
    linked: set[str] = set()
    for i in heads:
        token = span.doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma not in _LIGHT_VERBS | FRAME_VERBS:
            verbs.add(lemma)
        elif lemma == "be":
            linked.update(
                c.lemma_.lower()
                for c in token.children
                if c.dep_ in ("attr", "acomp") and c.pos_ in ("NOUN", "ADJ", "VERB")
            )
    return frozenset(verbs), frozenset(linked)


def _sides(span: Span, heads: set[int], claim: dict[int, str]) -> tuple[frozenset[str], ...]:
    """The claim lemmas (``claim``: token position -> lemma, frame and times left out) of
    each adverbial clause on the main clause (``heads``: :func:`_main_clause`; "Simpson
    shot Flynn after she told him she was pregnant" -> {pregnant}: "told" reports, it is
    frame), and the lemmas of each clause coordinated with it that the rest of the line
    lacks (:func:`_own_clause`)."""
    out = []
    for token in span:
        if token.dep_ == "advcl" and token.head.i in heads:
            found = frozenset(claim[t.i] for t in token.subtree if t.i in claim)
            if found:
                out.append(found)
        elif _own_clause(token, heads):
            inside = {t.i for t in token.subtree}
            rest = {lemma for i, lemma in claim.items() if i not in inside}
            found = frozenset(claim[i] for i in inside if i in claim) - rest
            if found:
                out.append(found)
    return tuple(out)


def _own_clause(token: Token, heads: set[int]) -> bool:
    """A clause or a verb phrase coordinated with the main clause ("Some prefer tomatoes,
    and some prefer cabbage"; "The unions oppose the bill and vow a fight"): a second
    claim, whose own words (those the first lacks) a sentence stating the line must have
    too."""
    return token.dep_ == "conj" and token.head.i in heads and token.pos_ in ("VERB", "AUX")


_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll"})
_FUTURE_VERBS = frozenset({"plan", "schedule", "set", "go", "due"})


def _tense(words: list[Any], frame: set[int]) -> str:
    """Whether a sentence, outside its reporting frame, tells what will happen ("will
    visit", "is to travel", "is planning to", "is due to") or what happened (a verb in the
    past tense), or shows neither."""
    outside = [t for t in words if t.i not in frame]
    for k, t in enumerate(outside):
        after = outside[k + 1].lower_ if k + 1 < len(outside) else ""
        if t.tag_ == "MD" and t.lower_ in _FUTURE_MODALS:
            return "future"
        verb_next = k + 2 < len(outside) and outside[k + 2].pos_ == "VERB"
        planned = t.lemma_.lower() in _FUTURE_VERBS or (t.lemma_ == "be" and verb_next)
        if after == "to" and planned:
            return "future"
    if any(t.tag_ == "VBD" and t.pos_ in ("VERB", "AUX") for t in outside):
        return "past"
    return ""


def restates(
    line: Proposition, other: Proposition, aliases: NameAliases | None, least: float
) -> bool:
    """Whether ``other`` restates ``line`` well enough to count among its carriers
    (never cited): it states it (:func:`states`, ``least`` of its claim), with the
    line's own time words (a time of its own may back a citation a reader checks, not a
    count), in the same time frame, its main clause negated only where the line's is
    ("were not working for Turkey" restates no "were suspected of spying on behalf of
    Turkey"; "for an undisclosed sum" negates no main clause; a negated line is restated
    by a sentence that negates the same words outside its main clause, "Although no
    terms were disclosed, the sale closed" for "Terms were not disclosed", which
    ``states`` checks) and denying nothing the line does not ("denied reports that ...")
    nor asking whether it is so, keeping the words that single out what the line says
    ("the only suspect" is not restated by "the prime suspect"), with a verb of the
    line's main clause (a short line's few words are otherwise found in sentences about
    something else: "Simpson is appealing the judgment" in "... to satisfy the judgment
    against Simpson") unless it has ``SYNONYM_COVERAGE`` of the line's claim (then it
    may say the verb in a word of its own: "will acquire" for "will buy"), with the word a
    copula of its main clause links to ("guardian" of "X's father is now his guardian",
    which "X has been separated from his father" lacks), and a word of
    each adverbial clause of the line's main clause (one that states "Dole shot Ray" but
    nothing of "after she told him she was pregnant" states a part of the line, not the
    line); the figures of the line's descriptions (:func:`core`) it may leave out, but
    not give others where it leaves them out; a quotation is restated only by a sentence
    giving someone's words (a reporting frame or a quotation), not in the outlet's own
    voice; a speaker's words
    about the speaker ("We are seeing our crime rates come down") only by the speaker's
    words (a frame naming the line's source, or the first person where neither names a
    speaker: :func:`_same_speaker`), not by a report on
    others ("All regions saw crime rates fall, the FBI said"); and what a speaker says
    ("..., she said", the clinic's director) is not restated by what a frame gives to
    another ("hospital administrators say ...")."""
    return (
        states(line, other, aliases, least, derived=True)
        and line.times <= other.forms
        and same_time_frame(line, other)
        and (line.negated or not other.negated)
        and (
            not line.predicates
            or any(_derived(p, o) or p == o for p in line.predicates for o in other.lemmas)
            or (
                coverage(line, other, derived=True) >= SYNONYM_COVERAGE
                and _common_coverage(line, other) >= SYNONYM_COVERAGE
            )
        )
        and line.linked <= other.lemmas
        and all(side & other.lemmas for side in line.sides)
        and not (DENIALS & other.lemmas) - line.lemmas
        and not (QUESTIONS & other.forms) - line.forms
        and not (
            line.aside_numbers - other.numbers and other.numbers - line.numbers - line.aside_numbers
        )
        and FOCUS & line.forms <= other.forms
        and (other.voiced or not line.quoted)
        and (not line.first_person or _same_speaker(line, other))
        and not _other_speaker(line, other)
    )


def _same_speaker(line: Proposition, other: Proposition) -> bool:
    """Whether ``other`` may give the words of the speaker of ``line``, a speaker's words
    about the speaker ("We know the impact music has"): a frame naming the same source,
    or the first person with no speaker named in either (one named only in ``other`` may
    be someone else: "''We know that ...,'' the mayor said")."""
    if line.sources & other.sources:
        return True
    return other.first_person and not line.sources and not other.sources


def _common_coverage(line: Proposition, other: Proposition) -> float:
    """Share of the line's claim words that are neither names nor its main verbs that
    ``other`` has (in some form): what a restatement saying the verb in a word of its own
    must keep. None left (a claim of names and a verb: "The Pacific Northwest has grappled
    with the Endangered Species Act before") gives 0: the names alone are the subject, not
    the claim."""
    wanted = (line.claim or line.content) - line.predicates - line.terms.names
    return _share(wanted, other, frozenset()) if wanted else 0.0


def same_time_frame(line: Proposition, other: Proposition) -> bool:
    """Neither tells as past what the other tells as to come, and a possibility ("could
    visit") is not stated by a plan or a fact ("is to travel")."""
    tenses = {line.tense, other.tense}
    if tenses == {"past", "future"}:
        return False
    if line.modal == other.modal:
        return True
    # a restatement's modal that governs only what it adds ("..., but some believe he may
    # have gotten help") leaves the line's claim as plain as the line says it
    return other.modal and not line.modal and not other.modal_verbs & line.claim


_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_FIRST_PERSON = frozenset(
    {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
)
_REFERENT_TOKENS = 60
"""A pronoun points to the person named last before it within this many tokens."""


def _referents(span: Span) -> frozenset[str]:
    """The name parts of the person a pronoun of the sentence points to: the PERSON
    entity named last before the pronoun in the article (none when the sentence names a
    person before its first pronoun)."""
    pronoun = next((t.i for t in span if t.lower_ in _PRONOUNS and t.pos_ == "PRON"), None)
    if pronoun is None:
        return frozenset()
    before = [e for e in span.doc.ents if e.label_ == "PERSON" and e.end <= pronoun]
    if not before or before[-1].end < pronoun - _REFERENT_TOKENS:
        return frozenset()
    if before[-1].start >= span.start:
        return frozenset()  # the sentence names its person itself
    return frozenset(part for t in before[-1] for part in name_parts(t.text))


def _sources(words: list[Any], frame: set[int]) -> frozenset[str]:
    """The names in a sentence's frame, and the initials of each name of several words
    ("California Highway Patrol" is also "chp")."""
    out: set[str] = set()
    run: list[str] = []
    for t in [*words, None]:
        if t is not None and t.i in frame and t.pos_ == "PROPN" and t.ent_type_ not in _WHEN:
            run.append(t.lower_.removesuffix("'s").removesuffix("’s"))
            continue
        out.update(run)
        if len(run) > 1:
            out.add("".join(word[0] for word in run))
        run = []
    return frozenset(out)


def _times(words: list[Any], frame: set[int]) -> frozenset[str]:
    """The words of a sentence's time expressions outside its reporting frame that are
    neither numbers nor names (those are key terms): "for a few weeks" -> {few, week},
    "last night" -> {last, night}."""
    return frozenset(
        t.lemma_.lower()
        for t in words
        if t.ent_type_ in ("DATE", "TIME")
        and t.i not in frame
        and t.is_alpha
        and not t.text[:1].isupper()
        and (t.pos_ not in ("ADP", "CCONJ", "SCONJ", "PART", "DET") or t.lower_ in _TIME_KEEP)
        and t.lower_ not in _TIME_VAGUE
    )


_AGE = re.compile(r"\bold\b|\d-year\b|\bages?\b", re.I)


def _dated(span: Span, frame: set[int]) -> bool:
    """Whether a sentence places what it says in time outside its frame (an age, "a
    35-year-old man", is no time)."""
    return any(
        e.label_ in ("DATE", "TIME") and e.root.i not in frame and not _AGE.search(e.text)
        for e in span.ents
    )


def _stem(word: str) -> str:
    return word.lower()[:_STEM]


def _negations(span: Span, frame: set[int]) -> frozenset[str]:
    """Stems of what a sentence negates outside its frame: the word a negation hangs on
    ("not guilty" -> guilt, "was not disclosed" -> discl), the verb of a negated argument
    ("no terms were disclosed" -> discl) and a word negated by its prefix ("undisclosed")."""
    out = set()
    for token in span:
        if token.i in frame:
            continue
        if token.lower_ in NEGATIONS and token.dep_ in _NEGATION_DEPS:
            head = token.head
            if token.dep_ in ("det", "nsubj", "nsubjpass", "dobj", "pobj"):
                while head.dep_ in _ARGUMENTS | {"prep"} and head.head is not head:
                    head = head.head
            if head.pos_ == "AUX":  # "no details were forthcoming": what is negated
                head = next((c for c in head.children if c.dep_ in ("acomp", "attr")), head)
                if head.pos_ == "AUX":
                    continue
            out.add(_stem(head.lemma_))
        elif token.lower_.startswith("un") and len(token.text) >= 7 and token.pos_ in _PREFIXED:
            out.add(_stem(token.lower_[2:]))  # "undisclosed", "unknown"
    return frozenset(out)


def _frame(span: Span) -> set[int]:
    """Token positions of the reporting frame: a verb of saying that reports a clause, with
    everything that hangs from it but what is said ("the newspaper reported on Monday,
    citing sources", "as confirmed by X"), and "according to X", "citing X",
    "reportedly". A verb of saying with no clause or agent states a claim ("T-Mobile
    announced the phone"). Names in the frame still count as key terms."""
    out: set[int] = set()
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in FRAME_VERBS and token.pos_ in ("VERB", "AUX"):
            said = ("ccomp", "xcomp", "conj", "advcl") if lemma not in ("cite", "accord") else ()
            deps = {child.dep_ for child in token.children}
            reports = deps & {"ccomp", "xcomp", "parataxis"} or token.dep_ == "parataxis"
            if not reports and lemma not in _SOURCE_VERBS:
                if "agent" in deps:  # "as confirmed by X", "were reported by X"
                    out.add(token.i)
                    out.update(t.i for c in token.children if c.dep_ == "agent" for t in c.subtree)
                continue  # "T-Mobile announced the phone", "it will add to the list": a claim
            out.add(token.i)
            for child in token.children:
                if child.dep_ not in said:
                    out.update(t.i for t in child.subtree)
        elif token.lower_ in ("according", "reportedly", "citing"):
            out.update(t.i for t in token.subtree)
    return out


def _main_clause(span: Span) -> set[int]:
    """The root and what it says or intends (ccomp, xcomp), past "X said that". Where the
    parse hung the sentence on one before it (no root inside it), its verbs whose head
    lies outside it are its roots."""
    main = [t for t in span if t.dep_ == "ROOT"] or [
        t for t in span if t.pos_ in ("VERB", "AUX") and not span.start <= t.head.i < span.end
    ]
    for token in list(main):
        main.extend(c for c in token.children if c.dep_ in ("ccomp", "xcomp"))
    return {t.i for t in main}


def _hedged(span: Span) -> bool:
    """The main clause is only possible or expected: a modal ("could", "may") or a verb
    of expectation or negotiation on it ("is expected to", "is in talks to")."""
    heads = _main_clause(span)
    for token in span:
        lemma = token.lemma_.lower()
        if token.lower_ in HEDGE_MODALS and token.dep_ == "aux" and token.head.i in heads:
            return True
        if token.i in heads and lemma in HEDGE_VERBS:
            return True
        if token.i in heads and lemma in HEDGE_BELIEFS and _believes(token):
            return True
        inside = token.dep_ in ("pobj", "attr", "acomp", "advmod")  # "in talks to", "likely to"
        if lemma in HEDGE_NOUNS and inside and heads & {token.head.i, token.head.head.i}:
            return True
    return False


def _believes(token: Any) -> bool:
    """A verb of belief that hedges its clause: "it seems that", "police believe he",
    "it is thought that", not a speaker's own "I think" (an opinion, stated)."""
    deps = {child.dep_: child.lower_ for child in token.children}
    if not {"ccomp", "xcomp"} & deps.keys():
        return False
    return deps.get("nsubj") not in ("i", "we")


def _negated(span: Span) -> bool:
    """A negation of the main clause (of what is reported, past "X said that"), not of a
    side clause ("..., though the ministry has not confirmed it")."""
    heads = _main_clause(span)
    for token in span:
        if token.dep_ == "neg" and token.head.i in heads:
            return True
        words = token.lower_ in NEGATIONS and token.dep_ in ("det", "advmod", "nsubj", "dobj")
        if words and (token.head.i in heads or token.head.head.i in heads):
            return True
    return False


def features(a: Proposition, b: Proposition, cosine: float) -> tuple[float, ...]:
    """The same-fact features of a pair (the order of ``WEIGHTS`` after the intercept)."""
    union = a.content | b.content
    overlap = len(a.content & b.content) / len(union) if union else 0.0
    numbers = len(a.numbers ^ b.numbers)
    longest = max(a.length, b.length, 1)
    return (cosine, overlap, float(numbers), float(a.negated != b.negated),
            abs(a.length - b.length) / longest)  # fmt: skip


def same_fact_score(
    a: Proposition, b: Proposition, cosine: float, *, numbers: bool = True, length: bool = True
) -> float:
    """Probability-like score (0-1) that two sentences state the same fact.

    ``numbers=False`` leaves the numbers out (do they state it but for the figures?);
    ``length=False`` leaves the length difference out (does one state the other and say
    more?): fact alignment asks that, and key terms then decide the direction."""
    values = list(features(a, b, cosine))
    if not numbers:
        values[2] = 0.0
    if not length:
        values[4] = 0.0
    z = WEIGHTS[0] + sum(w * x for w, x in zip(WEIGHTS[1:], values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def coverage(line: Proposition, cited: Proposition, *, derived: bool = False) -> float:
    """Share of the line's claim lemmas (its content outside the reporting frame; all its
    content words when the frame takes it all) that the cited sentence has (a name also
    by a pronoun that points to it), not counting the names only in its own frame: "the
    Organic Farming Research Foundation said" states nothing of "organic farming".
    ``derived``: a lemma also counts found in a word it begins or that begins it, of
    ``_STEM`` letters or more ("resign" in "resignation"), names left out ("Tanzania" is
    not "Tanzanian")."""
    wanted = line.claim or line.content  # all frame ("he cited reports that ..."): its words
    # derived forms of common words only: a name is no other form of a word ("Tanzanian")
    return _share(wanted, cited, line.terms.names | cited.terms.names if derived else None)


def _share(wanted: frozenset[str], cited: Proposition, names: frozenset[str] | None) -> float:
    """Share of ``wanted`` that ``cited`` has outside its own frame (a name also by a
    pronoun pointing to it); with ``names`` given, a word also in a form of it
    (:func:`_derived`) among the cited words that are not ``names``, ``names`` themselves
    never so."""
    offered = (cited.lemmas - cited.framed) | cited.referents
    found = wanted & offered
    if names is not None:
        common = {o for o in offered if o not in names}
        found |= {w for w in wanted - found - names if any(_derived(w, o) for o in common)}
    return len(found) / len(wanted) if wanted else 1.0


def _derived(a: str, b: str) -> bool:
    """One word begins the other, and the shorter has ``_STEM`` letters or more."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= _STEM and long.startswith(short)


def states(
    line: Proposition,
    cited: Proposition,
    aliases: NameAliases | None = None,
    least: float = COVERAGE,
    *,
    derived: bool = False,
) -> bool:
    """Whether ``cited`` states all of ``line`` (given that the two state one fact): every
    key term of the line, ``COVERAGE`` of its content words, its time expressions ("for
    a few weeks", "last night": the same words, or a time of its own, which key terms
    compare where it has numbers or names: "yesterday" / "on Tuesday"), the same
    negations (of the words the two share), the same hedging, the same bounds on its
    numbers ("about 400" is not "400"), and no other source (a
    sentence whose frame names only others: "the producers announced" for "DeGeneres
    announced")."""
    return (
        coverage(line, cited, derived=derived) >= least
        and not (line.sources and cited.sources and not line.sources & cited.sources)
        and (line.times <= cited.forms or cited.dated)
        and line.hedged == cited.hedged
        and polarity_agrees(line, cited)
        and bounds_agree(line, cited)
        and not missing_terms(line.terms, cited.bag | cited.referents, aliases)
    )


def bounds_agree(line: Proposition, cited: Proposition) -> bool:
    """Each number of ``line`` that ``cited`` also gives carries the same bound there: "at
    least 12 killed" is not stated by "12 killed", nor "400" by "about 400" (JUDGING.md
    counts a changed figure as partial); "more than 400" and "over 400" agree."""
    given = {number for number, _ in cited.bounds}
    return all(pair in cited.bounds for pair in line.bounds if pair[0] in given)


def polarity_agrees(line: Proposition, cited: Proposition) -> bool:
    """``cited`` negates what ``line`` negates, and nothing else of the line ("pleaded not
    guilty" / "was found guilty" disagree; "terms were not disclosed" / "for an
    undisclosed sum" agree)."""
    if not line.negations <= cited.negations:
        return False
    words = {_stem(w) for w in line.lemmas | line.forms}
    return not {n for n in cited.negations - line.negations if n in words}


def numbers_clash(a: Proposition, b: Proposition) -> bool:
    """Each sentence has a number the other does not: they report different figures."""
    return bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)


def aligns(
    a: Proposition, b: Proposition, cosine: float, threshold: float = SAME_FACT_SCORE
) -> bool:
    """The pair test of fact alignment: one sentence may back the other as a mention of
    its fact (same polarity and hedging, no clash of numbers, the score without the
    length and numbers features, and one states the other all)."""
    if a.negated != b.negated or a.hedged != b.hedged or numbers_clash(a, b):
        return False
    if same_fact_score(a, b, cosine, numbers=False, length=False) < threshold:
        return False
    return states(a, b) or states(b, a)


def same_fact(
    a: Proposition, b: Proposition, cosine: float, threshold: float = SAME_FACT_SCORE
) -> bool:
    """The same-fact decision: score, polarity, and no clash of numbers."""
    if a.negated != b.negated or a.hedged != b.hedged or numbers_clash(a, b):
        return False
    return same_fact_score(a, b, cosine) >= threshold
