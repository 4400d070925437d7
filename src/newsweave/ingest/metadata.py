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

Each date read passes `datereaders.valid_date`; the date readers
(`parse_date`, `valid_date`, `merge_published`, ...) live in `datereaders`
and are re-exported here for the readers that import them from this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from newsweave.language.registry import codes, get_language, languages
from newsweave.model import PartialDate

from .dateline import read_dateline
from .dateorder import guess_language, numeric_order, read_numeric
from .datereaders import (
    EARLIEST_YEAR,
    FUTURE_YEARS,
    NUMERIC_DATE,
    TIME,
    make_date,
    merge_published,
    month_table,
    parse_date,
    patterns,
    read_date,
    resolve_month_day,
    valid_date,
    valid_month_day,
)

__all__ = [
    "AGENCIES",
    "EARLIEST_YEAR",
    "FUTURE_YEARS",
    "extract",
    "merge_published",
    "month_table",
    "parse_date",
    "resolve_month_day",
    "tidy",
    "title_place",
    "valid_date",
    "valid_month_day",
]

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
    rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})(?:[ \t]+{TIME})?"
    rf"[ \t]*{_DASH}[ \t]*(?P<place>[^\n]+?)[ \t]*\((?P<agency>[^()\n]{{1,30}})\)"
    rf"[ \t]*(?:{_DASH}[ \t]*(?:©|\(c\))[^\n]*)?",
    re.I,
)
_COPYRIGHT_LINE = re.compile(r"(?:©|\(c\)|copyright)[ \t]*\d{4}[^\n]{0,60}", re.I)


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
        found = read_date(rest, _order_of(rest, language, None))
        if found is not False:  # an impossible date still makes the line a header
            if found is not None:
                dates.append(found)
            return body[end_of_line:], True
    elif key not in _BARE_KEYS:
        return body, False
    token = patterns()["token"].match(body, m.end(), end_of_line)
    if not token:
        return body, False
    found = read_date(token.group(0), _order_of(token.group(0), language, None))
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
        value = make_date(year, *found) if found else make_date(year)  # undecidable: the year only
        if value is not None:
            dates.append(value)
    elif read.month_name is not None:
        month = month_table().get(read.month_name.casefold())
        if month is None or read.day is None or not 1 <= read.day <= 31:
            return body, None
        if read.year:
            # An impossible date drops the date (or its day), not the dateline.
            value = make_date(read.year, month, read.day)
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
        return make_date(year)  # both readings are dates: only the year is sure
    month, day = read
    if m.group("H") is None:
        return make_date(year, month, day)
    return make_date(year, month, day, int(m.group("H")), int(m.group("M")), int(m.group("S") or 0))


def _order_of(value: str, language: Callable[[], str | None], agency: str | None) -> str | None:
    """The numeric-date order for a header value, asked only when it holds a numeric date."""
    return numeric_order(language(), agency) if NUMERIC_DATE.search(value) else None


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
