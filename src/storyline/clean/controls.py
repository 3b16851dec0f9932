"""Control characters out of what the cleaner hands on: they are never text.

A NUL, an escape sequence (``ESC [2J`` clears a terminal) or a C1 control in an input
would reach the JSON, the terminal view, the store and the web page. The body keeps its
tabs and line breaks and loses the other controls; a metadata field (title, outlet,
byline, url...) is one line, so every control or line separator in it becomes a space.
"""

from __future__ import annotations

import html
import re

_IN_BODY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_IN_FIELD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def body_text(text: str) -> str:
    """``text`` without control characters other than tab, line and page breaks."""
    return _IN_BODY.sub("", text)


def one_line(value: str | None) -> str | None:
    """A metadata field on one line: controls as spaces, runs of spaces as one; None when
    nothing is left."""
    if value is None:
        return None
    return " ".join(_IN_FIELD.sub(" ", value).split()) or None


_CODE = re.compile(r"(?<!\S)&[A-Za-z][A-Za-z0-9]{0,7};[ \t]*")


def without_codes(text: str) -> str:
    """Plain text less the typesetting codes of newswire feeds written as entities that
    HTML does not know ("&UR; &LR; NEW YORK _ ...", "&QL;", "&HT;"); a known entity
    ("&amp;") is left as written."""

    def keep(match: re.Match[str]) -> str:
        code = match.group(0).rstrip()
        return match.group(0) if html.unescape(code) != code else ""

    return _CODE.sub(keep, text)
