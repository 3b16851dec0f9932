"""Builders for synthetic ingest test inputs; every text here is made up."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.types import RawDocument, Rejection

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@dataclass(frozen=True)
class Response:
    """One WARC record to write: an HTTP response unless ``record_type`` says otherwise."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    record_type: str = "response"


def build_warc(records: Sequence[Response], *, gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for spec in records:
        if spec.record_type == "response":
            headers = StatusAndHeaders(
                spec.status, [("Content-Type", spec.content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                spec.url,
                "response",
                payload=io.BytesIO(spec.body),
                length=len(spec.body),
                http_headers=headers,
            )
        else:
            record = writer.create_warc_record(
                spec.url,
                spec.record_type,
                payload=io.BytesIO(spec.body),
                length=len(spec.body),
                warc_content_type=spec.content_type,
            )
        writer.write_record(record)
    return buffer.getvalue()


def article_html(number: int, *, words: int = 40) -> str:
    sentences = " ".join(f"Sentence {i} of made-up article {number} is here." for i in range(words))
    return (
        f"<!DOCTYPE html><html><head><title>Headline {number}</title></head>"
        f"<body><article><h1>Headline {number}</h1><p>{sentences}</p></article></body></html>"
    )


def documents(items: Sequence[RawDocument | Rejection]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def rejections(items: Sequence[RawDocument | Rejection]) -> list[Rejection]:
    return [item for item in items if isinstance(item, Rejection)]
