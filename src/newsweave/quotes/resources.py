"""Per-language word lists for the quote stage, read once from `language/<code>/`.

The lists are plain text so that a speaker of the language can extend them
without touching code: speech verbs, pronouns, titles, role and institution
nouns, function words, given names and country adjectives. Phrases in the
lists are tokenised with the same tokenizer as the articles, so "d'après",
"according to" or "a-t-il" match exactly what the attribution code sees.
Given names and country adjectives are pooled across languages: a French
article quotes Olaf Scholz as often as a German one. The folders and the
flags of each language come from the registry (`language/registry.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..language.registry import Language, codes, find_language
from .tokens import tokenize

# Languages whose folder has these lists can attribute quotes.
CUE_LIST = "speech_verbs.txt"


class Phrases:
    """Token sequences indexed by their first token, longest first, for greedy matching."""

    __slots__ = ("_by_first", "extra")

    def __init__(self, entries: dict[tuple[str, ...], str] | None = None) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        # a per-phrase value: a particle for separable verbs, concepts for roles...
        self.extra: dict[tuple[str, ...], str] = {}
        for seq, value in (entries or {}).items():
            self.add(seq, value)

    def add(self, seq: tuple[str, ...], value: str = "") -> None:
        if not seq:
            return
        bucket = self._by_first.setdefault(seq[0], [])
        if seq not in bucket:
            bucket.append(seq)
            bucket.sort(key=len, reverse=True)
        old = self.extra.get(seq)
        if old and value and value not in old.split(","):
            value = f"{old},{value}"  # "fügte|hinzu" and "fügte|an": either particle
        if value or seq not in self.extra:
            self.extra[seq] = value

    def match(self, lows: list[str], i: int, hi: int | None = None) -> tuple[str, ...] | None:
        """The longest listed phrase starting at token `i`, or None."""
        bucket = self._by_first.get(lows[i])
        if not bucket:
            return None
        hi = len(lows) if hi is None else hi
        for seq in bucket:
            n = len(seq)
            if i + n <= hi and (n == 1 or tuple(lows[i : i + n]) == seq):
                return seq
        return None

    def first_words(self) -> list[str]:
        return list(self._by_first)

    def __contains__(self, word: str) -> bool:
        bucket = self._by_first.get(word)
        return bool(bucket) and (word,) in bucket


@dataclass(frozen=True)
class Role:
    concepts: frozenset[str]
    gender: str  # m, f or ""
    plural: bool


@dataclass(frozen=True)
class Resources:
    lang: str
    language: Language  # the registry's flags: null_subject, hyphenated_inversion...
    verbs: Phrases  # extra: required particle for separable verbs ("teilte" -> "mit")
    listener: frozenset[str]
    gerunds: Phrases
    prepositions: Phrases
    weak_prepositions: frozenset[str]  # "pour"/"para": only with a person after them
    postpositions: Phrases
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    passive: frozenset[str]
    pronouns: dict[str, tuple[str, str]]  # form -> (gender, number)
    titles: dict[str, str]  # form -> gender
    determiners: frozenset[str]
    connectors: frozenset[str]
    boundaries: frozenset[str]
    time: frozenset[str]
    roles: Phrases  # extra: "concepts|gender|pl"
    institutions: Phrases
    first_names: dict[str, str]  # pooled over languages
    countries: dict[str, str]  # pooled over languages: form -> ISO code
    cue_starts: frozenset[str]  # first words of every cue, to reject most tokens at once
    coordination: frozenset[str]  # "and", "et": "laughed and said" shares a subject
    affiliation: frozenset[str]  # "of", "de": "Mr. Morgan of the Sierra Club said"
    plural_verb: re.Pattern[str] | None  # endings of a plural verb form ("dijeron", "sagten")
    neuter: frozenset[str]  # pronouns that point at no person ("it", "es")
    verb_number: frozenset[str]  # pronouns whose number the verb decides (German "sie")
    inverted: re.Pattern[str] | None  # "a-t-il", "dit-elle": a verb, a hyphen, a pronoun
    # "l'un d'eux", "one of them", "un testigo": a person the text does not name
    unnamed: Phrases = field(default_factory=Phrases)

    def role(self, seq: tuple[str, ...]) -> Role:
        concepts, gender, number = (self.roles.extra.get(seq, "") + "||").split("|")[:3]
        return Role(frozenset(c for c in concepts.split(",") if c), gender, number == "pl")


def _seq(phrase: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(phrase))


def _phrases(lines: list[str], with_value: bool = False) -> Phrases:
    phrases = Phrases()
    for line in lines:
        head, _, value = line.partition("|")
        phrases.add(_seq(head), value if with_value else "")
    return phrases


def _words(lines: list[str]) -> frozenset[str]:
    return frozenset(w for line in lines for w in _seq(line))


def _table(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in lines:
        head, *rest = line.split("|")
        out[" ".join(_seq(head))] = rest
    return out


@cache
def _pooled(name: str, lang: str) -> dict[str, str]:
    """`form|value` tables that hold for every language (given names, countries); where
    two languages disagree ("Jean" is a woman in English, a man in French), the article's
    own language wins, then the first language by code."""
    pooled: dict[str, str] = {}
    for code in (lang, *codes(having=name)):
        language = find_language(code)
        if language is not None:
            for form, rest in _table(language.lines(name)).items():
                pooled.setdefault(form, rest[0] if rest else "")
    return pooled


def _marked(table: dict[str, list[str]], mark: str) -> frozenset[str]:
    """Forms whose fourth column lists `mark` ("it||sg|neuter")."""
    return frozenset(form for form, rest in table.items() if mark in "".join(rest[2:3]).split(","))


def _inverted(forms: frozenset[str]) -> re.Pattern[str] | None:
    """French inversion: the verb or auxiliary, a hyphen, an optional "t", a pronoun."""
    if not forms:
        return None
    pronouns = "|".join(sorted(map(re.escape, forms)))
    return re.compile(rf"^(.+?)-(?:t-)?({pronouns})$")


@cache
def load(lang: str) -> Resources | None:
    """The resources of `lang`, or None for a language without speech-verb lists."""
    language = find_language(lang)
    if language is None or not language.has(CUE_LIST):
        return None
    verbs = language.sections(CUE_LIST)
    words = language.sections("function_words.txt")
    prepositions = verbs.get("prepositions", []) + verbs.get("weak_prepositions", [])
    table = _table(language.lines("pronouns.txt"))
    pronouns = {
        form: (padded[0], padded[1])
        for form, rest in table.items()
        for padded in ([*rest, "", ""],)
    }
    titles = {
        form: (rest or [""])[0] for form, rest in _table(language.lines("titles.txt")).items()
    }
    endings = verbs.get("plural_endings", [])
    roles = Phrases()
    for line in language.lines("roles.txt"):
        head, _, value = line.partition("|")
        roles.add(_seq(head), value)
    cue_lists = {
        "verbs": _phrases(verbs.get("verbs", []), with_value=True),
        "gerunds": _phrases(verbs.get("gerunds", [])),
        "prepositions": _phrases(prepositions),
        "postpositions": _phrases(verbs.get("postpositions", [])),
    }
    return Resources(
        lang=lang,
        language=language,
        verbs=cue_lists["verbs"],
        listener=_words(verbs.get("listener", [])),
        gerunds=cue_lists["gerunds"],
        prepositions=cue_lists["prepositions"],
        weak_prepositions=_words(verbs.get("weak_prepositions", [])),
        postpositions=cue_lists["postpositions"],
        auxiliaries=_words(verbs.get("auxiliaries", [])),
        adverbs=_words(verbs.get("adverbs", [])),
        passive=_words(verbs.get("passive", [])),
        pronouns=pronouns,
        titles=titles,
        determiners=_words(words.get("determiners", [])),
        connectors=_words(words.get("connectors", [])),
        boundaries=_words(words.get("boundaries", [])),
        time=_words(words.get("time", [])) | _month_words(language),
        roles=roles,
        institutions=_phrases(language.lines("institutions.txt")),
        first_names=_pooled("first_names.txt", lang),
        countries=_pooled("demonyms.txt", lang),
        cue_starts=frozenset(w for p in cue_lists.values() for w in p.first_words()),
        coordination=_words(words.get("coordination", [])),
        affiliation=_words(words.get("affiliation", [])),
        plural_verb=re.compile(f"(?:{'|'.join(map(re.escape, endings))})$") if endings else None,
        neuter=_marked(table, "neuter"),
        verb_number=_marked(table, "verb_number"),
        inverted=_inverted(_marked(table, "inverted")) if language.hyphenated_inversion else None,
        unnamed=_phrases(verbs.get("unnamed", [])),
    )


def _month_words(language: Language) -> frozenset[str]:
    """Month names from the shared `months.txt` (read only): "in March" is not a speaker."""
    out: set[str] = set()
    for line in language.lines("months.txt"):
        out.update(w.strip().casefold() for w in line.split("|") if len(w.strip()) > 3)
    return frozenset(out)


@cache
def pooled_roles() -> Phrases:
    """Role nouns of every supported language in one table, valued by their concepts.

    Descriptions from a knowledge base may be in any language ("Secretary General of
    NATO" for a French article), so they are read with all the lists at once.
    """
    pooled: dict[tuple[str, ...], set[str]] = {}
    for code in codes(having=CUE_LIST):
        res = load(code)
        if res is None:
            continue
        for seq in res.roles.extra:
            pooled.setdefault(seq, set()).update(res.role(seq).concepts)
    return Phrases({seq: ",".join(sorted(c)) for seq, c in pooled.items()})


@cache
def charge_cue(lang: str) -> re.Pattern[str] | None:
    """Words that name an offence next ("charged with", "accusé de"), from the language's
    `speech_verbs.txt` [charges], ending the text searched: a quotation mark and up to two
    words may follow ('charged with "aggravated assault'). What follows them names a
    charge: it is no quote, and no attack."""
    language = find_language(lang)
    phrases = language.sections(CUE_LIST).get("charges", []) if language else []
    if not phrases:
        return None
    words = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{words})\s*[\"“”«»„‘’']?\s*(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)
