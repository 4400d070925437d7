"""The date printed by a page's headline, and how it weighs against the head and the
address (pages written for these tests, in the shapes real sites use)."""

from __future__ import annotations

from newsweave.ingest.byline import byline_day, find_headline
from newsweave.ingest.html import _parse, parse_html
from newsweave.ingest.pagedate import url_date
from newsweave.model import PartialDate

TEXT = (
    "<p>Die Stadt hat am Montag neue Regeln für den Verkehr in der Innenstadt beschlossen, "
    "teilte die Verwaltung mit. Die Regeln gelten ab dem kommenden Monat für alle Straßen "
    "im Zentrum und sollen den Lärm verringern.</p>"
    "<p>Anwohner hatten seit Jahren über Lärm und Abgase geklagt, nun reagiert der Rat.</p>"
)
TITLE = "Neue Regeln für die Innenstadt"


def _page(body: str, head: str = "", lang: str = "de") -> str:
    return (
        f'<html lang="{lang}"><head><title>{TITLE} | Stadtblatt</title>{head}</head>'
        f"<body>{body}</body></html>"
    )


def _day(doc: object) -> tuple[int, int, int] | None:
    published = doc.published  # type: ignore[attr-defined]
    return None if published is None else (published.year, published.month, published.day)


def test_the_headline_is_the_heading_that_repeats_the_title() -> None:
    # An old template: the site's name in <h1>, the headline in <h2> with its date below.
    body = (
        "<h1>Stadtblatt Online</h1><div class='today'>Mittwoch, 19. August 2020</div>"
        "<nav><a href='/'>Start</a></nav>"
        f"<div class='news'><h2>{TITLE}</h2><p class='date'>13.01.2020</p>{TEXT}</div>"
    )
    root = _parse(_page(body))
    assert find_headline(root, [TITLE]).tag == "h2"
    assert byline_day(root, [TITLE]) == (2020, 1, 13)
    doc = parse_html(_page(body), id="p", origin="p")
    assert _day(doc) == (2020, 1, 13)  # not the masthead's "today"


def test_a_date_in_a_list_of_other_articles_is_not_the_byline() -> None:
    related = (
        "<div class='related'><div class='item'><a href='/a/1'>Zwei weitere Fälle in der "
        "Region bestätigt, Behörden raten zur Vorsicht</a><div class='date'><span>09.08.2020"
        "</span></div></div></div>"
    )
    head = '<meta property="article:published_time" content="2020-10-26T18:10:00+01:00">'
    body = f"<article><h1>{TITLE}</h1>{related}{TEXT}</article>"
    doc = parse_html(_page(body, head), id="p", origin="p")
    assert _day(doc) == (2020, 10, 26)


def test_dates_named_as_another_date_or_quoted_are_not_the_byline() -> None:
    head = '<meta property="article:published_time" content="2017-09-09T10:00:00+02:00">'
    for line in (
        "<div><b>Erscheinungsdatum:</b> 14.08.2017</div>",  # a book's release day
        "<p>Termin: 21.02.2020, 19 Uhr</p>",  # an event's day
        "<blockquote class='post'><p>Wir sind da. — Anna (@anna) 1. Januar 2020</p></blockquote>",
        "<time itemprop='dateModified' class='hidden'>2018-08-29 14:15:57</time>",
    ):
        doc = parse_html(_page(f"<article><h1>{TITLE}</h1>{line}{TEXT}</article>", head),
                         id="p", origin="p")  # fmt: skip
        assert _day(doc) == (2017, 9, 9), line
    # A WordPress date marked both published and updated is the publication date.
    line = (
        "<p>Von Anna Muster, <time class='entry-date published updated'>6. November 2023</time></p>"
    )
    doc = parse_html(_page(f"<article><h1>{TITLE}</h1>{line}{TEXT}</article>"), id="q", origin="q")
    assert _day(doc) == (2023, 11, 6)
    # A date that links to the site's archive of that day is still the byline.
    line = "<div><a href='/archiv/20200219' title='Alle Artikel dieses Tages'>19 FEB 2020 - 18:37 MEZ</a></div>"
    doc = parse_html(_page(f"<article><h1>{TITLE}</h1>{line}{TEXT}</article>"), id="r", origin="r")
    assert _day(doc) == (2020, 2, 19)


def test_a_date_line_set_above_the_headline_or_opening_the_text() -> None:
    head = '<meta property="article:published_time" content="2022-05-06T02:00:00.824Z">'
    script = '<script>var page = {"published": "2022-05-06T02:00:00.824-05:00"};</script>'
    body = (
        "<nav><span>Montag, 9. Mai 2022</span></nav>"
        "<div class='article'><div class='header'><div class='date'>6 de mayo de 2022 - 2:00 a. m."
        f"</div><h1>{TITLE}</h1></div>{TEXT}</div>"
    )
    url = "https://diario.example.com/judicial/regeln/"
    doc = parse_html(_page(body, head + script, lang="es"), id="p", origin="p", url=url)
    # The site shows the 6th over its headline: its time is not moved to the 5th at UTC-5.
    assert _day(doc) == (2022, 5, 6)
    opening = (
        f"<article><h1>{TITLE}</h1><p>(21. November 2022) Die Stadt hat am Montag neue Regeln "
        "für den Verkehr in der Innenstadt beschlossen, teilte die Verwaltung mit.</p>"
        f"{TEXT}</article>"
    )
    doc = parse_html(_page(opening, '<meta name="date" content="2022-11-29">'), id="q", origin="q")
    assert _day(doc) == (2022, 11, 21)
    prose = f"<article><h1>{TITLE}</h1><p>Ab 1. Januar 2024 gelten die neuen Regeln.</p>{TEXT}</article>"
    doc = parse_html(_page(prose, '<meta name="date" content="2023-11-06">'), id="r", origin="r")
    assert _day(doc) == (2023, 11, 6)


def test_an_update_time_read_as_the_date_gives_way_to_the_stated_publication() -> None:
    # The head's modification time is earlier than its publication time (a draft saved the
    # day before); trafilatura reads the modification time.
    head = (
        '<meta property="article:modified_time" content="2022-12-20T16:55:21+00:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2022-12-21T05:49:28+00:00", "dateModified": "2022-12-20T16:55:21+00:00"}</script>'
    )
    doc = parse_html(_page(f"<article><h1>{TITLE}</h1>{TEXT}</article>", head), id="p", origin="p")
    assert _day(doc) == (2022, 12, 21)


def test_the_address_day_and_the_byline() -> None:
    assert url_date("https://blog.example.de/home/2017/7/12/unter-uns") == PartialDate(2017, 7, 12)
    assert url_date("https://blog.example.de/2017/7/unter-uns") is None
    # The address files the story under the 18th; the head and the byline both say the 19th.
    head = '<meta property="article:published_time" content="2020-02-19T18:37:32+01:00">'
    byline = "<p class='byline'>Madrid - 19 FEB 2020 - 18:37 MEZ</p>"
    body = f"<article><h1>{TITLE}</h1>{byline}{TEXT}</article>"
    url = "https://zeitung.example.es/2020/02/18/ciencia/regeln.html"
    doc = parse_html(_page(body, head, lang="es"), id="p", origin="p", url=url)
    assert _day(doc) == (2020, 2, 19)
    # The head alone against the address: the address wins (a later update in the head).
    doc = parse_html(_page(f"<article><h1>{TITLE}</h1>{TEXT}</article>", head, lang="es"),
                     id="q", origin="q", url=url)  # fmt: skip
    assert _day(doc) == (2020, 2, 18)


def test_a_numeric_date_read_in_the_order_the_page_prints() -> None:
    # A US-format machine field on a Swiss page; the page prints the day first, below.
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    body = f"<article><h1>{TITLE}</h1>{TEXT * 5}<p>Erstellt am: 01.11.2023</p></article>"
    doc = parse_html(_page(body, head), id="p", origin="p", url="https://blatt.example.ch/a")
    assert _day(doc) == (2023, 11, 1)


def test_a_date_linking_to_another_version_is_that_versions() -> None:
    body = (
        f"<h1>{TITLE}</h1><table><tr><td><a href='/index.php?title=Regeln&amp;oldid=5880'>"
        "Revision as of 07:47, 28 March 2020</a></td><td><a href='/index.php?title=Regeln'>"
        f"Latest revision as of 05:33, 7 April 2020</a></td></tr></table>{TEXT}"
    )
    assert byline_day(_parse(_page(body)), [TITLE]) == (2020, 4, 7)


def test_a_date_line_above_the_headline_in_another_block() -> None:
    body = (
        "<nav><span>Montag, 9. Januar 2023</span></nav>"
        "<div class='row'><div class='col'><span>Pressemitteilung | Stadtwerke</span></div>"
        "<div class='col'><time>12.12.2022 12:22</time></div></div>"
        f"<section><div class='block'><h1>{TITLE}</h1>{TEXT}</div></section>"
    )
    assert byline_day(_parse(_page(body)), [TITLE]) == (2022, 12, 12)
