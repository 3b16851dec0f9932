"""Bytes to text, never guessing silently.

Order: a byte-order mark; strict UTF-8; a declared charset (HTTP header, then an HTML
``<meta>``) decoded strictly; then the bytes themselves. Text that is mostly UTF-8 (its
well-formed multi-byte sequences are not rare next to the stray bytes) stays UTF-8: each
stray byte becomes U+FFFD and ``Decoded.replaced`` counts them, since any one legacy
charset would garble the UTF-8 part ("Merkel’s" read as Mac Icelandic is
"Merkel‚Äôs"). A legacy charset is chosen only on evidence: a declaration, or bytes with
(next to) no UTF-8 sequence that charset-normalizer finds a fit for. ``evidence`` says
which; when nothing fits the document is rejected (``undecodable``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from charset_normalizer import from_bytes

from ..errors import InputError
from ..types import Provenance

# Bytes that do not occur in text. TAB, LF, VT, FF, CR and ESC (ISO-2022 uses it) are allowed.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, *range(0x0F, 0x1B), *range(0x1C, 0x20), 0x7F])
_BINARY_SHARE = 0.05
# The decoded-text check looks at this many characters: enough to tell, cheap on big files.
_SAMPLE_CHARS = 100_000
_ALLOWED_CONTROLS = frozenset("\t\n\x0b\x0c\r")
_BAD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_META_SCAN_BYTES = 4096
# WHATWG: these labels mean windows-1252 on the web.
_LATIN1_LABELS = frozenset({"iso8859-1", "ascii", "cp1252"})
# Well-formed UTF-8 sequences of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Well-formed UTF-8 sequences turn up by chance in legacy text (Cyrillic "Фё" in cp1251 is
# the UTF-8 of "Ը"), but only as a small share of its non-ASCII bytes; at or above this
# share the stray bytes are damage in UTF-8 text.
_UTF8_MIN_SHARE = 0.1
# charset-normalizer's language coherence means little on short inputs.
_COHERENCE_MIN_BYTES = 500
_COHERENCE_MARGIN = 0.05


Evidence = Literal["utf-8", "byte-order-mark", "declared", "detected", "mostly-utf-8"]


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name: ``data.decode(encoding, "replace") == text``
    evidence: Evidence = "utf-8"  # why this encoding
    replaced: int = 0  # bytes that were not UTF-8, each now U+FFFD ("mostly-utf-8")
    first_replaced: int | None = None  # the offset of the first of them

    def provenance(self, source_path: str, **where: Any) -> Provenance:
        """The provenance of a document decoded so: where it is, and how it was decoded."""
        return Provenance(
            source_path,
            **where,
            encoding=self.encoding,
            encoding_evidence=self.evidence,
            replaced_bytes=self.replaced,
            first_replaced=self.first_replaced,
        )


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def check_binary(data: bytes) -> None:
    """Raise ``InputError(code="binary")`` for NUL bytes or many control bytes.

    UTF-16/32 text (NUL-rich) is accepted only with a byte-order mark.
    """
    if not data or bom_encoding(data) in {"utf-16", "utf-32"}:
        return
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary data (a NUL byte at offset {nul:,}); only text, HTML, JSON Lines, "
            "WARC and RSS/Atom files are read",
            offset=nul,
            code="binary",
        )
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_SHARE * len(data):
        raise InputError(
            f"binary data ({controls:,} of {len(data):,} bytes are control characters); "
            "only text, HTML, JSON Lines, WARC and RSS/Atom files are read",
            code="binary",
        )


def decode(data: bytes, *, html: bool = False, declared: str | None = None) -> Decoded:
    """Decode ``data`` strictly, or raise :class:`InputError` (``binary``/``undecodable``).

    ``declared`` is a charset the container named (an HTTP Content-Type); with ``html``
    an HTML ``<meta charset>`` in the first 4 KiB is honoured too.
    """
    check_binary(data)
    encoding = bom_encoding(data)
    if encoding is not None:
        return _checked(_strict(data, encoding, "its byte-order mark"))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    for label in (declared, _meta_charset(data) if html else None):
        decoded = _try_declared(data, label)
        if decoded is not None:
            return _checked(decoded)
    first_bad = utf8_error.start
    mostly = mostly_utf8(data, first_bad)
    if mostly is not None:
        return _checked(mostly)
    detected = _detect(data)
    if detected is not None:
        decoded = _try(data, detected)
        if decoded is not None:
            return _checked(decoded)
    raise InputError(
        f"not UTF-8 (invalid byte 0x{data[first_bad]:02x} at offset {first_bad:,}) and no "
        "other encoding fits; convert the file to UTF-8",
        offset=first_bad,
        code="undecodable",
    )


def mostly_utf8(data: bytes, first_bad: int) -> Decoded | None:
    """``data`` (not valid UTF-8; its first bad byte at ``first_bad``) as UTF-8 with each
    stray byte replaced, when its well-formed multi-byte sequences say it was written as
    UTF-8; None when they are absent or rare enough to be chance in a legacy charset."""
    sequences = _UTF8_MULTIBYTE.findall(data)
    utf8_bytes = sum(map(len, sequences))
    non_ascii = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not sequences or utf8_bytes < _UTF8_MIN_SHARE * non_ascii:
        return None
    stray = non_ascii - utf8_bytes
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "mostly-utf-8", stray, first_bad)


def _strict(data: bytes, encoding: str, why: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, "byte-order-mark")
    except UnicodeDecodeError as err:
        raise InputError(
            f"not valid {encoding} as {why} says (invalid bytes at offset {err.start:,}); "
            "convert the file to UTF-8",
            offset=err.start,
            code="undecodable",
        ) from err


def _canonical(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _try(data: bytes, encoding: str, evidence: Evidence = "detected") -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), encoding, evidence)
    except (UnicodeDecodeError, LookupError):
        return None


def _try_declared(data: bytes, label: str | None) -> Decoded | None:
    encoding = _canonical(label) if label else None
    if encoding is None or encoding.startswith(("utf-16", "utf-32")):
        # A UTF-16/32 label on bytes without a byte-order mark is a mislabel (WHATWG).
        return None
    if encoding in _LATIN1_LABELS:
        return _try(data, "cp1252", "declared") or _try(data, "iso8859-1", "declared")
    return _try(data, encoding, "declared")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data, 0, _META_SCAN_BYTES)
    return match.group(1).decode("ascii") if match else None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, with windows-1252 (the web's usual legacy charset) winning
    a tie on chaos unless the input is long enough for a clearly better language fit."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    western = next(
        (
            match
            for match in matches
            if match.chaos <= best.chaos
            and (match.encoding == "cp1252" or "cp1252" in match.could_be_from_charset)
        ),
        None,
    )
    if western is not None:
        fits_better = best.coherence > western.coherence + _COHERENCE_MARGIN
        if len(data) < _COHERENCE_MIN_BYTES or not fits_better:
            return "cp1252"
    return _canonical(best.encoding)


def _checked(decoded: Decoded) -> Decoded:
    """Reject a decoding whose text is mostly control, private or unassigned characters."""
    sample = decoded.text[:_SAMPLE_CHARS]
    bad = sum(
        1
        for char in sample
        if (char < " " or char >= "\x7f")
        and char not in _ALLOWED_CONTROLS
        and unicodedata.category(char) in _BAD_CATEGORIES
    )
    if bad > _BINARY_SHARE * len(sample):
        raise InputError(
            f"binary data (decoded as {decoded.encoding}, {bad:,} of the first {len(sample):,} "
            "characters are control, private-use or unassigned)",
            code="binary",
        )
    return decoded
