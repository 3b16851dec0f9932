"""Fixtures of the web tests: one real store per session, one app client per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_builders import WebStore, build_web_store

from storyline.web import create_app


@pytest.fixture(scope="session")
def web_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> WebStore:
    """The seeds and the hostile articles, briefed and stored once (about ten seconds)."""
    return build_web_store(seeds_dir, tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(web_store: WebStore) -> Iterator[TestClient]:
    with TestClient(create_app(web_store.path)) as test_client:
        yield test_client
