"""Other ways of turning an HTML page into plain text, for measuring the plain path.

Our plain-path input is always ``storyline.evaluation.visible_text`` (blank lines around
paragraphs, one line per block). Text from elsewhere was rendered by something else; each
renderer here stands in for one such source, so ``extraction_sets.py --render NAME``
can score the cleaner on input it was not built on. Renderers other than ours and the two
reshapings of ours need the ``[bench]`` extra (``pip install -e '.[bench]'``).

  ours        visible_text(html): our renderer
  html2text   html2text, links and images dropped, hard-wrapped at its default 78 columns
  inscriptis  inscriptis.get_text: layout-aware, tables and indents laid out
  html-text   html_text.extract_text (the library our renderer follows; keeps <head>)
  bs4         BeautifulSoup(html, "lxml").get_text("\\n"): one line per text node
  wrap72      ours, every paragraph hard-wrapped at 72 columns
  noblank     ours, blank lines removed (one line per block)
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

RENDERINGS = ("ours", "html2text", "inscriptis", "html-text", "bs4", "wrap72", "noblank")

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _ours(html: str) -> str:
    from storyline.evaluation.visible_text import visible_text

    return visible_text(html)


def _html2text(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    return converter.handle(html)


def _inscriptis(html: str) -> str:
    from inscriptis import get_text

    html = _XML_DECLARATION.sub("", html)
    return get_text(html) if html.strip() else ""


def _html_text(html: str) -> str:
    import html_text

    return str(html_text.extract_text(_XML_DECLARATION.sub("", html)))


def _bs4(html: str) -> str:
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    soup = BeautifulSoup(_SCRIPTS.sub(" ", html), "lxml")
    return soup.get_text("\n")


def _wrap72(html: str) -> str:
    lines = _ours(html).splitlines()
    return "\n".join(textwrap.fill(line, 72) if line.strip() else "" for line in lines)


def _noblank(html: str) -> str:
    return "\n".join(line for line in _ours(html).splitlines() if line.strip())


def renderer(name: str) -> Callable[[str], str]:
    """The function that renders an HTML page as plain text under ``name``."""
    table: dict[str, Callable[[str], str]] = {
        "ours": _ours,
        "html2text": _html2text,
        "inscriptis": _inscriptis,
        "html-text": _html_text,
        "bs4": _bs4,
        "wrap72": _wrap72,
        "noblank": _noblank,
    }
    if name not in table:
        raise ValueError(f"unknown rendering {name!r}: one of {', '.join(RENDERINGS)}")
    render = table[name]

    def guarded(html: str) -> str:
        try:
            return render(html)
        except (ValueError, TypeError, AssertionError):  # a page the renderer cannot read
            return ""

    return guarded
