"""Plain text and HTML files: decoding, sniffing, and every per-file rejection."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from read_builders import SHARED, documents, rejections

from storyline.read import read_bytes, read_inputs
from storyline.settings import Settings
from storyline.types import RawDocument, Rejection

Write = Callable[[str, bytes | str], Path]

FRENCH = "Le président a déclaré lundi que l'économie était « forte » — “sans doute”.\n"


def read_one(path: Path, settings: Settings) -> RawDocument | Rejection:
    items = list(read_inputs([str(path)], settings))
    assert len(items) == 1, items
    return items[0]


def test_utf8_text_file(write: Write, settings: Settings) -> None:
    path = write("a.txt", "Made-up text: café, naïve, Zürich.\n")
    doc = read_one(path, settings)
    assert isinstance(doc, RawDocument)
    assert doc.content == "Made-up text: café, naïve, Zürich.\n"
    assert doc.kind == "text"
    assert doc.encoding == "utf-8"
    assert doc.provenance.source_path == str(path)
    assert doc.id is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_text_is_decoded_and_encoding_recorded(
    write: Write, settings: Settings, encoding: str
) -> None:
    text = FRENCH if encoding == "cp1252" else FRENCH.replace("—", "-").replace("“", '"')
    text = text.replace("”", '"')
    path = write("legacy.txt", text.encode(encoding))
    doc = read_one(path, settings)
    assert isinstance(doc, RawDocument)
    assert doc.content == text
    assert doc.encoding is not None
    assert path.read_bytes().decode(doc.encoding) == doc.content


@pytest.mark.parametrize(
    ("codec", "recorded"),
    [("utf-16", "utf-16"), ("utf-16-be", "utf-16"), ("utf-32", "utf-32"), ("utf-8-sig", None)],
)
def test_byte_order_marks_are_honoured(
    write: Write, settings: Settings, codec: str, recorded: str | None
) -> None:
    data = FRENCH.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read_one(write("bom.txt", data), settings)
    assert isinstance(doc, RawDocument)
    assert doc.content == FRENCH
    assert doc.encoding == (recorded or "utf-8-sig")


def test_cyrillic_legacy_charset_is_detected(write: Write, settings: Settings) -> None:
    text = "Президент заявил в понедельник, что экономика страны остаётся сильной.\n" * 3
    doc = read_one(write("ru.txt", text.encode("cp1251")), settings)
    assert isinstance(doc, RawDocument)
    assert doc.content == text
    assert doc.encoding == "cp1251"


def test_html_by_extension_and_by_sniffing(write: Write, settings: Settings) -> None:
    page = "<!DOCTYPE html><html><body><p>Made-up page.</p></body></html>"
    for name in ("page.html", "page.htm", "page.txt", "page.unknownext", "noextension"):
        doc = read_one(write(name, page), settings)
        assert isinstance(doc, RawDocument), name
        assert doc.kind == "html", name
    fragment = read_one(write("frag.html", "just words, no tags"), settings)
    assert isinstance(fragment, RawDocument)
    assert fragment.kind == "html"
    upper = read_one(write("upper.txt", "  \n<HTML><body>x</body></HTML>"), settings)
    assert isinstance(upper, RawDocument)
    assert upper.kind == "html"


def test_html_meta_charset_is_honoured(write: Write, settings: Settings) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body><p>Кремль заявил в понедельник.</p></body></html>"
    )
    doc = read_one(write("koi.html", page.encode("koi8-r")), settings)
    assert isinstance(doc, RawDocument)
    assert doc.content == page
    assert doc.encoding == "koi8-r"


def test_unknown_extension_that_is_text_is_read_as_text(write: Write, settings: Settings) -> None:
    doc = read_one(write("notes.story", "A made-up story in plain text.\n"), settings)
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_files_are_rejected(
    write: Write, settings: Settings, content: bytes
) -> None:
    rejection = read_one(write("empty.txt", content), settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "empty"
    assert rejection.stage == "ingest"


def test_whitespace_only_utf16_is_empty(write: Write, settings: Settings) -> None:
    rejection = read_one(write("blank16.txt", "  \n ".encode("utf-16")), settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "empty"


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text with a \x00 NUL", bytes(range(1, 9)) * 20],
)
def test_binary_files_are_rejected(write: Write, settings: Settings, content: bytes) -> None:
    rejection = read_one(write("data.dat", content), settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "binary"


def test_nul_byte_offset_is_reported(write: Write, settings: Settings) -> None:
    rejection = read_one(write("nul.txt", b"hello\x00world"), settings)
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.offset) == ("binary", 5)


def test_mostly_utf8_keeps_utf8_and_records_the_replaced_bytes(
    write: Write, settings: Settings
) -> None:
    good = ("Le président a déclaré que l'économie était forte. " * 4).encode("utf-8")
    doc = read_one(write("mixed.txt", good + b"Stray \x92 quote."), settings)
    assert isinstance(doc, RawDocument)
    assert doc.content == good.decode() + "Stray \ufffd quote."
    where = doc.provenance
    assert (where.encoding, where.encoding_evidence) == ("utf-8", "mostly-utf-8")
    assert (where.replaced_bytes, where.first_replaced) == (1, len(good) + len(b"Stray "))


def test_bytes_no_charset_fits_are_undecodable(settings: Settings) -> None:
    (rejection,) = read_bytes(bytes(range(0x80, 0x100)) * 3, "odd.txt", settings)
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.offset) == ("undecodable", 0)


def test_missing_path_is_not_found(tmp_path: Path, settings: Settings) -> None:
    rejection = read_one(tmp_path / "nope.txt", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "not-found"
    assert rejection.source_path == str(tmp_path / "nope.txt")


def test_huge_sparse_file_is_rejected_without_reading(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    rejection = read_one(path, settings)
    assert time.perf_counter() - started < 1.0
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too-large"
    assert "104,857,600 bytes" in rejection.message
    assert "10,000,000-byte limit" in rejection.message
    assert "STORYLINE_MAX_DOCUMENT_BYTES" in rejection.message


def test_text_over_a_small_limit_is_too_large(write: Write) -> None:
    path = write("long.txt", "A made-up sentence that goes on. " * 10)
    rejection = read_one(path, Settings(max_document_bytes=100))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too-large"
    assert "330 bytes" in rejection.message
    fits = read_one(path, Settings(max_document_bytes=330))
    assert isinstance(fits, RawDocument)


def test_unsupported_extension(write: Write, settings: Settings) -> None:
    rejection = read_one(write("report.pdf", b"%PDF-1.7 made up"), settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unsupported"
    assert ".pdf" in rejection.message


@pytest.mark.skipif(not hasattr(Path, "chmod"), reason="no chmod")
def test_unreadable_file(write: Write, settings: Settings) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = write("secret.txt", "made up")
    path.chmod(0)
    try:
        rejection = read_one(path, settings)
    finally:
        path.chmod(0o644)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unreadable"


def test_gzip_text_is_dispatched_on_the_inner_name(write: Write, settings: Settings) -> None:
    page = "<html><body><p>Made-up page.</p></body></html>"
    doc = read_one(write("page.html.gz", gzip.compress(page.encode())), settings)
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content) == ("html", page)
    text = read_one(write("note.txt.gz", gzip.compress(FRENCH.encode("cp1252"))), settings)
    assert isinstance(text, RawDocument)
    assert text.content == FRENCH


def test_truncated_gzip_is_rejected(write: Write, settings: Settings) -> None:
    body = " ".join(f"word{i}" for i in range(5000)).encode()
    data = gzip.compress(body)
    rejection = read_one(write("cut.txt.gz", data[: len(data) // 2]), settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "truncated"
    assert rejection.offset == len(data) // 2


def test_corrupt_gzip_is_undecodable(write: Write, settings: Settings) -> None:
    rejection = read_one(write("bad.txt.gz", b"\x1f\x8b\x08\x00garbage-not-deflate"), settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason in {"undecodable", "truncated"}
    not_gzip = read_one(write("plain.txt.gz", b"not gzip at all"), settings)
    assert isinstance(not_gzip, Rejection)
    assert not_gzip.reason == "undecodable"


def test_gzip_over_the_limit_after_decompressing(write: Write) -> None:
    data = gzip.compress(b"a few words " * 10_000)
    rejection = read_one(write("bomb.txt.gz", data), Settings(max_document_bytes=1000))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too-large"
    assert "decompressed" in rejection.message


def test_seed_articles_are_read(settings: Settings) -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    items = list(read_inputs([str(seeds)], settings))
    assert rejections(items) == []
    docs = documents(items)
    assert len(docs) == len(list(seeds.glob("*.txt")))
    assert all(doc.kind == "text" and doc.encoding == "utf-8" for doc in docs)
    assert [doc.provenance.source_path for doc in docs] == sorted(
        str(seeds / path.name) for path in seeds.glob("*.txt")
    )
