"""WARC: HTML responses become articles with URL, fetch time and byte offset."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from read_builders import Response, article_html, build_warc, documents, rejections
from warcio.archiveiterator import ArchiveIterator

from storyline.read import read_bytes, read_inputs
from storyline.read.warc import read_warc
from storyline.settings import Settings
from storyline.types import RawDocument, Rejection

Write = Callable[[str, bytes | str], Path]

MIXED = [
    Response("https://example.org/one", article_html(1).encode()),
    Response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
    Response("https://example.org/missing", b"<html>gone</html>", status="404 Not Found"),
    Response(
        "https://example.org/two",
        article_html(2).replace("article 2", "artículo 2").encode("latin-1"),
        content_type="text/html; charset=ISO-8859-1",
    ),
    Response("https://example.org/meta", b"made-up metadata", "text/plain", record_type="metadata"),
    Response(
        "https://example.org/three",
        article_html(3).encode(),
        content_type="application/xhtml+xml",
    ),
]


def offsets(data: bytes) -> dict[str, int]:
    found = {}
    iterator = ArchiveIterator(io.BytesIO(data))
    for record in iterator:
        found[record.rec_headers.get_header("WARC-Target-URI")] = iterator.get_record_offset()
    return found


@pytest.mark.parametrize("compressed", [False, True])
def test_html_responses_become_documents(
    write: Write, settings: Settings, compressed: bool
) -> None:
    data = build_warc(MIXED, gzip=compressed)
    path = write("crawl.warc.gz" if compressed else "crawl.warc", data)
    items = list(read_inputs([str(path)], settings))
    assert rejections(items) == []
    docs = documents(items)
    assert [doc.provenance.url for doc in docs] == [
        "https://example.org/one",
        "https://example.org/two",
        "https://example.org/three",
    ]
    expected = offsets(data)
    for doc in docs:
        assert doc.kind == "html"
        assert doc.provenance.source_path == str(path)
        assert doc.provenance.offset == expected[doc.provenance.url or ""]
        assert doc.provenance.fetched is not None and doc.provenance.fetched.endswith("Z")
    assert docs[0].content == article_html(1)
    assert "artículo 2" in docs[1].content
    assert docs[1].encoding == "cp1252"


def test_offset_finds_the_record_again(settings: Settings) -> None:
    data = build_warc(MIXED, gzip=True)
    for doc in documents(list(read_bytes(data, "c.warc.gz", settings))):
        record = next(iter(ArchiveIterator(io.BytesIO(data[doc.provenance.offset or 0 :]))))
        assert record.rec_headers.get_header("WARC-Target-URI") == doc.provenance.url


def test_truncated_warc_gz_yields_records_so_far_then_truncated(
    write: Write, settings: Settings
) -> None:
    records = [Response(f"https://example.org/{i}", article_html(i).encode()) for i in range(4)]
    data = build_warc(records, gzip=True)
    starts = sorted(offsets(data).values())
    cut = (starts[3] + len(data)) // 2
    items = list(read_inputs([str(write("cut.warc.gz", data[:cut]))], settings))
    assert [doc.provenance.url for doc in documents(items)] == [
        "https://example.org/0",
        "https://example.org/1",
        "https://example.org/2",
    ]
    (rejection,) = rejections(items)
    assert rejection.reason == "truncated"
    assert rejection.offset == starts[3]
    assert f"offset {starts[3]:,}" in rejection.message
    assert items[-1] is rejection


@pytest.mark.parametrize("compressed", [False, True])
def test_every_cut_point_reads_whole_records_then_reports_the_cut(
    settings: Settings, compressed: bool
) -> None:
    records = [
        Response(f"https://example.org/{i}", f"<p>made up {i}</p>".encode()) for i in range(3)
    ]
    data = build_warc(records, gzip=compressed)
    boundaries = sorted([*offsets(data).values(), len(data)])
    for cut in range(1, len(data)):
        items = list(read_bytes(data[:cut], "cut.warc.gz", settings))
        docs = documents(items)
        # Whole records only (a gzip member cut in its 8-byte trailer still holds all of
        # its record), in order, and a cut anywhere but a record boundary is reported.
        assert [(doc.provenance.url, doc.content) for doc in docs] == [
            (f"https://example.org/{i}", f"<p>made up {i}</p>") for i in range(len(docs))
        ], cut
        if not any(0 <= start - cut <= 4 for start in boundaries):
            assert [r.reason for r in rejections(items)] == ["truncated"], (cut, items)


def test_too_large_record_is_rejected_and_others_continue(settings: Settings) -> None:
    records = [
        Response("https://example.org/small", b"<p>small made-up page</p>"),
        Response("https://example.org/big", b"<p>" + b"big " * 5000 + b"</p>"),
        Response("https://example.org/after", b"<p>after</p>"),
    ]
    data = build_warc(records, gzip=True)
    items = list(read_bytes(data, "x.warc.gz", Settings(max_document_bytes=1000)))
    assert [getattr(item, "reason", "doc") for item in items] == ["doc", "too-large", "doc"]
    assert isinstance(items[1], Rejection)
    assert items[1].offset == offsets(data)["https://example.org/big"]


def test_empty_html_payload_and_binary_payload(settings: Settings) -> None:
    records = [
        Response("https://example.org/blank", b"  "),
        Response("https://example.org/bin", b"\x00\x01\x02 binary"),
    ]
    items = list(read_bytes(build_warc(records, gzip=False), "x.warc", settings))
    assert [getattr(item, "reason", "doc") for item in items] == ["empty", "binary"]
    assert all(isinstance(item, Rejection) and item.offset is not None for item in items)


def test_warc_without_html_is_reported_empty(settings: Settings) -> None:
    data = build_warc([Response("https://example.org/a.png", b"\x89PNG", "image/png")], gzip=True)
    (rejection,) = read_bytes(data, "x.warc.gz", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "empty"


def test_not_a_warc(settings: Settings) -> None:
    for name, data in [("x.warc", b"plain made-up text\n"), ("x.warc.gz", gzip.compress(b"hi"))]:
        (rejection,) = read_bytes(data, name, settings)
        assert isinstance(rejection, Rejection)
        assert rejection.reason == "bad-record"


def test_whole_file_gzip_is_unsupported_after_first_record(settings: Settings) -> None:
    records = [Response(f"https://example.org/{i}", b"<p>made up</p>") for i in range(3)]
    data = gzip.compress(build_warc(records, gzip=False))
    *docs, last = read_bytes(data, "x.warc.gz", settings)
    assert [doc.provenance.url for doc in documents(docs)] == ["https://example.org/0"]
    assert isinstance(last, Rejection)
    assert last.reason == "unsupported"
    assert "warcio recompress" in last.message


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_on_stdin_is_sniffed(settings: Settings, compressed: bool) -> None:
    data = build_warc(MIXED, gzip=compressed)
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(data)))
    docs = documents(items)
    assert len(docs) == 3
    assert [doc.provenance.offset for doc in docs] == [
        offsets(data)[doc.provenance.url or ""] for doc in docs
    ]


def test_big_warc_is_streamed(settings: Settings) -> None:
    records = [Response(f"https://example.org/{i}", article_html(i).encode()) for i in range(60)]
    data = build_warc(records, gzip=True)
    small = Settings(max_document_bytes=5000)
    assert len(data) > small.max_document_bytes
    docs = documents(list(read_warc(io.BytesIO(data), "s.warc.gz", small)))
    assert len(docs) == 60


def test_raw_document_fields(settings: Settings) -> None:
    data = build_warc(MIXED[:1], gzip=False)
    (doc,) = read_bytes(data, "one.warc", settings)
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.title, doc.published, doc.outlet, doc.byline) == (None,) * 5
    assert doc.provenance.line is None
