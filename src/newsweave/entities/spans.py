"""Corrections to a statistical model's spans with what the language's word lists know.

A small pipeline trained on one language's news and run on a related one (the Spanish
pipeline on Italian and Portuguese: no Italian or Portuguese pipeline installs here)
finds most names, but it also takes a capitalised sentence opener for a name ("Per i
bambini", "Según fuentes"), and its types drift where the languages' words differ
("Vigili del Fuoco" a place, "Silvio Rossi" a place). EMM-style rules fix those from
evidence the model does not have:

- a capitalised word that opens a sentence and is a frequent common word of the
  language (wordfreq), and that neither the knowledge base nor the gazetteer knows, is
  no name: it is dropped from the span's start, and a span left without a capitalised
  word is dropped ("Nato il 27 maggio" is "born on 27 May", not NATO);
- a span that opens with an organisation word of the language ("Asociación",
  "Ministero") or ends with a company suffix ("S.p.A.", "Ltda.") is an organisation;
- a span of two or more words that opens with a listed first name is a person
  (surnames after a known first name are persons, never places);
- a one-word all-capital span (an acronym) that the knowledge base and the gazetteer do
  not know as a person or a place is an organisation ("ASAJA", "CGIL").

Knowledge-base types still win later (`link`): these rules only decide what the model
and the lists alone would otherwise get wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from ..language.registry import find_language, languages
from ..model import Mention
from .geocode import zipf
from .transfer import common_noun

# A sentence opener more frequent than this (Zipf scale: 4 = once in 100,000 words) is a
# common word before it is a name; lower, a capitalised first word is more often a name.
OPENER_ZIPF = 4.0
# A one-word place or a word in capitals this frequent, that neither the knowledge base
# nor the gazetteer knows, is a common word ("Pesca", "EDUCACION"): places are names
# the gazetteer has, and the model's guess alone is weak for a word the language uses.
COMMON_ZIPF = 3.0
_START = re.compile(r"(?:^|[.!?:;«»\"“”„()\[\]\n]|\s[-–—])\s*$")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_ACRONYM = re.compile(r"^[A-ZÀ-Ý]{2,6}$")
_ACRONYM_IN_TEXT = re.compile(r"(?<![\w.-])[A-ZÀ-Ý]{2,6}(?![\w.-])")


@cache
def _first_names() -> frozenset[str]:
    """Given names pooled over every language's `first_names.txt` (a German article
    names Italian ministers too)."""
    return frozenset(
        line.split("|", 1)[0].strip().casefold()
        for language in languages()
        for line in language.lines("first_names.txt")
    )


@cache
def _function_words(lang: str | None) -> frozenset[str]:
    """Every word of `lang`'s `function_words.txt` (articles, prepositions, openers)."""
    language = find_language(lang)
    if language is None:
        return frozenset()
    return frozenset(
        w.casefold().rstrip("'’")
        for words in language.sections("function_words.txt").values()
        for w in words
    )


@cache
def _role_words(lang: str | None) -> frozenset[str]:
    """One-word titles and roles of `lang` ("presidente", "ministro", "dott"): before a
    name they are no part of it ("Presidente del Senato" names the Senate)."""
    language = find_language(lang)
    if language is None:
        return frozenset()
    lines = language.lines("titles.txt") + language.lines("roles.txt")
    return frozenset(
        w for line in lines if " " not in (w := line.split("|", 1)[0].strip().casefold())
    )


@cache
def _org_words(lang: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Organisation head words, company suffixes and the articles that make a town's
    name its club's, in `lang` (`org_words.txt`)."""
    language = find_language(lang)
    if language is None:
        return frozenset(), frozenset(), frozenset()
    sections = language.sections("org_words.txt")
    heads = frozenset(w.casefold() for w in sections.get("heads", []))
    teams = frozenset(w.casefold() for w in sections.get("team_articles", []))
    return heads, frozenset(w.casefold() for w in sections.get("suffixes", [])), teams


def _opens_sentence(text: str, start: int) -> bool:
    return bool(_START.search(text[max(0, start - 12) : start]))


class SpanCorrector:
    """Applies the rules above to one language's model output."""

    def __init__(
        self,
        lang: str | None,
        known: Callable[[str, str | None], str | None],
        place: Callable[[str, str | None], bool],
        borrowed: bool = False,
        city: Callable[[str, str | None], bool] | None = None,
        anywhere: Callable[[str, str | None], bool] | None = None,
    ) -> None:
        self.anywhere = anywhere  # gazetteer: any place at all of that exact name?
        self.city = city  # gazetteer: a town (not a country or a region) of that name?
        self.lang = lang
        # The model was trained on another language: its PER on a name the gazetteer
        # knows as a town is weak evidence ("Ascoli Piceno" a person to the Spanish model).
        self.borrowed = borrowed
        language = find_language(lang)
        self.nouns = language is not None and language.capitalised_nouns
        self.known = known  # knowledge base: name -> type, or None
        self.place = place  # gazetteer: a sizeable place of that name?

    def correct(self, texts: Sequence[str], found: Sequence[list[Mention]]) -> list[list[Mention]]:
        return [self._one(t, ms) for t, ms in zip(texts, found, strict=True)]

    def _listed(self, name: str) -> bool:
        return self.known(name, self.lang) is not None or self.place(name, self.lang)

    def _common_opener(self, text: str, start: int, word: str) -> bool:
        """A capitalised common word at a sentence's start, not a known name."""
        if not _opens_sentence(text, start) or (word.isupper() and len(word) > 1):
            return False
        if word.casefold().rstrip("'’") in _function_words(self.lang):
            return True  # "Al menos seis civiles…": an article or preposition, whatever a list says
        if zipf(word.rstrip("'’"), self.lang) < OPENER_ZIPF:
            return False
        known = self.known(word, self.lang)
        if known is not None and not (known == "ORG" and zipf(word, self.lang) >= 4.5):
            return False  # "Nato" opening a sentence is a participle, not NATO
        return not self.place(word, self.lang)

    def _one(self, text: str, mentions: list[Mention]) -> list[Mention]:
        out = []
        for m in mentions:
            m = self._trim(text, m)
            if m is None:
                continue
            kind, source = self._retype(m), m.source
            if kind == "LOC" and self._club(text, m):
                kind, source = "ORG", "club"
            if kind != m.type:
                m = Mention(m.text, m.start, m.end, kind, source)
            out.append(m)
        return self._acronyms(text, out)

    def _acronyms(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Acronyms no span covers ("la patronal CEOE"): in news they name organisations,
        unless the lists know them as something else or they are common words in
        capitals ("EL", "CON" in a headline)."""
        extra = []
        for found in _ACRONYM_IN_TEXT.finditer(text):
            start, end = found.span()
            word = found.group(0)
            if any(m.start < end and start < m.end for m in mentions):
                continue
            if zipf(word, self.lang) >= COMMON_ZIPF or self._listed(word):
                continue
            before = text[max(0, start - 30) : start].split()[-1:]
            after = text[end : end + 30].split()[:1]
            if any(len(w) > 1 and w.isupper() for w in before + after):
                continue  # a headline in capitals, or a run of codes
            extra.append(Mention(word, start, end, "ORG", "rule"))
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def _club(self, text: str, m: Mention) -> bool:
        """A town's name after a masculine article it never takes as a town: Spanish "el
        Getafe", "al Barcelona", Italian "il Napoli" name the club."""
        teams = _org_words(self.lang)[2]
        before = text[max(0, m.start - 6) : m.start].split()
        if not teams or not before or before[-1] not in teams or not text[m.start - 1].isspace():
            return False
        return self.city is not None and self.city(m.text, self.lang)

    def _shouted(self, word: str) -> bool:
        """A common word written in capitals (not an acronym of few letters)."""
        return (
            len(word) >= 4
            and word.isupper()
            and zipf(word, self.lang) >= COMMON_ZIPF
            and not self._listed(word)
        )

    def _unknown_word(self, word: str) -> bool:
        """A common word of the language that neither list knows as a name."""
        return zipf(word, self.lang) >= COMMON_ZIPF and not self._listed(word)

    def _trim(self, text: str, m: Mention) -> Mention | None:
        words = [(w.start() + m.start, w.end() + m.start) for w in _WORD.finditer(m.text)]
        if not words:
            return None
        if m.source != "ner":  # a listed name: only a common opener is dropped ("Nato il")
            one = len(words) == 1 and self._common_opener(text, m.start, m.text)
            return None if one else m
        function, roles = _function_words(self.lang), _role_words(self.lang)

        def leading(i: int) -> bool:
            word = text[slice(*words[i])]
            if word[-1] in "'’" and len(word) <= 6:
                return True  # "L' ONU", "Dell' Onu": an elided article, written apart
            if len(words) > 1 and word.casefold() in roles:
                return True
            return self._common_opener(text, words[i][0], word)

        whole = len(words) > 1 and self._listed(m.text)  # "La Paz" stays whole
        while words and not whole and leading(0):
            words = words[1:]
            while words and not text[words[0][0]].isupper():
                words = words[1:]  # "Per i bambini": what follows the opener
        if not words:
            return None
        # A name ends with a capitalised word, or (an organisation's, a place's) with an
        # adjective ("Unione europea"), never with a preposition or an article.
        while len(words) > 1 and text[slice(*words[-1])].casefold().rstrip("'’") in function:
            words = words[:-1]
        language = find_language(self.lang)
        if m.type == "PER" or (language is not None and not language.name_lowercase_words):
            # "Mario Rossi detto", "Fráncfort aseguró": a person's name, and any name in a
            # language that capitalises every word of one, ends capitalised.
            while len(words) > 1 and not text[words[-1][0]].isupper():
                words = words[:-1]
        if all(self._shouted(text[slice(*w)]) for w in words):
            return None  # "EDUCACION", "SUBIDA DE PRECIOS": a headline in capitals
        if len(words) == 1 and m.type == "LOC" and self._unknown_word(text[slice(*words[0])]):
            return None  # "Pesca", "Corazón": a common word no gazetteer knows
        if self.nouns and len(words) == 1:
            word = text[slice(*words[0])]
            if common_noun(word, self.lang) and not self._listed(word):
                return None  # German "Wirtschaft", "Monatsvergleich": a noun, not a name
        start, end = words[0][0], words[-1][1]
        if end < m.end and text[end] == "." and end + 1 == m.end:
            end += 1  # "S.p.A." keeps its final period
        if (start, end) == (m.start, m.end):
            return m
        return Mention(text[start:end], start, end, m.type, m.source)

    def _retype(self, m: Mention) -> str:
        words = m.text.split()
        heads, suffixes, _ = _org_words(self.lang)
        first = words[0].casefold()
        if first in heads or (len(words) > 1 and words[-1].casefold() in suffixes):
            return "ORG" if self.known(m.text, self.lang) in (None, "ORG") else m.type
        if len(words) > 1 and m.type != "PER" and first in _first_names():
            # "Santiago de Chile": a place the gazetteer knows stays one
            return "PER" if not self._listed(m.text) else m.type
        if m.type in ("PER", "LOC") and _ACRONYM.match(m.text) and not self._listed(m.text):
            return "ORG"
        if (
            m.type == "LOC"
            and len(words) == 1
            and m.source == "ner"
            and m.text[:1].isupper()
            and not m.text.isupper()
            and self.anywhere is not None
            and not self.anywhere(m.text, self.lang)
            and self.known(m.text, self.lang) is None
        ):
            # A one-word "place" that no gazetteer entry (towns down to a few hundred
            # people) and no knowledge-base entry has is a surname far more often:
            # "Farinós marcó", "secondo Mastella" (docs/ner.md).
            return "PER"
        if (
            self.borrowed
            and m.type == "PER"
            and first not in _first_names()
            and self.known(m.text, self.lang) is None
            and self.place(m.text, self.lang)
        ):
            return "LOC"
        return m.type
