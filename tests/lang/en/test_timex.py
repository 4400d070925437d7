"""English time expressions, on sentences written for these tests.

The publication date is Wednesday 8 March 2023 unless a test says otherwise.
"""

import pytest

from newsweave.model import PartialDate
from newsweave.timex import find_timexes

DCT = PartialDate(2023, 3, 8)


def found(text: str, dct: PartialDate | None = DCT) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, "en", dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays: the latest one in news copy, the next one when the tense says so
        ("The minister resigned on Wednesday.", [("Wednesday", "DATE", "2023-03-08")]),
        ("Talks broke down last Tuesday.", [("last Tuesday", "DATE", "2023-03-07")]),
        ("The union said Monday it was ready.", [("Monday", "DATE", "2023-03-06")]),
        ("The court will rule on Friday.", [("Friday", "DATE", "2023-03-10")]),
        ("Voters go to the polls next Sunday.", [("next Sunday", "DATE", "2023-03-12")]),
        # days relative to the publication date
        ("Protesters gathered yesterday.", [("yesterday", "DATE", "2023-03-07")]),
        ("The ferry sails today and returns tomorrow.",
         [("today", "DATE", "2023-03-08"), ("tomorrow", "DATE", "2023-03-09")]),
        ("Police arrested him this morning.", [("this morning", "TIME", "2023-03-08TMO")]),
        ("The vote is tonight.", [("tonight", "TIME", "2023-03-08TNI")]),
        ("Shops reopened three days ago.", [("three days ago", "DATE", "2023-03-05")]),
        ("He was sacked two weeks ago.", [("two weeks ago", "DATE", "2023-W08")]),
        ("Yesterday morning the bridge closed.", [("Yesterday morning", "TIME", "2023-03-07TMO")]),
        # weeks, months, years
        ("Inflation slowed last month.", [("last month", "DATE", "2023-02")]),
        ("Exports rose last week.", [("last week", "DATE", "2023-W09")]),
        ("The summit opens next week.", [("next week", "DATE", "2023-W11")]),
        ("Prices jumped earlier this month.", [("earlier this month", "DATE", "2023-03")]),
        ("Growth will pick up this year.", [("this year", "DATE", "2023")]),
        ("The firm lost money last year and expects a profit early next year.",
         [("last year", "DATE", "2022"), ("early next year", "DATE", "2024")]),
        # calendar dates
        ("The treaty was signed on 8 March 2023.", [("8 March 2023", "DATE", "2023-03-08")]),
        ("The treaty was signed on March 8, 2023.", [("March 8, 2023", "DATE", "2023-03-08")]),
        ("The memo is dated 03/08/2023.", [("03/08/2023", "DATE", "2023-03-08")]),
        ("Results are due Sept. 30.", [("Sept. 30", "DATE", "2023-09-30")]),
        ("The deadline passed on Dec. 15.", [("Dec. 15", "DATE", "2022-12-15")]),
        ("The factory closed in August.", [("August", "DATE", "2022-08")]),
        ("The factory will reopen in August.", [("August", "DATE", "2023-08")]),
        ("Output peaked in March 2021.", [("March 2021", "DATE", "2021-03")]),
        ("Sales grew in 1998 and in fiscal 1999.",
         [("1998", "DATE", "1998"), ("fiscal 1999", "DATE", "1999")]),
        ("Rents soared in the 1990s and again in the late '80s.",
         [("the 1990s", "DATE", "199"), ("the late '80s", "DATE", "198")]),
        ("The bridge dates from the 19th century.", [("the 19th century", "DATE", "18")]),
        ("Shipments fell in spring 2022.", [("spring 2022", "DATE", "2022-SP")]),
        ("The vote is set for Tuesday, Oct. 3.", [("Tuesday, Oct. 3", "DATE", "2023-10-03")]),
        ("Earnings rose in the third quarter of 2022.",
         [("the third quarter of 2022", "DATE", "2022-Q3")]),
        ("The company reported third-quarter profit.", [("third-quarter", "DATE", "2022-Q3")]),
        ("The March accession was delayed.", [("March", "DATE", "2023-03")]),
        # holidays
        ("Sales fell over Christmas and will recover by Easter.",
         [("Christmas", "DATE", "2022-12-25"), ("Easter", "DATE", "2023-04-09")]),
        ("Stores opened on Thanksgiving Day 2022.",
         [("Thanksgiving Day 2022", "DATE", "2022-11-24")]),
        # durations
        ("The strike lasted three days.", [("three days", "DURATION", "P3D")]),
        ("He was held for two weeks.", [("two weeks", "DURATION", "P2W")]),
        ("The power was out for 24 hours.", [("24 hours", "DURATION", "PT24H")]),
        ("Talks dragged on for several months.", [("several months", "DURATION", "PXM")]),
        ("Prices doubled over the past three years.",
         [("the past three years", "DURATION", "P3Y")]),
        ("He served a year and a half in prison.", [("a year and a half", "DURATION", "P1Y6M")]),
        ("It signed a two-year contract.", [("two-year", "DURATION", "P2Y")]),
        ("The search took nearly twenty-four hours.",
         [("nearly twenty-four hours", "DURATION", "PT24H")]),
        # clock times
        ("The market opens at 10 a.m.", [("10 a.m.", "TIME", "2023-03-08T10:00")]),
        ("The blast happened at 7:15 p.m. Tuesday.",
         [("7:15 p.m. Tuesday", "TIME", "2023-03-07T19:15")]),
        ("On Monday the session ends at 4 p.m.",
         [("Monday", "DATE", "2023-03-06"), ("4 p.m.", "TIME", "2023-03-06T16:00")]),
        ("Bids will close at noon Friday.", [("noon Friday", "TIME", "2023-03-10T12:00")]),
        # sets
        ("The paper is checked every week.", [("every week", "SET", "P1W")]),
        ("Rates are reviewed twice a year.", [("a year", "SET", "P1Y")]),
        ("The rallies happen daily.", [("daily", "SET", "P1D")]),
        ("The shop closes on Sundays.", [("Sundays", "SET", "XXXX-WXX-7")]),
        # references to the present, past and future
        ("Prices are now falling; they recently peaked and will soon stabilise.",
         [("now", "DATE", "PRESENT_REF"), ("recently", "DATE", "PAST_REF"),
          ("soon", "DATE", "FUTURE_REF")]),
        ("Oil is currently cheap, but the future is unclear.",
         [("currently", "DATE", "PRESENT_REF"), ("the future", "DATE", "FUTURE_REF")]),
        # spoken numbers in broadcast transcripts
        ("That was back in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996")]),
    ],
)  # fmt: skip
def test_expressions(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prices may fall further, analysts warn.",
        "Theresa May spoke to reporters.",
        "Thousands march through the capital.",
        "A six-year-old boy was rescued; his father is 52 years old.",
        "The company paid its quarterly dividend.",
        "More than a quarter of voters stayed home.",
        "The council has 1500 members and meets in the town hall.",
        "They met Summer Smith on Spring Street; she wrote The Fall of Rome.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert found(text) == []


def test_anaphoric_day_uses_the_last_date_mentioned() -> None:
    text = "The ceasefire began on March 1. The day before, shelling had intensified."
    assert found(text) == [
        ("March 1", "DATE", "2023-03-01"),
        ("The day before", "DATE", "2023-02-28"),
    ]


def test_year_earlier_keeps_the_period_reported_on() -> None:
    text = "Sales rose in the first half of 2022, compared with a year earlier."
    assert found(text) == [
        ("the first half of 2022", "DATE", "2022-H1"),
        ("a year earlier", "DATE", "2021-H1"),
    ]


def test_undated_article_keeps_what_the_text_says() -> None:
    text = "He left yesterday, on 8 March, before Wednesday's vote, for three days."
    got = find_timexes(text, "en", None)
    assert [(t.text, t.value, t.resolved) for t in got] == [
        ("yesterday", None, False),
        ("8 March", "XXXX-03-08", False),
        ("Wednesday", "XXXX-WXX-3", False),
        ("three days", "P3D", True),
    ]


def test_month_precision_date_is_too_coarse_for_days() -> None:
    got = find_timexes("Sales fell yesterday and last month.", "en", PartialDate(2023, 3))
    assert [(t.text, t.value, t.resolved) for t in got] == [
        ("yesterday", None, False),
        ("last month", "2023-02", True),
    ]
