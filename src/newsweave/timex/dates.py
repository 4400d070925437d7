"""Handlers of calendar expressions: dates, months, seasons, years, decades,
quarters, holidays, weekdays, days named by reference ("yesterday") and clock times.

A handler reads one rule match (a `Hit`) and says what it means, as a `Spec`.
Group names are shared by all languages' rules: wd, month, day, year, rel,
unit, num, dir, part, ref, edge, hour, min, ampm, clock, hhmm, season, ord,
adv... A handler returns None to reject a match the tags alone could not
rule out. `find` collects every `h_<rule>` function of the handler modules.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .hit import SHIFT, Hit, century_of, read_int, read_when, read_year
from .resolve import valid_day
from .spec import Spec


def h_date(h: Hit) -> Spec | None:
    """8 March 2023, March 8, Sept. 30, le 6 mai dernier, 2023-03-08."""
    month, day, year = h.val("month"), read_int(h, "day"), read_year(h)
    if (h.has("year") and year is None) or day is None or not isinstance(month, int):
        return None
    if not valid_day(year, month, day):
        return None
    wd = h.val("wd")  # "Tuesday, Oct. 3": the weekday tells the year
    return Spec(
        year=year,
        month=month,
        day=day,
        weekday=wd if isinstance(wd, int) else None,
        when=read_when(h),
    )


def h_numdate(h: Hit) -> Spec | None:
    """08/03/2023 (day first or month first as the language writes it), 8.3.2023."""
    parts = h.val("nd")
    order = "YMD" if len(parts[0]) == 4 else h.g.date_order
    fields = dict(zip(order, (int(p) for p in parts), strict=True))
    if order != "YMD" and fields["M"] > 12 >= fields["D"]:
        fields["M"], fields["D"] = fields["D"], fields["M"]
    year, ylen = fields["Y"], len(parts[order.index("Y")])
    year = century_of(year, h.dct) if ylen == 2 else year if ylen == 4 else None
    if year is None or not 1000 <= year <= 2199 or not valid_day(year, fields["M"], fields["D"]):
        return None
    return Spec(year=year, month=fields["M"], day=fields["D"])


def h_named(h: Hit) -> Spec | None:
    """A month or a season: August, March 2021, last April, juin prochain, l'été 2022,
    June last year (with a year unit), Ende März."""
    year = read_year(h)
    if h.has("year") and year is None:
        return None
    spec = Spec(year=year, month=h.val("month"), season=h.val("season"), when=read_when(h))
    if h.has("unit"):  # "June last year": the unit must be a year
        if h.val("unit") != "Y":
            return None
        spec.unit, spec.shift, spec.gran, spec.when = "Y", SHIFT[h.tags("rel")[-1]], "Y", ""
    elif spec.season and not (year or spec.when or h.has("edge")):
        weak = h.word("season") in h.g.conventions.get("weak_seasons", ())
        if weak and h.word_after() in h.g.conventions.get("weak_season_nouns", ()):
            return None  # "the fall of the city", "the spring of 1968" has a year
        if h.before() not in "tLFCpe" and weak and h.i > 0:
            return None  # "fall", "été": a verb, a participle
    return spec


def h_year(h: Hit) -> Spec | None:
    """1998, fiscal 1999, l'année 2001, im Jahr 1998, the year two thousand."""
    year = read_year(h)
    if year is None or (h.has("unit") and h.val("unit") != "Y"):
        return None
    tags = h.tags("year")
    if tags[0] in "N1":  # spoken: "the year two thousand", "nineteen ninety-six"
        if not h.has("unit") and (len(tags) < 2 or h.val("year") not in (19, 20)):
            return None
    elif not 1900 <= year <= 2099 and not (h.has("unit") or h.before() in "pMe,"):
        return None
    if h.word_before() in ("$", "€", "£", "#", "n°", "no", "nr"):
        return None
    if _numbered(h):
        return None  # "resolution 1973", "la risoluzione n. 1973": a number, not a year
    return Spec(year=year)


def _numbered(h: Hit) -> bool:
    for k in (1, 2, 3):
        word = h.word_before(k).lower()
        if word in NUMBERED_NOUNS:
            return True
        if word not in NUMBER_SIGNS:
            return False
    return False


_NUMBER_SIGNS_WORDS = "n . n. nº n° no no. nr nr. number numéro número numero"
NUMBER_SIGNS = frozenset(_NUMBER_SIGNS_WORDS.split())
# Nouns followed by the number that names one of them: UN resolution 1973 is no date.
_NUMBERED_WORDS = (
    "resolution resolutions résolution résolutions resolución resoluciones risoluzione "
    "risoluzioni resolutionen flight flug vol vuelo volo decree décret decreto dekret "
    "bill paragraph paragraphe párrafo paragrafo"
)
NUMBERED_NOUNS = frozenset(_NUMBERED_WORDS.split())


def h_decade(h: Hit) -> Spec | None:
    """the 1990s, the '80s, les années 60, die 90er Jahre, the nineties."""
    if h.has("unit") and h.word("unit") not in h.g.conventions.get("decade_words", ()):
        return None  # "les années 60", not "les mois 15"
    if h.has("year"):
        year = read_int(h, "year")
        decade = year // 10 if year is not None and year % 10 == 0 else None
    else:
        short = read_int(h, "short") if h.has("short") else 10 * h.val("word", -1)
        if short is None or short % 10 or not 0 <= short < 100:
            return None
        if h.dct is None:
            return Spec()  # found, but which century is unknown
        century = h.dct.year // 100 - (h.dct.year // 100 * 100 + short > h.dct.year)
        decade = century * 10 + short // 10
    return Spec(value=h.g.conventions.get("decade", "{:03d}").format(decade)) if decade else None


def h_century(h: Hit) -> Spec | None:
    n = read_int(h, "ord")
    if h.val("unit") != "CE" or n is None or not 1 <= n <= 30:
        return None
    return Spec(value=h.g.conventions.get("century", "{:02d}").format(n - 1))


def h_quarter(h: Hit) -> Spec | None:
    """the third quarter (of 1989), first-half, this year's third quarter, 3. Quartal."""
    n = read_int(h, "ord")
    unit = "HALF" if h.tags("unit") == "h" else h.val("unit")
    if n is None or unit not in ("Q", "HALF") or not 1 <= n <= (4 if unit == "Q" else 2):
        return None
    spec = Spec(quarter=n) if unit == "Q" else Spec(half=n)
    if h.has("year"):
        spec.year = read_year(h)
        return spec if spec.year else None
    if h.has("yunit"):
        if h.val("yunit") != "Y":
            return None
        spec.unit, spec.shift, spec.gran = "Y", SHIFT[h.tags("rel")[-1]], "Y"
    return spec


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
    rule, year, when = h.val("hol"), read_year(h), read_when(h)
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
    return _with_time(h, Spec(weekday=wd, when=read_when(h)), part) if isinstance(wd, int) else None


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


def _clock(h: Hit) -> tuple[int, int] | None:
    """(hour, minute) from hour/min/ampm/hhmm/clock groups, validated."""
    if h.has("clock"):
        return h.val("clock")
    if h.has("hhmm"):
        hh, mm = h.val("hhmm")
    elif h.has("hour"):
        hh, mm = read_int(h, "hour"), read_int(h, "min") or 0
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
        spec.month, spec.day = h.val("month"), read_int(h, "day")
        if (
            not isinstance(spec.month, int)
            or not spec.day
            or not valid_day(None, spec.month, spec.day)
        ):
            return None
    wd = h.val("wd")
    if h.tags("wd") == "T":
        spec.unit, spec.shift = "D", wd if isinstance(wd, int) else wd[0]
    elif isinstance(wd, int):
        spec.weekday = wd
    return spec
