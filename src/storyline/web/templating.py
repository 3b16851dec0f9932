"""Pages from Jinja templates (autoescape on), each with its own Content-Security-Policy.

The loader reads this package's templates first, then the renderer's, so the story page
includes ``brief_body.html`` exactly as ``storyline brief --format html`` draws it.
Inline ``<style>`` and ``<script>`` run only with the nonce made for that response.
"""

from __future__ import annotations

import secrets
from functools import cache
from typing import Any

import jinja2
from fastapi.responses import HTMLResponse

from .views import id_path

NO_SCRIPT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
"""The policy of every response that is not a page (JSON, errors before a page exists)."""


def page_policy(nonce: str) -> str:
    """The Content-Security-Policy of a page: this origin only, inline code by nonce."""
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
        f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


@cache
def template_environment() -> jinja2.Environment:
    """The web templates, then the renderer's (autoescape on, undefined is an error)."""
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("storyline.web", "templates"),
                jinja2.PackageLoader("storyline.render", "templates"),
            ]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["id_path"] = id_path
    return environment


def render_page(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template`` with a fresh nonce for its inline style and script."""
    nonce = secrets.token_urlsafe(16)
    html = template_environment().get_template(template).render(nonce=nonce, **context)
    return HTMLResponse(
        html, status_code=status, headers={"Content-Security-Policy": page_policy(nonce)}
    )
