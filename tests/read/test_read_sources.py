"""Paths: directories walked in sorted order, hidden entries skipped, stdin, bad paths."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from read_builders import documents, rejections

from storyline.read import read_inputs
from storyline.settings import Settings
from storyline.types import RawDocument, Rejection

Write = Callable[[str, bytes | str], Path]


def test_directory_is_walked_recursively_in_sorted_order(
    tmp_path: Path, write: Write, settings: Settings
) -> None:
    write("corpus/b.txt", "made-up b")
    write("corpus/a/z.txt", "made-up a/z")
    write("corpus/a/deeper/y.html", "<html><body>made-up y</body></html>")
    write("corpus/a.txt", "made-up a.txt")
    write("corpus/c/records.jsonl", '{"text": "made-up line one"}\n{"text": "line two"}\n')
    write("corpus/.hidden.txt", "hidden file")
    write("corpus/.git/config.txt", "hidden directory")
    write("corpus/c/.DS_Store", b"\x00\x00\x00\x01Bud1")
    given = str(tmp_path / "corpus")
    items = list(read_inputs([given], settings))
    assert rejections(items) == []
    paths = [(doc.provenance.source_path, doc.provenance.line) for doc in documents(items)]
    assert paths == [
        (os.path.join(given, "a", "deeper", "y.html"), None),
        (os.path.join(given, "a", "z.txt"), None),
        (os.path.join(given, "a.txt"), None),
        (os.path.join(given, "b.txt"), None),
        (os.path.join(given, "c", "records.jsonl"), 1),
        (os.path.join(given, "c", "records.jsonl"), 2),
    ]


def test_source_path_keeps_the_directory_as_given(
    tmp_path: Path, write: Write, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("data/sub/x.txt", "made up")
    monkeypatch.chdir(tmp_path)
    for given, expected in [("data", "data/sub/x.txt"), ("data/", "data/sub/x.txt")]:
        (doc,) = read_inputs([given], settings)
        assert isinstance(doc, RawDocument)
        assert doc.provenance.source_path == expected
    (doc,) = read_inputs(["./data/sub/x.txt"], settings)
    assert isinstance(doc, RawDocument)
    assert doc.provenance.source_path == "./data/sub/x.txt"


def test_inputs_keep_command_line_order_and_report_missing_paths(
    tmp_path: Path, write: Write, settings: Settings
) -> None:
    second = write("2.txt", "second")
    first = write("1.txt", "first")
    missing = tmp_path / "missing.txt"
    items = list(read_inputs([str(second), str(missing), str(first)], settings))
    assert [type(item) for item in items] == [RawDocument, Rejection, RawDocument]
    assert isinstance(items[1], Rejection)
    assert items[1].reason == "not-found"
    assert items[1].source_path == str(missing)


def test_empty_directory_yields_nothing(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "empty").mkdir()
    assert list(read_inputs([str(tmp_path / "empty")], settings)) == []


def test_broken_symlink_and_symlink_loop(tmp_path: Path, write: Write, settings: Settings) -> None:
    write("tree/real.txt", "made up")
    (tmp_path / "tree" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "tree" / "loop").symlink_to(tmp_path / "tree")
    items = list(read_inputs([str(tmp_path / "tree")], settings))
    reasons = {Path(item.source_path).name: item.reason for item in rejections(items)}
    assert reasons == {"dangling.txt": "not-found", "loop": "unsupported"}
    assert len(documents(items)) == 1


def test_symlinked_file_and_directory_are_followed(
    tmp_path: Path, write: Write, settings: Settings
) -> None:
    write("elsewhere/inner.txt", "made up inner")
    write("tree/plain.txt", "made up plain")
    (tmp_path / "tree" / "linked").symlink_to(tmp_path / "elsewhere")
    docs = documents(list(read_inputs([str(tmp_path / "tree")], settings)))
    assert [Path(doc.provenance.source_path).name for doc in docs] == ["inner.txt", "plain.txt"]


def test_special_file_in_directory_is_unsupported(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "dir").mkdir()
    os.mkfifo(tmp_path / "dir" / "pipe")
    (rejection,) = read_inputs([str(tmp_path / "dir")], settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unsupported"


@pytest.mark.parametrize(
    ("data", "kind", "count"),
    [
        (b"Made-up plain text from a pipe.\n", "text", 1),
        (b'\n  {"text": "one"}\n{"text": "two"}\n', "text", 2),
        (b"<!doctype html><html><body>made up</body></html>", "html", 1),
    ],
)
def test_stdin_is_sniffed(settings: Settings, data: bytes, kind: str, count: int) -> None:
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(data)))
    docs = documents(items)
    assert len(docs) == count == len(items)
    assert all(doc.kind == kind and doc.provenance.source_path == "<stdin>" for doc in docs)


class _Pipe(io.RawIOBase):
    """A non-seekable stream that returns at most a few bytes per read, like a pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), 7, len(self._data))
        buffer[:count] = self._data[:count]
        self._data = self._data[count:]
        return count


def test_stdin_that_cannot_seek(settings: Settings) -> None:
    lines = b"".join(b'{"id": "r%d", "text": "made-up record %d"}\n' % (i, i) for i in range(500))
    stdin = io.BufferedReader(_Pipe(lines), buffer_size=16)
    docs = documents(list(read_inputs(["-"], settings, stdin=stdin)))
    assert [doc.id for doc in docs] == [f"r{i}" for i in range(500)]
    assert docs[-1].provenance.line == 500


def test_empty_stdin(settings: Settings) -> None:
    (rejection,) = read_inputs(["-"], settings, stdin=io.BytesIO(b""))
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.source_path) == ("empty", "<stdin>")


def test_permission_error_is_unreadable(
    write: Write, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("locked.txt", "made up")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("storyline.read.dispatch.open", refuse, raising=False)
    (rejection,) = read_inputs([str(path)], settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unreadable"
    assert "permission denied" in rejection.message


def test_read_error_midway_is_unreadable(settings: Settings) -> None:
    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            raise OSError(5, "Input/output error")

    (rejection,) = read_inputs(["-"], settings, stdin=io.BufferedReader(Failing()))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unreadable"
