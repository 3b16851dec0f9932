"""Fixtures for the fetch tests: a loopback server (127.0.0.1 only) and a news site on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_loopback import Loopback
from fetch_site import NewsSite, build_site


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    yield server
    server.close()


@pytest.fixture
def news_site(loopback: Loopback, seeds_dir: Path) -> NewsSite:
    return build_site(loopback, seeds_dir)
