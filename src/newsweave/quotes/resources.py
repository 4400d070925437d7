"""Per-language word lists for the quote stage, read once from `language/<code>/`.

The lists are plain text so that a speaker of the language can extend them
without touching code: speech verbs, pronouns, titles, role and institution
nouns, function words, given names and country adjectives. Phrases in the
lists are tokenised with the same tokenizer as the articles, so "d'après",
"according to" or "a-t-il" match exactly what the attribution code sees.
Given names and country adjectives are pooled across languages: a French
article quotes Olaf Scholz as often as a German one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .tokens import tokenize

LANGUAGE_DIR = Path(__file__).resolve().parent.parent / "language"
SUPPORTED = ("en", "fr", "de", "es")
# Languages that drop subject pronouns: "«…», dijo." names no speaker but has one.
NULL_SUBJECT = frozenset({"es", "it", "pt"})


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

    def role(self, seq: tuple[str, ...]) -> Role:
        concepts, gender, number = (self.roles.extra.get(seq, "") + "||").split("|")[:3]
        return Role(frozenset(c for c in concepts.split(",") if c), gender, number == "pl")


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _sections(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _lines(path):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


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
def _pooled(name: str) -> dict[str, str]:
    """`form|value` tables that hold for every language (given names, countries)."""
    pooled: dict[str, str] = {}
    for code in SUPPORTED:
        for form, rest in _table(_lines(LANGUAGE_DIR / code / name)).items():
            pooled.setdefault(form, rest[0] if rest else "")
    return pooled


@cache
def load(lang: str) -> Resources | None:
    """The resources of `lang`, or None for a language without speech-verb lists."""
    folder = LANGUAGE_DIR / lang
    if lang not in SUPPORTED or not (folder / "speech_verbs.txt").is_file():
        return None
    verbs = _sections(folder / "speech_verbs.txt")
    words = _sections(folder / "function_words.txt")
    prepositions = verbs.get("prepositions", []) + verbs.get("weak_prepositions", [])
    pronouns = {
        form: (padded[0], padded[1])
        for form, rest in _table(_lines(folder / "pronouns.txt")).items()
        for padded in ([*rest, "", ""],)
    }
    titles = {
        form: (rest or [""])[0] for form, rest in _table(_lines(folder / "titles.txt")).items()
    }
    roles = Phrases()
    for line in _lines(folder / "roles.txt"):
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
        time=_words(words.get("time", [])) | _month_words(lang),
        roles=roles,
        institutions=_phrases(_lines(folder / "institutions.txt")),
        first_names=_pooled("first_names.txt"),
        countries=_pooled("demonyms.txt"),
        cue_starts=frozenset(w for p in cue_lists.values() for w in p.first_words()),
    )


def _month_words(lang: str) -> frozenset[str]:
    """Month names from the shared `months.txt` (read only): "in March" is not a speaker."""
    out: set[str] = set()
    for line in _lines(LANGUAGE_DIR / lang / "months.txt"):
        out.update(w.strip().casefold() for w in line.split("|") if len(w.strip()) > 3)
    return frozenset(out)


@cache
def pooled_roles() -> Phrases:
    """Role nouns of every supported language in one table, valued by their concepts.

    Descriptions from a knowledge base may be in any language ("Secretary General of
    NATO" for a French article), so they are read with all the lists at once.
    """
    pooled: dict[tuple[str, ...], set[str]] = {}
    for code in SUPPORTED:
        res = load(code)
        if res is None:
            continue
        for seq in res.roles.extra:
            pooled.setdefault(seq, set()).update(res.role(seq).concepts)
    return Phrases({seq: ",".join(sorted(c)) for seq, c in pooled.items()})
