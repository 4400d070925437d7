"""Which TIMEX3 value a `Spec` is: anchoring to a reference date, and value formats.

`resolve` anchors a Spec to the publication date, the last date the text
named, or a day named in the same sentence. It never guesses: when the
reference is missing or too coarse, the value keeps what the text gave
(`XXXX-03-08`) or is None, and `resolved` is False. `format_date` and
`duration` write TIMEX3 values.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from newsweave.model import PartialDate

from .spec import Spec

_NEEDS = {"D": 3, "W": 3, "WE": 3, "M": 2, "Q": 2, "HALF": 2, "Y": 1, "DE": 1, "CE": 1}
_NEAR_MONTHS = 4  # a day this close to the publication date is taken as the nearest one
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (1, 2)}  # months, northern


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
    return date(year, month, day).weekday() if valid_day(year, month, day) else None


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
        if spec.month and spec.day and not valid_day(spec.year, spec.month, spec.day):
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
    if year is None or (spec.day and not valid_day(year, first, spec.day)):
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


def valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]


DURATION_UNITS = {"Y": "Y", "M": "M", "W": "W", "D": "D", "H": "TH", "MIN": "TM", "S": "TS"}


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT24H, P2Y6M, PXM (vague); quarters and decades in months
    and years, since ISO 8601 has neither."""
    scale = {"Q": (3, "M"), "HALF": (6, "M"), "DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D")}
    if unit in scale:
        k, unit = scale[unit]
        n = None if n is None else n * k
    code = DURATION_UNITS.get(unit, unit)
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
