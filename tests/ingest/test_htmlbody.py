"""Main text of real-shaped pages: the lead kept, teaser lines dropped, a scripted
article read from its structured data (pages written for these tests)."""

from __future__ import annotations

import json

from newsweave.ingest.html import parse_html

PARAS = (
    "<p>Die Arbeiten an der Brücke über den Kanal beginnen nach Angaben der Stadt im "
    "kommenden Monat und sollen bis zum Herbst dauern.</p>"
    "<p>Während der Bauzeit wird der Verkehr über die Nordstraße umgeleitet, Busse halten "
    "an einer provisorischen Haltestelle am Markt.</p>"
    "<p>Die Kosten von rund vier Millionen Euro trägt zum größten Teil das Land, teilte "
    "das Bauamt am Montag mit.</p>"
)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


NAV = (
    "<nav><ul><li><a href='/'>Start</a></li><li><a href='/politik'>Politik</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav>"
)


def test_the_lead_between_headline_and_text_is_kept() -> None:
    # The lead sits in the header with the headline; the extractor takes the body box.
    header = (
        "<header class='story-header'><h1>Kanalbrücke wird saniert</h1>"
        "<p class='story-lead'>Die Kanalbrücke wird saniert: Ab Mai rollt der Verkehr über "
        "eine Umleitung, die Stadt rechnet mit Staus im Zentrum.</p>"
        "<div class='byline'>Von Anna Berg</div></header>"
    )
    aside = "<aside><h3>Mehr</h3><ul><li><a href='/x'>Anderes Thema heute</a></li></ul></aside>"
    html = page(f"{NAV}<main>{header}<div class='story-body'>{PARAS * 2}</div></main>{aside}")
    doc = parse_html(html, id="p", origin="p")
    assert doc.text.startswith("Die Kanalbrücke wird saniert: Ab Mai rollt der Verkehr")
    assert "Die Arbeiten an der Brücke" in doc.text and "Anderes Thema" not in doc.text


def test_a_lead_box_of_caption_and_kicker_is_not_a_lead() -> None:
    box = (
        '<div class="teaser"><figure><figcaption>Foto: Archiv</figcaption></figure>'
        "<span>Verkehr</span><p>Die Kanalbrücke wird saniert, ab Mai rollt der Verkehr über "
        "eine Umleitung.</p><time>02.02.2022</time></div>"
    )
    html = page(f"<article><h1>Kanalbrücke wird saniert</h1>{box}<div>{PARAS}</div></article>")
    doc = parse_html(html, id="p", origin="p")
    assert "Foto: Archiv" not in doc.text


def test_read_more_lines_pointing_to_other_articles_are_dropped() -> None:
    teaser = (
        '<p>Lesen Sie auch: <a href="/verkehr/neue-buslinie">Neue Buslinie verbindet '
        "Nord und Süd</a></p>"
    )
    dated = '<p>Quelle 8 Mai 2022: <a href="/a">Bericht des Bauamtes zur Kanalbrücke</a></p>'
    html = page(f"<article><h1>Kanalbrücke</h1>{PARAS}{teaser}{dated}</article>")
    doc = parse_html(html, id="p", origin="p")
    assert "Neue Buslinie" not in doc.text and "Lesen Sie auch" not in doc.text
    assert "Bericht des Bauamtes zur Kanalbrücke" in doc.text  # a dated source, not a teaser


def test_a_scripted_article_is_read_from_its_structured_data() -> None:
    # The page renders its article with a script: the HTML holds only a long photo caption.
    article = " ".join(["Die Stadt saniert die Brücke über den Kanal ab dem kommenden Mai."] * 20)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Kanalbrücke wird saniert",
          "articleBody": f"<p>{article}</p><p>Die Kosten trägt das Land.</p>"}  # fmt: skip
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = (
        "<article><h1>Kanalbrücke wird saniert</h1><div class='image'><p>Die Brücke über den "
        "Kanal im Winter, bevor die Arbeiten beginnen. Die Stadt plant seit Jahren eine "
        "Sanierung des Bauwerks, das im Jahr 1911 eröffnet wurde und seither kaum verändert "
        "worden ist. Heute fahren täglich rund zwölftausend Autos über die Brücke. Foto: "
        "Stadt</p></div><div id='app'></div></article>"
    )
    doc = parse_html(page(body, head), id="p", origin="p")
    assert doc.text.startswith("Die Stadt saniert die Brücke")
    assert doc.text.endswith("Die Kosten trägt das Land.")
    assert "<p>" not in doc.text and "Foto: Stadt" not in doc.text


def _article(extra: str) -> str:
    return page(f"{NAV}<main><article><h1>Kanalbrücke wird saniert</h1>{PARAS}{extra}{PARAS}"
                "</article></main>")  # fmt: skip


def test_named_boilerplate_blocks_inside_the_article_are_left_out() -> None:
    boxes = (
        "<div class='saboxplugin-wrap'><p>Anna Berg schreibt seit zehn Jahren über Verkehr und "
        "Stadtplanung in der Region.</p></div>"
        "<div class='siguenos'><p>Folgen Sie uns auf allen Kanälen, jeden Tag neu für Sie "
        "aus der Stadt.</p></div>"
        "<div class='aawp-disclaimer'><p>Jeden Morgen die wichtigsten Nachrichten aus der "
        "Stadt: jetzt den Newsletter bestellen.</p></div>"
        "<p class='icaption_nonfloating'>Die Brücke im Winter, aufgenommen vom Ufer am Markt.</p>"
    )
    doc = parse_html(_article(boxes), id="p", origin="p")
    for gone in ("schreibt seit zehn Jahren", "Folgen Sie uns", "Newsletter bestellen",
                 "aufgenommen vom Ufer"):  # fmt: skip
        assert gone not in doc.text, gone
    assert "provisorischen Haltestelle" in doc.text


def test_link_lines_to_other_articles_and_their_label_are_left_out() -> None:
    teaser = (
        "<p>Auch interessant</p>"
        "<p><a href='/verkehr/neue-radwege-im-norden'>Neue Radwege im Norden der Stadt "
        "geplant</a></p>"
    )
    doc = parse_html(_article(teaser), id="p", origin="p")
    assert "Neue Radwege" not in doc.text and "Auch interessant" not in doc.text
    # A table of contents links the article's own headings by anchor: they stay.
    toc = (
        "<ul class='toc'><li><a href='#umleitung'>Wie wird der Verkehr umgeleitet?</a></li></ul>"
        "<h2 id='umleitung'>Wie wird der Verkehr umgeleitet?</h2>"
    )
    doc = parse_html(_article(toc), id="q", origin="q")
    assert "Wie wird der Verkehr umgeleitet?" in doc.text


def test_photo_credit_lines_are_left_out() -> None:
    credits = "<p>Titelbild: Anna Berg/Stadtblatt</p><p>Crédits photos : Agence Muster</p>"
    doc = parse_html(_article(credits), id="p", origin="p")
    assert "Titelbild" not in doc.text and "Crédits" not in doc.text
    assert "Die Kosten von rund vier Millionen Euro" in doc.text


def test_an_article_set_in_blocks_named_for_sharing_is_kept() -> None:
    # A template wraps each paragraph in a "share-wrapper" (sharing a quote): layout.
    wrapped = "".join(
        f"<div class='sr-body-share-wrapper'>{p}</p></div>" for p in PARAS.split("</p>") if p
    )
    html = page(f"{NAV}<main><article><h1>Kanalbrücke wird saniert</h1>{wrapped}</article></main>")
    doc = parse_html(html, id="p", origin="p")
    assert "provisorischen Haltestelle" in doc.text and "vier Millionen Euro" in doc.text
