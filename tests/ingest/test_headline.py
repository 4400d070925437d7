"""The headline a page shows, chosen with what it states (pages written for these tests)."""

from __future__ import annotations

from newsweave.ingest.headline import agreement, without_site
from newsweave.ingest.html import parse_html

BODY = (
    "<p>Der Gemeinderat hat am Dienstagabend beschlossen, die alte Turnhalle bis zum "
    "Herbst zu sanieren, teilte die Verwaltung mit.</p><p>Die Arbeiten sollen im Mai "
    "beginnen und rund zwei Millionen Euro kosten, die zum Teil das Land trägt.</p>"
)


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_the_visible_h1_wins_over_a_plainer_shared_title() -> None:
    # og:title and <title> flatten the dash and the quotes; the <h1> is the headline as shown
    head = (
        '<title>Turnhalle wird saniert - "Endlich" sagt der Verein | Dorfblatt</title>'
        '<meta property="og:title" content="Turnhalle wird saniert - &quot;Endlich&quot; '
        'sagt der Verein">'
    )
    h1 = "<h1>Turnhalle wird saniert – „Endlich“ sagt der Verein</h1>"
    doc = parse_html(page(head, h1 + BODY), id="p", origin="p")
    assert doc.title == "Turnhalle wird saniert – „Endlich“ sagt der Verein"


def test_a_longer_h1_the_address_vouches_for() -> None:
    head = '<meta property="og:title" content="Turnhalle: Sanierung beschlossen">'
    h1 = "<h1>Gemeinderat beschließt Sanierung der alten Turnhalle bis Herbst</h1>"
    url = "https://dorfblatt.example/ort/gemeinderat-beschliesst-sanierung-der-alten-turnhalle"
    doc = parse_html(page(head, h1 + BODY), id="p", origin="p", url=url)
    assert doc.title == "Gemeinderat beschließt Sanierung der alten Turnhalle bis Herbst"


def test_the_site_name_in_an_h1_is_not_the_headline() -> None:
    # A blog theme puts the blog's name in the first <h1>; the <title> ends with it.
    head = "<title>Sanierung der Turnhalle beschlossen | Notizen aus dem Dorf</title>"
    body = "<h1>Notizen aus dem Dorf</h1><h1>Sanierung der Turnhalle beschlossen</h1>" + BODY
    url = "https://notizen.example/2023/03/sanierung-der-turnhalle-beschlossen/"
    doc = parse_html(page(head, body), id="p", origin="p", url=url)
    assert doc.title == "Sanierung der Turnhalle beschlossen"
    # The host name written out is the site too.
    body = "<h1>Dorf Notizen</h1>" + BODY
    doc = parse_html(page(head, body), id="p", origin="p", url="https://dorfnotizen.example/a")
    assert doc.title.startswith("Sanierung der Turnhalle beschlossen")


def test_an_h1_nothing_vouches_for_is_not_taken() -> None:
    head = '<meta property="og:title" content="Turnhalle wird bis Herbst saniert">'
    body = "<h1>Aktuelle Meldungen</h1>" + BODY
    doc = parse_html(page(head, body), id="p", origin="p")
    assert doc.title == "Turnhalle wird bis Herbst saniert"


def test_the_site_name_is_cut_and_the_rest_kept_verbatim() -> None:
    assert without_site("Wahl – Ergebnis im Kreis | Dorfblatt", "dorfblatt", guess=False) == (
        "Wahl – Ergebnis im Kreis"
    )
    assert without_site("Dorfblatt » Wahl: Ergebnis im Kreis", "", guess=True) == (
        "Wahl: Ergebnis im Kreis"
    )
    assert without_site("Wahl – Ergebnis", "", guess=False) == "Wahl – Ergebnis"


def test_agreement_needs_more_than_one_common_word() -> None:
    assert agreement("Neue Regeln für die Innenstadt", "Regeln – ab Juni") == 0.0
    assert agreement("Brexit: Nervenkrieg geht in nächste Runde",
                     "Der Nervenkrieg um den Brexit geht in die nächste Runde") == 1.0  # fmt: skip
