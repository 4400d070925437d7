"""Bytes to text: every reader decodes through here.

Archives and wire dumps mix encodings; a wrongly labelled file is still an
article, so we decode it (BOM, then strict UTF-8, then cp1252/latin-1) rather
than skip it. Only content that is plainly not text raises `InputError`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsweave.errors import InputError

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Tab and newline are text; other C0/C1 controls in bulk mean a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_SHARE = 0.05
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode `data` to NFC text with `\\n` newlines and no leading BOM.

    `declared` is an encoding named by the container (HTTP header, `<meta
    charset>`); it is tried after a BOM and before the guesses, and ignored
    when unknown or wrong.
    """
    text = _to_str(data, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, _CONTROL_SHARE * len(text)):
        raise InputError("binary content (control characters)")
    if controls:
        text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def sniff_charset(data: bytes) -> str | None:
    """The charset a `<meta>` tag declares in the first 2 kB of an HTML page."""
    m = _META_CHARSET.search(data[:2048])
    return m.group(1).decode("ascii").lower() if m else None


def _to_str(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError("binary content (NUL bytes)")
        return utf16
    if declared:
        try:
            return data.decode(_known(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1")


def _known(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    # Pages labelled latin-1 or ascii are cp1252 in practice (the WHATWG rule).
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text puts a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, encoding in ((odd.count(0), "utf-16-le"), (even.count(0), "utf-16-be")):
        if zeros >= 0.4 * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None
