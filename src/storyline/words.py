"""Counting words in any script, including those written without spaces between words.

Chinese, Japanese, Thai, Lao, Khmer and Myanmar text runs its words together, so a
paragraph is one ``\\w+`` run and "the minimum is 5 words" would reject every article.
In those scripts each character counts as a word (a Chinese word is one or two
characters, so this errs towards keeping text); elsewhere a word is a run of letters or
digits, as before.
"""

from __future__ import annotations

import re

# Scripts without spaces between words: Thai, Lao, Myanmar, Khmer, CJK punctuation-free
# ideographs, kana, CJK compatibility ideographs and the supplementary ideograph planes.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0003134f"
)
UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_WORD = re.compile(f"[{_UNSPACED}]|(?:(?![{_UNSPACED}])\\w)+")


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits, and each character of a script
    written without spaces (Chinese, Japanese, Thai...)."""
    return sum(1 for _ in _WORD.finditer(text))
