"""Which languages each stage supports, stated once (the README's table is checked
against it).

Reading, cleaning, duplicates and stories work on text in any language; the analysis
(facts, origins, quotes, entities, timeline) and the summary rest on English models
(spaCy ``en_core_web_sm``, MiniLM) and English rules, so a story in another language
gets a brief without them, marked ``"analysis": "unsupported-language"``, and a line on
stderr, never an empty brief that looks complete.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .types import Article

ANALYSIS_LANGUAGES = frozenset({"en"})
"""ISO 639-1 codes of the languages the analysis and the summary support."""

STAGES: dict[str, str] = {
    "ingest": "any: bytes to text by the decoding rules, whatever the language",
    "clean": "any: boilerplate is judged with stop words in the 57 languages jusText lists "
    "and by length and punctuation in others; in scripts without spaces (Chinese, "
    "Japanese, Thai...) each character counts as a word",
    "dedupe": "any: word shingles and hashes",
    "stories": "any: an article joins only stories in its own language (undetected joins any); "
    "the embeddings are English models, so the lexical channels carry other languages",
    "analyze": "en only: spaCy en_core_web_sm, MiniLM and English attribution rules",
    "summarize": "en only: built on the analysis",
}
"""Each stage of the pipeline and the languages it supports."""

UNSUPPORTED = "unsupported-language"
"""The brief's ``analysis`` when its story's language is not in ANALYSIS_LANGUAGES."""


def story_language(articles: Iterable[Article]) -> str | None:
    """The language most of a story's articles are in (detected or given); None when none
    of them has one. Ties go to the code first in alphabetical order."""
    counts = Counter(a.language for a in articles if a.language)
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], code))


def analysable(language: str | None) -> bool:
    """Whether the analysis supports ``language`` (an undetected one is tried)."""
    return language is None or language in ANALYSIS_LANGUAGES
