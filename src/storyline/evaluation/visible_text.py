"""Every visible text node of an HTML page, uncleaned: what a reader would copy-paste.

This is the input of the plain-text benchmark path: the whole page as text, menus,
footers and all, so ``clean_plaintext`` can be scored on the same pages as the HTML path.
It follows the html-text 0.7 baseline of the benchmark: lxml, a line break around block
elements, a blank line around paragraphs, headings and lists, a tab between table cells,
runs of spaces collapsed, and a space guessed between adjacent inline elements unless
punctuation follows. By default it then drops what a browser with scripting on does not
show: ``<head>`` (so ``<title>``), ``<noscript>``, ``<template>``, ``<svg>``, ``<select>``
and elements marked ``hidden`` or ``display: none``. ``html_text_compat=True`` keeps
those, as html-text does, and reproduces its benchmark score (F1 0.665).
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

__all__ = ["visible_text"]

# Never text: html-text's cleaner kills these too.
_ALWAYS_SKIPPED = frozenset(
    {
        "script",
        "style",
        "link",
        "meta",
        "base",
        "applet",
        "frame",
        "frameset",
        "noframes",
        "iframe",
        "object",
        "embed",
        "param",
        "input",
    }
)
# Not shown by a browser with scripting on; html-text keeps them.
_NOT_RENDERED = frozenset(
    {
        "head",
        "noscript",
        "template",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "map",
        "select",
        "datalist",
    }
)
_LINE_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "option",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
    }
)
_PARAGRAPH_TAGS = frozenset(
    {
        "blockquote",
        "dl",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ol",
        "p",
        "pre",
        "title",
        "ul",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_PREFORMATTED_TAGS = frozenset({"pre", "textarea", "listing", "plaintext", "xmp"})

_WHITESPACE = re.compile(r"\s+")
_PUNCTUATION_AFTER = re.compile(r"^[,:;.!?\")\]]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_NO_BREAK, _LINE, _BLANK_LINE = 0, 1, 2


class _TextBuilder:
    """Accumulates lines; breaks stay pending until text follows, so none lead or repeat."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.line: list[str] = []
        self.pending = _NO_BREAK

    def add_break(self, level: int) -> None:
        self.pending = max(self.pending, level)

    def add_line_break(self) -> None:
        """``<br>``: a second break in a row makes a blank line, as in a browser."""
        self.pending = _BLANK_LINE if self.pending >= _LINE else _LINE

    def add_cell_separator(self) -> None:
        if self.line and not self.pending:
            self.line.append("\t")

    def add_text(self, text: str | None) -> None:
        """Text from a node outside ``<pre>``: whitespace runs become one space."""
        if not text:
            return
        text = _WHITESPACE.sub(" ", text)
        if text == " " and (not self.line or self.pending):
            return
        self._start_line_if_pending()
        if not self.line or self.line[-1].endswith((" ", "\t")):
            text = text.lstrip(" ")
        elif self._needs_space_before(text):
            # Adjacent inline elements (menus of links, spans) are usually set apart by CSS.
            text = " " + text
        if text:
            self.line.append(text)

    def _needs_space_before(self, text: str) -> bool:
        previous = self.line[-1]
        return not (
            text.startswith(" ") or previous.endswith("(") or _PUNCTUATION_AFTER.match(text)
        )

    def add_preformatted(self, text: str | None) -> None:
        """Text inside ``<pre>``: its own line breaks and spaces are kept."""
        if not text:
            return
        for index, piece in enumerate(text.split("\n")):
            if index:
                self.add_line_break()
            if piece.strip():
                self._start_line_if_pending()
                self.line.append(piece)

    def _start_line_if_pending(self) -> None:
        if not self.pending:
            return
        self._end_line()
        if self.pending == _BLANK_LINE and self.lines and self.lines[-1]:
            self.lines.append("")
        self.pending = _NO_BREAK

    def _end_line(self) -> None:
        text = "".join(self.line).rstrip()
        if text:
            self.lines.append(text)
        self.line = []

    def result(self) -> str:
        self._end_line()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines)


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _parse(html: str) -> lxml.html.HtmlElement | None:
    body = html.strip().replace("\x00", "").encode("utf-8", "replace")
    if not body:
        return None
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, recover=True, huge_tree=True
    )
    try:
        root: lxml.html.HtmlElement | None = lxml.etree.fromstring(body, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None
    return root


def _break_level(tag: str) -> int:
    if tag in _PARAGRAPH_TAGS:
        return _BLANK_LINE
    if tag in _LINE_TAGS:
        return _LINE
    return _NO_BREAK


def visible_text(html: str, *, html_text_compat: bool = False) -> str:
    """The page's visible text, one block per line, a blank line between paragraphs.

    Never raises on bad markup; an empty or unparsable page gives "".
    """
    root = _parse(html)
    if root is None:
        return ""
    skipped_tags = _ALWAYS_SKIPPED if html_text_compat else _ALWAYS_SKIPPED | _NOT_RENDERED
    builder = _TextBuilder()
    preformatted = 0
    # iterwalk still reports the end of a skipped element, right after its start.
    just_skipped = False
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in skipped_tags or (not html_text_compat and _is_hidden(element)):
                walker.skip_subtree()
                just_skipped = True
                continue
            builder.add_break(_break_level(tag))
            if tag == "br":
                builder.add_line_break()
            elif tag in _CELL_TAGS:
                builder.add_cell_separator()
            preformatted += tag in _PREFORMATTED_TAGS
            text = element.text
        else:
            if just_skipped:
                just_skipped = False
            else:
                preformatted -= tag in _PREFORMATTED_TAGS
                builder.add_break(_break_level(tag))
            text = element.tail
        if preformatted:
            builder.add_preformatted(text)
        else:
            builder.add_text(text)
    return builder.result()
