"""One article as the event stage reads it: names in text order, cues, clause boundaries.

`Article` is built once per text and shared by its sentences: mentions sorted
by start (with the caller's indexes kept), DATE timexes, quotes, and the
speech cues and clause boundaries found by the lexicon's scanners. The
prepositions before each name are read once and cached, because the rules ask
about the same few names many times.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import EventSettings
from ..model import Mention, Quote, Timex
from .lexicon import Lexicon

_PUNCT_BOUNDARY = re.compile(r"[;:()–—]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a TIME value that names its day
_DATED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-[A-Z]{2})?")
_CLOSERS = frozenset(',.;:!?)]"»”“«(')  # a word ending so is not followed by its object


@dataclass(slots=True)
class Cue:
    kind: str  # own | inline | source | post | deny | claim | verb
    start: int
    end: int

    @property
    def is_verb(self) -> bool:
        return self.kind in ("deny", "claim", "verb")


@dataclass(slots=True)
class Claim:
    mention: int | None = None  # index into the caller's mentions
    text: str | None = None
    span: tuple[int, int] | None = None  # the words naming the claimant
    own: bool = False  # "by its own account": the actor


class Article:
    """The text, its mentions in start order, dated timexes and quotes, shared by sentences."""

    def __init__(
        self,
        text: str,
        low: str,
        lex: Lexicon,
        mentions: Sequence[Mention],
        timexes: Sequence[Timex],
        quotes: Sequence[Quote],
        settings: EventSettings,
    ) -> None:
        self.text = text
        self.lex = lex
        self.settings = settings
        order = sorted(range(len(mentions)), key=lambda k: (mentions[k].start, -mentions[k].end))
        self.index = order  # position in start order -> caller's index
        self.position = {k: j for j, k in enumerate(order)}
        self.mentions = [mentions[k] for k in order]
        self.starts = [m.start for m in self.mentions]
        self.timexes = sorted(
            (t.start, t.end, k, t)
            for k, t in enumerate(timexes)
            if (t.type == "DATE" or (t.type == "TIME" and _DAY.match(t.value or "")))
            and (t.value is None or _DATED.match(t.value))
            and not (t.text.isdigit() and len(t.text) < 4)  # "24 heures sur 24" is no year
        )
        self.timex_starts = [t[0] for t in self.timexes]
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        self.low = low
        self._prefix: dict[int, tuple[str, ...]] = {}
        self.cues: list[Cue] = []
        self.cue_starts: list[int] = []
        self.bounds: list[tuple[int, int, bool]] = []  # (start, end, is "that/que")
        self.bound_starts: list[int] = []

    def read_cues(self, starts: list[tuple[int, tuple[tuple[int, ...], ...]]]) -> None:
        """Speech cues and clause boundaries of the whole text (for sentences with events)."""
        lex, text = self.lex, self.text
        self.cues = [
            Cue(lex.cue_kinds[k], a, b)
            for a, b, k in lex.cues.scan(text, starts, 1)
            if self.quote_at(a) is None
        ]
        self.cue_starts = [c.start for c in self.cues]
        bounds = [(a, b, k < lex.complements) for a, b, k in lex.boundaries.scan(text, starts, 2)]
        bounds += [(m.start(), m.end(), False) for m in _PUNCT_BOUNDARY.finditer(text)]
        self.bounds = sorted(bounds)
        self.bound_starts = [b[0] for b in self.bounds]

    def inside_mention(self, start: int, end: int) -> bool:
        """Is the span within a name ("Court" in "International Criminal Court")?"""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.mentions[i].end >= end

    def between(self, a: int, b: int) -> list[int]:
        """Positions (start order) of the mentions lying within [a, b)."""
        lo, hi = bisect_left(self.starts, a), bisect_left(self.starts, b)
        return [j for j in range(lo, hi) if self.mentions[j].end <= b]

    def prefixes(self, j: int) -> tuple[str, ...]:
        """The readings of the preposition before mention j: place, agent, member, object.

        Word lookups on the few words before the name, past determiners ("in
        the", "près de la"); empty when no preposition governs it.
        """
        got = self._prefix.get(j)
        if got is not None:
            return got
        got = ()
        start = self.mentions[j].start
        # split on spaces and apostrophes ("à l'Ukraine" -> "à", "l"); the first may be cut
        words = self.low[max(0, start - 40) : start].replace("'", " ").replace("’", " ").split()
        lex = self.lex
        skip = lex.determiner_words | lex.modifiers
        i = len(words)
        while i > 1:
            last = words[i - 1]
            if last[-1] in _CLOSERS:
                break  # "Kyiv, Moscow": no preposition across punctuation
            n = self._preposition_before(words, i)
            if n:
                got = lex.prepositions[" ".join(words[i - n : i])]
                if "place" not in got:  # "in the town of Izium": the place reading wins
                    k = i - n
                    while k > 1 and words[k - 1] in skip:
                        k -= 1
                    if (
                        k < i - n
                        and self._preposition_before(words, k)
                        and "place"
                        in (
                            lex.prepositions[
                                " ".join(words[k - self._preposition_before(words, k) : k])
                            ]
                        )
                    ):
                        got = ("place", *got)
                break
            if last not in skip:
                break
            i -= 1
        self._prefix[j] = got
        return got

    def _preposition_before(self, words: list[str], i: int) -> int:
        """Length in words of the longest preposition ending at words[i - 1], or 0."""
        lex = self.lex
        for n in range(min(lex.longest_preposition, i - 1), 0, -1):
            if " ".join(words[i - n : i]) in lex.prepositions:
                return n
        return 0

    def prefix(self, j: int) -> str:
        """The first reading of the preposition before mention j, or "" for none."""
        got = self.prefixes(j)
        return got[0] if got else ""

    def quote_at(self, pos: int) -> Quote | None:
        i = bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and pos < self.quotes[i].end:
            return self.quotes[i]
        return None


def back(text: str, pos: int, n: int, floor: int) -> int:
    """Where the `n` words before `pos` start (not before `floor`)."""
    i = pos
    for _ in range(n):
        k = text.rfind(" ", floor, max(floor, i - 1))
        if k < 0:
            return floor
        i = k + 1
    return i
