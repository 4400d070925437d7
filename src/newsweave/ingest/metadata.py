"""Metadata written inside article text: header lines and wire datelines.

Agency copy and scraped dumps carry their metadata in the body (`date
2023-02 ...`, `KYIV, March 8 (Reuters) - ...`, a closing `03/08/2023 20:37:21
– Chasiv Yar (Ukraine) (AFP) – © 2023 AFP`). Left in, these lines pollute
embeddings, quotes and dedup, so `extract` moves them into fields and
returns the body without them.

Dates keep the precision the source gave: `2023-02` stays a month and a
dateline without a year does not become a day in some guessed year.

Numeric dates follow the language's and the source's convention, from the
language registry (`dateorder`): `03/08/2023` is 3 August in French copy,
8 March in an English AFP wire, and only `2023` when nothing decides.

Every date, whatever path it came by (JSONL fields, page meta, feeds,
datelines, wire lines, headers), passes one check, `valid_date`: a year
outside EARLIEST_YEAR to the current year + FUTURE_YEARS drops the date
(an RSS `9999-12-31` is a placeholder, not a date), and an impossible part
drops that part and what follows, keeping the rest at its true precision:
`2023-05-00` is May 2023, `2023-00-10` only 2023, `2023-02-30` February 2023.
ISO week dates (`2023-W09-3`) are read as the day they name.
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

from newsweave.language.registry import codes, get_language, languages
from newsweave.model import PartialDate, zone_offset

from .dateline import read_dateline
from .dateorder import guess_language, numeric_order, read_numeric

# Agencies accepted after a mixed-case place ("Berlin (dpa) -"); an
# all-caps place accepts any short parenthesis.
AGENCIES = frozenset(
    a.casefold()
    for a in (
        "AFP", "AP", "Reuters", "dpa", "EFE", "ANSA", "AGI", "Xinhua", "Bloomberg", "UPI",
        "AA", "Anadolu", "PTI", "IANS", "ANP", "APA", "Belga", "TASS", "Interfax", "Lusa",
        "KNA", "epd", "AFX", "SDA", "ATS", "Keystone-SDA", "Europa Press", "Adnkronos",
        "Ukrinform", "Yonhap", "Kyodo", "PAP", "CTK", "MTI", "BTA", "NTB", "TT", "Ritzau",
        "STT", "Notimex", "Agência Brasil", "LaPresse", "AP Photo", "RIA Novosti",
    )
)  # fmt: skip
# Lower-case inside a place name printed in capitals: FRANKFURT AM MAIN -> Frankfurt am Main.
_SMALL_WORDS = frozenset(
    {"am", "an", "der", "die", "den", "von", "de", "del", "della", "di", "da", "das", "do",
     "dos", "du", "des", "la", "le", "les", "los", "las", "sur", "sous", "upon", "on", "of",
     "the", "y", "e", "et", "und"}
)  # fmt: skip

_DASH = r"[-–—]"
_YEAR = r"(?P<y>1[89]\d\d|2[01]\d\d)(?!\d)"
_ISO = (
    r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s?Z|\s?[+-]\d{2}:?\d{2})?)?)?)?"
)
_TIME = r"(?P<H>[01]?\d|2[0-3])[:h.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
_HEADER_KEYS = {
    "date": "published",
    "dated": "published",
    "published": "published",
    "datum": "published",
    "fecha": "published",
    "data": "published",
    "publié": "published",
    "publicado": "published",
    "pubblicato": "published",
    "veröffentlicht": "published",
    "source": "source",
    "quelle": "source",
    "fuente": "source",
    "fonte": "source",
}
# Without a colon only these keys are trusted: "data" and "source" open sentences too.
_BARE_KEYS = frozenset({"date", "dated", "datum", "fecha"})
_HEADER = re.compile(
    r"[ \t]*(?P<key>" + "|".join(sorted(_HEADER_KEYS, key=len, reverse=True)) + r")(?!\w)"
    r"(?P<colon>[ \t]*[:=])?[ \t]*",
    re.I,
)
_WIRE_TRAILER = re.compile(
    rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})(?:[ \t]+{_TIME})?"
    rf"[ \t]*{_DASH}[ \t]*(?P<place>[^\n]+?)[ \t]*\((?P<agency>[^()\n]{{1,30}})\)"
    rf"[ \t]*(?:{_DASH}[ \t]*(?:©|\(c\))[^\n]*)?",
    re.I,
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
# ISO 8601 week dates (2023-W09-3, 2023W093, 2023-W09) and ordinal dates (2023-060).
_WEEK_DATE = re.compile(r"(?P<y>\d{4})-?W(?P<w>\d{2})(?:-?(?P<d>\d))?", re.I)
_ORDINAL_DATE = re.compile(r"(?P<y>\d{4})-(?P<o>\d{3})")
# An ISO date with a time, read part by part so that an impossible time keeps the day.
_ISO_STAMP = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<H>\d{2}):(?P<M>\d{2})"
    r"(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.I,
)
# dateparser is asked only about values with a word in them (a month name in a
# language the month files do not list), never about codes such as `2023-W09-3`.
_WORD = re.compile(r"[^\W\d_]{3,}")
_COPYRIGHT_LINE = re.compile(r"(?:©|\(c\)|copyright)[ \t]*\d{4}[^\n]{0,60}", re.I)


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


def _is_weekday(word: str) -> bool:
    return word.casefold() in _weekday_names()


@cache
def _weekday_names() -> frozenset[str]:
    """Weekday names: each language's `weekdays.txt` and its time-expression rules."""
    names = {
        w.strip().casefold() for x in languages() for line in x.lines("weekdays.txt")
        for w in line.split("|") if w.strip()
    }  # fmt: skip
    for code in codes(having="timex"):
        module = get_language(code).module("timex")
        names.update(w.casefold() for w in getattr(module, "LEXICON", {}).get("WEEKDAY", {}))
    return frozenset(names)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    names = "|".join(re.escape(n) for n in sorted(month_table(), key=len, reverse=True))
    month = rf"(?P<mon>{names})\.?(?!\w)"
    day = r"(?P<d>[0-3]?\d)(?:\.|er|º|°|st|nd|rd|th)?"
    day_first = rf"{day}[ \t]+(?:de[ \t]+)?{month}(?:,?[ \t]+(?:de[ \t]+)?{_YEAR})?"
    month_first = rf"{month}[ \t]+{day}(?:,?[ \t]+{_YEAR})?"
    month_year = rf"{month}[ \t]+(?:de[ \t]+)?{_YEAR}"
    time = rf"(?:,?[ \t]+(?:at[ \t]+|à[ \t]+|um[ \t]+|a las[ \t]+)?{_TIME})?"
    flags = re.I
    return {
        "day_first": re.compile(rf"(?<!\w){day_first}{time}", flags),
        "month_first": re.compile(rf"(?<!\w){month_first}{time}", flags),
        "month_year": re.compile(rf"(?<!\w){month_year}", flags),
        # A date-looking token at the start of a header value.
        "token": re.compile(
            rf"(?:{_ISO}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
            rf"|{day_first.replace('?P<', '?P<t1')}"
            rf"|{month_first.replace('?P<', '?P<t2')}"
            rf"|{month_year.replace('?P<', '?P<t3')})(?!\w)",
            flags,
        ),
    }


def extract(text: str, lang: str | None = None) -> tuple[str, dict[str, Any]]:
    """Split `text` into its body and the metadata written in it.

    Metadata keys, each present only when found: `published` (PartialDate),
    `dateline` (place as printed, all-caps places in title case, a country
    in parentheses kept: "Chasiv Yar (Ukraine)"), `source` (the agency as
    printed: "AFP", "Reuters"), and `month_day` ((month, day)) for a
    dateline date without a year that nothing else in the text dates.

    `lang` is the declared language of the text, if any; it decides the
    order of an ambiguous numeric date (see the module notes), and when it
    is missing the body's function words are asked, only if such a date
    is there.
    """
    meta: dict[str, Any] = {}
    dates: list[PartialDate] = []
    body = text
    guessed: list[str | None] = []

    def language() -> str | None:
        if lang is not None:
            return lang
        if not guessed:  # once, and only for a date that needs it
            guessed.append(guess_language(text))
        return guessed[0]

    for _ in range(6):  # a few header lines at most; bounded against odd input
        body, found = _strip_header(body, meta, dates, language)
        if not found:
            break

    body, month_day = _strip_dateline(body, meta, dates, language)
    body = _strip_trailer(body, meta, dates, language)

    published = None
    for value in dates:
        published = merge_published(published, value)
    if month_day is not None:
        resolved = resolve_month_day(month_day, published)
        if resolved is not None:
            published = resolved
        elif published is None:
            meta["month_day"] = month_day
    if published is not None:
        meta["published"] = published
    return tidy(body), meta


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
    return _make(known.year, month, day)


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
    found = _read_date(value, order)
    return None if found is False else found


def _read_date(value: str, order: str | None = None) -> PartialDate | bool | None:
    """parse_date, but False when `value` is no date at all and None when it is one in
    a known shape that no calendar holds (`9999-12-31`, `Fri, 00 Feb 0000`)."""
    value = " ".join(str(value).split())
    if not value or len(value) > 100:
        return False
    try:
        return _parse_date(value, order)
    except (ValueError, OverflowError):
        return None


def tidy(text: str) -> str:
    """Trim lines, collapse runs of spaces, keep paragraph breaks as one blank line."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()


def title_place(place: str) -> str:
    """`KYIV` -> `Kyiv`, `FRANKFURT AM MAIN` -> `Frankfurt am Main`; mixed case is kept."""
    place = " ".join(place.split()).strip(" ,")
    if place != place.upper():
        return place
    words = place.split(" ")
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        out.append(low if i and low in _SMALL_WORDS else word.title().replace("’S", "’s"))
    return " ".join(out)


# -- pieces -----------------------------------------------------------------


def _strip_header(
    body: str,
    meta: dict[str, Any],
    dates: list[PartialDate],
    language: Callable[[], str | None],
) -> tuple[str, bool]:
    lead = len(body) - len(body.lstrip())
    m = _HEADER.match(body, lead)
    if not m:
        return body, False
    key = m.group("key").casefold()
    field = _HEADER_KEYS[key]
    end_of_line = body.find("\n", m.end())
    end_of_line = len(body) if end_of_line < 0 else end_of_line
    rest = body[m.end() : end_of_line]
    if m.group("colon"):
        if field == "source":
            value = rest.strip()
            if not value or len(value) > 80:
                return body, False
            meta.setdefault("source", value)
            return body[end_of_line:], True
        found = _read_date(rest, _order_of(rest, language, None))
        if found is not False:  # an impossible date still makes the line a header
            if found is not None:
                dates.append(found)
            return body[end_of_line:], True
    elif key not in _BARE_KEYS:
        return body, False
    token = _patterns()["token"].match(body, m.end(), end_of_line)
    if not token:
        return body, False
    found = _read_date(token.group(0), _order_of(token.group(0), language, None))
    if found is False:
        return body, False
    # The body may go on on the same line (` date 2023-02 La plupart ...`).
    after = body[token.end() : end_of_line]
    if after and not after[0].isspace():
        return body, False
    if found is not None:
        dates.append(found)
    return body[token.end() :], True


def _strip_dateline(
    body: str, meta: dict[str, Any], dates: list[PartialDate], language: Callable[[], str | None]
) -> tuple[str, tuple[int, int] | None]:
    start = len(body) - len(body.lstrip())
    read = read_dateline(body, start, _month_names(), _is_agency, _is_weekday)
    if read is None:
        return body, None
    month_day = None
    if read.numeric is not None:
        a, b, year = read.numeric
        order = numeric_order(language(), read.agency) if a <= 12 and b <= 12 and a != b else None
        found = read_numeric(a, b, order)
        value = _make(year, *found) if found else _make(year)  # undecidable: the year only
        if value is not None:
            dates.append(value)
    elif read.month_name is not None:
        month = month_table().get(read.month_name.casefold())
        if month is None or read.day is None or not 1 <= read.day <= 31:
            return body, None
        if read.year:
            # An impossible date drops the date (or its day), not the dateline.
            value = _make(read.year, month, read.day)
            if value is not None:
                dates.append(value)
        else:
            month_day = valid_month_day((month, read.day))
    if read.place:
        place = title_place(read.place)
        if read.region:
            place = f"{place}, {title_place(read.region)}"
        if read.country:
            place = f"{place} ({title_place(read.country)})"
        meta.setdefault("dateline", place)
    if read.agency:
        meta.setdefault("source", read.agency)
    return body[read.end :], month_day


def _strip_trailer(
    body: str, meta: dict[str, Any], dates: list[PartialDate], language: Callable[[], str | None]
) -> str:
    for _ in range(2):  # the wire line and a copyright line, in either order
        stripped = body.rstrip()
        cut = stripped.rfind("\n") + 1
        last = stripped[cut:].strip()
        if not last:
            return body
        wire = _WIRE_TRAILER.fullmatch(last)
        if wire:
            found = _wire_date(wire, language)
            if found is None:
                return body
            dates.append(found)
            meta.setdefault("dateline", " ".join(wire.group("place").split()))
            meta.setdefault("source", wire.group("agency").strip())
        elif not _COPYRIGHT_LINE.fullmatch(last) or cut == 0:
            return body
        body = stripped[:cut]
    return body


def _wire_date(m: re.Match[str], language: Callable[[], str | None]) -> PartialDate | None:
    # French AFP prints 03/08/2023 for 3 August, English AFP for 8 March: the order is
    # the language's and the agency's, asked only when the numbers leave it open.
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    order = None
    if a <= 12 and b <= 12 and a != b:
        order = numeric_order(language(), m.group("agency").strip())
    read = read_numeric(a, b, order)
    if read is None:
        return _make(year)  # both readings are dates: only the year is sure
    month, day = read
    if m.group("H") is None:
        return _make(year, month, day)
    return _make(year, month, day, int(m.group("H")), int(m.group("M")), int(m.group("S") or 0))


def _order_of(value: str, language: Callable[[], str | None], agency: str | None) -> str | None:
    """The numeric-date order for a header value, asked only when it holds a numeric date."""
    return numeric_order(language(), agency) if _NUMERIC_DATE.search(value) else None


def _is_agency(agency: str) -> bool:
    """A known agency ("dpa", "ANP/AFP"), or a short name in capitals ("EUROPA PRESS")."""
    parts = [p.strip() for p in agency.split("/")]
    if all(p.casefold() in AGENCIES for p in parts):
        return True
    letters = [c for c in agency if c.isalpha()]
    return (
        len(agency.split()) <= 3
        and len(letters) >= 2
        and all(c.isupper() for c in letters)
        and not any(c.isdigit() for c in agency)
    )


@cache
def _month_names() -> str:
    return "|".join(re.escape(n) for n in sorted(month_table(), key=len, reverse=True))


def _parse_date(value: str, order: str | None = None) -> PartialDate | bool | None:
    direct = PartialDate.parse(value)
    if direct is not None:
        # `T10:00` prints as `T10:00:00`: fill the seconds so str() round-trips.
        second = 0 if direct.hour is not None and direct.second is None else direct.second
        return _make(direct.year, direct.month, direct.day, direct.hour, direct.minute, second,
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
        return _make(*(int(g) if g is not None else None for g in m.groups()))
    m = _WEEK_DATE.fullmatch(value)
    if m:
        return _from_week(int(m.group("y")), int(m.group("w")), m.group("d"))
    m = _ORDINAL_DATE.fullmatch(value)
    if m:
        year, number = int(m.group("y")), int(m.group("o"))
        if not _make(year):
            return None
        if not 1 <= number <= (366 if calendar.isleap(year) else 365):
            return _make(year)
        return _from_day(date(year, 1, 1) + timedelta(days=number - 1))
    return False


def _from_week(year: int, week: int, weekday: str | None) -> PartialDate | None:
    """An ISO week date. With its weekday it is that day; without, the week is kept as the
    month or the year it falls in (a week across two months is only its year)."""
    if not _make(year):
        return None
    weeks = date(year, 12, 28).isocalendar().week
    if not 1 <= week <= weeks or (weekday is not None and not 1 <= int(weekday) <= 7):
        return _make(year)  # an impossible week: only the year is sure
    if weekday is not None:
        return _from_day(date.fromisocalendar(year, week, int(weekday)))
    monday, sunday = date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _make(monday.year, monday.month)
    return _make(monday.year) if monday.year == sunday.year else None


def _from_day(day: date) -> PartialDate | None:
    return _make(day.year, day.month, day.day)


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
    # The source's local time is kept with its offset; `_make` drops an impossible part
    # and all after it.
    if m.group("zone"):
        offset = zone_offset(m.group("zone"))
        if offset is None:
            return _make(*parts[:3])  # a zone nobody uses: keep the day the source wrote
        return _make(*parts, offset=offset)
    return _make(*parts)


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
    # The source's local time, with its offset; `_make` keeps what can be kept.
    return _make(year, month, day, hour, minute, second,
                 offset=None if offset is None else offset // 60)  # fmt: skip


def _from_words(value: str) -> PartialDate | bool | None:
    pats = _patterns()
    for name in ("day_first", "month_first"):
        m = pats[name].fullmatch(value) or pats[name].fullmatch(_drop_weekday(value))
        if m and m.group("y"):
            month = month_table()[m.group("mon").casefold()]
            if m.group("H") is None:
                return _make(int(m.group("y")), month, int(m.group("d")))
            return _make(
                int(m.group("y")),
                month,
                int(m.group("d")),
                int(m.group("H")),
                int(m.group("M")),
                int(m.group("S") or 0),
            )
    m = pats["month_year"].fullmatch(value)
    if m:
        return _make(int(m.group("y")), month_table()[m.group("mon").casefold()])
    return False


def _from_numeric(value: str, order: str | None = None) -> PartialDate | bool | None:
    """`d.m.yyyy` (day first, as in German); `d/m/yyyy` or `m/d/yyyy` as `order` says or a
    number over 12 decides; False if not numeric."""
    m = _NUMERIC_DATE.fullmatch(value)
    if not m:
        return False
    a, sep, b, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    read = read_numeric(a, b, "DMY" if sep == "." else order)
    # 03/08/2023 is 8 March in New York and 3 August in Paris: only the year is sure.
    return _make(year) if read is None else _make(year, *read)


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
        return _make(stamp.year)
    if period == "month":
        return _make(stamp.year, stamp.month)
    if period == "time":
        return _from_datetime(stamp)
    return _make(stamp.year, stamp.month, stamp.day)


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


def _make(
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
