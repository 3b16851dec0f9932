"""Format choice by name and by content, and the decoder's charset order."""

from __future__ import annotations

import gzip

import pytest

from storyline.errors import InputError
from storyline.read.decode import decode
from storyline.read.sniff import format_from_name, sniff, sniff_gzip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("A.HTML", "html"),
        ("a.htm", "html"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.json", "json"),
        ("a.warc", "warc"),
        ("CC-NEWS-2024.warc.gz", "warc"),
        ("a.jsonl.gz", "gzip"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.xml", "xml"),
        ("a.docx", "unsupported"),
        ("a.story", None),
        ("README", None),
        (".hidden", None),
        ("", None),
    ],
)
def test_format_from_name(name: str, expected: str | None) -> None:
    assert format_from_name(name) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"WARC/1.1\r\n", "warc"),
        (b'\n  {"text": "x"}', "jsonl"),
        (b"\xef\xbb\xbf[1]", "json"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"<!-- c --><html lang=en>", "html"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        (b'<?xml version="1.0"?><catalog/>', "xml"),
        ("<html><body>x</body></html>".encode("utf-16"), "html"),
        (b"<p>a paragraph in a text file</p>", "text"),
        (b"Just words.", "text"),
        (b"", "text"),
    ],
)
def test_sniff(head: bytes, expected: str) -> None:
    assert sniff(head) == expected


def test_sniff_gzip_looks_inside() -> None:
    assert sniff_gzip(gzip.compress(b"WARC/1.0\r\n")) == "warc"
    assert sniff_gzip(gzip.compress(b'{"text": 1}')) == "jsonl"
    assert sniff_gzip(gzip.compress(gzip.compress(b"x"))) == "gzip"
    assert sniff_gzip(b"\x1f\x8b junk") == "text"


def test_utf8_wins_over_a_wrong_declared_charset() -> None:
    data = "Zürich café".encode()
    assert decode(data, declared="iso-8859-1").encoding == "utf-8"


def test_declared_charset_is_used_when_utf8_fails() -> None:
    data = "Кремль заявил".encode("koi8-r")
    decoded = decode(data, declared="KOI8-R")
    assert (decoded.text, decoded.encoding) == ("Кремль заявил", "koi8-r")


def test_latin1_label_means_windows_1252() -> None:
    decoded = decode("“quoted” café".encode("cp1252"), declared="ISO-8859-1")
    assert (decoded.text, decoded.encoding) == ("“quoted” café", "cp1252")


def test_unknown_and_utf16_labels_are_ignored() -> None:
    data = "café crème brûlée".encode("cp1252")
    for label in ("no-such-charset", "utf-16"):
        assert decode(data, declared=label).text == "café crème brûlée"


def test_utf16_with_a_bad_tail_is_undecodable() -> None:
    with pytest.raises(InputError) as info:
        decode("made up".encode("utf-16") + b"\x00")
    assert info.value.code == "undecodable"
