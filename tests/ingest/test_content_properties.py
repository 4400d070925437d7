"""Property tests for dates, metadata and datelines, feeds and HTML (hypothesis).

Whatever the input: no exception but InputError, every date that comes out
is a possible one inside the window, and what is read is never invented.
"""

import contextlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.ingest.assemble import make_document
from newsweave.ingest.feeds import parse_feed, without_doctype
from newsweave.ingest.html import bound, html_to_text, parse_html
from newsweave.ingest.metadata import (
    EARLIEST_YEAR,
    extract,
    parse_date,
    valid_date,
    valid_month_day,
)
from newsweave.model import Document, PartialDate, Skipped

FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=40, deadline=None)

maybe_int = st.one_of(st.none(), st.integers(-5, 10_000))
partial_dates = st.builds(PartialDate, st.integers(-10, 12_000), *[maybe_int] * 5)
days = st.dates(date(EARLIEST_YEAR, 1, 1), date(2025, 12, 31))
months = ["March", "mars", "März", "marzo", "Feb", "février", "dez.", "août", "Sept."]
date_strings = st.one_of(
    st.text(max_size=40),
    st.from_regex(
        r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?)?", fullmatch=True
    ),
    st.from_regex(r"\d{4}-?W\d{2}(-?\d)?|\d{4}-\d{3}", fullmatch=True),
    st.from_regex(r"\d{1,2}[./]\d{1,2}[./]\d{4}", fullmatch=True),
    st.builds(
        "{} {} {}".format, st.integers(0, 40), st.sampled_from(months), st.integers(0, 10_000)
    ),
    st.builds(
        "{}, {:02d} {} {} {:02d}:{:02d}:{:02d} GMT".format,
        st.sampled_from(["Mon", "Fri"]),
        st.integers(0, 40),
        st.sampled_from(["Jan", "Feb", "Dec"]),
        st.integers(0, 10_000),
        st.integers(0, 30),
        st.integers(0, 70),
        st.integers(0, 70),
    ),
)


def _possible(value: PartialDate) -> bool:
    """In the window, and every part it has a real one."""
    value.start()  # raises for an impossible month, day or time
    return (
        EARLIEST_YEAR <= value.year <= date.today().year + 1
        and value.month != 0
        and value.day != 0
        and (value.day is None or value.month is not None)
    )


@FAST
@given(partial_dates)
def test_valid_date_keeps_a_possible_prefix(value):
    result = valid_date(value)
    if result is None:
        assert not EARLIEST_YEAR <= value.year <= date.today().year + 1
        return
    assert _possible(result)
    assert valid_date(result) == result  # idempotent
    fields = ("year", "month", "day", "hour", "minute", "second")
    kept = [getattr(result, f) for f in fields]
    given_ = [getattr(value, f) for f in fields]
    # a prefix of what was given: nothing invented, nothing moved
    n = next((i for i, v in enumerate(kept) if v is None), 6)
    assert kept[:n] == given_[:n] and all(v is None for v in kept[n:])


@FAST
@given(date_strings)
def test_parse_date_only_returns_possible_dates(value):
    result = parse_date(value)
    if result is not None:
        assert _possible(result)
        assert PartialDate.parse(str(result)) == result


@FAST
@given(days)
def test_iso_week_dates_read_as_the_day_they_name(day):
    year, week, weekday = day.isocalendar()
    assert parse_date(f"{year}-W{week:02d}-{weekday}") == PartialDate(day.year, day.month, day.day)
    assert parse_date(f"{year}W{week:02d}{weekday}") == PartialDate(day.year, day.month, day.day)
    monday = day - timedelta(days=weekday - 1)
    week_only = parse_date(f"{year}-W{week:02d}")
    assert week_only is None or week_only.day is None
    if week_only is not None and week_only.month is not None:
        assert (monday.year, monday.month) == (week_only.year, week_only.month)


@FAST
@given(days)
def test_written_dates_round_trip(day):
    iso = day.isoformat()
    assert parse_date(iso) == PartialDate(day.year, day.month, day.day)
    assert parse_date(f"{day.day} March {day.year}") == PartialDate(day.year, 3, day.day)
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == PartialDate(*day.timetuple()[:3])


@FAST
@given(st.integers(-3, 15), st.integers(-3, 40))
def test_valid_month_day(month, day):
    result = valid_month_day((month, day))
    if result is not None:
        date(2024, *result)  # a leap year has every possible (month, day)


@FAST
@given(
    st.sampled_from(["", "KYIV, ", "Berlin (dpa) - ", "date: ", "ROMA, 8 marzo 2023 (ANSA) - "]),
    date_strings,
    st.text(max_size=80),
    st.sampled_from(["", "\n03/08/2023 – Paris (AFP)", "\n02/30/2023 – New York (AP)"]),
)
def test_extract_gives_only_possible_dates(lead, value, body, trailer):
    text = f"{lead}{value} (Reuters) - {body}{trailer}"
    out, meta = extract(text)
    assert len(out) <= len(text)
    if "published" in meta:
        assert _possible(meta["published"])
    if "month_day" in meta:
        assert valid_month_day(meta["month_day"]) == meta["month_day"]


@FAST
@given(st.text(max_size=200), st.one_of(st.none(), partial_dates))
def test_make_document_checks_what_containers_state(text, published):
    try:
        doc = make_document(text, id="p", origin="p", published=published)
    except InputError:
        return
    assert doc.text.strip()
    assert sum(c.isalpha() for c in doc.text) >= 4
    if doc.published is not None:
        assert _possible(doc.published)


# -- feeds ------------------------------------------------------------------------

xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<&]"), max_size=60
)


@SLOW
@given(
    st.lists(st.tuples(xml_text, xml_text, date_strings), max_size=4),
    st.sampled_from(["", '<!DOCTYPE rss [<!ENTITY a "&b;&b;">]>', "<!-- c -->"]),
)
def test_feeds_never_raise_but_input_error(entries, prolog):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;")

    items = "".join(
        f"<item><title>{esc(t)}</title><description>{esc(d)}</description>"
        f"<pubDate>{esc(p)}</pubDate></item>"
        for t, d, p in entries
    )
    data = f'<?xml version="1.0"?>{prolog}<rss><channel><title>F</title>{items}</channel></rss>'
    with contextlib.suppress(InputError):
        for item in parse_feed(data.encode(), name="f", origin="f"):
            assert isinstance(item, Document | Skipped)
            if isinstance(item, Document) and item.published is not None:
                assert _possible(item.published)


@FAST
@given(st.binary(max_size=400))
def test_feed_bytes_never_raise_but_input_error(data):
    with contextlib.suppress(InputError):
        assert isinstance(without_doctype(data), bytes)
        for item in parse_feed(data, name="f", origin="f"):
            assert isinstance(item, Document | Skipped)


# -- HTML -------------------------------------------------------------------------

tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<!-- x -->", "<b>", "<"])
html_like = st.lists(st.one_of(tags, st.text(max_size=20)), max_size=40).map("".join)


@FAST
@given(html_like, st.integers(1, 50), st.integers(1, 10))
def test_bound_keeps_a_prefix_within_limits(page, max_chars, max_elements):
    kept, cut = bound(page, max_chars=max_chars, max_elements=max_elements)
    assert page.startswith(kept)
    assert (cut is None) == (kept == page)
    assert len(kept) <= max(max_chars, 0) or kept == page
    if cut is not None:
        assert cut["read_chars"] == len(kept) and cut["page_chars"] == len(page)


@FAST
@given(html_like)
def test_html_to_text_never_raises(fragment):
    assert isinstance(html_to_text(fragment), str)


@SLOW
@given(html_like)
def test_parse_html_raises_only_input_error(page):
    with contextlib.suppress(InputError):
        doc = parse_html(f"<html><body>{page}</body></html>", id="h", origin="h")
        assert doc.text
