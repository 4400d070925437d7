"""Bytes to text: every reader decodes through here.

Archives and wire dumps mix encodings; a wrongly labelled file is still an
article, so we decode it rather than skip it, by the evidence in the bytes:

- a BOM decides; UTF-16 without a BOM shows as a NUL in every other byte;
- a few stray NUL bytes in text are dropped, not taken for a binary file;
- valid UTF-8 is UTF-8 whatever a `<meta charset>` says, and a page labelled
  UTF-16 that has no NUL bytes was readable as ASCII, so it is not UTF-16
  (the WHATWG rule);
- UTF-8 with invalid bytes stays UTF-8: each invalid byte is read as cp1252
  (latin-1 for the five bytes cp1252 leaves undefined) where it stands, so
  "Zürich" keeps its "ü" beside a stray latin-1 "é", and a file of UTF-8 and
  latin-1 paragraphs reads right in both. A legacy file has no valid UTF-8
  sequences, so this reads it as cp1252 throughout.

Only content that is plainly not text raises `InputError`.
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
# A NUL or two in an article is damage; more than one per thousand bytes is a binary file.
_NUL_PER_BYTES = 1000
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Formats that are never articles, by their first bytes.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "executable"),
)
# A well-formed UTF-8 sequence of two to four bytes: evidence that a file is UTF-8.
_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# latin-1 decodes every byte; this maps its C1 range to what cp1252 puts there,
# keeping the five bytes cp1252 leaves undefined as (later dropped) controls.
_CP1252 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode `data` to NFC text with `\\n` newlines and no leading BOM.

    `declared` is an encoding named by the container (HTTP header, `<meta
    charset>`); it is tried after a BOM and before the guesses, and ignored
    when unknown, wrong, or contradicted by the bytes (see the module notes).
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


def repair(text: str) -> str:
    """Text decoded elsewhere (a JSON string) made safe to hash and store: lone
    surrogates become U+FFFD, CR/LF pairs `\\n`, control characters other than tab
    and newline are dropped."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def sniff_charset(data: bytes) -> str | None:
    """The charset a `<meta>` tag declares in the head of an HTML page.

    The whole head is searched (up to 64 kB): pages with long scripts and
    styles declare it after the first 2 kB more often than one would think."""
    head = data[:65536]
    body = head.lower().find(b"<body")
    m = _META_CHARSET.search(head if body < 0 else head[:body])
    return m.group(1).decode("ascii").lower() if m else None


def _to_str(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    nuls = data.count(0)
    if nuls:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        if nuls > 1 + len(data) // _NUL_PER_BYTES:
            raise InputError("binary content (NUL bytes)")
        # A stray NUL is dropped below with the other control characters.
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary content ({name})")
    encoding = _usable(declared)
    if encoding and encoding != "utf-8":
        if not data.isascii() and _is_utf8(data):
            return data.decode("utf-8")  # valid UTF-8 outweighs a legacy label
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return _utf8_or_legacy(data)


def _usable(declared: str | None) -> str | None:
    """The codec a declared charset names, or None when it is unknown or cannot be
    right: a label readable as ASCII in a NUL-free file is not UTF-16 or UTF-32."""
    if not declared:
        return None
    try:
        name = _known(declared)
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return "utf-8" if name.startswith("utf-8") or name == "utf_8" else name


def _known(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    # Pages labelled latin-1 or ascii are cp1252 in practice (the WHATWG rule).
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_or_legacy(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _MULTIBYTE.search(data):
        # Some UTF-8: keep it, and read each invalid byte as cp1252 where it stands.
        return data.decode("utf-8", errors=_LOCAL_CP1252)
    return _cp1252(data)  # no UTF-8 at all: the same result, decoded in one step


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252)


def _decode_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """Error handler: the invalid bytes of a UTF-8 text, read as cp1252 one by one."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _cp1252(error.object[error.start : error.end]), error.end


_LOCAL_CP1252 = "newsweave.cp1252"
codecs.register_error(_LOCAL_CP1252, _decode_bad_bytes)


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
