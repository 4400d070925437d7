"""One rule match (`Hit`) and the readers handlers share: numbers, years, tense.

A handler gets a `Hit` and reads its named groups ("month", "num", "rel")
through it; `sentence_tense` looks around the match for the tense that
decides whether a bare "Tuesday" or "in March" lies behind or ahead.
"""

from __future__ import annotations

import re
from typing import Any

from newsweave.model import PartialDate

from .grammar import Grammar, Tokens

# The tag of a "rel" group -> what it says ("last Tuesday") and how far it moves ("last week").
REL = {"L": "last", "F": "next", "C": "this", "Q": "last"}
SHIFT = {"L": -1, "F": 1, "C": 0, "Q": -1}


class Hit:
    """One rule match, with helpers that read its groups for the handler."""

    def __init__(
        self, grammar: Grammar, toks: Tokens, m: re.Match[str], dct: PartialDate | None
    ) -> None:
        self.g, self.t, self.m, self.dct = grammar, toks, m, dct
        self.i, self.j = m.start(), m.end()
        # token spans of the groups that matched
        regs = m.regs
        self.spans = {k: regs[i] for k, i in m.re.groupindex.items() if regs[i][0] >= 0}
        self._tense: str | None = None

    def has(self, name: str) -> bool:
        return name in self.spans

    def words(self, name: str) -> list[str]:
        i, j = self.spans.get(name, (0, 0))
        return self.t.words[i:j]

    def word(self, name: str) -> str | None:
        return self.t.words[self.spans[name][0]] if name in self.spans else None

    def val(self, name: str, default: Any = None) -> Any:
        if name not in self.spans:
            return default
        k = self.spans[name][0]
        if k in self.t.vals:
            return self.t.vals[k]
        return self.g.value.get(self.t.words[k], default)

    def tags(self, name: str) -> str:
        i, j = self.spans.get(name, (0, 0))
        return self.t.tagstr[i:j]

    def number(self, name: str) -> float | None:
        """Value of a COUNT group; None when vague ("several") or absent."""
        if name not in self.spans:
            return None
        start, end = self.spans[name]
        values: list[float] = []
        frac = 0.0
        for k in range(start, end):
            tag = self.t.tagstr[k]
            if tag == "v":
                return None
            if tag == "h":
                if k == start or (k == start + 1 and values == [1]):
                    return 0.5  # "half an hour", "une demi-heure", "ein halbes Jahr"
                frac += 0.5
            elif tag == "f":
                frac += self.t.vals.get(k, 0.0)
            elif tag in "ND1":
                v = self.t.vals.get(k, self.g.value.get(self.t.words[k]))
                if not isinstance(v, int | float):
                    return None
                values.append(v)
            elif tag == "a" and not values and frac == 0:
                values.append(1)
        total = combine_numbers(values, self.g.multipliers) if values else 0
        return None if total is None else total + frac

    def tense(self) -> str:
        if self._tense is None:
            self._tense = sentence_tense(self.g, self.t, self.i, self.j)
        return self._tense

    def before(self, k: int = 1) -> str:
        """Tag k tokens before the match ("" at the start)."""
        return self.t.tagstr[self.i - k] if self.i - k >= 0 else ""

    def word_before(self, k: int = 1) -> str:
        return self.t.words[self.i - k] if self.i - k >= 0 else ""

    def word_after(self) -> str:
        return self.t.words[self.j] if self.j < len(self.t.words) else ""


def combine_numbers(values: list[float], multipliers: frozenset[int]) -> float | None:
    """Read a sequence of number words: twenty four, one hundred thirty, quatre vingt dix,
    nineteen ninety-six (a spoken year)."""
    total, cur = 0.0, None
    for v in values:
        if cur is None:
            cur = v
        elif v >= 1000:
            total, cur = total + cur * v, None
        elif v in multipliers and v > cur:
            cur *= v
        elif (
            (cur >= 100 and cur % 100 == 0 and v < 100)
            or (cur >= 10 and cur % 10 == 0 and v < 10)  # twenty-four, dix-sept
            or (60 <= cur < 100 and cur % 20 == 0 and v < 20)  # soixante-dix, quatre-vingt-onze
        ):
            cur += v
        elif 10 <= cur < 100 and 10 <= v < 100 and cur % 10 != 0:
            cur = cur * 100 + v
        else:
            return None
    return total + (cur or 0)


def sentence_tense(g: Grammar, toks: Tokens, i: int, j: int, reach: int = 12) -> str:
    """ "past", "future" or "": the nearest tense cue in the same sentence.

    Weak future cues ("scheduled", "due") give way to a past cue ("had been
    scheduled"); a reporting verb counts only right next to the expression
    ("said Friday"), since "..., officials said" dates the report, not the event.
    """
    tagstr, words, cue = toks.tagstr, toks.words, g.cue
    lo = max(tagstr.rfind(".", 0, i), tagstr.rfind("!", 0, i)) + 1
    hi = min((k for k in (tagstr.find(".", j), tagstr.find("!", j)) if k >= 0), default=len(words))
    weak = False
    for dist in range(1, reach + 1):
        for k in (i - dist, j - 1 + dist):
            if not lo <= k < hi:
                continue
            c = cue(words[k])
            if not c or (c == "report" and k not in (i - 1, j)):
                continue
            if c == "future":
                return c
            weak = weak or c == "weak"  # "planned": a future in the past, not a past event
            if c in ("past", "report") or (c == "participle" and g.written_lower(toks, k)):
                return "past"
    return "future" if weak else ""


def read_int(h: Hit, name: str) -> int | None:
    """An integer from a DIGITS, ORD, YEAR or number-word group."""
    if not h.has(name):
        return None
    v = h.val(name) if h.tags(name)[0] in "ODY" else h.number(name)
    return int(v) if isinstance(v, int | float) and float(v).is_integer() else None


def century_of(short: int, dct: PartialDate | None) -> int | None:
    """A two-digit year ("octobre 98") in the century that keeps it nearest the dct."""
    if dct is None:
        return None
    candidates = (dct.year // 100 * 100 - 100 + short, dct.year // 100 * 100 + short)
    return min(candidates, key=lambda v: abs(v - dct.year))


def read_year(h: Hit, name: str = "year") -> int | None:
    y = read_int(h, name)
    if y is not None and y < 100 and len(h.words(name)[-1]) == 2:
        y = century_of(y, h.dct)
    return y if y is not None and 1000 <= y <= 2199 else None


def read_when(h: Hit) -> str:
    tags = h.tags("rel")
    return REL.get(tags[-1], "") if tags else ""
