"""The pipeline keeps going when one document fails, and says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import pipeline
from storyline.api import clean_articles
from storyline.errors import UsageError
from storyline.settings import Settings
from storyline.types import RawDocument


def test_failure_in_one_document_becomes_a_rejection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = "A plain article with enough words in it to survive the cleaning stage. " * 3
    (tmp_path / "a.txt").write_text(good, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Another article. " + good, encoding="utf-8")
    real = pipeline.clean_document

    def flaky(raw: RawDocument, settings: object) -> object:
        if raw.provenance.source_path.endswith("a.txt"):
            raise ValueError("odd page")
        return real(raw, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "clean_document", flaky)
    run = clean_articles([str(tmp_path)])
    articles = list(run.articles)
    assert [Path(a.source_path).name for a in articles] == ["b.txt"]
    [rejection] = run.summary.rejections
    assert rejection.reason == "clean-failed"
    assert "ValueError: odd page" in rejection.message
    assert run.summary.line() == "1 article; skipped 1 (1 clean-failed)"


def test_identical_content_gets_distinct_ids(tmp_path: Path) -> None:
    text = "The same wire copy, word for word, published by two different outlets today."
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_text(text, encoding="utf-8")
    ids = [a.id for a in clean_articles([str(tmp_path)]).articles]
    assert len(ids) == 2
    assert len(set(ids)) == 2
    assert ids[1].startswith(ids[0])  # the content id, suffixed by provenance


def test_two_jobs_give_the_same_articles_in_the_same_order(seeds_dir: Path) -> None:
    one = list(clean_articles([str(seeds_dir)]).articles)
    run = clean_articles([str(seeds_dir), "missing.txt"], settings=Settings(jobs=2))
    two = list(run.articles)
    assert [a.id for a in two] == [a.id for a in one]
    assert [a.text for a in two] == [a.text for a in one]
    assert [r.reason for r in run.summary.rejections] == ["not-found"]


def test_bad_settings_are_usage_errors() -> None:
    with pytest.raises(UsageError):
        Settings(jobs=-1)
    with pytest.raises(UsageError):
        Settings(min_words=-1)


def test_jobs_zero_means_one_process_per_core() -> None:
    assert Settings(jobs=3).workers == 3
    assert 1 <= Settings().workers <= 4
