import pytest

from newsweave.errors import InputError
from newsweave.ingest import read
from newsweave.ingest.html import html_to_text, parse_html
from newsweave.model import PartialDate, Skipped


def test_french_page(data):
    [doc] = read([data / "page_fr.html"])
    assert doc.id == "page_fr"
    assert doc.title == "Nouvelle journée de grève"
    assert doc.url == "https://quotidien.example/greve"
    assert (doc.source, doc.author, doc.declared_lang) == ("Le Quotidien", "Claire Martin", "fr")
    # page meta gives the time with its offset, kept as the page wrote it; the dateline agrees
    assert doc.published == PartialDate(2023, 3, 8, 18, 30, 0, offset=60)
    assert doc.published.isoformat() == "2023-03-08T18:30:00+01:00"
    assert doc.dateline == "Paris" and doc.extra["agency"] == "AFP"
    assert doc.text.startswith("Les syndicats ont appelé")
    assert "\n\n" in doc.text
    assert "Accueil" not in doc.text and "droits réservés" not in doc.text


def test_latin1_page_with_meta_charset(tmp_path):
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Été</title></head><body><article>'
        "<p>Les récoltes de l'été ont été bonnes dans toute la région, selon la chambre "
        "d'agriculture, qui publie ses chiffres chaque année à la même période.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "ete.htm"
    path.write_bytes(page.encode("latin-1"))
    [doc] = read([path])
    assert "récoltes de l'été" in doc.text
    assert doc.declared_lang is None and doc.published is None


def test_url_argument_wins():
    page = (
        '<html><head><link rel="canonical" href="https://a.example/x"></head><body>'
        "<p>Ein Artikel mit genug Text, damit die Extraktion ihn als Hauptinhalt erkennt, "
        "und noch ein wenig mehr Text für den zweiten Satz.</p></body></html>"
    )
    doc = parse_html(page, id="u", origin="w#u", url="https://b.example/y")
    assert doc.url == "https://b.example/y"
    assert doc.text.startswith("Ein Artikel")


def test_page_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav></nav></body></html>")
    [item] = read([path])
    assert isinstance(item, Skipped) and item.reason == "no main text found in the page"
    with pytest.raises(InputError):
        parse_html("   ", id="x", origin="x")


def test_html_to_text():
    assert html_to_text("<p>One <b>two</b></p><!-- c -->three<p>Four &amp; five</p>") == (
        "One two\n\nthree\n\nFour & five"
    )
    assert html_to_text("<script>x()</script>plain") == "plain"
    assert html_to_text("no markup &eacute;t&eacute;") == "no markup été"
