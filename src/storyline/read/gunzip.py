"""Streaming gzip decompression that ends quietly at a cut and says so.

Python's ``gzip`` raises ``EOFError`` at a cut and loses whatever it had decompressed
into its buffer; this raw stream instead delivers every byte it can, then reports end of
stream with :attr:`Gunzip.truncated` (or :attr:`Gunzip.error`) set, so a reader can
yield what came before the cut.
"""

from __future__ import annotations

import io
import zlib
from typing import Any, BinaryIO

_GZIP = zlib.MAX_WBITS | 16
_CHUNK = 1 << 16


class Gunzip(io.RawIOBase):
    """The decompressed bytes of a (multi-member) gzip ``stream``.

    Corrupt data also ends the stream quietly, with :attr:`error` set. ``consumed``
    counts the compressed bytes read.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decompressor = zlib.decompressobj(_GZIP)
        self._input = b""
        self._ended = False
        self.consumed = 0
        self.truncated = False
        self.error: zlib.error | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._readinto(memoryview(buffer).cast("B"))
        except zlib.error as err:
            self.error = err
            self._ended = True
            return 0

    def _readinto(self, view: memoryview) -> int:
        while not self._ended and len(view):
            if self._decompressor.eof and not self._next_member():
                self._ended = True
                break
            if not self._input and not self._read():
                # Output zlib still holds for a full buffer comes out without more input.
                data = self._decompressor.decompress(b"", len(view))
                if not data:
                    self._ended = True
                    self.truncated = not self._decompressor.eof
                    break
            else:
                data = self._decompressor.decompress(self._input, len(view))
                self._input = self._decompressor.unconsumed_tail
            if data:
                view[: len(data)] = data
                return len(data)
        return 0

    def _read(self) -> bool:
        self._input = self._stream.read(_CHUNK)
        self.consumed += len(self._input)
        return bool(self._input)

    def _next_member(self) -> bool:
        """After a member's end: start the next one; False when only zero padding is left."""
        self._input = self._decompressor.unused_data.lstrip(b"\x00")
        while not self._input:
            if not self._read():
                return False
            self._input = self._input.lstrip(b"\x00")
        self._decompressor = zlib.decompressobj(_GZIP)
        return True
