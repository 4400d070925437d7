"""Sentence bounds for the event stage: one regex pass, no tokenizer.

Events are sentence-level records, so the splitter only has to be right
about where a claim and its content stop. A line break always ends a
sentence (headlines have no full stop). A full stop ends one unless the word
before it is an abbreviation or a title ("Gen.", "M.", "U.S."), an initial
("George W."), or the next word starts in lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection

# End marks with closing quotes or brackets, before a space and not before a lower-case
# word ("Sept. 11 attacks", "the U.S. said"); or a line break. The lookaheads run in C.
_END = re.compile(
    r"[.!?…]+[\"'»”’)\]]*(?=\s)(?!\s+[\"'«“„(\[]?[a-zà-öø-ÿ])|\n",
)


def split(text: str, abbreviations: Collection[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end-exclusive, without surrounding spaces."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        mark = m.group()
        if mark == "\n":
            _add(text, start, m.start(), bounds)
        elif mark[0] == "." and not _ends(text, m.start(), abbreviations):
            continue
        else:
            _add(text, start, m.end(), bounds)
        start = m.end()
    _add(text, start, len(text), bounds)
    return bounds


def _ends(text: str, dot: int, abbreviations: Collection[str]) -> bool:
    """Does the full stop at `dot` end a sentence, judging by the word before it?"""
    space = max(text.rfind(" ", max(0, dot - 30), dot), text.rfind("\n", max(0, dot - 30), dot))
    word = text[space + 1 : dot].lower().strip("\"'’«“„(-")
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "George W. Bush"
    return bool(word) and word not in abbreviations and "." not in word


def _add(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        start += len(segment) - len(segment.lstrip())
        bounds.append((start, start + len(stripped)))


def locate(bounds: list[tuple[int, int]], starts: list[int], offset: int) -> int | None:
    """Index of the sentence holding `offset`, or None if it falls between sentences."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < bounds[i][1]:
        return i
    return None
