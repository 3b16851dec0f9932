"""Language identification (py3langid) and the stop-word lists the cleaner scores with."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from pathlib import Path

import justext
import py3langid

# ISO 639-1 codes (what py3langid returns) to the names of jusText's stop-word lists.
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh",
    "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "nb": "Norwegian_Bokmal",
    "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip

_SAMPLE_CHARS = 2000
"""Characters classified: py3langid's time grows with them, and 2,000 characters of prose
leave no doubt about the language."""
_LETTER = re.compile(r"[^\W\d_]")
_MIN_LETTERS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    letters = _LETTER.finditer(sample)
    if sum(1 for _letter in itertools.islice(letters, _MIN_LETTERS)) < _MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)


@functools.lru_cache(maxsize=64)
def stopwords(language: str | None) -> frozenset[str]:
    """Lower-cased stop words for a language; empty when the language has no list."""
    name = _STOPLIST_NAMES.get(language or "")
    if name is None:
        return frozenset()
    return frozenset(justext.get_stoplist(name))


@functools.lru_cache(maxsize=64)
def function_words(language: str | None) -> frozenset[str]:
    """Lower-cased function words (articles, pronouns, auxiliaries...) of a language,
    from spaCy's lists; empty when spaCy has none.

    Unlike :func:`stopwords` (jusText's lists, frequent words of Wikipedia, which include
    "army", "died" or "british"), these never hold the content words that tell one news
    event from another. The list's module is loaded by path, without importing spaCy
    itself (a second or more)."""
    if not language or not language.isalpha():
        return frozenset()
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    if not path.is_file():
        return frozenset()
    module_spec = importlib.util.spec_from_file_location(f"_stop_words_{language}", path)
    if module_spec is None or module_spec.loader is None:
        return frozenset()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    words = getattr(module, "STOP_WORDS", ())
    return frozenset(str(word).lower() for word in words)
