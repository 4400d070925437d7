"""What a matched time expression means (`Spec`) and which TIMEX3 value that is.

`timex.py` finds expressions; the handlers here (`h_<rule>`) read the matched
words into a `Spec` ("one day before the anchor", "Tuesday, looking back",
"8 March of some year"), and `resolve` anchors it to a reference date. It
never guesses: when the reference is missing or too coarse, the value keeps
what the text gave (`XXXX-03-08`) or is None, and `resolved` is False.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsweave.model import PartialDate

if TYPE_CHECKING:
    from .timex import Hit

# Precision (1 year, 2 month, 3 day) a relative unit needs from its anchor.
_NEEDS = {"D": 3, "W": 3, "WE": 3, "M": 2, "Q": 2, "HALF": 2, "Y": 1, "DE": 1, "CE": 1}
_NEAR_MONTHS = 4  # a day this close to the publication date is taken as the nearest one
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (1, 2)}  # months, northern


@dataclass
class Spec:
    """The meaning of one expression before anchoring; None fields were not said.

    `unit`/`shift` describe a move from the anchor ("last month": M, -1);
    `gran` is the granularity of the result when it differs from the unit
    ("a year ago" in a quarterly report is a quarter; "=" takes the anchor's).
    `when` is "last", "next" or "this" when the words say so, "" when the
    tense decides. `anchor` is "dct", "prev" (the last date the text named) or
    "prevq" (that date if it is a quarter or a half-year, else the dct).
    """

    type: str = "DATE"
    value: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    weekday: int | None = None  # 0 = Monday
    when: str = ""
    unit: str | None = None
    shift: int | None = None
    gran: str | None = None
    part: str | None = None  # MO MI AF EV NI
    hour: int | None = None
    minute: int | None = None
    anchor: str = "dct"

    @property
    def clock_only(self) -> bool:
        """A time of day with no date of its own ("at 10 a.m.", "ce soir" is not one)."""
        dateless = self.year is None and self.month is None and self.weekday is None
        return (self.hour is not None or self.part is not None) and dateless and self.unit is None


def _level(ref: PartialDate | None) -> int:
    return 0 if ref is None else 3 if ref.day is not None else 2 if ref.month is not None else 1


def _add_months(d: date, months: int) -> date:
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def format_date(d: date, gran: str) -> str:
    """TIMEX3 value of the period of granularity `gran` that contains `d`."""
    iso = d.isocalendar()
    week = f"{iso[0]:04d}-W{iso[1]:02d}"
    return {
        "D": d.isoformat(),
        "W": week,
        "WE": week + "-WE",
        "M": f"{d.year:04d}-{d.month:02d}",
        "Q": f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}",
        "HALF": f"{d.year:04d}-H{(d.month - 1) // 6 + 1}",
        "DE": f"{d.year // 10:03d}",
        "CE": f"{d.year // 100:02d}",
    }.get(gran, f"{d.year:04d}")


def _move(d: date, unit: str, n: int) -> date:
    if unit in ("D", "W", "WE"):
        return d + timedelta(days=n * (1 if unit == "D" else 7))
    months = {"M": 1, "Q": 3, "HALF": 6, "Y": 12, "DE": 120, "CE": 1200}[unit]
    return _add_months(d, months * n)


def _as_date(ref: PartialDate) -> date:
    return date(ref.year, ref.month or 1, ref.day or 1)


def _pick_year(
    first: int, last: int, day: int | None, ref: PartialDate, when: str, tense: str
) -> int | None:
    """Year of a period said without one (months first..last, or one day of `first`).

    "last"/"next" and the tense look back or ahead; with neither, the occurrence
    nearest the reference. None when the reference is too coarse to tell.
    """
    if when == "this":
        return ref.year
    if ref.month is None:
        return None
    now = (ref.month, ref.day if ref.day is not None else 15)
    start, end = (first, day or 0), (last, day or 99)
    if when == "last":
        return ref.year if end < now else ref.year - 1
    if when == "next":
        return ref.year if start > now else ref.year + 1
    if tense == "past":
        return ref.year if start <= now else ref.year - 1
    if tense == "future":
        return ref.year if end >= now else ref.year + 1
    here = ref.year * 12 + ref.month + (now[1] - 15) / 31
    middle = (first + last) / 2 + ((day or 15) - 15) / 31
    return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: abs(y * 12 + middle - here))


def _weekday(ref: date, weekday: int, when: str, tense: str) -> date:
    """News convention: a bare weekday is the latest one up to the reference day,
    unless the words or the tense point ahead."""
    delta = weekday - ref.weekday()
    if when == "last":
        delta = delta - 7 if delta >= 0 else delta
    elif when == "next":
        delta = delta + 7 if delta <= 0 else delta
    elif when != "this":
        delta = delta % 7 if tense == "future" else -((-delta) % 7)
    return ref + timedelta(days=delta)


def _weekday_of(year: int, month: int, day: int) -> int | None:
    return date(year, month, day).weekday() if _valid(year, month, day) else None


def _span(spec: Spec) -> tuple[int, int]:
    """First and last month of the period a Spec names."""
    if spec.month:
        return spec.month, spec.month
    if spec.quarter:
        return 3 * spec.quarter - 2, 3 * spec.quarter
    if spec.half:
        return 6 * spec.half - 5, 6 * spec.half
    return _SEASONS[spec.season or "SU"]


def _fields(spec: Spec, year: int | None) -> str:
    """The value of a calendar Spec; XXXX when the year is unknown."""
    text = "XXXX" if year is None else f"{year:04d}"
    if spec.quarter:
        return f"{text}-Q{spec.quarter}"
    if spec.half:
        return f"{text}-H{spec.half}"
    if spec.season:
        return f"{text}-{spec.season}"
    if spec.month:
        text += f"-{spec.month:02d}" + (f"-{spec.day:02d}" if spec.day else "")
    return text


def _date_part(spec: Spec, ref: PartialDate | None, tense: str) -> tuple[str | None, date | None]:
    """The date value (and the day, when there is one) of the date side of a Spec."""
    named = spec.month or spec.season or spec.quarter or spec.half
    if spec.unit is not None and spec.shift is not None:
        gran = spec.gran or spec.unit
        if ref is None or _level(ref) < max(_NEEDS.get(spec.unit, 3), _NEEDS.get(gran, 1)):
            return None, None
        moved = _move(_as_date(ref), spec.unit, spec.shift)
        if spec.unit == "Y" and named:  # "June last year", "the third quarter of next year"
            return _fields(spec, moved.year), None
        return format_date(moved, gran), moved if gran == "D" else None
    if spec.year is not None:
        if spec.month and spec.day and not _valid(spec.year, spec.month, spec.day):
            return None, None
        day = date(spec.year, spec.month, spec.day) if spec.month and spec.day else None
        return _fields(spec, spec.year), day
    if spec.weekday is not None and spec.month is None:
        if ref is None or _level(ref) < 3:
            return None, None
        d = _weekday(_as_date(ref), spec.weekday, spec.when, tense)
        return d.isoformat(), d
    if not named or ref is None:
        return None, None
    first, last = _span(spec)
    # A day or a quarter without a year is, in news, the one nearest the publication
    # date: participles ("payable Dec. 1") make tense a poor guide there, unless both
    # candidates are months away. Months and seasons follow the tense.
    if (spec.day or spec.quarter or spec.half) and ref.month is not None:
        near = _pick_year(first, last, spec.day, ref, spec.when, "") or ref.year
        if abs(near * 12 + (first + last) / 2 - ref.year * 12 - ref.month) <= _NEAR_MONTHS:
            tense = ""
    year = _pick_year(first, last, spec.day, ref, spec.when, tense)
    if year is not None and spec.day and spec.weekday is not None:  # "Tuesday, Oct. 3"
        fits = [
            y for y in (year - 1, year, year + 1) if _weekday_of(y, first, spec.day) == spec.weekday
        ]
        year = min(fits, key=lambda y: abs(y - year)) if fits else year
    if year is None or (spec.day and not _valid(year, first, spec.day)):
        return None, None
    return _fields(spec, year), date(year, first, spec.day) if spec.day else None


def resolve(
    spec: Spec,
    dct: PartialDate | None,
    tense: str = "",
    prev: PartialDate | None = None,
    local: date | None = None,
) -> tuple[str | None, bool, str | None]:
    """(value, resolved, anchor) for one Spec.

    `dct` is the publication date; `prev` the last date the text named (for
    "the next day", "a year earlier"), used when precise enough; `local` a day
    named in the same sentence, which a bare clock time belongs to.
    """
    # "two weeks later" after "in September": the month is too coarse, count from the dct
    need = _NEEDS.get(spec.unit or "", 1) if spec.shift is not None else 1
    use_prev = spec.anchor == "prev" and prev is not None and _level(prev) >= need
    ref, anchor = (prev, "previous") if use_prev else (dct, "dct")
    is_time = spec.hour is not None or spec.part is not None
    relative = spec.unit is not None or spec.weekday is not None or spec.year is None
    if spec.clock_only:
        if local is not None:
            value, day, anchor = local.isoformat(), local, "sentence"
        elif dct is not None and _level(dct) >= 3:
            value, day = _as_date(dct).isoformat(), _as_date(dct)
        else:
            value, day = None, None
    elif spec.value is not None and not is_time:
        return spec.value, True, None
    else:
        try:
            value, day = _date_part(spec, ref, tense)
        except (ValueError, OverflowError):  # beyond years 1..9999, which `date` can hold
            value, day = None, None
    if is_time:
        clock = f"T{spec.hour:02d}:{spec.minute or 0:02d}" if spec.hour is not None else ""
        clock = clock or f"T{spec.part}"
        if value is None or day is None:
            return "XXXX-XX-XX" + clock, False, None
        return value[:10] + clock, True, anchor if relative else None
    if value is None:  # keep what the text says: XXXX-03-08, XXXX-WXX-3
        if spec.month or spec.season or spec.quarter or spec.half:
            return _fields(spec, None), False, None
        weekday = f"XXXX-WXX-{spec.weekday + 1}" if spec.weekday is not None else None
        return weekday, False, None
    return value, True, anchor if relative else None


# ---------------------------------------------------------------------------
# Handlers: read one rule match (a `Hit`) and say what it means. Group names
# are shared by all languages' rules: wd, month, day, year, rel, unit, num,
# dir, part, ref, edge, hour, min, ampm, clock, hhmm, season, ord, adv...
# A handler returns None to reject a match the tags alone could not rule out.

_REL = {"L": "last", "F": "next", "C": "this", "Q": "last"}
_SHIFT = {"L": -1, "F": 1, "C": 0, "Q": -1}
_TIME_UNITS = ("H", "MIN", "S")
_SHIFT_UNITS = ("D", "W", "M", "Q", "Y", "DE", "CE", "WE", "HALF")
_DURATION_UNITS = {"Y": "Y", "M": "M", "W": "W", "D": "D", "H": "TH", "MIN": "TM", "S": "TS"}


def _int(h: Hit, name: str) -> int | None:
    """An integer from a DIGITS, ORD, YEAR or number-word group."""
    if not h.has(name):
        return None
    v = h.val(name) if h.tags(name)[0] in "ODY" else h.number(name)
    return int(v) if isinstance(v, int | float) and float(v).is_integer() else None


def _century_of(short: int, dct: PartialDate | None) -> int | None:
    """A two-digit year ("octobre 98") in the century that keeps it nearest the dct."""
    if dct is None:
        return None
    candidates = (dct.year // 100 * 100 - 100 + short, dct.year // 100 * 100 + short)
    return min(candidates, key=lambda v: abs(v - dct.year))


def _year(h: Hit, name: str = "year") -> int | None:
    y = _int(h, name)
    if y is not None and y < 100 and len(h.words(name)[-1]) == 2:
        y = _century_of(y, h.dct)
    return y if y is not None and 1000 <= y <= 2199 else None


def _valid(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _when(h: Hit) -> str:
    tags = h.tags("rel")
    return _REL.get(tags[-1], "") if tags else ""


def h_date(h: Hit) -> Spec | None:
    """8 March 2023, March 8, Sept. 30, le 6 mai dernier, 2023-03-08."""
    month, day, year = h.val("month"), _int(h, "day"), _year(h)
    if (h.has("year") and year is None) or day is None or not isinstance(month, int):
        return None
    if not _valid(year, month, day):
        return None
    wd = h.val("wd")  # "Tuesday, Oct. 3": the weekday tells the year
    return Spec(
        year=year, month=month, day=day, weekday=wd if isinstance(wd, int) else None, when=_when(h)
    )


def h_numdate(h: Hit) -> Spec | None:
    """08/03/2023 (day first or month first as the language writes it), 8.3.2023."""
    parts = h.val("nd")
    order = "YMD" if len(parts[0]) == 4 else h.g.date_order
    fields = dict(zip(order, (int(p) for p in parts), strict=True))
    if order != "YMD" and fields["M"] > 12 >= fields["D"]:
        fields["M"], fields["D"] = fields["D"], fields["M"]
    year, ylen = fields["Y"], len(parts[order.index("Y")])
    year = _century_of(year, h.dct) if ylen == 2 else year if ylen == 4 else None
    if year is None or not 1000 <= year <= 2199 or not _valid(year, fields["M"], fields["D"]):
        return None
    return Spec(year=year, month=fields["M"], day=fields["D"])


def h_named(h: Hit) -> Spec | None:
    """A month or a season: August, March 2021, last April, juin prochain, l'été 2022,
    June last year (with a year unit), Ende März."""
    year = _year(h)
    if h.has("year") and year is None:
        return None
    spec = Spec(year=year, month=h.val("month"), season=h.val("season"), when=_when(h))
    if h.has("unit"):  # "June last year": the unit must be a year
        if h.val("unit") != "Y":
            return None
        spec.unit, spec.shift, spec.gran, spec.when = "Y", _SHIFT[h.tags("rel")[-1]], "Y", ""
    elif spec.season and not (year or spec.when or h.has("edge")):
        weak = h.word("season") in h.g.conventions.get("weak_seasons", ())
        if weak and h.word_after() in h.g.conventions.get("weak_season_nouns", ()):
            return None  # "the fall of the city", "the spring of 1968" has a year
        if h.before() not in "tLFCpe" and weak and h.i > 0:
            return None  # "fall", "été": a verb, a participle
    return spec


def h_year(h: Hit) -> Spec | None:
    """1998, fiscal 1999, l'année 2001, im Jahr 1998, the year two thousand."""
    year = _year(h)
    if year is None or (h.has("unit") and h.val("unit") != "Y"):
        return None
    tags = h.tags("year")
    if tags[0] in "N1":  # spoken: "the year two thousand", "nineteen ninety-six"
        if not h.has("unit") and (len(tags) < 2 or h.val("year") not in (19, 20)):
            return None
    elif not 1900 <= year <= 2099 and not (h.has("unit") or h.before() in "pMe,"):
        return None
    return None if h.word_before() in ("$", "€", "£", "#", "n°", "no", "nr") else Spec(year=year)


def h_decade(h: Hit) -> Spec | None:
    """the 1990s, the '80s, les années 60, die 90er Jahre, the nineties."""
    if h.has("unit") and h.word("unit") not in h.g.conventions.get("decade_words", ()):
        return None  # "les années 60", not "les mois 15"
    if h.has("year"):
        year = _int(h, "year")
        decade = year // 10 if year is not None and year % 10 == 0 else None
    else:
        short = _int(h, "short") if h.has("short") else 10 * h.val("word", -1)
        if short is None or short % 10 or not 0 <= short < 100:
            return None
        if h.dct is None:
            return Spec()  # found, but which century is unknown
        century = h.dct.year // 100 - (h.dct.year // 100 * 100 + short > h.dct.year)
        decade = century * 10 + short // 10
    return Spec(value=h.g.conventions.get("decade", "{:03d}").format(decade)) if decade else None


def h_century(h: Hit) -> Spec | None:
    n = _int(h, "ord")
    if h.val("unit") != "CE" or n is None or not 1 <= n <= 30:
        return None
    return Spec(value=h.g.conventions.get("century", "{:02d}").format(n - 1))


def h_quarter(h: Hit) -> Spec | None:
    """the third quarter (of 1989), first-half, this year's third quarter, 3. Quartal."""
    n = _int(h, "ord")
    unit = "HALF" if h.tags("unit") == "h" else h.val("unit")
    if n is None or unit not in ("Q", "HALF") or not 1 <= n <= (4 if unit == "Q" else 2):
        return None
    spec = Spec(quarter=n) if unit == "Q" else Spec(half=n)
    if h.has("year"):
        spec.year = _year(h)
        return spec if spec.year else None
    if h.has("yunit"):
        if h.val("yunit") != "Y":
            return None
        spec.unit, spec.shift, spec.gran = "Y", _SHIFT[h.tags("rel")[-1]], "Y"
    return spec


def h_theunit(h: Hit) -> Spec | None:
    """the quarter, the latest quarter, the year, the week, the weekend, am Wochenende."""
    unit = h.val("unit")
    latest = h.word("rel") in h.g.conventions.get("latest", ())
    if h.tags("unit") == "g":  # "the latest period": the reporting quarter
        unit = "Q" if latest else None
    if unit == "Q":
        return Spec(unit="Q", shift=-1 if latest or h.tense() != "future" else 0)
    if h.tags("rel") == "L" and not latest:  # "the last year": twelve months
        known = unit in _SHIFT_UNITS + _TIME_UNITS
        return Spec(type="DURATION", value=duration(1, unit)) if known else None
    if h.t.tagstr[h.i] != "t" and unit not in h.g.conventions.get("bare_units", ()):
        return None
    if unit == "WE":
        # the weekend just past early in the week or in a past-tense sentence
        dow = h.dct.start().weekday() if h.dct is not None and h.dct.day is not None else 3
        tense = h.tense()
        back = (tense == "past" or (dow <= 2 and tense != "future")) and dow < 5
        return Spec(unit="W", shift=-1 if back else 0, gran="WE")
    return Spec(unit=unit, shift=0, gran=unit) if unit in ("Y", "M", "W") else None


def _holiday(rule: tuple, year: int) -> date:
    """The day of a holiday in a year: ("fixed", month, day), ("easter", offset) or
    ("nth", month, weekday, n, offset) for the n-th (-1: last) weekday of a month."""
    if rule[0] == "fixed":
        return date(year, rule[1], rule[2])
    if rule[0] == "easter":  # the Gregorian computus ("anonymous algorithm")
        a, (b, c) = year % 19, divmod(year, 100)
        d, e, g = b // 4, b % 4, (b - (b + 8) // 25 + 1) // 3
        h = (19 * a + b - d - g + 15) % 30
        l = (32 + 2 * e + 2 * (c // 4) - h - c % 4) % 7  # noqa: E741 (the algorithm's names)
        month, day = divmod(h + l - 7 * ((a + 11 * h + 22 * l) // 451) + 114, 31)
        return date(year, month, day + 1) + timedelta(days=rule[1])
    _, month, weekday, n, offset = rule
    if n > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = date(year, month, calendar.monthrange(year, month)[1])
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day + timedelta(days=offset)


def h_holiday(h: Hit) -> Spec | None:
    """Christmas, Thanksgiving Day, last Easter, Pâques, Weihnachten 2022, Pfingsten."""
    rule, year, when = h.val("hol"), _year(h), _when(h)
    if year is None:
        dct = h.dct
        if dct is None or dct.month is None:
            return Spec()  # found, but which year is unknown
        now = date(dct.year, dct.month, dct.day or 15)
        days = [_holiday(rule, y) for y in (dct.year - 1, dct.year, dct.year + 1) if 0 < y < 9999]
        tense = "" if when else h.tense()
        if when == "last" or tense == "past":
            fits = [d for d in days if d < now or (tense and d == now)]
        elif when == "next" or tense == "future":
            fits = [d for d in days if d > now or (tense and d == now)]
        else:
            fits = [d for d in days if d.year == dct.year] if when == "this" else days
        year = min(fits or days, key=lambda d: abs((d - now).days)).year
    day = _holiday(rule, year)
    return Spec(year=year, month=day.month, day=day.day)


def h_yearago(h: Hit) -> Spec | None:
    """year-ago, year-earlier (quarter): the same period one year back."""
    if h.val("unit") != "Y" or h.val("dir", (0,))[0] >= 0:
        return None
    quarter = h.has("noun") and h.val("noun") == "Q"
    return Spec(unit="Y", shift=-1, gran="Q" if quarter else "=", anchor="prevq")


def h_anaphor(h: Hit) -> Spec | None:
    """the next day, the following year, le lendemain, la veille, am Vortag, im Vorjahr."""
    if h.has("w"):
        unit, shift, *anchor = h.val("w")
        if anchor:  # "im Vorjahr": the year before the period reported on
            return Spec(unit=unit, shift=shift, gran="=", anchor=anchor[0])
        return Spec(unit=unit, shift=shift, anchor="prev")
    rel = h.tags("rel")
    if h.has("part"):  # "the next morning", "the previous evening"
        shift = h.val("rel") if rel == "r" else _SHIFT.get(rel, 0)
        return Spec(type="TIME", unit="D", shift=shift, part=h.val("part"), anchor="prev")
    unit = h.val("unit")
    if unit not in _SHIFT_UNITS:
        return None
    if rel == "F" and unit != "D":  # "over the next year": a length
        return Spec(type="DURATION", value=duration(1, unit))
    shift = h.val("rel") if rel == "r" else _SHIFT.get(rel, 0)
    return Spec(unit=unit, shift=shift if isinstance(shift, int) else 0, anchor="prev")


def h_relunit(h: Hit) -> Spec | None:
    """last week, this year, la semaine dernière, earlier this month, nächstes Jahr, year-end."""
    unit, rel = h.val("unit"), h.tags("rel")
    if unit not in _SHIFT_UNITS:
        return None
    shift = _SHIFT.get(rel[-1], 0) if rel else 0
    return Spec(unit="W", shift=shift, gran="WE") if unit == "WE" else Spec(unit=unit, shift=shift)


def _with_time(h: Hit, spec: Spec, part: str | None) -> Spec:
    """Add a part of the day or a clock time to a day: TIME if there is one."""
    clock = _clock(h)
    spec.part = None if clock else part
    if clock:
        spec.hour, spec.minute = clock
    spec.type = "TIME" if spec.part or clock else "DATE"
    return spec


def h_weekday(h: Hit) -> Spec | None:
    """Wednesday, last Tuesday, mardi dernier, Wednesday night, Mittwochabend."""
    wd, part = h.val("wd"), h.val("part")
    if isinstance(wd, tuple):  # German compounds: Mittwochabend
        wd, part = wd
    return _with_time(h, Spec(weekday=wd, when=_when(h)), part) if isinstance(wd, int) else None


def h_weekday_set(h: Hit) -> Spec | None:
    """Mondays, Tuesday nights, le mercredi, sonntags."""
    wd, part = h.val("wd"), h.val("part")
    if isinstance(wd, tuple):
        wd, part = wd
    if not isinstance(wd, int):
        return None
    return Spec(type="SET", value=f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else ""))


def h_dayref(h: Hit) -> Spec | None:
    """yesterday, hier soir, heute Morgen, tonight, aujourd'hui vendredi."""
    shift, part = h.val("dayref"), h.val("part")
    if isinstance(shift, tuple):
        shift, part = shift
    return _with_time(h, Spec(unit="D", shift=shift), part)


def h_relpart(h: Hit) -> Spec | None:
    """this morning, ce soir, last night, la nuit dernière, letzte Nacht."""
    shift = -1 if h.tags("rel") == "L" else 0
    return Spec(type="TIME", unit="D", shift=shift, part=h.val("part"))


def h_ago(h: Hit) -> Spec | None:
    """three days ago, il y a trois jours, vor zwei Tagen, two years later."""
    sign, anchor = h.val("dir", (-1, "dct"))
    unit, n = h.val("unit"), h.number("num")
    if anchor == "prev" and (n is None or unit in _TIME_UNITS):
        return None  # "a few days later", "an hour later": the duration, with a signal
    if n is None or unit in _TIME_UNITS:
        return Spec(type="TIME" if unit in _TIME_UNITS else "DATE", value=_ref_of(sign))
    if unit in ("DE", "CE"):
        unit, n = "Y", n * (10 if unit == "DE" else 100)
    if not float(n).is_integer() and unit in ("Y", "M", "W", "WE"):  # "a year and a half ago"
        unit, n = ("M", n * 12) if unit == "Y" else ("D", n * (30 if unit == "M" else 7))
    if unit not in _SHIFT_UNITS:
        return None
    spec = Spec(unit="W" if unit == "WE" else unit, shift=round(sign * n), anchor=anchor)
    if unit == "Y" and n == 1:  # "a year ago" in a report on a quarter: that quarter
        spec.gran, spec.anchor = "=", "prevq" if anchor == "dct" else "prev"
    return spec


def _ref_of(sign: int) -> str:
    return "PAST_REF" if sign < 0 else "FUTURE_REF"


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT24H, P2Y6M, PXM (vague); quarters and decades in months
    and years, since ISO 8601 has neither."""
    scale = {"Q": (3, "M"), "HALF": (6, "M"), "DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D")}
    if unit in scale:
        k, unit = scale[unit]
        n = None if n is None else n * k
    code = _DURATION_UNITS.get(unit, unit)
    t, code = ("T", code[1:]) if code.startswith("T") else ("", code)
    if n is None:
        return f"P{t}X{code}"
    if float(n).is_integer():
        return f"P{t}{int(n)}{code}"
    whole, frac = int(n), n - int(n)
    smaller = {"Y": (12, "M"), "H": (60, "M"), "M": (60, "S") if t else (30, "D"), "D": (24, "H")}
    k, sub = smaller.get(code, (0, ""))
    if k and float(frac * k).is_integer():
        head = f"{whole}{code}" if whole else ""
        sep = "T" if code == "D" else ""
        return f"P{t}{head}{sep}{int(frac * k)}{sub}"
    return f"P{t}{n:g}{code}"


def h_duration(h: Hit) -> Spec | None:
    """three days, the past two years, several months, two-year, nearly forty years."""
    unit = h.val("unit")
    if unit not in _DURATION_UNITS and unit not in _SHIFT_UNITS:
        return None
    n = h.number("num") if h.has("num") else (None if h.tags("unit") == "u" else 1)
    ref = h.g.refs.get(h.word("rel") or "")
    if n is None and ref and unit in ("Y", "DE", "CE"):
        return Spec(value=ref)  # "recent years", "coming years": a vague past or future
    if h.has("num") and n is None and "v" not in h.tags("num"):
        return None
    if h.has("adj") and h.word("adj") not in h.g.conventions.get("duration_suffixes", ()):
        return None
    if (unit == "Q" and h.tags("num") == "a") or (unit == "Y" and _is_age(h)):
        return None  # "a quarter of the shares" is a fraction; ages are not durations
    return Spec(type="DURATION", value=duration(n + 0.5 if h.has("half") and n else n, unit))


def _is_age(h: Hit) -> bool:
    """ "six-year-old", "Jean Dupont, 53 ans,", "un chauffeur de 38 ans", "im Alter von 61"."""
    conv, words, tags = h.g.conventions, h.t.words, h.t.tagstr
    after = words[h.j] if h.j < len(words) else ""
    if after in conv.get("age_words", ()) or h.word("adj") in conv.get("age_words", ()):
        return True
    apposition = conv.get("age_apposition") and h.has("num") and h.i == h.m.start("num")
    if apposition and h.before() in ",_" and (tags[h.j] if h.j < len(tags) else ".") in ",_.!":
        return True
    k = h.i - 1
    if k >= 1 and words[k] in conv.get("age_of", ()):
        if words[k - 1] in conv.get("age_preceding", ()):
            return True
        nouns = conv.get("duration_nouns")  # "une peine de 2 ans" is a length
        return nouns is not None and tags[k - 1] == "w" and words[k - 1] not in nouns
    return False


def h_duradj(h: Hit) -> Spec | None:
    """quinquennat, zweitägig, jahrelang: a length in one word."""
    n, unit = h.val("adj")
    return Spec(type="DURATION", value=duration(n, unit))


def h_set(h: Hit) -> Spec | None:
    """every week, chaque année, daily, jährlich, tous les jeudis, twice a year."""
    conv = h.g.conventions
    if h.has("adv"):
        adjective = h.j < len(h.t.words) and h.t.tagstr[h.j] == "w"
        if adjective and h.word("adv") in conv.get("set_adverbs_only", ()):
            return None  # "quarterly dividend"
        if h.before() in "tav" and h.word("adv") in conv.get("set_nouns", ()):
            return None  # "les quotidiens": newspapers
        return Spec(type="SET", value=h.val("adv"))
    tag, v = h.tags("unit"), h.val("unit")
    if tag in ("W", "X"):
        return Spec(type="SET", value=f"XXXX-WXX-{v + 1}") if isinstance(v, int) else None
    named = {"M": f"XXXX-{v:02d}" if isinstance(v, int) else "", "P": f"XXXX-XX-XXT{v}"}
    if tag in ("M", "P", "S"):
        return Spec(type="SET", value=named.get(tag, f"XXXX-{v}"))
    n = h.number("num") if h.has("num") and "O" not in h.tags("num") else 1
    return Spec(type="SET", value=duration(n, v)) if v in _SHIFT_UNITS + _TIME_UNITS else None


def _clock(h: Hit) -> tuple[int, int] | None:
    """(hour, minute) from hour/min/ampm/hhmm/clock groups, validated."""
    if h.has("clock"):
        return h.val("clock")
    if h.has("hhmm"):
        hh, mm = h.val("hhmm")
    elif h.has("hour"):
        hh, mm = _int(h, "hour"), _int(h, "min") or 0
    else:
        return None
    ampm, part = h.val("ampm"), h.val("part")
    if hh is not None and ampm in ("am", "pm"):
        hh = hh % 12 + (12 if ampm == "pm" else 0) if 1 <= hh <= 12 else None
    if hh is None or not 0 <= hh <= 24 or not 0 <= mm < 60:
        return None
    if (part in ("AF", "EV") and hh < 12) or (part == "NI" and 6 <= hh < 12):
        hh += 12  # "8 heures du soir"
    return hh, mm


def h_time(h: Hit) -> Spec | None:
    """10 a.m., 7:15 p.m. Wednesday, 5 p.m. EST, Nov. 6, à 14 h 30, um 15 Uhr, noon Friday."""
    clock = _clock(h)
    if clock is None or (h.has("hunit") and h.val("hunit") != "H"):
        return None
    spec = Spec(type="TIME", hour=clock[0], minute=clock[1])
    if h.has("month"):
        spec.month, spec.day = h.val("month"), _int(h, "day")
        if (
            not isinstance(spec.month, int)
            or not spec.day
            or not _valid(None, spec.month, spec.day)
        ):
            return None
    wd = h.val("wd")
    if h.tags("wd") == "T":
        spec.unit, spec.shift = "D", wd if isinstance(wd, int) else wd[0]
    elif isinstance(wd, int):
        spec.weekday = wd
    return spec


def h_ref(h: Hit) -> Spec | None:
    """now, currently, recently, the future, actuellement, bientôt, derzeit."""
    words, refs, conv = h.words("ref"), h.g.refs, h.g.conventions
    key = " ".join(words)
    value = refs.get(key) or refs.get(words[-1])
    if h.i < h.m.start("ref"):  # with a determiner: "the future", not "the recent"
        allowed = key in conv.get("ref_det", ())
    else:  # "past" and "present" alone are adjectives
        allowed = key not in conv.get("ref_needs_det", ())
    return Spec(type=conv.get("ref_type", "DATE"), value=value) if value and allowed else None


HANDLERS: dict[str, Callable[[Hit], Spec | None]] = {
    name[2:]: fn for name, fn in list(globals().items()) if name.startswith("h_") and callable(fn)
}
