"""Find many word patterns in a text by their first word: one dict lookup per distinct word.

A single alternation of a hundred trigger patterns costs Python's regex
engine a try of every branch at every word start: about 5 ms for an
850-word article, five times the budget of the whole stage. Most words
start no pattern, and the vocabulary of news repeats from one article to
the next, so instead:

1. the distinct lower-cased words of the text are looked up in a cache that
   says which patterns can start with each word (tested once per word and
   process, with the pattern's first word as a regex);
2. only the occurrences of those few words are tried, each against only the
   patterns its word can start.

Matching follows `finditer` over the alternation: left to right, no
overlaps, and at one position the longest match wins (the first pattern on
a tie), so "took control of" beats "took".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

_TOKEN = re.compile(r"\w+")
_APOSTROPHES = "'’"
MAX_CACHE = 200_000  # distinct words remembered per lexicon before the cache restarts


def first_word(pattern: str) -> str:
    r"""The part of `pattern` that must match its first word: up to its first top-level
    `\s`, apostrophe class or lookahead ("took\s+control" -> "took", "d['’]\s*après" -> "d",
    "invierà(?=\s+...armi)" -> "invierà")."""
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if depth == 0 and pattern.startswith("(?=", i):
            return _trim(pattern[:i])
        if ch == "\\":
            if depth == 0 and pattern[i : i + 2] == r"\s":
                return _trim(pattern[:i])
            i += 2
            continue
        if ch == "[":
            close = _class_end(pattern, i)
            if depth == 0 and any(a in pattern[i:close] for a in _APOSTROPHES):
                return _trim(pattern[:i])
            i = close
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        i += 1
    return pattern


def alternatives(pattern: str) -> list[str]:
    """The top-level branches of `pattern`: "a|b(?:c|d)" -> ["a", "b(?:c|d)"]."""
    out, depth, i, last = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[last:i])
            last = i + 1
        i += 1
    out.append(pattern[last:])
    return [p for p in out if p]


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _trim(head: str) -> str:
    return head or r"\w+"


class Scanner:
    """Patterns found by the first word each can start with (see `WordIndex`)."""

    def __init__(self, entries: Sequence[tuple[str, str]], end: str = r"(?!\w)") -> None:
        """`entries` are (pattern, first-word pattern) pairs; `end` closes every match."""
        self.patterns = [re.compile(f"(?:{p}){end}", re.I) for p, _ in entries]
        self._firsts = [re.compile(f, re.I) for _, f in entries]
        self._any = re.compile("|".join(f"(?:{f})" for _, f in entries) or "(?!)", re.I)

    def lines(self, word: str) -> tuple[int, ...]:
        """Indexes of the patterns that can start with `word` (lower-cased)."""
        if not self._any.fullmatch(word):
            return ()
        return tuple(k for k, f in enumerate(self._firsts) if f.fullmatch(word))

    def scan(
        self, text: str, starts: Sequence[tuple[int, tuple[tuple[int, ...], ...]]], which: int
    ) -> list[tuple[int, int, int]]:
        """(start, end, pattern index) of the matches, from `WordIndex.starts` (slot `which`)."""
        found: list[tuple[int, int, int]] = []
        reached = 0
        for p, slots in starts:
            lines = slots[which]
            if not lines or p < reached:
                continue
            best: tuple[int, int] | None = None  # (end, index)
            for k in lines:
                m = self.patterns[k].match(text, p)
                if m and m.end() > p and (best is None or m.end() > best[0]):
                    best = (m.end(), k)
            if best is not None:
                found.append((p, best[0], best[1]))
                reached = best[0]
        return found


class WordIndex:
    """Where the words that can start a pattern of some scanner occur in a text.

    A text is cut at spaces by `str.split` (C speed); each distinct piece
    ("said,", "l'attaque") is read once per process into the useful words it
    holds, and news vocabulary repeats, so an article mostly costs a split, a
    few set operations and one pass over its pieces with a dict lookup each.
    """

    def __init__(self, scanners: Sequence[Scanner]) -> None:
        self.scanners = scanners
        self._words: dict[str, tuple[tuple[int, ...], ...]] = {}  # word -> lines per scanner
        self._known: set[str] = set()  # pieces already read
        self._useful: dict[str, tuple[tuple[int, tuple[tuple[int, ...], ...]], ...]] = {}

    def _slots(self, word: str) -> tuple[tuple[int, ...], ...]:
        got = self._words.get(word)
        if got is None:
            got = self._words[word] = tuple(s.lines(word) for s in self.scanners)
        return got

    def _learn(self, pieces: set[str]) -> None:
        if len(self._known) + len(pieces) > MAX_CACHE:
            self._known.clear()
            self._useful.clear()
            self._words.clear()
        for piece in pieces:
            found = []
            for m in _TOKEN.finditer(piece):
                slots = self._slots(m.group())
                if any(slots):
                    found.append((m.start(), slots))
            if found:
                self._useful[piece] = tuple(found)
        self._known |= pieces

    def starts(self, low: str) -> list[tuple[int, tuple[tuple[int, ...], ...]]]:
        """(offset, lines per scanner) of each useful word of `low` (a lower-cased text)."""
        flat = low
        for ch in _SPACES:
            if ch in flat:
                flat = flat.replace(ch, " ")  # same length: offsets hold
        pieces = flat.split(" ")
        distinct = set(pieces)
        new = distinct - self._known
        if new:
            self._learn(new)
        useful = self._useful
        if not distinct & useful.keys():
            return []
        # one pass over the pieces: a str.find per useful piece would rescan the text each time
        ends = list(accumulate(map(len, pieces)))
        found: list[tuple[int, tuple[tuple[int, ...], ...]]] = []
        for i, piece in enumerate(pieces):
            if piece in useful:
                offset = ends[i - 1] + i if i else 0
                found += [(offset + k, slots) for k, slots in useful[piece]]
        return found


_SPACES = "\n\t\r\x0b\x0c\xa0\u2009\u202f\u2007\u3000"


def lower(text: str) -> str:
    """text.lower() with the same length, so offsets carry over ("İ" keeps one code point)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
