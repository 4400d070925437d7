import codecs

import pytest

from newsweave.errors import InputError
from newsweave.ingest.decode import decode, sniff_charset

FRENCH = "Les élèves ont manifesté à Besançon — « déjà » vu.\nFin."


def test_utf8_plain():
    assert decode(FRENCH.encode("utf-8")) == FRENCH


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_is_detected_and_stripped(bom, encoding):
    assert decode(bom + FRENCH.encode(encoding)) == FRENCH


def test_latin1_and_cp1252_fall_back():
    assert decode("Grève générale à Nîmes".encode("latin-1")) == "Grève générale à Nîmes"
    assert decode("“Quoted” – €5".encode("cp1252")) == "“Quoted” – €5"


def test_bytes_undefined_in_cp1252_still_decode():
    assert decode(b"caf\xe9 \x81") == "café "  # latin-1 maps 0x81 to a control, then dropped


def test_utf16_without_bom():
    assert decode("Streik in Köln".encode("utf-16-le")) == "Streik in Köln"


def test_newlines_bom_and_nfc():
    assert decode(b"a\r\nb\rc") == "a\nb\nc"
    assert decode("\ufeffx".encode()) == "x"
    assert decode("e\u0301t\u0065\u0301".encode()) == "été"


def test_declared_charset_is_tried_first():
    data = "Ärger über Straßen".encode("iso-8859-15")
    assert decode(data, declared="iso-8859-15") == "Ärger über Straßen"
    assert decode(b"plain", declared="no-such-codec") == "plain"


def test_binary_raises():
    with pytest.raises(InputError, match="NUL bytes"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    with pytest.raises(InputError, match="control characters"):
        decode(bytes(range(1, 9)) * 20)


def test_sniff_charset():
    assert sniff_charset(b'<html><head><meta charset="ISO-8859-1">') == "iso-8859-1"
    assert sniff_charset(b"<html><head>") is None
