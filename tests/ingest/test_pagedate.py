"""Page publication dates: the page's own day for times stated in UTC, and readings
from the text that are not dates (pages written for these tests)."""

from __future__ import annotations

from newsweave.ingest.html import parse_html
from newsweave.ingest.pagedate import PageDates, choose
from newsweave.ingest.pagezone import local_time
from newsweave.model import PartialDate

BODY = (
    "<article><h1>Neue Regeln für die Innenstadt</h1>"
    "<p>Die Stadt hat am Montag neue Regeln für den Verkehr in der Innenstadt beschlossen, "
    "teilte die Verwaltung mit.</p><p>Die Regeln gelten ab dem kommenden Monat für alle "
    "Straßen im Zentrum und sollen den Lärm verringern.</p></article>"
)


def _page(head: str, lang: str = "de", foot: str = "") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body>{BODY}{foot}</body></html>'


def test_a_utc_time_is_the_day_in_the_pages_own_zone() -> None:
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    doc = parse_html(_page(head), id="p", origin="p", url="https://blatt.example.de/regeln")
    # 23:00 UTC on 6 November is midnight on the 7th in Germany: the day readers saw.
    assert doc.published == PartialDate(2022, 11, 7, 0, 0, 0, offset=60)
    assert doc.extra["published_stated"] == "2022-11-06T23:00:00+00:00"  # as the page wrote it
    # Same instant in summer: Germany is two hours ahead.
    summer = local_time(PartialDate(2022, 7, 6, 22, 30, 0, 0), url="https://x.example.at/")
    assert summer == PartialDate(2022, 7, 7, 0, 30, 0, offset=120)


def test_the_zone_from_the_language_or_the_pages_other_times() -> None:
    late = PartialDate(2022, 11, 6, 23, 0, 0, 0)
    # German is the main language only of countries one hour ahead in November.
    assert local_time(late, url="https://blatt.example.com/", lang="de").day == 7
    # English is spoken from Hawaii to New Zealand: no one local day, the time stays.
    assert local_time(late, url="https://paper.example.com/", lang="en") == late
    # The offset the page writes with its other times decides.
    assert local_time(late, url="https://paper.example.com/", lang="en", offsets=[-300, -300]) == (
        PartialDate(2022, 11, 6, 18, 0, 0, offset=-300)
    )
    # A country with several zones counts only when they all give the same day.
    early = PartialDate(2020, 5, 2, 2, 54, 29, 0)
    assert local_time(early, url="https://news.example.com/", lang="en-US").day == 1
    assert local_time(PartialDate(2020, 5, 2, 6, 0, 0, 0), lang="en-US").day == 2
    # An Australian domain whose zones disagree (Perth 22:00, Sydney midnight) is not
    # overruled by the en-US tag publishing software fills in by default.
    noon = PartialDate(2020, 4, 24, 14, 0, 0, 0)
    assert local_time(noon, url="https://www.paper.example.com.au/", lang="en-US") == noon


def test_midnight_utc_and_the_address_day_are_kept() -> None:
    head = '<meta property="article:published_time" content="2020-01-10T00:00:00+00:00">'
    doc = parse_html(_page(head, lang="en-US"), id="p", origin="p")
    # Midnight UTC is how sites write a bare day; it is not moved to the 9th in America.
    assert (doc.published.year, doc.published.month, doc.published.day) == (2020, 1, 10)
    head = '<meta property="article:published_time" content="2020-01-15T01:01:01Z">'
    url = "https://org.example.com/news/2020/01/15/access-restored"
    doc = parse_html(_page(head, lang="en-US"), id="p", origin="p", url=url)
    assert (doc.published.month, doc.published.day) == (1, 15)  # the day the site filed it
    assert "published_stated" not in doc.extra


def test_a_copyright_year_is_not_a_publication_day() -> None:
    foot = "<footer><p>© 2016 Stadtblatt. Alle Rechte vorbehalten.</p></footer>"
    doc = parse_html(_page("", foot=foot), id="p", origin="p")
    assert doc.published is None


def test_choose_sets_aside_a_text_reading_that_contradicts_the_head() -> None:
    dates = PageDates(stated=["2020-04-27T17:58:19+02:00"], days={(2020, 4, 27)})
    # trafilatura found 8 July in a menu; the page states 27 April.
    published, stated = choose(dates, extracted="2020-07-08", url=None)
    assert published == PartialDate(2020, 4, 27, 17, 58, 19, offset=120)
    assert stated is None
    # A reading the head confirms keeps the head's time and offset.
    dates.times.append(PartialDate(2020, 4, 27, 17, 58, 19, offset=120))
    assert choose(dates, extracted="2020-04-27", url=None)[0] == dates.times[0]
    # Nothing stated: a bare 1 January is a year read as a day, not a date.
    assert choose(PageDates(), extracted="2016-01-01", url=None) == (None, None)
    assert choose(PageDates(), extracted="2016-03-09", url=None)[0] == PartialDate(2016, 3, 9)


def test_the_day_a_time_tag_shows_is_the_sites_own() -> None:
    head = '<meta property="article:published_time" content="2023-10-10T23:25:44+00:00">'
    shown = '<time datetime="2023-10-10T23:25:44+00:00">Oct 10, 2023</time>'
    url = "https://paper.example.uk/growth-forecast/"
    doc = parse_html(_page(head, lang="en", foot=shown), id="p", origin="p", url=url)
    # A British site at 23:25 UTC in October would be past midnight, but it shows the 10th.
    assert doc.published == PartialDate(2023, 10, 10, 23, 25, 44, offset=0)
    hidden = parse_html(_page(head, lang="en"), id="q", origin="q", url=url)
    assert hidden.published == PartialDate(2023, 10, 11, 0, 25, 44, offset=60)


def test_an_update_time_alone_does_not_date_the_page() -> None:
    head = '<meta property="og:updated_time" content="2022-01-27T18:34:20+01:00">'
    shown = '<p>Veröffentlicht am <time datetime="2022-01-26">26.01.2022</time></p>'
    doc = parse_html(_page(head, foot=shown), id="p", origin="p")
    assert (doc.published.month, doc.published.day) == (1, 26)


def test_the_sites_zone_from_the_times_in_its_scripts() -> None:
    head = '<meta property="article:published_time" content="2020-05-02T02:54:29.000Z">'
    script = (
        '<script>var shows = [{"hours": "10:30-11:30", "start": "12:00-12:00"}, '
        '{"date": "Fri, 01 May 2020 23:00:00 -0400"}, {"date": "2020-05-01T18:00:00-04:00"}];'
        "</script>"
    )
    url = "https://news.example.com/traffic/station-closes/"
    doc = parse_html(_page(head + script, lang="en"), id="p", origin="p", url=url)
    # The times in its scripts are four hours behind UTC (the opening hours are no zone).
    assert doc.published == PartialDate(2020, 5, 1, 22, 54, 29, offset=-240)
    # A stamp with one-digit seconds is still a time with a zone.
    head = '<meta property="article:published_time" content="2020-12-05T23:15:0Z">'
    doc = parse_html(_page(head, lang="it"), id="q", origin="q", url="https://g.example.it/a")
    assert (doc.published.month, doc.published.day) == (12, 6)


def _with_byline(byline: str, head: str = "") -> str:
    article = (
        f"<article><h1>Neue Regeln für die Innenstadt</h1><p class='byline'>{byline}</p>"
        "<p>Die Stadt hat am Montag neue Regeln für den Verkehr in der Innenstadt "
        "beschlossen, teilte die Verwaltung mit. Die Regeln gelten ab dem kommenden Monat "
        "für alle Straßen im Zentrum und sollen den Lärm verringern.</p></article>"
    )
    return f'<html lang="de"><head>{head}</head><body>{article}</body></html>'


def test_the_date_printed_by_the_headline_is_the_pages() -> None:
    # The head carries the template's date; the byline the day readers see.
    head = '<meta name="date" content="2021-10-15">'
    doc = parse_html(_with_byline("Von Anna Muster, 13.10.2021", head), id="p", origin="p")
    assert (doc.published.month, doc.published.day) == (10, 13)
    doc = parse_html(_with_byline("Erschienen am 8. Mai 2022"), id="q", origin="q")
    assert (doc.published.year, doc.published.month, doc.published.day) == (2022, 5, 8)


def test_an_update_line_is_the_date_shown_and_prose_is_not_the_byline() -> None:
    head = '<meta name="date" content="2021-10-15">'
    # The update line by the headline is the date the page shows (and the one the labelled
    # real pages give); a byline with both dates gives the first.
    doc = parse_html(_with_byline("Aktualisiert: 20.10.2021, 10:27", head), id="p", origin="p")
    assert (doc.published.month, doc.published.day) == (10, 20)
    both = "Veröffentlicht: 15.10.2021 | Aktualisiert: 20.10.2021"
    doc = parse_html(_with_byline(both, head), id="b", origin="b")
    assert (doc.published.month, doc.published.day) == (10, 15)
    prose = (
        "Die Verwaltung hatte die Regeln schon am 3. März 2021 angekündigt und seither mit "
        "Anwohnern und Händlern darüber gesprochen."
    )
    doc = parse_html(_with_byline(prose, head), id="q", origin="q")
    assert (doc.published.month, doc.published.day) == (10, 15)
