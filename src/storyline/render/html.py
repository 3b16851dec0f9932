"""A brief as HTML, from Jinja templates with autoescaping on.

``templates/brief_body.html`` is one brief without a page around it (for the web app to
include); ``templates/brief_page.html`` is a standalone page (inline CSS, no external
resources) holding one or more bodies. Article-derived text is never marked safe: the
templates receive plain strings and escape them. Each citation is a numbered link to
the Sources list carrying ``data-article``, ``data-start``, ``data-end`` and, as its
``title``, the cited text, which is the article's cleaned text sliced at those offsets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import jinja2

from .brief import brief_view

__all__ = ["brief_to_html", "briefs_to_html", "template_environment"]


@cache
def template_environment() -> jinja2.Environment:
    """The Jinja environment of storyline's templates (autoescape on, undefined is an error)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def brief_to_html(
    brief: Mapping[str, Any],
    *,
    standalone: bool = True,
    texts: Mapping[str, str] | None = None,
) -> str:
    """One brief: a whole page, or (``standalone=False``) just its ``<article>`` body.

    ``texts`` (article id -> cleaned text) is optional: citation titles are then sliced
    from it rather than taken from the spans the brief quotes.
    """
    if standalone:
        return briefs_to_html([brief], texts=texts)
    template = template_environment().get_template("brief_body.html")
    return template.render(view=brief_view(brief, texts=texts))


def briefs_to_html(
    briefs: Sequence[Mapping[str, Any]], *, texts: Mapping[str, str] | None = None
) -> str:
    """One standalone page with every brief's body (ids prefixed per story when several)."""
    several = len(briefs) > 1
    views = [
        brief_view(b, anchor=f"{b['story_id']}-" if several else "", texts=texts) for b in briefs
    ]
    if len(views) == 1:
        title = views[0]["headline"] or f"Story {views[0]['story_id']}"
    else:
        title = f"{len(views)} stories"
    template = template_environment().get_template("brief_page.html")
    return template.render(views=views, title=title)
