"""Cutting text for model stages: a bounded prefix, bounded words.

Every model stage reads a bounded text (`Settings.max_model_chars`), and the
embedder a bounded number of bounded words, so one unbroken million-character
token costs what a word does.
"""

from __future__ import annotations

import itertools
import re

_WORDS = re.compile(r"\S+")
# How far back from the limit a cut looks for a space, so it does not split a word.
_CUT_BACK = 200
# An embedded word longer than this is no word (a URL, a base64 blob, a run of one
# letter): the embedder reads its first characters only, so its cost stays bounded.
HEAD_WORD_CHARS = 64


def cut_text(text: str, limit: int) -> str:
    """The first `limit` code points of `text`, ended at a space when one is near.

    The same input always gives the same cut (near-duplicate checks compare cuts
    made in different processes); a text within the limit is returned as it is.
    """
    if len(text) <= limit:
        return text
    back = max(0, limit - _CUT_BACK)
    space = max(text.rfind(" ", back, limit + 1), text.rfind("\n", back, limit + 1))
    return text[: space if space > 0 else limit]


def first_words(text: str, words: int, word_chars: int = HEAD_WORD_CHARS) -> str:
    """The first `words` words of `text`, each cut to `word_chars`, joined by spaces.

    Reads only as far as it needs: a long article is not split whole.
    """
    return " ".join(m.group(0)[:word_chars] for m in itertools.islice(_WORDS.finditer(text), words))


def few_words(text: str, words: int) -> str:
    """`text` as it is when it has at most `words` words, none longer than
    `HEAD_WORD_CHARS` (a title, a quote); else `first_words(text, words)`."""
    for n, m in enumerate(itertools.islice(_WORDS.finditer(text), words + 1), start=1):
        if n > words or m.end() - m.start() > HEAD_WORD_CHARS:
            return first_words(text, words)
    return text


def drop_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the character spans given (lines a source repeats), its remaining
    parts joined by newlines."""
    if not spans:
        return text
    parts, at = [], 0
    for start, end in sorted(spans):
        parts.append(text[at:start])
        at = max(at, end)
    parts.append(text[at:])
    return "\n".join(p.strip("\n") for p in parts if p.strip())
