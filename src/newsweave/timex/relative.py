"""Handlers of expressions counted from an anchor: "last week", "three days ago",
"the next day", "year-ago", "the quarter", and present/past/future references.

A handler reads one rule match (a `Hit`) and says what it means, as a `Spec`.
Group names are shared by all languages' rules: wd, month, day, year, rel,
unit, num, dir, part, ref, edge, hour, min, ampm, clock, hhmm, season, ord,
adv... A handler returns None to reject a match the tags alone could not
rule out. `find` collects every `h_<rule>` function of the handler modules.
"""

from __future__ import annotations

from .hit import SHIFT, Hit
from .resolve import duration
from .spec import SHIFT_UNITS, TIME_UNITS, Spec


def h_theunit(h: Hit) -> Spec | None:
    """the quarter, the latest quarter, the year, the week, the weekend, am Wochenende."""
    unit = h.val("unit")
    latest = h.word("rel") in h.g.conventions.get("latest", ())
    if h.tags("unit") == "g":  # "the latest period": the reporting quarter
        unit = "Q" if latest else None
    if unit == "Q":
        return Spec(unit="Q", shift=-1 if latest or h.tense() != "future" else 0)
    if h.tags("rel") == "L" and not latest:  # "the last year": twelve months
        known = unit in SHIFT_UNITS + TIME_UNITS
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
        shift = h.val("rel") if rel == "r" else SHIFT.get(rel, 0)
        return Spec(type="TIME", unit="D", shift=shift, part=h.val("part"), anchor="prev")
    unit = h.val("unit")
    if unit not in SHIFT_UNITS:
        return None
    if rel == "F" and unit != "D":  # "over the next year": a length
        return Spec(type="DURATION", value=duration(1, unit))
    shift = h.val("rel") if rel == "r" else SHIFT.get(rel, 0)
    return Spec(unit=unit, shift=shift if isinstance(shift, int) else 0, anchor="prev")


def h_relunit(h: Hit) -> Spec | None:
    """last week, this year, la semaine dernière, earlier this month, nächstes Jahr, year-end."""
    unit, rel = h.val("unit"), h.tags("rel")
    if unit not in SHIFT_UNITS:
        return None
    shift = SHIFT.get(rel[-1], 0) if rel else 0
    return Spec(unit="W", shift=shift, gran="WE") if unit == "WE" else Spec(unit=unit, shift=shift)


def h_ago(h: Hit) -> Spec | None:
    """three days ago, il y a trois jours, vor zwei Tagen, two years later."""
    sign, anchor = h.val("dir", (-1, "dct"))
    unit, n = h.val("unit"), h.number("num")
    if anchor == "prev" and (n is None or unit in TIME_UNITS):
        return None  # "a few days later", "an hour later": the duration, with a signal
    if n is None or unit in TIME_UNITS:
        return Spec(type="TIME" if unit in TIME_UNITS else "DATE", value=_ref_of(sign))
    if unit in ("DE", "CE"):
        unit, n = "Y", n * (10 if unit == "DE" else 100)
    if not float(n).is_integer() and unit in ("Y", "M", "W", "WE"):  # "a year and a half ago"
        unit, n = ("M", n * 12) if unit == "Y" else ("D", n * (30 if unit == "M" else 7))
    if unit not in SHIFT_UNITS:
        return None
    spec = Spec(unit="W" if unit == "WE" else unit, shift=round(sign * n), anchor=anchor)
    if unit == "Y" and n == 1:  # "a year ago" in a report on a quarter: that quarter
        spec.gran, spec.anchor = "=", "prevq" if anchor == "dct" else "prev"
    return spec


def _ref_of(sign: int) -> str:
    return "PAST_REF" if sign < 0 else "FUTURE_REF"


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
