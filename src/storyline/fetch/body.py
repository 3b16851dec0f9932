"""A response body, decompressed chunk by chunk under a size cap.

The cap counts decompressed bytes and zlib is never asked for more than the room left,
so a small gzip "bomb" that inflates to gigabytes costs at most the cap in memory and
stops there. Only ``gzip`` and ``deflate`` are offered in Accept-Encoding.
"""

from __future__ import annotations

import zlib

ACCEPT_ENCODING = "gzip, deflate"
_GZIP_MAGIC = b"\x1f\x8b"


class BodyError(Exception):
    """The body cannot be used: ``reason`` is ``too-large`` or ``bad-encoding``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class Body:
    """Feed raw chunks as they arrive; ``finish()`` returns the decoded bytes."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        self.limit = limit
        self.raw = 0  # bytes received on the wire
        self.size = 0  # bytes after decompression
        self._chunks: list[bytes] = []
        self._encoding = _coding(encoding)
        self._inflater: zlib._Decompress | None = None
        self._pending = b""  # a deflate body's first bytes, until its wrapping is known
        if self._encoding == "gzip":
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> None:
        self.raw += len(data)
        if self._encoding == "identity":
            self._keep(data)
            return
        if self._inflater is None:  # deflate: zlib-wrapped (RFC 9110) or, often, raw
            self._pending += data
            if len(self._pending) < 2:
                return
            head, self._pending = self._pending, b""
            wrapped = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data = head
        self._inflate(data)

    def _inflate(self, data: bytes) -> None:
        assert self._inflater is not None
        try:
            while data:
                out = self._inflater.decompress(data, self.limit - self.size + 1)
                self._keep(out)
                data = self._inflater.unconsumed_tail
                if self._inflater.eof:
                    rest = self._inflater.unused_data
                    if self._encoding != "gzip" or not rest.startswith(_GZIP_MAGIC):
                        return  # trailing bytes after the stream are ignored, as browsers do
                    self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # next member
                    data = rest
                elif not out and not data:
                    return
        except zlib.error as err:
            raise BodyError(
                "bad-encoding", f"corrupt {self._encoding} data after {self.raw:,} bytes ({err})"
            ) from err

    def _keep(self, data: bytes) -> None:
        if not data:
            return
        self.size += len(data)
        if self.size > self.limit:
            packed = f" ({self.raw:,} bytes {self._encoding}-compressed)" if self.raw else ""
            if self._encoding == "identity":
                packed = ""
            raise BodyError(
                "too-large",
                f"the response is over the {self.limit:,}-byte limit{packed}; set "
                "STORYLINE_MAX_DOCUMENT_BYTES to raise it",
            )
        self._chunks.append(data)

    def finish(self) -> bytes:
        if self._pending:  # a deflate body of one byte
            head, self._pending = self._pending, b""
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            self._inflate(head)
        if self._inflater is not None and not self._inflater.eof and self.raw:
            raise BodyError(
                "bad-encoding", f"the {self._encoding} data ends early ({self.raw:,} bytes)"
            )
        data = b"".join(self._chunks)
        self._chunks = []
        return data


def _coding(encoding: str | None) -> str:
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return "identity"
    if len(codings) == 1 and codings[0] in {"gzip", "x-gzip"}:
        return "gzip"
    if len(codings) == 1 and codings[0] == "deflate":
        return "deflate"
    raise BodyError(
        "bad-encoding",
        f"the server sent Content-Encoding {encoding!r}, which was not asked for "
        f"(only {ACCEPT_ENCODING})",
    )
