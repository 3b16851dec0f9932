"""Shared fixtures: where ../shared lives, and the seed articles (read, never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = shared_dir() / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path}")
    return path
