"""The local web page over a storyline store: story list, briefs, articles, search, JSON.

Routes are thin (parse -> read the store -> template); the app opens the store once, as
a reader, and never writes.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
