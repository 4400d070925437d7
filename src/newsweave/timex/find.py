"""Find the time expressions of a text: rules matched near time words, settled
longest first, then anchored in text order.

Each language's rules are the module `language/<code>/timex.py`, found through
the language registry; a language without one has no time expressions (yet).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache

from newsweave.language.registry import codes, find_language
from newsweave.model import PartialDate, Timex

from . import dates, durations, relative
from .grammar import CORE, Grammar, Tokens
from .hit import Hit
from .resolve import resolve
from .spec import Spec

# Every rule names its handler: h_<name> in one of the handler modules.
HANDLERS: dict[str, Callable[[Hit], Spec | None]] = {
    name[2:]: fn
    for module in (dates, relative, durations)
    for name, fn in vars(module).items()
    if name.startswith("h_") and callable(fn)
}
_BACK = 7  # every rule match holds a time word at most this many tokens after its start
# Tags no rule crosses on its way to a time word, all mapped to "|" for rfind.
_STOP = str.maketrans(dict.fromkeys("w!p@_", "|"))
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SENTENCE_END = re.compile(r"[.!]")


def languages() -> tuple[str, ...]:
    """Codes of the languages that ship time-expression rules (`language/<code>/timex.py`)."""
    return codes(having="timex")


@cache
def grammar(lang: str) -> Grammar | None:
    """The compiled grammar of a language, or None when there are no rules for it."""
    language = find_language(lang)
    module = language.module("timex") if language is not None else None
    if language is None or module is None:
        return None
    return Grammar(language, module, HANDLERS)


def _select(g: Grammar, toks: Tokens, dct: PartialDate | None) -> list[tuple[int, int, Spec, Hit]]:
    """All rule matches near time words, settled longest first (then by rule order)."""
    tagstr, ends, words, by_first = toks.tagstr, toks.ends, toks.words, g.by_first
    stops, present = tagstr.translate(_STOP), set(tagstr)
    cands = []
    seen = -1
    for core in CORE.finditer(tagstr):
        k = core.start()
        for s in range(max(seen, k - _BACK - 1, stops.rfind("|", 0, k)) + 1, k + 1):
            for order, rx, handler, needed in by_first.get(tagstr[s], ()):
                if not needed <= present:
                    continue
                m = rx.match(tagstr, s)
                if m is not None and m.end() > s:  # the widest first: minus its width
                    cands.append(
                        (ends[s] - len(words[s]) - ends[m.end() - 1], order, s, m, handler)
                    )
        seen = k
    cands.sort()  # (minus width, rule order, start) never ties: matches are not compared
    taken = bytearray(len(toks.words))
    chosen = []
    for *_, m, handler in cands:
        if any(taken[m.start() : m.end()]):
            continue
        hit = Hit(g, toks, m, dct)
        spec = handler(hit)
        if spec is None:
            continue
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        chosen.append((m.start(), m.end(), spec, hit))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _anchorable(v: str) -> bool:
    """A value later expressions can count from: a year, month, day, quarter or half."""
    return v[:4].isdigit() and (len(v) == 4 or (len(v) >= 7 and (v[5:7].isdigit() or v[5] in "QH")))


def _to_partial(value: str | None) -> tuple[PartialDate, str] | None:
    """A resolved DATE/TIME value as an anchor for later expressions, with its granularity."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    year, rest = int(value[:4]), value[4:]
    if len(rest) >= 6 and rest[1:3].isdigit() and rest[4:6].isdigit():
        return PartialDate(year, int(rest[1:3]), int(rest[4:6])), "D"
    if len(rest) == 3 and rest[1] == "Q" and rest[2].isdigit():
        return PartialDate(year, 3 * int(rest[2]) - 2), "Q"
    if len(rest) == 3 and rest[1] == "H" and rest[2].isdigit():
        return PartialDate(year, 6 * int(rest[2]) - 5), "HALF"
    if len(rest) == 3 and rest[1:].isdigit():
        return PartialDate(year, int(rest[1:])), "M"
    return None if rest else (PartialDate(year), "Y")


def find_timexes(text: str, lang: str, dct: PartialDate | None) -> list[Timex]:
    """Every time expression in `text`, in order, with TIMEX3 values.

    Relative expressions are resolved against `dct` (the publication date);
    when it is missing or too coarse they keep `resolved=False`.
    """
    g = grammar(lang.split("-")[0].split("_")[0].lower())  # "en-GB" is English
    if g is None or not text:
        return []
    toks = g.tokenize(text)
    if toks is None:
        return []
    chosen = _select(g, toks, dct)
    if not chosen:
        return []
    inside = {k for i, j, *_ in chosen for k in range(i, j)}  # "am 3. Oktober"
    bounds = [m.start() for m in _SENTENCE_END.finditer(toks.tagstr) if m.start() not in inside]
    days: dict[int, date] = {}  # sentence -> a day it names, for bare clock times
    out: list[Timex] = []
    specs: list[tuple[Spec, int]] = []
    prev: tuple[PartialDate, str] | None = None
    last_value: str | None = None  # the last date named, read into `prev` when needed
    for i, j, spec, hit in chosen:
        tense = hit.tense() if _needs_tense(spec) else ""
        sentence = bisect_right(bounds, i)
        if spec.anchor != "dct" and last_value is not None:
            prev, last_value = _to_partial(last_value) or prev, None
        if spec.anchor == "prevq":  # "a year ago" in a report on a quarter: that quarter
            near = prev is not None and prev[1] in ("Q", "HALF")
            spec.anchor = "prev" if near else "dct"
            if not near and spec.gran == "Q":  # the year-ago quarter: of the last one reported
                spec.unit, spec.shift = "Q", -5
        if spec.gran == "=":
            spec.gran = prev[1] if prev and spec.anchor == "prev" else spec.unit
        value, ok, anchor = resolve(spec, dct, tense, prev[0] if prev else None)
        if spec.type in ("DATE", "TIME") and ok and not spec.clock_only:
            if spec.anchor != "prev" and value and _anchorable(value):
                last_value = value  # no chains: "a year earlier" twice is not two years
            if value and _DAY_VALUE.match(value) and sentence not in days:
                days[sentence] = date.fromisoformat(value[:10])
        start, end = toks.start(i), toks.ends[j - 1]
        out.append(Timex(text[start:end], start, end, spec.type, value, ok, anchor))
        specs.append((spec, sentence))
    for t, (spec, sentence) in zip(out, specs, strict=True):
        if spec.clock_only and sentence in days:
            # a clock time belongs to the day its sentence names
            t.value, t.resolved, t.anchor = resolve(spec, dct, "", None, days[sentence])
    return out


def _needs_tense(spec: Spec) -> bool:
    return (
        spec.year is None
        and not spec.when
        and (
            spec.weekday is not None
            or spec.month is not None
            or spec.season is not None
            or spec.quarter is not None
        )
    )
