"""JSON Lines and JSON: records, strict field types, bad lines that do not stop the file."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from read_builders import documents, rejections

from storyline.read import read_bytes, read_inputs
from storyline.read.jsonl import read_jsonl
from storyline.settings import Settings
from storyline.types import RawDocument, Rejection

Write = Callable[[str, bytes | str], Path]


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def test_all_fields_are_passed_through(write: Write, settings: Settings) -> None:
    path = write(
        "a.jsonl",
        line(
            id="story-1",
            title="  A made-up headline ",
            url="https://example.org/1",
            published="2024-06-10T12:04:00+05:30",
            outlet="The Example Times",
            byline="A. Writer",
            text="Made-up body, café.",
            extra={"ignored": True},
        ),
    )
    (doc,) = read_inputs([str(path)], settings)
    assert isinstance(doc, RawDocument)
    assert doc == RawDocument(
        provenance=doc.provenance,
        content="Made-up body, café.",
        kind="text",
        id="story-1",
        title="A made-up headline",
        published="2024-06-10T12:04:00+05:30",
        outlet="The Example Times",
        byline="A. Writer",
        encoding="utf-8",
    )
    assert doc.provenance.url == "https://example.org/1"
    assert (doc.provenance.line, doc.provenance.source_path) == (1, str(path))


def test_bad_line_in_the_middle_does_not_stop_the_file(write: Write, settings: Settings) -> None:
    content = (
        line(text="first")
        + "\n"
        + "{not json at all\n"
        + line(text="fourth")
        + "   \n"
        + "[1, 2]\n"
        + line(title="no body")
        + line(text="eighth", title=7)
        + line(html="<p>ninth</p>")
    )
    items = list(read_inputs([str(write("mixed.jsonl", content))], settings))
    summary = [
        (item.provenance.line, item.kind)
        if isinstance(item, RawDocument)
        else (item.line, item.reason)
        for item in items
    ]
    assert summary == [
        (1, "text"),
        (3, "bad-json"),
        (4, "text"),
        (6, "bad-record"),
        (7, "bad-record"),
        (8, "bad-record"),
        (9, "html"),
    ]
    messages = {item.line: item.message for item in rejections(items)}
    assert "column 2" in messages[3]
    assert "array" in messages[6]
    assert '"text" nor "html"' in messages[7]
    assert '"title" must be a string, not a number' in messages[8]
    assert rejections(items)[0].where() == f"{documents(items)[0].provenance.source_path}:3"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"text": 5}, "text"),
        ({"html": ["x"]}, "html"),
        ({"text": "ok", "url": {"href": "x"}}, "url"),
        ({"text": "ok", "published": 1718000000}, "published"),
        ({"text": "ok", "outlet": True}, "outlet"),
        ({"text": "ok", "byline": 1.5}, "byline"),
        ({"text": "ok", "id": True}, "id"),
        ({"text": "ok", "id": 1.5}, "id"),
    ],
)
def test_wrong_field_types_are_named(settings: Settings, record: object, field: str) -> None:
    (rejection,) = read_bytes(json.dumps(record).encode(), "x.jsonl", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "bad-record"
    assert f'"{field}"' in rejection.message


def test_integer_id_null_fields_and_text_preferred_over_html(settings: Settings) -> None:
    data = (
        line(id=42, text="made-up text", html="<p>made-up html</p>", title=None)
        + line(text="   ", html="<p>html fallback</p>")
    ).encode()
    first, second = read_bytes(data, "x.ndjson", settings)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.id, first.kind, first.content, first.title) == (
        "42",
        "text",
        "made-up text",
        None,
    )
    assert (second.kind, second.content) == ("html", "<p>html fallback</p>")


def test_empty_body_is_rejected_as_empty(settings: Settings) -> None:
    (rejection,) = read_bytes(line(text=" \n ").encode(), "x.jsonl", settings)
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.line) == ("empty", 1)


def test_lone_surrogate_escape_is_a_bad_record(settings: Settings) -> None:
    (rejection,) = read_bytes(b'{"text": "bad \\ud800 escape"}\n', "x.jsonl", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "bad-record"


def test_deeply_nested_json_is_bad_json(settings: Settings) -> None:
    (rejection,) = read_bytes(b"[" * 100_000 + b"]" * 100_000, "x.jsonl", settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "bad-json"


def test_non_utf8_line_is_undecodable_and_the_rest_continues(settings: Settings) -> None:
    data = line(text="one").encode() + b'{"text": "caf\xe9"}\n' + line(text="three").encode()
    items = list(read_bytes(data, "x.jsonl", settings))
    assert [getattr(item, "reason", "doc") for item in items] == ["doc", "undecodable", "doc"]
    assert isinstance(items[1], Rejection)
    assert items[1].line == 2


def test_blank_file_and_only_blank_lines_are_empty(settings: Settings) -> None:
    for data in (b"", b"\n\n  \n"):
        (rejection,) = read_bytes(data, "x.jsonl", settings)
        assert isinstance(rejection, Rejection)
        assert rejection.reason == "empty"


def test_long_line_is_too_large_and_later_lines_keep_their_numbers(write: Write) -> None:
    settings = Settings(max_document_bytes=200)
    content = line(text="short") + line(text="x" * 1000) + line(text="after")
    items = list(read_inputs([str(write("long.jsonl", content))], settings))
    assert isinstance(items[1], Rejection)
    assert (items[1].reason, items[1].line) == ("too-large", 2)
    assert f"{len(line(text='x' * 1000)) - 1:,} bytes" in items[1].message
    assert [doc.provenance.line for doc in documents(items)] == [1, 3]


def test_long_last_line_without_newline(settings: Settings) -> None:
    small = Settings(max_document_bytes=50)
    items = list(
        read_bytes((line(text="ok") + line(text="y" * 500)[:-1]).encode(), "x.jsonl", small)
    )
    assert [getattr(item, "reason", "doc") for item in items] == ["doc", "too-large"]


def test_file_much_larger_than_the_limit_is_streamed(write: Write) -> None:
    settings = Settings(max_document_bytes=1000)
    content = "".join(line(id=f"n{i}", text=f"made-up record {i}") for i in range(2000))
    assert len(content) > 50 * settings.max_document_bytes
    docs = documents(list(read_inputs([str(write("big.jsonl", content))], settings)))
    assert len(docs) == 2000
    assert (docs[-1].id, docs[-1].provenance.line) == ("n1999", 2000)


def test_crlf_and_utf8_bom(settings: Settings) -> None:
    data = b"\xef\xbb\xbf" + line(text="one").encode().replace(b"\n", b"\r\n") * 2
    docs = list(read_bytes(data, "x.jsonl", settings))
    assert [isinstance(doc, RawDocument) and doc.content for doc in docs] == ["one", "one"]


def test_utf16_json_lines(settings: Settings) -> None:
    data = (line(text="première") + "\n" + line(text="deuxième")).encode("utf-16")
    docs = list(read_bytes(data, "x.jsonl", settings))
    assert [(doc.provenance.line, doc.content, doc.encoding) for doc in documents(docs)] == [
        (1, "première", "utf-16"),
        (3, "deuxième", "utf-16"),
    ]


def test_gzipped_json_lines_and_stdin(settings: Settings) -> None:
    data = (line(text="one") + line(text="two")).encode()
    for name, payload in [("x.jsonl.gz", gzip.compress(data)), ("<stdin>", data)]:
        docs = documents(list(read_bytes(payload, name, settings)))
        assert [doc.content for doc in docs] == ["one", "two"], name
    stdin = io.BytesIO(gzip.compress(data))
    assert len(documents(list(read_inputs(["-"], settings, stdin=stdin)))) == 2


def test_truncated_gzipped_json_lines_keeps_what_came_before(settings: Settings) -> None:
    data = "".join(line(id=f"r{i}", text=f"made-up record {i} " * 5) for i in range(3000))
    compressed = gzip.compress(data.encode())
    cut = compressed[: len(compressed) * 2 // 3]
    items = list(read_bytes(cut, "cut.jsonl.gz", settings))
    docs = documents(items)
    assert 1000 < len(docs) < 3000
    assert [doc.id for doc in docs] == [f"r{i}" for i in range(len(docs))]
    assert rejections(items)[-1].reason == "truncated"
    assert len(rejections(items)) == 1
    assert rejections(items)[0].offset == len(cut)


def test_json_file_with_an_array_or_an_object(settings: Settings) -> None:
    array = json.dumps([{"text": "one", "id": "a"}, {"nope": 1}, {"text": "three"}]).encode()
    items = list(read_bytes(array, "x.json", settings))
    assert [getattr(item, "reason", "doc") for item in items] == ["doc", "bad-record", "doc"]
    assert isinstance(items[1], Rejection)
    assert items[1].message.startswith("item 2:")
    (doc,) = read_bytes(json.dumps({"html": "<p>x</p>"}, indent=2).encode(), "x.json", settings)
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    for data, reason in [(b"[]", "empty"), (b"{oops", "bad-json"), (b"17", "bad-record")]:
        (rejection,) = read_bytes(data, "x.json", settings)
        assert isinstance(rejection, Rejection)
        assert rejection.reason == reason


def test_reader_without_head_reads_utf8(settings: Settings) -> None:
    items = list(read_jsonl(io.BytesIO(line(text="x").encode()), "s.jsonl", settings))
    assert len(documents(items)) == 1


def test_crawler_dump_keys_are_read(write: Write, settings: Settings) -> None:
    """A news-please style record: maintext, date_publish, source_domain, language."""
    path = write(
        "dump.jsonl",
        line(
            title="Port reopens after storm",
            url="https://news.example.com/port",
            maintext="The port reopened on Monday after the storm, officials said.",
            date_publish="2024-06-10 12:04:00",
            source_domain="news.example.com",
            language="en-US",
            authors=["A. Writer"],
            description="ignored",
        ),
    )
    (doc,) = read_inputs([str(path)], settings)
    assert isinstance(doc, RawDocument)
    assert doc.content.startswith("The port reopened") and doc.kind == "text"
    assert (doc.title, doc.provenance.url) == (
        "Port reopens after storm",
        "https://news.example.com/port",
    )
    assert (doc.published, doc.outlet, doc.language) == (
        "2024-06-10 12:04:00",
        "news.example.com",
        "en",
    )


def test_our_keys_win_over_the_crawler_keys(write: Write, settings: Settings) -> None:
    path = write(
        "both.jsonl",
        line(
            text="Ours.",
            maintext="Theirs.",
            published="2024-06-10",
            date_publish="2020-01-01",
            outlet="The Example Times",
            source_domain="example.com",
        )
        + line(text="", maintext="Theirs only.", language="not a language tag")
        + line(maintext=None, html="<p>From the html.</p>"),
    )
    first, second, third = read_inputs([str(path)], settings)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.content, first.published, first.outlet) == (
        "Ours.",
        "2024-06-10",
        "The Example Times",
    )
    assert second.content == "Theirs only." and second.language is None
    assert isinstance(third, RawDocument) and third.kind == "html"


def test_a_stated_language_spares_detection(settings: Settings) -> None:
    from storyline.clean import clean_document
    from storyline.types import Article

    record = line(
        maintext="Die Stadt hat am Montag den Hafen wieder geöffnet, sagten Beamte. " * 3,
        language="fr",
    )
    (doc,) = read_bytes(record.encode(), "stated.jsonl", settings)
    assert isinstance(doc, RawDocument)
    article = clean_document(doc, settings)
    assert isinstance(article, Article) and article.language == "fr"
