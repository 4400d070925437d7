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


# -- decoding by the evidence (issue 10) ---------------------------------------


def test_one_nul_byte_does_not_make_an_article_binary():
    text = "Les dockers du Havre ont repris le travail mardi après trois jours de grève. " * 3
    data = text.encode()
    damaged = data[:100] + b"\x00" + data[100:]
    assert decode(damaged) == text
    with pytest.raises(InputError, match="NUL bytes"):
        decode(b"\x00\x00" + data[:40])  # many NULs for the size: binary


def test_one_invalid_byte_is_repaired_locally():
    data = "Zürich: die Grüße aus Straßburg".encode() + b" und caf\xe9 " + "für alle.".encode()
    assert decode(data) == "Zürich: die Grüße aus Straßburg und café für alle."


def test_mixed_utf8_and_latin1_paragraphs():
    data = "Genève a voté.\n".encode() + "Lausanne a refusé.\n".encode("latin-1")
    assert decode(data) == "Genève a voté.\nLausanne a refusé.\n"


def test_mostly_invalid_is_read_as_cp1252():
    assert decode("Ça débute à Nîmes – “vite”".encode("cp1252")) == "Ça débute à Nîmes – “vite”"


def test_utf16_label_on_an_ascii_page():
    page = b'<html><head><meta charset="utf-16"></head><body><p>Port reopens.</p></body></html>'
    assert decode(page, declared=sniff_charset(page)) == page.decode()
    assert decode(page + b"x", declared="utf-16") == page.decode() + "x"  # odd length too


def test_valid_utf8_outweighs_a_legacy_label():
    data = "Ärger über Straßen in Köln".encode()
    assert decode(data, declared="windows-1252") == "Ärger über Straßen in Köln"
    assert decode(data, declared="iso-8859-1") == "Ärger über Straßen in Köln"


def test_known_binary_formats():
    with pytest.raises(InputError, match="PDF"):
        decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(InputError, match="gzip"):
        decode(b"\x1f\x8b\x08" + b"compressed bytes without NULs" * 3)


def test_repair():
    from newsweave.ingest.decode import repair

    assert repair("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert repair("a\r\nb\x1b[31mc\x07\td") == "a\nb[31mc\td"
    assert repair("plain") == "plain"
