"""Page furniture glued into a sentence of a flattened page.

A page flattened to one line (a corpus that kept only a page's text) has no lines for the
plain-text cleaner to drop: a share bar, a caption box or a photo credit is glued before
the sentence that follows it ("X embed x share two campers were ...", "( jane roe/the
daily via agency ) the jury ...", "Story highlights ... ( agency ) the lead"). Two
readings, both by construction and closed classes of web-furniture words only:

- :func:`furniture_end`: where the sentence begins after the furniture that opens it
  (0 when none does); the brief writes the rest, a suffix of the sentence;
- :func:`is_furniture`: the whole sentence is furniture (a highlights box with no lead
  after it, a newsletter sign-up addressed to the reader, a contributor's bio).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .metadata import dateline_end

# Widget labels that are furniture whatever follows them.
_WIDGET_PHRASE = (
    r"image\s+copyright(?:\s+[^\s()]+)?|(?:image|media|photo|video)\s+caption"
    r"|media\s+playback\s+is\s+unsupported\s+on\s+your\s+device"
    r"|advertisement|text\s+size(?:\s*-\s*\+\s*reset)?|continue\s+reading(?:\s+the\s+main\s+story)?"
    r"|read\s+more(?!\s*:)|copy\s+link|(?:hide|toggle)\s+caption"
    r"|embed(?:\s+more)?(?:\s+news)?\s+videos?"
)
# Single widget words: furniture in a run of two or more, or before a sentence's opener.
_WIDGET_WORD = (
    r"advertising|share|embed|x|close|tweet|email|print|photos?|videos?"
    r"|map|images?|gallery|enlarge|expand|replay|play|facebook|twitter|pinterest|linkedin"
    r"|whatsapp|reddit"
)
_WIDGET = re.compile(rf"(?:{_WIDGET_PHRASE}|{_WIDGET_WORD})\b[\s:|]*", re.I)
_PHRASE = re.compile(rf"(?:{_WIDGET_PHRASE})\b", re.I)
_OPENER = re.compile(
    r"(?:the|a|an|this|these|those|according|in|on|at|after|before|when|while|as|for|from"
    r"|he|she|they|it|we|i|his|her|their|its|there|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|\d[\d,.]*)\b",
    re.I,
)
MAX_ASIDE_WORDS = 15
"""A bracketed opener of at most this many words is a credit, a time stamp, an editor's
tag or an aside, never the sentence's own start ("( jane roe/the daily ) the jury ...",
"( published monday, may 2 ) police ...")."""
_ASIDE = re.compile(r"\(\s*([^()]{1,160}?)\s*\)\s+(?=[\w\"“(])")
_HIGHLIGHTS = re.compile(r"story\s+highlights\b\s*", re.I)
_TAG = re.compile(r"\(\s*[\w&.' -]{1,30}?\s*\)\s*(?:(?:--|[-–—_])\s*)?(?=\w)")
"""The wire tag that opens the story's lead after its highlights box ("( agency ) ")."""


def _widgets(text: str, at: int) -> int:
    """The end of the run of widget labels at ``at`` (``at`` when there is none)."""
    end, count, phrase = at, 0, False
    while (m := _WIDGET.match(text, end)) is not None and m.end() < len(text):
        phrase = phrase or _PHRASE.match(text, end) is not None
        end, count = m.end(), count + 1
    if count == 0:
        return at
    if count >= 2 or phrase:
        return end
    if _OPENER.match(text, end) or dateline_end(text[end:]):
        return end
    return at


_SLASH_CREDIT = re.compile(
    r"(?:photo(?:graph(?:er)?)?s?\s*:\s*)?"
    r"(?P<name>(?:[^\W\d][\w.'’-]*\s+){1,3}[^\W\d][\w.'’-]*)/(?P<agency>[^\W\d][\w.&'’-]*)"
    r"(?:\s+via\s+[^\W\d][\w.&'’-]*)?\s+(?=\w)",
    re.I,
)
"""A photo credit written onto the sentence after it without brackets: a name of one to
four words, a slash and an agency ("Jane roe/agency in 2013, ...", "Photographer: jane
roe/agency ...")."""
_PAIRED = frozenset({"and", "or", "he", "she", "his", "her", "him", "hers", "s", "w"})
"""Words a slash pairs in prose ("and/or", "he/she"): no credit."""


def _credit(text: str, at: int) -> int:
    """The end of a slash credit opening ``text`` at ``at`` (``at`` when there is none): its
    name holds no stop word ("The U.S./Mexico border ..." is prose)."""
    m = _SLASH_CREDIT.match(text, at)
    if m is None:
        return at
    words = [w.lower().strip(".'’-") for w in m["name"].split()]
    if any(w in STOP_WORDS for w in words) or m["agency"].lower().strip(".") in _PAIRED:
        return at
    return m.end()


_CAPTION_TOGGLE = re.compile(
    r"(?:\benlarge\s+this\s+image\s+)?\b(?:hide|toggle)\s+caption\b[\s:|]*", re.I
)
"""A picture's caption button glued between a page's headline and its lead ("X dies at 64
enlarge this image toggle caption jane roe/agency jane roe/agency former coach X has
died ..."): the sentence begins after it and the credits that follow it."""


def furniture_end(sentence: str) -> int:
    """Where ``sentence`` begins after the page furniture that opens it: widget labels
    ("Share copy link ...", "Advertisement the ..."), a bracketed credit or aside
    ("( jane roe/the daily via agency ) ...") and a highlights box up to the wire tag of
    the lead; or after a caption button and its credits that follow a headline glued
    before the lead (``_CAPTION_TOGGLE``). 0 when no furniture opens it, or nothing of a
    sentence would be left."""
    toggles = list(_CAPTION_TOGGLE.finditer(sentence))  # after the last one: the lead
    at = toggles[-1].end() if toggles else 0
    while True:
        start = at
        at += len(sentence[at:]) - len(sentence[at:].lstrip())
        if (m := _HIGHLIGHTS.match(sentence, at)) is not None:
            tag = _TAG.search(sentence, m.end())
            if tag is None:
                return 0
            at = tag.end()
        at = _widgets(sentence, at)
        at = _credit(sentence, at)
        aside = _ASIDE.match(sentence, at)
        if aside is not None and len(aside.group(1).split()) <= MAX_ASIDE_WORDS:
            at = aside.end()
        if at and (end := dateline_end(sentence[at:])):
            at += end
        if at == start:
            break
    return at if _WORD.search(sentence, at) else 0


_WORD = re.compile(r"\w")
_QUOTED = re.compile(r"[\"“”]")
_READER = re.compile(r"\b(?:you|your|sign(?:\s+|-)?up|subscribe)\b", re.I)
_OFFER = re.compile(
    r"\b(?:newsletters?|inbox|promotional|unsubscribe"
    r"|privacy\s+policy|terms\s+of\s+(?:service|use)|e-?mail\s+(?:alerts?|updates)"
    r"|notifications?|special\s+offers?)\b",
    re.I,
)
_CONTRIBUTOR = (
    r"(?:contributors?|analysts?|columnists?|commentators?|correspondents?|contributing\s+\w+)"
)
_BIO = re.compile(
    rf"\A\s*(?:\w+\s+){{0,4}}?{_CONTRIBUTOR}\s+(?!(?:said|says|told|wrote)\b)"
    r"(?:[\w.'’-]+\s+){1,4}?is\s+(?:a|an|the)\b"
    rf"|\bis\s+an?\s+(?:[\w-]+\s+){{0,3}}?{_CONTRIBUTOR}\s+(?:to|for|at)\b"
    r"|\b(?:views|opinions)\s+expressed\s+(?:in\s+this\s+\w+\s+)?(?:are|is)\s+(?:solely\s+)?(?:his|hers?|theirs?|(?:his|her|their)\s+own)\b",
    re.I,
)


_CAPTION_LABEL = re.compile(r"\b(?:image|media|photo|video)\s+caption\b", re.I)
_LABEL = re.compile(
    r"\s*(?:(?:photo(?:graph)?s?|photographer|images?|videos?|gallery|read\s+more(?:\s+about)?"
    r"|see\s+also|related)\s*:|photo(?:graph)?\s+(?:by|via)\b)",
    re.I,
)
"""A label whose title or credit runs into the sentence after it, with nothing to tell
where it ends: "Photos: ...", "Read more: ...", "Photo by ..."."""


def _credited(sentence: str) -> bool:
    """Whether a label opening the sentence is a credit whose end the slash shows
    ("Photographer: jane roe/agency the lead ..."): then the sentence after it stands."""
    start = len(sentence) - len(sentence.lstrip())
    return _credit(sentence, start) > start


def is_furniture(sentence: str) -> bool:
    """Whether the whole sentence is page furniture: a highlights box with no lead after
    it; a sentence with a caption's label in it ("Image caption ..."), where the caption
    runs into the lead with nothing to tell where it ends; an offer addressed to the
    reader outside any quotation (a newsletter, an inbox, a sign-up: "You will receive
    occasional promotional offers."); a
    contributor's bio ("Staff columnist Jane Roe is a retired ...", "... is a contributor
    to ...", "The views expressed are her own."); a rights notice ("All rights
    reserved.")."""
    if _HIGHLIGHTS.match(sentence.lstrip()) and furniture_end(sentence) == 0:
        return True
    if _CAPTION_LABEL.search(sentence) or (_LABEL.match(sentence) and not _credited(sentence)):
        return True
    if not _QUOTED.search(sentence) and _READER.search(sentence) and _OFFER.search(sentence):
        return True
    if _NOTICE_START.match(sentence) or (
        (m := _RIGHTS.search(sentence))
        and (m.group(0).endswith("trademarks") or len(sentence.split()) <= MAX_NOTICE_WORDS)
    ):
        return True
    return _BIO.search(sentence) is not None


_NOTICE_START = re.compile(r"\s*(?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}))", re.I)
"""A sentence opening with the rights mark ("© 2024 Quorn Media Ltd, registered office
..."): the notice, however long."""
MAX_NOTICE_WORDS = 12
"""A sentence with a rights mark is the notice itself up to this many words; a longer one
is a notice glued onto the sentence after it, which stands."""
_RIGHTS = re.compile(
    r"\ball\s+rights\s+reserved\b|©|\bare\s+(?:the\s+)?registered\s+trademarks\b", re.I
)
"""A page's rights notice ("© 2024 Quorn Media. All rights reserved.", "... are registered
trademarks of ...")."""
