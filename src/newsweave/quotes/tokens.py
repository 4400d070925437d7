"""A regex tokenizer for the few lines around a quote.

The quote stage runs on every article and must stay far cheaper than a
parser, so it tokenizes only the paragraphs that hold quotes, and skips the
quoted words themselves. Tokens keep code-point offsets. French elisions
("l'", "d'", "qu'") are split off so "l'OTAN" reads as a determiner and a
name; hyphenated inversions ("a-t-il", "dit-elle") stay whole and are taken
apart by the cue matcher.

`Line` keeps tokens as parallel lists rather than objects: building one
object per token cost three times the regex itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..language.registry import languages
from .extract import QuoteSpan

WINDOW = 320  # code points read on each side of a quote (about 50 words)


def _elisions() -> str:
    """Elided words of every language (`function_words.txt` [elisions]: "l'", "qu'",
    "dell'"), as one pattern; a capital is allowed on the first letter only. A lookahead
    for an apostrophe within reach lets most words skip the alternatives at once."""
    words = {
        w.rstrip("'’").lower()
        for language in languages()
        for w in language.sections("function_words.txt").get("elisions", [])
    }
    if not words:
        return "(?!)"
    letters = "".join(sorted(w for w in words if len(w) == 1))
    longer = sorted((w for w in words if len(w) > 1), key=lambda w: (-len(w), w))
    parts = [f"[{letters}{letters.upper()}]"] if letters else []
    parts += [f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" for w in longer]
    reach = max(len(w) for w in words)
    return f"(?=\\w{{1,{reach}}}['’]\\w)(?:{'|'.join(parts)})"


# An elided article or pronoun ("l'", "qu'") is tried first at each token start: matches
# never start inside a word, so "aujourd'hui" and "don't" stay whole.
_TOKEN = re.compile(rf"{_elisions()}['’](?=\w)" r"|\w+(?:[-'’.]\w+)*" r"|\S")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str  # lower-cased, ’ as ', elided "l'" as "l"

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def _low(text: str) -> str:
    low = text.lower()
    if "’" in low:
        low = low.replace("’", "'")
    if low[-1] == "'" and len(low) > 1:
        low = low[:-1]
    return low


def _scan(text: str, start: int, end: int, out: tuple[list, list, list]) -> None:
    """Append (start, end, text) of the tokens of text[start:end] to the three lists."""
    matches = list(_TOKEN.finditer(text, start, end))
    out[0].extend([m.start() for m in matches])
    out[1].extend([m.end() for m in matches])
    out[2].extend([m.group() for m in matches])


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]` with offsets into `text` (for word lists and phrases)."""
    lists: tuple[list, list, list] = ([], [], [])
    _scan(text, start, len(text) if end is None else end, lists)
    return [Token(a, b, t, _low(t)) for a, b, t in zip(*lists, strict=True)]


class Line:
    """One paragraph, tokenized where it matters: the unit the attribution rules read.

    Only the `keep` intervals (code points) are tokenized: the words around
    each quote, not the quoted words themselves nor the far end of a long
    paragraph. Quotes are most of a news paragraph, and attribution sits next
    to them.
    """

    __slots__ = (
        "caps",
        "end",
        "ends",
        "index",
        "lows",
        "start",
        "starts",
        "text",
        "texts",
        "words",
    )

    def __init__(
        self,
        text: str,
        index: int,
        start: int,
        end: int,
        keep: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.index = index
        self.start = start
        self.end = end
        lists: tuple[list[int], list[int], list[str]] = ([], [], [])
        for a, b in keep if keep is not None else [(start, end)]:
            _scan(text, max(a, start), min(b, end), lists)
        self.starts, self.ends, self.texts = lists
        # whole-line string operations are much cheaper than one call per token
        joined = "\x00".join(self.texts).lower().replace("’", "'")
        if joined.count("\x00") != max(0, len(self.texts) - 1):
            # a token holding a NUL of its own (broken input) would split in two
            joined = "\x00".join(t.replace("\x00", " ") for t in self.texts)
            joined = joined.lower().replace("’", "'")
        lows = joined.split("\x00") if self.texts else []
        if "'\x00" in joined or joined.endswith("'"):
            lows = [w[:-1] if w[-1:] == "'" and len(w) > 1 else w for w in lows]
        self.lows = lows
        firsts = [t[0] for t in self.texts]
        self.caps = list(map(str.isupper, firsts))
        self.words = list(map(str.isalnum, firsts))

    def __len__(self) -> int:
        return len(self.texts)

    def span_text(self, a: int, b: int) -> str:
        """The article text from token `a` to token `b` (exclusive)."""
        return self.text[self.starts[a] : self.ends[b - 1]]

    def first_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset` (len if none)."""
        starts = self.starts
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


class Paragraphs:
    """Lines of the article, tokenized on demand around their quotes.

    A line is read within `WINDOW` code points of each quote in it (snapped to
    spaces so no word is cut), and the content of long quotes is left out.
    """

    def __init__(self, text: str, spans: Sequence[QuoteSpan], minor: list[bool]) -> None:
        self.text = text
        self.bounds: list[tuple[int, int]] = []
        pos = 0
        for m in re.finditer("\n", text):
            self.bounds.append((pos, m.start()))
            pos = m.end()
        self.bounds.append((pos, len(text)))
        self.starts = [b[0] for b in self.bounds]
        self._lines: dict[int, Line] = {}
        self._spans: dict[int, list[tuple[QuoteSpan, bool]]] = {}
        for span, small in zip(spans, minor, strict=True):
            self._spans.setdefault(self.index(span.open), []).append((span, small))

    def index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def line(self, index: int) -> Line:
        line = self._lines.get(index)
        if line is None:
            start, end = self.bounds[index]
            line = self._lines[index] = Line(self.text, index, start, end, self._keep(index))
        return line

    def _keep(self, index: int) -> list[tuple[int, int]]:
        start, end = self.bounds[index]
        spans = self._spans.get(index)
        if not spans:  # a paragraph ending "X said:" before a quote: its last words
            return [(self._snap(max(start, end - WINDOW), end), end)]
        keep: list[tuple[int, int]] = []
        for span, small in spans:
            a = self._snap(max(start, span.open - WINDOW), span.open)
            b = self._snap_back(min(end, span.close + WINDOW), span.close)
            pieces = [(a, b)] if small else [(a, span.start), (span.end, b)]
            for p in pieces:
                if keep and p[0] <= keep[-1][1]:
                    keep[-1] = (keep[-1][0], max(keep[-1][1], p[1]))
                else:
                    keep.append(p)
        return keep

    def _snap(self, pos: int, limit: int) -> int:
        """Move a window start forward to a space, so that no word is cut."""
        if pos <= self.bounds[self.index(pos)][0]:
            return pos
        space = self.text.find(" ", pos, limit)
        return limit if space < 0 else space

    def _snap_back(self, pos: int, limit: int) -> int:
        if pos >= self.bounds[self.index(limit)][1]:
            return pos
        space = self.text.rfind(" ", limit, pos)
        return limit if space < 0 else space

    def previous_nonempty(self, index: int) -> int | None:
        for li in range(index - 1, -1, -1):
            start, end = self.bounds[li]
            if self.text[start:end].strip():
                return li
        return None
