"""Date readers: one free-form date field to a PartialDate at the precision it gives.

Every date, whatever path it came by (JSONL fields, page meta, feeds,
datelines, wire lines, headers), passes one check, `valid_date`: a year
outside EARLIEST_YEAR to the current year + FUTURE_YEARS drops the date
(an RSS `9999-12-31` is a placeholder, not a date), and an impossible part
drops that part and what follows, keeping the rest at its true precision:
`2023-05-00` is May 2023, `2023-00-10` only 2023, `2023-02-30` February 2023.
ISO week dates (`2023-W09-3`) are read as the day they name.

Month names come from each language's `months.txt` (`month_table`); the
patterns built from them (`patterns`) serve both these readers and the
header and dateline readers of `metadata`, which import them from here
(this module imports nothing from `metadata`, so there is no import circle).
"""

from __future__ import annotations

import calendar
import email.utils
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from newsweave.language.registry import codes, languages
from newsweave.model import PartialDate, zone_offset

from .dateorder import read_numeric

YEAR = r"(?P<y>1[89]\d\d|2[01]\d\d)(?!\d)"
ISO = (
    r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s?Z|\s?[+-]\d{2}:?\d{2})?)?)?)?"
)
TIME = r"(?P<H>[01]?\d|2[0-3])[:h.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"

NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
# ISO 8601 week dates (2023-W09-3, 2023W093, 2023-W09) and ordinal dates (2023-060).
_WEEK_DATE = re.compile(r"(?P<y>\d{4})-?W(?P<w>\d{2})(?:-?(?P<d>\d))?", re.I)
_ORDINAL_DATE = re.compile(r"(?P<y>\d{4})-(?P<o>\d{3})")
# An ISO date with a time, read part by part so that an impossible time keeps the day.
_ISO_STAMP = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<H>\d{2}):(?P<M>\d{2})"
    r"(?::(?P<S>\d{1,2})(?:[.,]\d+)?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.I,
)
# dateparser is asked only about values with a word in them (a month name in a
# language the month files do not list), never about codes such as `2023-W09-3`.
_WORD = re.compile(r"[^\W\d_]{3,}")


@cache
def month_table() -> dict[str, int]:
    """Month name or abbreviation (casefolded) -> number, from the `months.txt` of every
    registered language (one line per month, `|` between names)."""
    table: dict[str, int] = {}
    for language in languages():
        for number, line in enumerate(language.lines("months.txt")[:12], start=1):
            for name in line.split("|"):
                key = unicodedata.normalize("NFC", name.strip()).casefold()
                if key:
                    table.setdefault(key, number)
    return table


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    names = "|".join(re.escape(n) for n in sorted(month_table(), key=len, reverse=True))
    month = rf"(?P<mon>{names})\.?(?!\w)"
    day = r"(?P<d>[0-3]?\d)(?:\.|er|º|°|st|nd|rd|th)?"
    day_first = rf"{day}[ \t]+(?:de[ \t]+)?{month}(?:,?[ \t]+(?:de[ \t]+)?{YEAR})?"
    month_first = rf"{month}[ \t]+{day}(?:,?[ \t]+{YEAR})?"
    month_year = rf"{month}[ \t]+(?:de[ \t]+)?{YEAR}"
    time = rf"(?:,?[ \t]+(?:at[ \t]+|à[ \t]+|um[ \t]+|a las[ \t]+)?{TIME})?"
    flags = re.I
    return {
        "day_first": re.compile(rf"(?<!\w){day_first}{time}", flags),
        "month_first": re.compile(rf"(?<!\w){month_first}{time}", flags),
        "month_year": re.compile(rf"(?<!\w){month_year}", flags),
        # A date-looking token at the start of a header value.
        "token": re.compile(
            rf"(?:{ISO}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
            rf"|{day_first.replace('?P<', '?P<t1')}"
            rf"|{month_first.replace('?P<', '?P<t2')}"
            rf"|{month_year.replace('?P<', '?P<t3')})(?!\w)",
            flags,
        ),
    }


# The years a publication date may fall in. Earlier years are misread numbers or
# placeholders (0001-01-01); later ones are placeholders (9999-12-31) or typos, but a
# year ahead is allowed for copy dated in another time zone or embargoed to the new year.
EARLIEST_YEAR = 1800
FUTURE_YEARS = 1


def valid_date(value: PartialDate | None, *, today: date | None = None) -> PartialDate | None:
    """`value` as far as it is a possible publication date; None when its year is not.

    The one check every date passes, whatever path it came by. The year must
    lie between EARLIEST_YEAR and FUTURE_YEARS after the current one (`today`
    for tests). Then each part in turn (month, day, time) must be possible
    given the ones before it; the first that is not is dropped with all that
    follows, so what the source did state is kept at its true precision:
    `2023-05-00` -> `2023-05`, `2023-02-30` -> `2023-02`, `2023-00-10` ->
    `2023`, `2023-03-08T25:00` -> `2023-03-08`.
    """
    if value is None:
        return None
    year, month, day = value.year, value.month, value.day
    latest = (today or datetime.now(UTC).date()).year + FUTURE_YEARS
    if not _is_int(year) or not EARLIEST_YEAR <= year <= latest:
        return None
    if not _is_int(month) or not 1 <= month <= 12:
        return PartialDate(year)
    if not _is_int(day) or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return PartialDate(year, month)
    hour, minute, second = value.hour, value.minute, value.second
    if (
        not _is_int(hour)
        or not 0 <= hour <= 23
        or not (minute is None or (_is_int(minute) and 0 <= minute <= 59))
        or not (second is None or (_is_int(second) and 0 <= second <= 59))
        or (minute is None and second is not None)
    ):
        return PartialDate(year, month, day)
    return value


def valid_month_day(month_day: tuple[int, int] | None) -> tuple[int, int] | None:
    """A year-less (month, day) that some year has (29 February included); else None."""
    if month_day is None:
        return None
    month, day = month_day
    if not (_is_int(month) and _is_int(day) and 1 <= month <= 12):
        return None
    return month_day if 1 <= day <= calendar.monthrange(2024, month)[1] else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def merge_published(known: PartialDate | None, other: PartialDate | None) -> PartialDate | None:
    """Keep `known` unless `other` agrees with it and is more precise."""
    if known is None:
        return other
    if other is None:
        return known
    if _agrees(known, other) and _rank(other) > _rank(known):
        return other
    return known


def resolve_month_day(month_day: tuple[int, int], known: PartialDate | None) -> PartialDate | None:
    """A year-less dateline date, dated by a year (and month) known from elsewhere."""
    if valid_month_day(month_day) is None:
        return None
    month, day = month_day
    if known is None or (known.month is not None and known.month != month):
        return None
    if known.day is not None:
        return None  # already a day; nothing to add
    return make_date(known.year, month, day)


def parse_date(value: str, order: str | None = None) -> PartialDate | None:
    """A free-form date from a metadata field, at the precision it gives; None if unsure.

    Tries, in order: `YYYY[-MM[-DD[THH:MM[:SS]]]]`, ISO 8601 with a zone
    (converted to UTC), RFC 822 from feeds, `8 March 2023` / `March 8, 2023` /
    `8 mars 2023` / `March 2023` in the languages of `language/*/months.txt`,
    numeric `d.m.yyyy` and `d/m/yyyy` or `m/d/yyyy` (as `order`, "DMY" or
    "MDY", says; only the year when neither it nor a number over 12 decides),
    ISO week dates (`2023-W09-3`) and ordinal dates (`2023-060`), and only
    then dateparser, for values with a word in them. Whatever is read passes
    `valid_date`.
    """
    found = read_date(value, order)
    return None if found is False else found


def read_date(value: str, order: str | None = None) -> PartialDate | bool | None:
    """parse_date, but False when `value` is no date at all and None when it is one in
    a known shape that no calendar holds (`9999-12-31`, `Fri, 00 Feb 0000`)."""
    value = " ".join(str(value).split())
    if not value or len(value) > 100:
        return False
    try:
        return _parse_date(value, order)
    except (ValueError, OverflowError):
        return None


def _parse_date(value: str, order: str | None = None) -> PartialDate | bool | None:
    direct = PartialDate.parse(value)
    if direct is not None:
        # `T10:00` prints as `T10:00:00`: fill the seconds so str() round-trips.
        second = 0 if direct.hour is not None and direct.second is None else direct.second
        return make_date(direct.year, direct.month, direct.day, direct.hour, direct.minute, second,
                     direct.offset)  # fmt: skip
    # Each reader returns False when the value is not its shape. A value of a known
    # shape with an impossible year is refused there: dateparser, asked instead,
    # would invent a reading (`Fri, 00 Feb 1999` is 3 February to it).
    readers: tuple[Callable[[str], PartialDate | bool | None], ...] = (
        _from_plain_iso,
        _from_iso,
        _from_rfc822,
        _from_words,
        lambda v: _from_numeric(v, order),
    )
    for reader in readers:
        found = reader(value)
        if found is not False:
            return found
    return _from_dateparser(value)


def _from_plain_iso(value: str) -> PartialDate | bool | None:
    """`YYYY-MM[-DD]` with impossible parts, ISO week dates and ordinal dates; False if the
    value is none of these. PartialDate.parse refuses impossible parts, so they come here
    to keep what can be kept."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if m:
        return make_date(*(int(g) if g is not None else None for g in m.groups()))
    m = _WEEK_DATE.fullmatch(value)
    if m:
        return _from_week(int(m.group("y")), int(m.group("w")), m.group("d"))
    m = _ORDINAL_DATE.fullmatch(value)
    if m:
        year, number = int(m.group("y")), int(m.group("o"))
        if not make_date(year):
            return None
        if not 1 <= number <= (366 if calendar.isleap(year) else 365):
            return make_date(year)
        return _from_day(date(year, 1, 1) + timedelta(days=number - 1))
    return False


def _from_week(year: int, week: int, weekday: str | None) -> PartialDate | None:
    """An ISO week date. With its weekday it is that day; without, the week is kept as the
    month or the year it falls in (a week across two months is only its year)."""
    if not make_date(year):
        return None
    weeks = date(year, 12, 28).isocalendar().week
    if not 1 <= week <= weeks or (weekday is not None and not 1 <= int(weekday) <= 7):
        return make_date(year)  # an impossible week: only the year is sure
    if weekday is not None:
        return _from_day(date.fromisocalendar(year, week, int(weekday)))
    monday, sunday = date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return make_date(monday.year, monday.month)
    return make_date(monday.year) if monday.year == sunday.year else None


def _from_day(day: date) -> PartialDate | None:
    return make_date(day.year, day.month, day.day)


def _from_iso(value: str) -> PartialDate | bool | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*", value):
        return False
    m = _ISO_STAMP.fullmatch(value)
    if m is None:
        try:  # other ISO 8601 spellings (`+01` as the zone)
            return _from_datetime(datetime.fromisoformat(value))
        except ValueError:
            return None
    parts = [int(m.group(k)) for k in ("y", "m", "d", "H", "M")] + [int(m.group("S") or 0)]
    # The source's local time is kept with its offset; `make_date` drops an impossible part
    # and all after it.
    if m.group("zone"):
        offset = zone_offset(m.group("zone"))
        if offset is None:
            return make_date(*parts[:3])  # a zone nobody uses: keep the day the source wrote
        return make_date(*parts, offset=offset)
    return make_date(*parts)


def _from_rfc822(value: str) -> PartialDate | bool | None:
    if "," not in value and not re.search(r"\d:\d\d", value):
        return False
    try:
        parsed = email.utils.parsedate_tz(value)
    except (TypeError, ValueError, IndexError):
        return False
    if parsed is None or not re.search(r"\d:\d\d", value):
        return False
    year, month, day, hour, minute, second, *_ = parsed[:6]
    written = re.search(r"(?<![\d+-])\d{4}(?!\d)", value)
    if written:
        year = int(written.group(0))  # email.utils reads year 0001 as 2001
    offset = parsed[9]
    # The source's local time, with its offset; `make_date` keeps what can be kept.
    return make_date(year, month, day, hour, minute, second,
                 offset=None if offset is None else offset // 60)  # fmt: skip


def _from_words(value: str) -> PartialDate | bool | None:
    pats = patterns()
    for name in ("day_first", "month_first"):
        m = pats[name].fullmatch(value) or pats[name].fullmatch(_drop_weekday(value))
        if m and m.group("y"):
            month = month_table()[m.group("mon").casefold()]
            if m.group("H") is None:
                return make_date(int(m.group("y")), month, int(m.group("d")))
            return make_date(
                int(m.group("y")),
                month,
                int(m.group("d")),
                int(m.group("H")),
                int(m.group("M")),
                int(m.group("S") or 0),
            )
    m = pats["month_year"].fullmatch(value)
    if m:
        return make_date(int(m.group("y")), month_table()[m.group("mon").casefold()])
    return False


def _from_numeric(value: str, order: str | None = None) -> PartialDate | bool | None:
    """`d.m.yyyy` (day first, as in German); `d/m/yyyy` or `m/d/yyyy` as `order` says or a
    number over 12 decides; False if not numeric."""
    m = NUMERIC_DATE.fullmatch(value)
    if not m:
        return False
    a, sep, b, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    read = read_numeric(a, b, "DMY" if sep == "." else order)
    # 03/08/2023 is 8 March in New York and 3 August in Paris: only the year is sure.
    return make_date(year) if read is None else make_date(year, *read)


def _from_dateparser(value: str) -> PartialDate | bool | None:
    # Slow to import and to run: only for values the rules above did not read,
    # and only when they hold a four-digit year (dateparser would supply one).
    if not re.search(r"(?<!\d)\d{4}(?!\d)", value) or not _WORD.search(value):
        return False
    try:
        data = _dateparser().get_date_data(value)
    except Exception:  # dateparser raises many types on odd input; none is ours to report
        return False
    stamp = data["date_obj"]
    if stamp is None:
        return False
    period = data["period"]
    if period == "year":
        return make_date(stamp.year)
    if period == "month":
        return make_date(stamp.year, stamp.month)
    if period == "time":
        return _from_datetime(stamp)
    return make_date(stamp.year, stamp.month, stamp.day)


@cache
def _dateparser() -> Any:
    from dateparser.date import DateDataParser

    # Absolute dates only, and a year required: dateparser would otherwise
    # fill a missing year or day from today, inventing precision.
    # Only the registry's languages: asked about all of them, dateparser compiles
    # every locale's patterns on odd input (seconds, once per locale).
    supported = set(_dateparser_languages())
    return DateDataParser(
        languages=[code for code in codes() if code in supported],
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "TO_TIMEZONE": "UTC",
        },
    )


def _dateparser_languages() -> list[str]:
    from dateparser.data import language_order

    return list(language_order)


def _from_datetime(stamp: datetime) -> PartialDate | None:
    """The source's local time, with its offset when it gave one."""
    return valid_date(PartialDate.from_datetime(stamp))


def _drop_weekday(value: str) -> str:
    return re.sub(r"^[^\W\d_]+\.?,?\s+", "", value, count=1)


def make_date(
    year: int,
    month: int | None = None,
    day: int | None = None,
    hour: int | None = None,
    minute: int | None = None,
    second: int | None = None,
    offset: int | None = None,
) -> PartialDate | None:
    if hour is None:
        offset = None  # an offset belongs to a time
    return valid_date(PartialDate(year, month, day, hour, minute, second, offset))


def _agrees(a: PartialDate, b: PartialDate) -> bool:
    pairs = zip(
        (a.year, a.month, a.day, a.hour, a.minute),
        (b.year, b.month, b.day, b.hour, b.minute),
        strict=True,
    )
    return all(x == y for x, y in pairs if x is not None and y is not None)


def _rank(value: PartialDate) -> int:
    return ("year", "month", "day", "second").index(value.precision)
