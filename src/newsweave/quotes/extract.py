"""Direct-quote spans: the words between quotation marks, or after a dialogue dash.

Typography in news is messy: straight and curly marks mixed in one article,
„German“ marks whose closing sign is the English opening one, « French »
marks with (narrow) no-break spaces inside, a closing ” typed where an
opening one belongs, single quotes that are usually apostrophes, and long
quotes whose paragraphs each open a mark that only the last one closes.
This module reads marks by their flanking (what stands before and after
them) rather than by their code point alone, pairs them within a paragraph,
and follows the paragraph convention. It never raises on unbalanced marks:
a mark it cannot pair is left out.

No language knowledge is needed here except for dialogue dashes, which open
quotes in French and Spanish but lists elsewhere (the registry's
`dialogue_dashes` and `inner_dialogue_dash` flags).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language.registry import find_language

# Any character that can open a quote, and a dash at the start of a line.
PREFILTER = re.compile(r"[\"“”„‟«»‹›‘’'‚]|^[ \t\u00a0]*[—–―]", re.MULTILINE)
# '' is a double mark typed as two apostrophes (old wire and archive text)
_MARK = re.compile(r"''|[\"“”„‟«»‹›‘’'‚]")
_SPACE = " \t\u00a0\u202f\u2009\u2007\u200b\ufeff"
_OPEN_CONTEXT = set("([{—–―-/:;") | set("\"“”„‟«»‹›‘’'‚")
_CLOSE_CONTEXT = set(".,;:!?)]}—–―-…/") | set("\"“”„‟«»‹›‘’'‚")
_DASHES = "—–―"
_INNER_RAYA = re.compile(r"(?<=[.!?…] )—(?=[¿¡A-ZÁÉÍÓÚÑ])")
# A transcript turn inside quote marks: "PENCE: Well, look..." (capitals, a colon).
_LABEL = re.compile(r"([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,3}):[ \u00a0]+(?=\S)")
_WORD = re.compile(r"\w+")

# style -> marks that may close it
_CLOSERS = {
    "curly": "”“",
    "straight": '"',
    "twin": "''",
    "low": '“”"',
    "guillemet": "»",
    "rguillemet": "«",
    "angle": "›",
    "rangle": "‹",
    "single": "’'‘",
}


_MIXED = {"curly": '"', "straight": "”“"}

# Marks looked at while pairing, per article. Pairing looks ahead from each opening mark
# to its closing one: a few marks in prose (an article of 100,000 characters needs some
# thousands), but a run of unclosed marks ("« « « …", hostile or broken input) makes
# it quadratic: 50,000 of them would take hours. Past this budget the rest of the
# article yields no quote (the spans found so far are kept).
PAIRING_BUDGET = 100_000


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Where a quote sits: content offsets and the marks around it."""

    start: int  # first code point of the content
    end: int  # end of the content (exclusive)
    open: int  # offset of the opening mark or dash
    close: int  # offset just after the closing mark (the content end when unclosed)
    style: str  # curly | straight | low | guillemet | rguillemet | angle | rangle | single | dash
    closed: bool = True
    chain: int = 0  # spans of one quote running over paragraphs share a chain
    label: tuple[int, int] | None = None  # transcript speaker label inside the marks


def _is_space(ch: str) -> bool:
    return ch in _SPACE or ch.isspace()


def _left_flanking(text: str, i: int, n: int = 1) -> bool:
    """Could open: something follows, and whitespace or punctuation precedes."""
    nxt = text[i + n] if i + n < len(text) else ""
    if not nxt or _is_space(nxt):
        return False
    prev = text[i - 1] if i > 0 else ""
    return not prev or _is_space(prev) or prev in _OPEN_CONTEXT


def _right_flanking(text: str, i: int, n: int = 1) -> bool:
    """Could close: something precedes, and whitespace or punctuation follows."""
    prev = text[i - 1] if i > 0 else ""
    if not prev or _is_space(prev):
        return False
    nxt = text[i + n] if i + n < len(text) else ""
    return not nxt or _is_space(nxt) or nxt in _CLOSE_CONTEXT


def _opens(text: str, i: int, ch: str) -> str | None:
    """The style a mark at `i` would open, or None."""
    if ch == "«":
        return "guillemet"
    if ch == "‹":
        return "angle"
    if ch == "„":
        return "low"
    if ch in "“‟":
        return "curly" if _left_flanking(text, i) else None
    if ch == "”":  # typed for an opening mark at the start of a paragraph or after a space
        if _left_flanking(text, i) and not _right_flanking(text, i):
            return "curly"
        return None
    if ch == '"':
        if _left_flanking(text, i) and not _right_flanking(text, i):
            return "straight"
        return None
    if ch == "''":
        if _left_flanking(text, i, 2) and not _right_flanking(text, i, 2):
            return "twin"
        return None
    if ch in "»›":  # German »…« and ›…‹: a letter follows directly, a space precedes
        nxt = text[i + 1] if i + 1 < len(text) else ""
        prev = text[i - 1] if i > 0 else ""
        if nxt.isalnum() and (not prev or _is_space(prev) or prev in "(:"):
            return "rguillemet" if ch == "»" else "rangle"
        return None
    if ch in "‘'‚":
        prev = text[i - 1] if i > 0 else ""
        if (not prev or _is_space(prev) or prev in "([{—–:") and _left_flanking(text, i):
            return "single"
    return None


def _closes(text: str, i: int, ch: str, style: str) -> bool:
    if ch not in _CLOSERS[style] or (ch == "''") != (style == "twin"):
        return False
    if style in ("guillemet", "rguillemet", "angle", "rangle"):
        return True
    prev = text[i - 1] if i > 0 else ""
    if not prev:
        return False
    if _is_space(prev):
        # "…the term 'African American outreach,' " : a space typed after the inner mark
        return style != "single" and i > 1 and text[i - 2] in "'’" and _right_flanking(text, i - 1)
    if style == "single":
        if not _right_flanking(text, i):
            return False
        # "the students’ union": a plural possessive, not the end of a quote
        nxt = text[i + 2] if i + 2 < len(text) else ""
        return not (prev in "sS" and text[i + 1 : i + 2] == " " and nxt.islower())
    if style == "straight":
        return _right_flanking(text, i)
    if style == "twin":
        return _right_flanking(text, i, 2)
    return ch in '”"' or _right_flanking(text, i)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    # "…," he said: the comma belongs to the sentence around the quote
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and _is_space(text[end - 1]):
            end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer("\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _first_char(text: str, start: int, end: int) -> int:
    while start < end and _is_space(text[start]):
        start += 1
    return start


def find_spans(text: str, lang: str | None = None) -> list[QuoteSpan]:
    """Quote spans of `text` in order. Never raises; unpaired marks are skipped."""
    if not text or not PREFILTER.search(text):
        return []
    lines = _lines(text)
    language = find_language(lang)
    dashes = language is not None and language.dialogue_dashes
    inner_dash = language is not None and language.inner_dialogue_dash
    spans: list[QuoteSpan] = []
    line_of: list[int] = []
    budget = [PAIRING_BUDGET]
    for li, (ls, le) in enumerate(lines):
        if budget[0] <= 0:
            break
        first = _first_char(text, ls, le)
        if first >= le:
            continue
        if text[first] in _DASHES and dashes:
            span = _dash_span(text, first, le)
            if span:
                spans.append(span)
                line_of.append(li)
            continue
        # Spanish dialogue may open after a sentence inside a paragraph: "… Gredos. —El fuego …"
        inner = _INNER_RAYA.search(text, first, le) if inner_dash else None
        stop = inner.start() if inner else le
        for span in _line_spans(text, ls, stop, first, lines, li, budget):
            spans.append(span)
            line_of.append(li)
        if inner:
            span = _dash_span(text, inner.start(), le)
            if span:
                spans.append(span)
                line_of.append(li)
    return _chain(text, spans, line_of, lines)


def _dash_span(text: str, dash: int, end: int) -> QuoteSpan | None:
    start, stop = _trim(text, dash + 1, end)
    if stop - start < 2 or (not text[start].isalpha() and text[start] not in '«“"¿¡'):
        return None
    return QuoteSpan(start, stop, dash, stop, "dash")


def _next_opens_same(text: str, lines: list[tuple[int, int]], li: int, style: str) -> bool:
    """Does the next non-empty paragraph open with a mark of `style`? (continued quote)"""
    for k in range(li + 1, len(lines)):  # by index: no copy of the remaining lines
        ls, le = lines[k]
        first = _first_char(text, ls, le)
        if first < le:
            m = _MARK.match(text, first)
            return m is not None and _opens(text, first, m.group()) == style
    return False


def _line_spans(
    text: str,
    ls: int,
    le: int,
    first: int,
    lines: list[tuple[int, int]],
    li: int,
    budget: list[int],
) -> list[QuoteSpan]:
    """Spans of one paragraph; `budget[0]` (marks left to look at) is spent."""
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text, ls, le)]
    out: list[QuoteSpan] = []
    i = 0
    while i < len(marks):
        budget[0] -= 1
        if budget[0] <= 0:
            break
        pos, ch = marks[i]
        style = _opens(text, pos, ch)
        if style is None:
            i += 1
            continue
        close_at = restart = -1
        inner = 0  # quotes of the other keyboard nested inside this one
        depth = 0  # quotes of the same style nested inside this one: “A “B” C”
        for j in range(i + 1, len(marks)):
            budget[0] -= 1
            pj, cj = marks[j]
            if _closes(text, pj, cj, style):
                if not depth:
                    close_at = j
                    break
                depth -= 1
                continue
            if style != "single" and _opens(text, pj, cj) == style:
                if restart < 0:
                    restart = j
                depth += 1
                continue
            if cj in _MIXED.get(style, ""):
                # typed with two keyboards: “…" or "…”, unless the other mark opens a quote
                if _opens(text, pj, cj) is not None:
                    inner += 1
                elif _right_flanking(text, pj):
                    if not inner:
                        close_at = j
                        break
                    inner -= 1
        if close_at >= 0:
            end_mark = marks[close_at][0] + len(marks[close_at][1])
            span = _make(text, pos + len(ch), marks[close_at][0], pos, end_mark, style)
            if span and (style != "single" or len(_WORD.findall(text, span.start, span.end)) >= 2):
                out.append(span)
                i = close_at + 1
            else:
                i += 1
            continue
        runs_on = style != "single" and (pos == first or _next_opens_same(text, lines, li, style))
        if restart >= 0 and (depth or not runs_on):
            i = restart  # an unpaired opener before a quote: start again at the inner one
            continue
        # no closing mark in this paragraph: a quote that runs on, or a stray mark
        if runs_on:
            span = _make(text, pos + len(ch), le, pos, le, style, closed=False)
            if span:
                out.append(span)
            break
        i += 1
    return out


def _make(
    text: str, start: int, end: int, open_: int, close: int, style: str, closed: bool = True
) -> QuoteSpan | None:
    start, end = _trim(text, start, end)
    if start < end and text[start] == text[open_] and text[open_] in "«“„":
        start, end = _trim(text, start + 1, end)  # a doubled mark typed by mistake: "« « J'y"
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    label = None
    m = _LABEL.match(text, start, end)
    if m and any(c.isalpha() for c in m.group(1)):
        label = (m.start(1), m.end(1))
        start = m.end()
    return QuoteSpan(start, end, open_, close, style, closed, 0, label)


def _chain(
    text: str, spans: list[QuoteSpan], line_of: list[int], lines: list[tuple[int, int]]
) -> list[QuoteSpan]:
    """Number chains: an unclosed span continues in a span opening the next paragraph."""
    out: list[QuoteSpan] = []
    chain = 0
    for k, span in enumerate(spans):
        prev = out[-1] if out else None
        continues = (
            prev is not None
            and not prev.closed
            and prev.style == span.style
            and line_of[k] > line_of[k - 1]
            and all(
                _first_char(text, *lines[li]) >= lines[li][1]
                for li in range(line_of[k - 1] + 1, line_of[k])
            )
            and span.open == _first_char(text, *lines[line_of[k]])
        )
        if not continues:
            chain += 1
        # built directly: dataclasses.replace() costs as much as the pairing itself
        out.append(
            QuoteSpan(
                span.start,
                span.end,
                span.open,
                span.close,
                span.style,
                span.closed,
                chain,
                span.label,
            )
        )
    return out
