"""Property tests: no input bytes make ingest raise; what it yields is well formed."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from read_builders import Response, article_html, build_warc, documents

from storyline.errors import InputError
from storyline.read import REASONS, read_bytes
from storyline.read.decode import decode
from storyline.read.feed import read_feed
from storyline.read.gunzip import Gunzip
from storyline.read.jsonl import read_json, read_jsonl
from storyline.read.text import read_document
from storyline.read.warc import read_warc
from storyline.settings import Settings
from storyline.types import RawDocument, Rejection

SETTINGS = Settings(max_document_bytes=4000)
examples = hypothesis_settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

NAMES = [
    "a.txt",
    "a.html",
    "a.jsonl",
    "a.ndjson",
    "a.json",
    "a.warc",
    "a.warc.gz",
    "a.rss",
    "a.atom",
    "a.xml",
    "a.gz",
    "a.txt.gz",
    "a.jsonl.gz",
    "noextension",
    "a.unknown",
    "<stdin>",
    "a.pdf",
]

SAMPLES = [
    build_warc([Response("https://example.org/1", article_html(1, words=3).encode())], gzip=True),
    build_warc([Response("https://example.org/2", article_html(2, words=3).encode())], gzip=False),
    gzip.compress(b'{"text": "made up", "id": 1}\n{"html": "<p>x</p>"}\n'),
    b'{"text": "made up", "title": "t"}\n\n{"html": "<p>x</p>", "id": "a"}\n',
    b'<rss version="2.0"><channel><title>T</title><item><title>x</title>'
    b"<description>made-up &amp; text</description></item></channel></rss>",
    b"<!DOCTYPE html><html><head><meta charset=windows-1252></head><body>caf\xe9</body></html>",
    "Made-up text, naïve café.\n".encode("utf-16"),
    "Made-up text, naïve café.\n".encode("cp1252"),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid sample with a slice replaced by arbitrary bytes (cuts, splices, garbage)."""
    sample = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, len(sample)))
    end = draw(st.integers(start, len(sample)))
    return sample[:start] + draw(st.binary(max_size=16)) + sample[end:]


inputs = st.one_of(
    st.binary(max_size=3000),
    mutated(),
    st.text(max_size=500).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


def check(items: list[RawDocument | Rejection], source_path: str) -> None:
    """Everything yielded is a well-formed RawDocument or ingest Rejection."""
    for item in items:
        if isinstance(item, Rejection):
            assert item.stage == "ingest"
            assert item.reason in REASONS
            assert item.message and item.source_path == source_path
        else:
            assert isinstance(item, RawDocument)
            assert item.kind in {"text", "html"}
            assert item.content.strip()
            item.content.encode("utf-8")  # no lone surrogates
            assert item.provenance.source_path == source_path


@pytest.mark.parametrize("name", NAMES)
@examples
@given(data=inputs)
def test_read_bytes_never_raises(name: str, data: bytes) -> None:
    items = list(read_bytes(data, name, SETTINGS))
    check(items, name)
    plain = name in {"a.txt", "a.html"} and not data.startswith(b"\x1f\x8b")
    for doc in documents(items):
        replaced = doc.provenance.encoding_evidence == "mostly-utf-8"
        assert replaced == (doc.provenance.replaced_bytes > 0)
        if plain and doc.encoding is not None:
            assert data.decode(doc.encoding, "replace" if replaced else "strict") == doc.content


@examples
@given(data=inputs)
def test_decode_raises_only_input_errors(data: bytes) -> None:
    for html in (False, True):
        try:
            decoded = decode(data, html=html, declared="iso-8859-1")
        except InputError as err:
            assert err.code in {"binary", "undecodable"}
        else:
            assert data.decode(decoded.encoding) == decoded.text


@examples
@given(data=inputs)
def test_readers_never_raise(data: bytes) -> None:
    check(list(read_jsonl(io.BytesIO(data), "r", SETTINGS)), "r")
    check(list(read_json(io.BytesIO(data), "r", SETTINGS)), "r")
    check(list(read_warc(io.BytesIO(data), "r", SETTINGS)), "r")
    check(list(read_feed(io.BytesIO(data), "r", SETTINGS)), "r")
    check(list(read_document(io.BytesIO(data), "r", SETTINGS, kind="html")), "r")


@examples
@given(data=inputs)
def test_gunzip_never_raises(data: bytes) -> None:
    stream = Gunzip(io.BytesIO(data))
    out = io.BufferedReader(stream).read()
    if stream.error is None and not stream.truncated:
        assert out == gzip.decompress(data)


@examples
@given(text=st.text(min_size=1, max_size=300))
def test_gzip_gives_the_same_document(text: str) -> None:
    data = text.encode("utf-8")
    plain = list(read_bytes(data, "x.txt", SETTINGS))
    packed = list(read_bytes(gzip.compress(data), "x.txt.gz", SETTINGS))
    assert [getattr(item, "content", None) for item in plain] == [
        getattr(item, "content", None) for item in packed
    ]
    assert [getattr(item, "reason", None) for item in plain] == [
        getattr(item, "reason", None) for item in packed
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
records = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=40).filter(str.strip)},
    optional={"title": st.text(max_size=10), "id": st.text(min_size=1, max_size=5)},
)
lines = st.one_of(
    records.map(json.dumps),
    json_values.map(json.dumps),
    st.text(
        alphabet=st.characters(exclude_characters="\n\r", exclude_categories=("Cs",)), max_size=30
    ),
    st.just(""),
)


@examples
@given(content=st.lists(lines, max_size=12))
def test_one_item_per_non_blank_line_with_its_number(content: list[str]) -> None:
    data = "\n".join(content).encode()
    items = list(read_bytes(data, "x.jsonl", SETTINGS))
    check(items, "x.jsonl")
    # Blank means ASCII whitespace only, as in the bytes the reader sees.
    expected = [number for number, text in enumerate(content, 1) if text.encode().strip()]
    if not expected:
        assert [item.reason for item in items if isinstance(item, Rejection)] == ["empty"]
        return
    found = [item.provenance.line if isinstance(item, RawDocument) else item.line for item in items]
    assert found == expected
