"""Lexical evidence an embedding misses: names, numbers and quoted words.

A multilingual sentence embedding places two articles about shelling in
Bakhmut close, whatever the day; what tells one event from another is that
they name the same people and places, cite the same figures and repeat the
same quoted words. These features are cheap (regexes, no model) so they run
on every article.

Names are folded to a transliteration key so that spellings of one name in
different languages meet: Bakhmout / Bakhmut / Bachmut / Bajmut all become
`bahmut`. The key is deliberately lossy; it is evidence, not identity (the
entity stage decides identity).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import cache, lru_cache

from ..language.registry import find_language, languages
from ..model import Document, Features
from ..textcut import cut_text

_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?![\d])|(?<![\w.,])\d{2,}(?:[.,]\d+)?"
)
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+")
_QUOTE_SPANS = re.compile(
    r"“([^”]{8,600})”|«([^»]{8,600})»|„([^“”]{8,600})[“”]|\"([^\"]{8,600})\"|‹([^›]{8,600})›"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|\n\s*|[«“\"„]\s*)$")

# Capitalised function words that open sentences in the supported languages;
# anything else that is capitalised and never seen in lower case is a name. Pooled
# over every language's `function_words.txt` [sentence_openers]: a German article
# quoting a French minister meets "Selon" too.
COMMON_CAPS = frozenset(
    w.casefold()
    for language in languages()
    for w in language.sections("function_words.txt").get("sentence_openers", [])
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Language-specific spellings first (`language/<code>/transliteration.txt`), then a
# shared fold: Spanish and German write the Slavic "kh" as j/ch, French "zh" as j.
_SHARED_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("kh", "h"),
    ("zh", "j"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("x", "ks"),
)
_REPEATS = re.compile(r"(.)\1+")
_LITERAL = re.compile(r"[a-z]+")


@cache
def _spellings(lang: str | None) -> tuple[tuple[re.Pattern[str] | None, str, str], ...]:
    """`from|to` rules of a language, in order; a rule that is not plain letters is a
    regular expression ("^s(?=[aeiou])|z": German writes a voiced initial z as s)."""
    language = find_language(lang)
    if language is None:
        return ()
    rules = []
    for line in language.lines("transliteration.txt"):
        old, _, new = line.rpartition("|")
        rules.append((None if _LITERAL.fullmatch(old) else re.compile(old), old, new))
    return tuple(rules)


@lru_cache(maxsize=1 << 16)
def name_key(token: str, lang: str | None = None) -> str:
    """Fold one name token to a transliteration key (lower case ASCII letters).

    Cached: news repeat their names, and every stage keys them (a third of the
    entity stage's time on long articles before the cache)."""
    key = strip_accents(token).lower()
    key = re.sub(r"[^a-z]", "", key)
    for pattern, old, new in _spellings(lang):
        key = pattern.sub(new, key) if pattern is not None else key.replace(old, new)
    for old, new in _SHARED_RULES:
        key = key.replace(old, new)
    key = _REPEATS.sub(r"\1", key)
    if len(key) > 4 and key.endswith("e"):
        key = key[:-1]
    return key


def extract_names(text: str, lang: str | None = None) -> dict[str, str]:
    """Keys of capitalised tokens that look like names, with a surface form each."""
    # One pass over the words: the lower-case ones are only remembered, and the
    # capitalised ones (a few in ten) are judged once all are known.
    lower_seen: set[str] = set()
    capitalised: list[re.Match[str]] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word[0].islower():
            lower_seen.add(word)
        elif word[0].isupper():
            capitalised.append(m)
    names: dict[str, str] = {}
    for m in capitalised:
        token = m.group().strip("'’-")
        if len(token) < 3:
            continue
        folded = token.lower()
        if folded in COMMON_CAPS or folded in lower_seen:
            continue
        # A capitalised word opening a sentence is only a name if it is not a
        # plain word elsewhere; we cannot tell for words seen once, so keep
        # those only when they are not at a sentence start.
        if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]) and token.istitle():
            lookahead = text[m.end() : m.end() + 2]
            if not lookahead[:1].isspace() or not lookahead[1:2].isupper():
                continue
        for part in re.split(r"[-'’]", token):
            if len(part) >= 3:
                key = name_key(part, lang)
                if len(key) >= 3:
                    names.setdefault(key, part)
    return names


def extract_numbers(text: str) -> set[str]:
    """Figures of two digits or more, separators removed ("6 000" == "6,000")."""
    out = set()
    for m in _NUMBER.finditer(text):
        raw = m.group(0)
        # "6 000" and "6,000" are one figure; "3,5" is a decimal.
        value = re.sub(r"\D", "", raw) if _GROUPED.fullmatch(raw) else raw.replace(",", ".")
        out.add(value.lstrip("0") or "0")
    return out


def quote_trigrams(text: str) -> set[int]:
    """Hashes of word trigrams inside quotation marks: shared quotes survive re-editing."""
    grams: set[int] = set()
    for m in _QUOTE_SPANS.finditer(text):
        span = next(g for g in m.groups() if g)
        words = [w.lower() for w in _WORD.findall(strip_accents(span))]
        for i in range(len(words) - 2):
            grams.add(zlib.crc32(" ".join(words[i : i + 3]).encode()))
    return grams


def extract_features(doc: Document, max_chars: int | None = None) -> Features:
    """Names, numbers and quote trigrams from title and body, without the body's
    boilerplate (`Document.content`); with `max_chars`, from that many code points of
    each."""
    body = doc.content() if max_chars is None else cut_text(doc.content(), max_chars)
    title = doc.title if max_chars is None or not doc.title else cut_text(doc.title, max_chars)
    text = f"{title}\n{body}" if title else body
    return Features(
        names=extract_names(text, doc.lang),
        numbers=extract_numbers(text),
        quotes=quote_trigrams(text),
    )
