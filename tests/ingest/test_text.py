from newsweave.ingest import read
from newsweave.ingest.text import parse_text, split_title
from newsweave.model import PartialDate


def test_english_afp_file(data):
    [doc] = read([data / "afp_en.txt"])
    assert doc.id == "afp_en"
    assert doc.origin == str(data / "afp_en.txt")
    assert doc.title == "Shelling intensifies around eastern town"
    assert doc.published == PartialDate(2023, 3, 8, 20, 37, 21)
    assert (doc.dateline, doc.source) == ("Chasiv Yar (Ukraine)", "AFP")
    assert doc.text.startswith("Artillery fire")
    assert doc.text.endswith("give her name.")
    assert "AFP" not in doc.text and "\n\n" in doc.text
    assert doc.declared_lang is None and doc.lang is None and doc.hash is None


def test_french_header_file(data):
    [doc] = read([data / "header_fr.txt"])
    assert doc.published == PartialDate(2023, 2)
    assert doc.text.startswith("La plupart des tirs")
    assert doc.title is None  # the first line is a long sentence ending in a period


def test_german_markdown_with_dateline(data):
    [doc] = read([data / "dpa_de.md"])
    assert doc.title == "Warnstreik legt Flughäfen lahm"
    assert (doc.dateline, doc.source, doc.published) == ("Berlin", "dpa", PartialDate(2023, 3, 8))
    assert doc.text.startswith("Ein Warnstreik")


def test_title_rules():
    assert split_title("Short title\nBody.") == ("Short title", "Body.")
    assert split_title("A sentence.\n\nBody.") == (None, "A sentence.\n\nBody.")
    assert split_title("Only one line") == (None, "Only one line")
    assert split_title("x" * 200 + "\n\nBody.")[0] is None
    assert split_title("## Sub\nBody", markdown=True)[0] is None
    title, rest = split_title("# Title #\n\nBody", markdown=True)
    assert (title, rest.strip()) == ("Title", "Body")


def test_year_less_dateline_kept_aside():
    doc = parse_text("Talks\n\nKYIV, March 8 (Reuters) - Talks resumed.", id="t", origin="t.txt")
    assert doc.published is None
    assert doc.extra["dateline_month_day"] == "--03-08"
    assert doc.text == "Talks resumed."
