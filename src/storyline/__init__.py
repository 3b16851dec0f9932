"""storyline: turn a pile of news articles into cited, cross-checked story briefs."""

from __future__ import annotations

import logging

from .errors import InputError, StorylineError, UsageError
from .settings import Settings
from .types import Article, Rejection, Sentence

__version__ = "0.1.0"
__all__ = [
    "Article",
    "InputError",
    "Rejection",
    "Sentence",
    "Settings",
    "StorylineError",
    "UsageError",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
