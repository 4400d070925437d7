"""PartialDate and content_hash: the keys every later stage sorts and deduplicates by."""

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.model import Document, PartialDate, content_hash

FAST = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2023", PartialDate(2023), "year"),
        ("2023-02", PartialDate(2023, 2), "month"),
        ("2023-02-14", PartialDate(2023, 2, 14), "day"),
        ("2023-02-14T09:05:07", PartialDate(2023, 2, 14, 9, 5, 7), "second"),
        ("2023-02-14 09:05", PartialDate(2023, 2, 14, 9, 5), "second"),
        ("  2023-02-14  ", PartialDate(2023, 2, 14), "day"),
    ],
)
def test_parse_reads_each_precision(text: str, expected: PartialDate, precision: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision == precision


@pytest.mark.parametrize(
    "text",
    [
        "",
        "23",
        "2023-2",
        "2023-13",
        "2023-02-30",
        "2023-02-14T25:00",
        "14/02/2023",
        "0000",
        "x2023",
    ],
)
def test_parse_rejects_malformed_or_impossible_dates(text: str) -> None:
    assert PartialDate.parse(text) is None


def test_isoformat_keeps_precision_and_fills_missing_minutes_and_seconds() -> None:
    assert PartialDate(2023, 2).isoformat() == "2023-02"
    assert PartialDate(987).isoformat() == "0987"
    assert str(PartialDate(2023, 2, 14, 9, 5)) == "2023-02-14T09:05:00"


def test_from_datetime_and_date() -> None:
    assert PartialDate.from_datetime(date(2023, 5, 1)) == PartialDate(2023, 5, 1)
    moment = PartialDate.from_datetime(datetime(2023, 5, 1, 12, 30, 15))
    assert moment == PartialDate(2023, 5, 1, 12, 30, 15)
    assert moment.precision == "second"


def test_ordinal_is_the_middle_of_the_period() -> None:
    jan1 = date(2023, 1, 1).toordinal()
    assert PartialDate(2023, 1, 1).ordinal() == jan1 + 0.5
    assert PartialDate(2023, 1, 1, 12, 0, 0).ordinal() == jan1 + 0.5
    assert PartialDate(2023, 1, 1, 6, 0, 0).ordinal() == jan1 + 0.25
    assert PartialDate(2023, 1).ordinal() == jan1 + 14.5
    assert PartialDate(2023).ordinal() == jan1 + 182
    # A month sorts between its first and last days; a year around its middle.
    assert PartialDate(2023, 3, 1).ordinal() < PartialDate(2023, 3).ordinal()
    assert PartialDate(2023, 3).ordinal() < PartialDate(2023, 3, 31).ordinal()
    assert PartialDate(2023, 6, 30).ordinal() < PartialDate(2023).ordinal()
    assert PartialDate(2023).ordinal() < PartialDate(2023, 7, 3).ordinal()


def test_uncertainty_is_half_the_period() -> None:
    assert PartialDate(2023).uncertainty_days() == 182.0
    assert PartialDate(2023, 2).uncertainty_days() == 15.0
    assert PartialDate(2023, 2, 3).uncertainty_days() == 0.5
    assert PartialDate(2023, 2, 3, 4, 5, 6).uncertainty_days() == 0.0


@st.composite
def iso_dates(draw: st.DrawFn) -> str:
    moment = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day", "second"]))
    return {
        "year": f"{moment.year:04d}",
        "month": f"{moment.year:04d}-{moment.month:02d}",
        "day": moment.date().isoformat(),
        "second": moment.replace(microsecond=0).isoformat(),
    }[precision]


@FAST
@given(iso_dates())
def test_parse_round_trips(text: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed is not None
    assert str(parsed) == text
    assert PartialDate.parse(parsed.isoformat()) == parsed


@FAST
@given(st.text(max_size=30))
def test_parse_never_raises(text: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed is None or isinstance(parsed, PartialDate)


def test_content_hash_folds_whitespace_and_case() -> None:
    base = content_hash("Troops entered Bakhmut on Monday.")
    assert content_hash("  troops   ENTERED\nbakhmut\ton monday.  ") == base
    assert content_hash("Troops entered Bakhmut on Tuesday.") != base
    # NFKC: a ligature and its letters, a no-break space and a space are the same text.
    assert content_hash("ﬁnal\u00a0word") == content_hash("final word")
    assert len(base) == 40


@FAST
@given(st.text(max_size=80))
def test_content_hash_ignores_case_and_spacing(text: str) -> None:
    respaced = "\n " + "  \t".join(text.split()) + " "
    assert content_hash(respaced) == content_hash(text)


@FAST
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉ .,", max_size=80))
def test_content_hash_ignores_case(text: str) -> None:
    assert content_hash(text.upper()) == content_hash(text.lower()) == content_hash(text)


def test_document_hash_and_head() -> None:
    doc = Document(id="a", text="one two  three four", title="Title")
    assert doc.ensure_hash() == content_hash("one two three four")
    assert doc.hash == doc.ensure_hash()
    assert doc.head(2) == "Title. one two"
    assert Document(id="b", text="one two three").head(5) == "one two three"


def test_a_time_keeps_the_offset_its_source_gave() -> None:
    """A page stamped 22:46 at -03:00 was published on the 3rd, not at 01:46 UTC on the 4th."""
    from newsweave.ingest.metadata import parse_date

    local = parse_date("2022-05-03T22:46-03:00")
    assert local is not None and local.isoformat() == "2022-05-03T22:46:00-03:00"
    assert (local.day, local.offset) == (3, -180)
    assert PartialDate.parse(local.isoformat()) == local  # stored and read back whole
    utc = parse_date("2022-05-04T01:46:00Z")
    assert utc is not None and abs(local.ordinal() - utc.ordinal()) < 1e-9  # same instant
    assert parse_date("2022-05-03").offset is None  # an offset belongs to a time
