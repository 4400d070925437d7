"""The dateline that opens wire and newspaper copy: place, agency, date.

Shapes read (any dash: hyphen, en dash, em dash, a double hyphen, Spanish ".-"):

    BERLIN (AP) —                      KYIV, Ukraine (AP) —
    OFER PRISON, West Bank (Reuters) - KHARKIV, Ukraine, May 2 (Reuters) -
    SAN FRANCISCO —     CAIRO --       Stockholm, 8 mars 2023 -
    Bakhmout (Ukraine) (AFP) -         Berlin/Kiew (dpa) -
    Madrid, 7 mar (EFE).-              MADRID, 8 (EUROPA PRESS) -
    (ANSA) - ROMA, 08 MAR -            (Reuters) - Shares fell ...
    Zürich, 11.01.2023 -               HAMBURG. Der Hafen ...
    Monday, March 6 — (a date line: the date, no place)

Precision comes first: a line is a dateline only with evidence that it is
one. A place in capitals may stand alone before a dash when the sentence
after it starts with a capital ("NATO — the alliance" is not a dateline),
and is not a news label ("LIVE —", "EXCLUSIVE -", "EN DIRECT -", from each
language's `labels.txt`). A place in mixed case needs a date or an agency:
"Emmanuel Macron - Le président" must not become a place. A parenthesis
after the place is the agency when it is a known or capitalised agency name,
the place's country or region when an agency parenthesis follows it, and
otherwise leaves the line alone.

This module only finds the parts; `metadata` turns them into dates with the
language's numeric order and validates them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from newsweave.language.registry import languages

DASH = r"[-–—]"
_WORD = r"[^\W\d_][^\W\d_'’]*"
_PLACE = rf"{_WORD}\.?(?:(?:[ \t]+|[ \t]*/[ \t]*|[-'’]|\.[ \t]*){_WORD}\.?){{0,4}}"
_REGION = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
_PAREN = r"\((?P<{}>[^()\n]{{1,30}})\)"
_NUMERIC = r"(?P<na>\d{1,2})(?P<ns>[./-])(?P<nb>\d{1,2})(?P=ns)(?P<ny>\d{4})(?!\d)"
# After the dash: at least one space, except in the Spanish ".-" and after a parenthesis.
_END = rf"(?:[ \t]*\.?[ \t]*{DASH}{{1,2}}[ \t]+|\.{DASH}[ \t]*|(?<=\)){DASH}[ \t]*)"
_PERIOD_END = r"\.[ \t]+"


@dataclass(frozen=True)
class Dateline:
    """What an opening line says, and where the body starts."""

    end: int
    place: str | None = None  # the town as printed, without its region
    region: str | None = None  # "West Bank" in "OFER PRISON, West Bank (Reuters) -"
    country: str | None = None  # "Ukraine" in "Bakhmout (Ukraine) (AFP) -"
    agency: str | None = None
    # A date in words (month as printed; year None when the line gives none), or the
    # three numbers of a numeric date whose order the caller decides.
    month_name: str | None = None
    day: int | None = None
    year: int | None = None
    numeric: tuple[int, int, int] | None = None


@cache
def _patterns(months: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    day = r"(?P<d>[0-3]?\d)(?:\.|er|º|°|st|nd|rd|th)?"
    month = rf"(?P<mon>{months})\.?(?!\w)"
    year = r"(?P<y>1[89]\d\d|2[01]\d\d)(?!\d)"
    day_first = rf"{day}[ \t]+(?:de[ \t]+)?{month}(?:,?[ \t]+(?:de[ \t]+)?{year})?"
    month_first = (
        rf"(?P<mon2>{months})\.?(?!\w)[ \t]+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
        rf"(?:,?[ \t]+(?P<y2>1[89]\d\d|2[01]\d\d)(?!\d))?"
    )
    date = rf"(?:(?:le|el|il|am|den)[ \t]+)?(?:{day_first}|{month_first}|{_NUMERIC})"
    line = re.compile(
        rf"[ \t]*(?P<place>{_PLACE})"
        rf"(?:[ \t]*,[ \t]*(?!(?:le|el|il|am|den)[ \t]+\d)(?P<region>{_REGION}))?"
        rf"(?:[ \t]*{_PAREN.format('p1')})?"
        rf"(?:[ \t]*,?[ \t]*(?P<date>{date})|[ \t]*,[ \t]*(?P<dayonly>\d{{1,2}})(?=[ \t]*\())?"
        rf"(?:[ \t]*{_PAREN.format('p2')})?"
        rf"(?P<end>{_END}|{_PERIOD_END})",
        re.I,
    )
    lead = re.compile(rf"[ \t]*{_PAREN.format('ag')}[ \t]*{DASH}{{1,2}}[ \t]*")
    return line, lead


@cache
def _labels() -> frozenset[str]:
    """News labels that open a text like a dateline ("LIVE —"), from every language."""
    return frozenset(w.casefold() for x in languages() for w in x.lines("labels.txt"))


@cache
def _abbreviations() -> frozenset[str]:
    found = set()
    for x in languages():
        for line in x.sections("events.txt").get("abbreviation", []):
            found.update(w.strip(".").casefold() for w in line.split("|") if w.strip())
    return frozenset(found)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _starts_sentence(text: str, at: int) -> bool:
    """The body after a bare dateline starts like a sentence: a capital, digit or quote."""
    rest = text[at : at + 1]
    return bool(rest) and (rest.isupper() or rest.isdigit() or rest in "\"'«„“‘¿¡")


def read_dateline(
    body: str,
    start: int,
    months: str,
    is_agency: Callable[[str], bool],
    is_weekday: Callable[[str], bool],
) -> Dateline | None:
    """The dateline opening `body` at `start`, or None when the opening is not one.

    `months` is the alternation of month names (longest first), `is_agency` says
    whether a parenthesis names a news agency, `is_weekday` whether a word is a day
    of the week.
    """
    line, lead = _patterns(months)
    agency = None
    m = lead.match(body, start)
    if m and is_agency(m.group("ag").strip()):
        agency = m.group("ag").strip()
        start = m.end()
    found = line.match(body, start)
    if found is None:
        return Dateline(end=start, agency=agency) if agency else None
    read = _judge(found, body, agency, is_agency, is_weekday)
    if read is None:
        return Dateline(end=start, agency=agency) if agency else None
    return read


def _judge(
    m: re.Match[str],
    body: str,
    agency: str | None,
    is_agency: Callable[[str], bool],
    is_weekday: Callable[[str], bool],
) -> Dateline | None:
    place = " ".join(m.group("place").split()).rstrip(".")
    if not place:
        return None
    words = place.replace("/", " ").split()
    first = words[0].strip(".").casefold()
    if place.casefold() in _labels() or first in _labels():
        return None
    region, p1, p2 = m.group("region"), m.group("p1"), m.group("p2")
    if region and (not region[0].isupper() or is_weekday(region) or region.isdigit()):
        return None
    paren = None
    if p1 and p2:
        paren, named = p1.strip(), p2.strip()
    else:
        named = (p1 or p2 or "").strip() or None
    if named is not None:
        if not is_agency(named):
            return None  # "Bakhmut (Ucraina) -": a country, or an agency nobody knows
        agency = agency or named
    dated = m.group("date") is not None
    period = m.group("end").strip() == "."  # "HAMBURG. Der ...", no dash
    if is_weekday(words[0]) and len(words) == 1:
        # "Monday, March 6 — The ministry ...": a date line, no place.
        if not dated or not _starts_sentence(body, m.end()):
            return None
        return _with_date(m, Dateline(end=m.end(), agency=agency))
    if region and is_weekday(place):
        return None
    caps = _all_caps(place)
    if not caps and not all(w[0].isupper() or (i and len(w) <= 3) for i, w in enumerate(words)):
        return None  # "Prices rose 3/8/2023 -": a place's words are capitalised ("Rio de Janeiro")
    if period:
        # "HAMBURG. Der Hafen", "Berlin. Die Koalition": a name alone before a full stop.
        if dated or named or region or len(words) > 3 or not _starts_sentence(body, m.end()):
            return None
        if first in _abbreviations() or len([c for c in place if c.isalpha()]) < 3:
            return None
    elif not (dated or named or agency) and not (caps and _starts_sentence(body, m.end())):
        return None  # a bare place: only in capitals, before a sentence
    region = " ".join(region.split()) if region else None
    read = Dateline(end=m.end(), place=place, region=region, country=paren, agency=agency)
    return _with_date(m, read) if dated else read


def _with_date(m: re.Match[str], read: Dateline) -> Dateline:
    if m.group("na"):
        numeric = (int(m.group("na")), int(m.group("nb")), int(m.group("ny")))
        return replace(read, numeric=numeric)
    year = m.group("y") or m.group("y2")
    return replace(
        read,
        month_name=m.group("mon") or m.group("mon2"),
        day=int(m.group("d") or m.group("d2")),
        year=int(year) if year else None,
    )
