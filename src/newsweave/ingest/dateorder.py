"""The day-month order of a numeric date (03/08/2023), from the language registry.

`03/08/2023` is 3 August in French or German copy (day first, the language's
`date_order`) and 8 March in an English AFP, AP or Reuters wire (the agency's
convention in that language, `language/<code>/wire_dates.txt`). English has
no order of its own, so English copy from another source, or copy whose
language is unknown, keeps both readings open and only the year is sure,
unless a number over 12 decides. Before language detection runs, the
language is the declared one or a cheap guess from the function words.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from newsweave.language.registry import find_language, languages

# Agencies' numeric-date conventions by language: `language/<code>/WIRE_DATES`, sections
# [DMY] and [MDY] listing agencies whose copy in that language differs from its date_order.
WIRE_DATES = "wire_dates.txt"


def numeric_order(lang: str | None, agency: str | None = None) -> str | None:
    """ "DMY", "MDY" or None (undecided) for numeric dates in `lang` copy from `agency`.

    The agency's convention in that language when the registry lists one
    (`language/<code>/wire_dates.txt`), else the language's `date_order`;
    None for an unknown language, and for English from other sources.
    """
    language = find_language(lang)
    if language is None:
        return None
    if agency:
        for order, names in language.sections(WIRE_DATES).items():
            if agency.casefold() in {n.casefold() for n in names}:
                return order
    return language.date_order


def read_numeric(first: int, second: int, order: str | None) -> tuple[int, int] | None:
    """(month, day) of `first/second`: a number over 12 is the day whatever the order;
    otherwise the order decides, and None when there is none and both readings differ."""
    if first > 12 or (order == "DMY" and second <= 12):
        return second, first
    if second > 12 or first == second or order == "MDY":
        return first, second
    return None


def guess_language(text: str) -> str | None:
    """A cheap guess at the language of `text` from its function words (the registry's
    `function_words.txt`), for reading numeric dates before detection runs; None unless
    one language clearly leads."""
    words = Counter(re.findall(r"[^\W\d_]+", text[:_GUESS_CHARS].casefold()))
    scores = sorted(
        ((sum(words[w] for w in vocabulary), code) for code, vocabulary in _function_words()),
        reverse=True,
    )
    if not scores:
        return None
    best, code = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    return code if best >= _GUESS_MIN_WORDS and best >= 2 * runner_up else None


_GUESS_CHARS = 2000
_GUESS_MIN_WORDS = 5


@cache
def _function_words() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each language's function words that no other language lists ("de" and "la" are
    French and Spanish, and particles of names in English: they tell nothing)."""
    lists = {}
    for language in languages():
        words = {
            w.casefold()
            for line in language.lines("function_words.txt")
            if not line.startswith("[")
            for w in line.split()
        }
        if words:
            lists[language.code] = words
    seen = Counter(w for words in lists.values() for w in words)
    return tuple(
        (code, frozenset(w for w in words if seen[w] == 1)) for code, words in lists.items()
    )
