"""Publication dates of real-shaped pages (pages written for these tests)."""

from __future__ import annotations

from pathlib import Path

from newsweave.ingest import read
from newsweave.ingest.decode import sniff_charset
from newsweave.ingest.html import parse_html
from newsweave.ingest.pagedate import url_date
from newsweave.model import PartialDate

BODY = (
    "<article><h1>Neue Regeln für die Innenstadt</h1>"
    "<p>Die Stadt hat am Montag neue Regeln für den Verkehr in der Innenstadt beschlossen, "
    "teilte die Verwaltung mit.</p><p>Die Regeln gelten ab dem kommenden Monat für alle "
    "Straßen im Zentrum und sollen den Lärm verringern.</p></article>"
)


def test_structured_data_beats_a_date_in_the_menu() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "WebSite", "name": "Stadtblatt"}, {"@type": "NewsArticle", '
        '"dateCreated": "2020-04-27T17:58:19+02:00"}]}</script>'
    )
    page = f"<html><head>{ld}</head><body><nav>Mittwoch, 8. Juli 2020</nav>{BODY}</body></html>"
    doc = parse_html(page, id="p", origin="p")
    assert doc.published == PartialDate(2020, 4, 27, 17, 58, 19, offset=120)


def test_a_full_date_in_the_address_wins_over_a_later_update() -> None:
    head = '<meta property="article:published_time" content="2021-06-02T09:00:00Z">'
    page = f"<html><head>{head}</head><body>{BODY}</body></html>"
    doc = parse_html(page, id="p", origin="p", url="https://blatt.example/2021/05/30/regeln")
    assert doc.published == PartialDate(2021, 5, 30)
    same = parse_html(page, id="p", origin="p", url="https://blatt.example/2021/06/02/regeln")
    assert same.published == PartialDate(2021, 6, 2, 9, 0, 0, offset=0)  # agrees: kept whole
    assert url_date("https://blatt.example/2021/06/regeln") is None  # no day, no date
    assert url_date("https://blatt.example/story/12345678") is None


def test_a_charset_declared_after_long_scripts_is_found(tmp_path: Path) -> None:
    script = "<script>" + "var x = 1;\n" * 400 + "</script>"
    page = (
        f'<html><head>{script}<meta charset="windows-1250"><title>Nowe przepisy</title></head>'
        "<body><article><h1>Nowe przepisy</h1><p>Rada miasta przyjęła w poniedziałek nowe "
        "przepisy o ruchu w centrum, poinformował urząd.</p><p>Zmiany wejdą w życie w przyszłym "
        "miesiącu i mają zmniejszyć hałas na ulicach.</p></article></body></html>"
    )
    data = page.encode("windows-1250")
    assert sniff_charset(data) == "windows-1250"
    path = tmp_path / "strona.html"
    path.write_bytes(data)
    [doc] = read([path])
    assert "przyjęła w poniedziałek" in doc.text


def test_the_headline_not_the_section_name() -> None:
    head = (
        "<title>Neue Regeln für die Innenstadt | Stadtblatt</title>"
        '<meta property="og:site_name" content="Stadtblatt">'
    )
    page = f"<html><head>{head}</head><body><h2>Pressemitteilungen</h2>{BODY}</body></html>"
    doc = parse_html(page, id="p", origin="p")
    assert doc.title == "Neue Regeln für die Innenstadt"
    escaped = '<meta property="og:title" content="Regeln &amp;#8211; ab Juni">'
    doc = parse_html(f"<html><head>{escaped}</head><body>{BODY}</body></html>", id="q", origin="q")
    assert doc.title == "Regeln – ab Juni"
