"""Pages from Jinja templates (autoescape on), each with its Content-Security-Policy.

The loader reads this package's templates first, then the renderer's, so the story page
includes ``brief_body.html`` exactly as ``storyline brief --format html`` draws it. The
style sheet and script are files (``/static/``), so a page cached for many responses
needs no inline code; a page rendered per response may still carry inline code with
the nonce made for it.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from fastapi.responses import HTMLResponse

from .views import id_path

NO_SCRIPT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
"""The policy of every response that is not a page (JSON, errors before a page exists)."""


def page_policy(nonce: str | None = None) -> str:
    """The Content-Security-Policy of a page: this origin only (no inline code, but for
    inline code carrying ``nonce`` when given)."""
    inline = f" 'nonce-{nonce}'" if nonce else ""
    return (
        f"default-src 'self'; script-src 'self'{inline}; "
        f"style-src 'self'{inline}; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


STATIC_FILES = {"style.css": "text/css", "citations.js": "text/javascript"}
"""The files under ``/static/`` (from this package's templates), with their types."""


@cache
def static_file(name: str) -> tuple[bytes, str]:
    """A static file's bytes and its version (a hash of them, for ``?v=`` and the ETag)."""
    data = (resources.files("storyline.web") / "templates" / name).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:12]


@cache
def templates_version() -> str:
    """A hash of every template and static file and of storyline's version: part of every
    cached page's ETag, so an upgrade never answers 304 with an old page."""
    from .. import __version__

    digest = hashlib.sha256(__version__.encode())
    for package in ("storyline.web", "storyline.render"):
        folder = resources.files(package) / "templates"
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_file():
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


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
    environment.globals["asset"] = lambda name: f"/static/{name}?v={static_file(name)[1]}"
    return environment


def render_html(template: str, *, nonce: str | None = None, **context: Any) -> str:
    """The page ``template`` draws from ``context`` (``nonce``: for inline code, if any)."""
    return template_environment().get_template(template).render(nonce=nonce, **context)


def render_page(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A page rendered for this one response, with a fresh nonce for any inline code."""
    nonce = secrets.token_urlsafe(16)
    html = render_html(template, nonce=nonce, **context)
    return HTMLResponse(
        html, status_code=status, headers={"Content-Security-Policy": page_policy(nonce)}
    )
