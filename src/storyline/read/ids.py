"""Ids an input gives its articles: kept as given, unless they cannot name an article.

An id is a path segment of the web page (``/articles/{id}``) and a key everywhere else,
so a given id must be text a person can read: no control characters (a newline, NUL, an
escape sequence), not only dots (``.`` and ``..`` are path steps every browser resolves
away), at most ``MAX_ID_CHARS`` characters. Anything else is kept exactly (``a/b``,
``100%``, spaces, any script): links escape it.
"""

from __future__ import annotations

import re

from ..errors import InputError

MAX_ID_CHARS = 1000
_UNREADABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def given_id(value: str | None) -> str | None:
    """``value`` stripped (None when blank), or InputError(``bad-record``) saying why it
    cannot be an article id."""
    if value is None:
        return None
    ident = value.strip()
    if not ident:
        return None
    bad = _UNREADABLE.search(ident)
    if bad is not None:
        raise InputError(
            f'the "id" holds a control character (U+{ord(bad.group()):04X} at character '
            f"{bad.start() + 1}); give a printable id, or none to use a hash of the text",
            code="bad-record",
        )
    if set(ident) == {"."}:
        raise InputError(
            f'the "id" {ident!r} is only dots, which no URL can carry; give another id',
            code="bad-record",
        )
    if len(ident) > MAX_ID_CHARS:
        raise InputError(
            f'the "id" is {len(ident):,} characters, over the {MAX_ID_CHARS:,}-character '
            "limit; give a shorter id, or none to use a hash of the text",
            code="bad-record",
        )
    return ident
