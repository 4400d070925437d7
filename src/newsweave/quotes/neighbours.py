"""Quotes without a cue of their own that take a neighbour's speaker.

The attribution rules read one span at a time (`attribute`); news writing
then leaves some quotes bare on purpose. A quote running over several
paragraphs keeps one speaker (a chain of marks), a transcript label gives
its speaker to the turns after it, and a bare quote right after an
attributed one continues it when nobody else is named between: "“A,” X
said. / “B.”" makes X the speaker of B.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ..model import Mention
from .coref import PERSON
from .extract import QuoteSpan
from .speakers import Speaker
from .tokens import Paragraphs

MAX_BETWEEN_WORDS = 8  # words allowed between an attributed quote and a bare one it continues


def inherit(
    doc: Paragraphs,
    pieces: list[QuoteSpan],
    speakers: list[Speaker | None],
    bare: list[bool],
    small: list[bool],
    mentions: Sequence[Mention],
) -> None:
    """Give bare quotes the speaker of their chain or of the quote they continue."""
    text = doc.text
    # one speaker per chain (labels start a new turn inside a transcript chain)
    by_chain: dict[int, list[int]] = {}
    for k, piece in enumerate(pieces):
        by_chain.setdefault(piece.chain, []).append(k)
    for ks in by_chain.values():
        if len(ks) < 2:
            continue
        if any(speakers[k] is not None and speakers[k].kind == "label" for k in ks):
            current = None
            for k in ks:
                if speakers[k] is not None and speakers[k].kind == "label":
                    current = speakers[k]
                elif speakers[k] is None and current is not None:
                    speakers[k] = replace(current, inherited=True)
            continue
        found = next((speakers[k] for k in ks if speakers[k] is not None), None)
        if found is not None:
            for k in ks:
                if speakers[k] is None:
                    speakers[k] = replace(found, inherited=True)
    persons = sorted(m.start for m in mentions if m.type == PERSON)
    last = -1  # the previous quote; a scare quote takes no speaker, and gives none it lacks
    for k in range(len(pieces)):
        if small[k]:
            if speakers[k] is not None:
                last = k
            continue
        j, last = last, k
        if j < 0 or speakers[k] is not None or speakers[j] is None or not bare[k]:
            continue
        prev, piece = pieces[j], pieces[k]
        li, lj = doc.index(prev.open), doc.index(piece.open)
        if lj == li:  # news convention: a bare quote continues the paragraph's speaker
            speakers[k] = replace(speakers[j], inherited=True)
            continue
        start = max(prev.close, speakers[j].end if not speakers[j].inherited else 0)
        gap = text[start : piece.open]
        if lj - li > 2 or gap.count("\n") > 2 or not _opens_paragraph(doc, piece):
            continue
        if len(re.findall(r"\w+", gap)) > MAX_BETWEEN_WORDS:
            continue
        lo, hi = bisect_right(persons, start - 1), bisect_right(persons, piece.open)
        if hi > lo:
            continue  # someone else was named in between
        speakers[k] = replace(speakers[j], inherited=True)


def _opens_paragraph(doc: Paragraphs, piece: QuoteSpan) -> bool:
    start, _ = doc.bounds[doc.index(piece.open)]
    return not doc.text[start : piece.open].strip()
