"""Per-language cue lists for the event stage, read once from `language/<code>/events.txt`.

The lists are regular expressions in plain text so that a speaker of the
language can extend them without touching code (the format is described at
the top of `language/en/events.txt`). Statement verbs are not repeated there:
they are the speech verbs of the quote stage (`speech_verbs.txt`), read
through its loader, so both stages agree on what "said" looks like.

Everything is compiled once per language. Triggers, cues and clause
boundaries are each one `Scanner` (see `scan`), which finds every pattern of
a list in one pass over an article's distinct words; the speech verbs are
folded into a character trie first so that three hundred of them cost one
pattern. The small lists read around a trigger (negation, prepositions...)
are plain anchored regexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..language.registry import find_language
from ..model import EVENT_TYPES
from ..quotes import resources as quote_resources
from .scan import Scanner, WordIndex, alternatives, first_word

CUE_LIST = "events.txt"
FLAGS = frozenset({"noun", "object", "patient", "self"})
# The end of a word, or the apostrophe of an elided one ("d'", "qu'").
WORD_END = r"(?:(?!\w)|(?<=['’]))"
# Between two words of a cue list: spaces, or an apostrophe after an elided word.
GAP = r"(?:\s*['’]\s*|\s+)"


class LexiconError(ValueError):
    """A line of an events.txt file that cannot be used; says which file and line."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """What one trigger line says about the words it matches."""

    type: str  # one of EVENT_TYPES
    noun: bool = False
    object: bool = False  # only with a name as its object (or passive subject)
    patient: bool = False  # the subject undergoes it: "Soledar fell"
    self_claim: bool = False  # "Wagner claims the east of": the actor is the claimant


@dataclass(frozen=True)
class Lexicon:
    lang: str
    triggers: Scanner  # pattern k -> kinds[k]; the last one is the speech verbs
    kinds: tuple[Trigger, ...]
    cues: Scanner  # pattern k -> cue_kinds[k]
    cue_kinds: tuple[str, ...]  # own | inline | source | post | deny | claim | verb
    boundaries: Scanner  # the first `complements` patterns are "that/que/dass"
    complements: int
    words: WordIndex  # where triggers (0), cues (1) and boundaries (2) may start
    negation: re.Pattern[str]  # searched in the few words before a trigger
    hypothetical: re.Pattern[str]
    conditional: re.Pattern[str] | None
    passive: frozenset[str]  # auxiliaries
    passive_reach: int  # words before a trigger where one may stand
    passive_after: re.Pattern[str] | None  # used with .match() just after a trigger
    agent_after: re.Pattern[str]  # "by (the)": used with .match() just after a trigger
    prepositions: dict[str, tuple[str, ...]]  # "north of" -> ("place",); "de" -> member, object
    longest_preposition: int  # in words
    determiner_words: frozenset[str]
    modifiers: frozenset[str]  # may stand between a place preposition and its name
    circumstance: frozenset[str]  # "killed in the assault": the noun is background
    relative: re.Pattern[str]  # .fullmatch() on a boundary: "who", "qui"
    determiners: re.Pattern[str]  # .fullmatch(): a run of determiners and spaces
    conjunction: re.Pattern[str]  # the whole gap between two coordinated names
    self_words: re.Pattern[str]
    infinitive: re.Pattern[str]  # .match() on the words between a cue and a trigger
    condition: re.Pattern[str]  # .match() at a clause start: "if", "si", "wenn"
    subject_first: bool  # verb-final clauses: the subject is the first name, not the last
    roles: frozenset[str]  # lower-cased words allowed between a demonym and a name
    aux_before: re.Pattern[str] | None  # .search() ending just before a verb: "has", "a", "hat"
    function: frozenset[str]  # not a speaker by themselves: "has", "a", "he", "il", "t"
    abbreviations: frozenset[str]
    participle: re.Pattern[str] | None  # .fullmatch() on a word: "visiting", not a subject
    # separable speech verbs and the particle their clause must hold: "gab" -> "zu"
    particles: dict[str, str] = field(default_factory=dict)
    # verbs through which a clause's subject performs a noun trigger ("launched strikes");
    # None where the language lists none: any subject then counts
    support: re.Pattern[str] | None = None

    def is_participle(self, word: str) -> bool:
        return self.participle is not None and self.participle.fullmatch(word.lower()) is not None


def _alt(entries: Iterable[str]) -> str:
    entries = [e for e in entries if e]
    return "|".join(f"(?:{e})" for e in entries) if entries else "(?!)"


def _words(entries: Iterable[str]) -> str:
    r"""Entries as whole words: "not" does not match "note", "qu" matches "qu'"."""
    return rf"(?<!\w)(?:{_alt(entries)}){WORD_END}"


def trie(words: Iterable[str]) -> str:
    """One regex for a set of literal phrases, sharing prefixes ("said|says" -> "sa(?:id|ys)")."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [
            (GAP if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(root)


def _trigger_lines(lines: list[str], path: str) -> list[tuple[str, Trigger]]:
    out = []
    for number, line in enumerate(lines, 1):
        parts = [p.strip() for p in line.split("\t") if p.strip()]
        if len(parts) < 2 or parts[0] not in EVENT_TYPES or parts[0] == "statement":
            raise LexiconError(
                f"{path}: trigger line {number} {line!r} must read "
                f"'type<TAB>pattern[<TAB>flags]' with a type among {EVENT_TYPES[:3]}..."
            )
        flags = set(parts[2].split(",")) if len(parts) > 2 else set()
        if flags - FLAGS:
            raise LexiconError(f"{path}: unknown flags {sorted(flags - FLAGS)} in {line!r}")
        try:
            groups = re.compile(parts[1]).groups
        except re.error as exc:
            raise LexiconError(f"{path}: bad pattern {parts[1]!r}: {exc}") from exc
        if groups:
            raise LexiconError(f"{path}: use (?:...) groups only in {parts[1]!r}")
        kind = Trigger(
            parts[0], "noun" in flags, "object" in flags, "patient" in flags, "self" in flags
        )
        out.append((parts[1], kind))
    # Alternation is first-match, not longest-match: try phrases before single words.
    out.sort(key=lambda pk: -pk[0].count(r"\s"))
    return out


def _speech_forms(lang: str) -> tuple[set[str], set[str], set[str], set[str]]:
    """Speech verbs, source prepositions, postpositions and gerunds of the quote stage."""
    res = quote_resources.load(lang)
    if res is None:
        return set(), set(), set(), set()
    verbs = {" ".join(seq) for seq in res.verbs.extra if seq}
    # "pour le ministre" is a source only before a person: too loose without a parser
    sources = {
        " ".join(seq)
        for seq in res.prepositions.extra
        if seq and not (len(seq) == 1 and seq[0] in res.weak_prepositions)
    }
    posts = {" ".join(seq) for seq in res.postpositions.extra if seq}
    gerunds = {" ".join(seq) for seq in res.gerunds.extra if seq}
    return verbs, sources, posts, gerunds


def _particles(lang: str) -> dict[str, str]:
    """Separable speech verbs ("gab|zu", "stellte|klar"): a statement only with the particle."""
    res = quote_resources.load(lang)
    if res is None:
        return {}
    return {" ".join(seq): value for seq, value in res.verbs.extra.items() if seq and value}


def _phrases(lines: list[str]) -> set[str]:
    """Plain "|"-separated word sequences, spaces normalised: "north  of" -> "north of"."""
    return {" ".join(p.lower().split()) for line in lines for p in line.split("|") if p.strip()}


def _entries(patterns: Iterable[str]) -> list[tuple[str, str]]:
    """Scanner entries: each top-level branch on its own, so each has one first word."""
    return [(b, first_word(b)) for p in patterns for b in alternatives(p)]


def _speech_entry(literal: list[str], patterns: list[str]) -> tuple[str, str]:
    """Speech verbs as one scanner entry: a trie of phrases, found by their first words."""
    firsts = {w.split()[0] for w in literal}
    return (
        _alt([trie(literal), *patterns]),
        _alt([trie(firsts), *(first_word(p) for p in patterns)]),
    )


@cache
def load(lang: str) -> Lexicon | None:
    """The compiled cues of `lang`, or None when it has no events.txt."""
    language = find_language(lang)
    if language is None or not language.has(CUE_LIST):
        return None
    sec = language.sections(CUE_LIST)  # trigger lines keep their inner tabs
    lines = _trigger_lines(sec.get("triggers", []), f"language/{lang}/{CUE_LIST}")
    verbs, sources, posts, gerunds = _speech_forms(lang)
    statements = (verbs | set(sec.get("statement", []))) - set(sec.get("not_statement", []))
    literal = sorted(w for w in statements if re.fullmatch(r"[\w' -]+", w))
    patterns = sorted(w for w in statements if w not in literal)  # [statement] may hold regexes
    speech = _speech_entry(literal, patterns)
    cue_entries: list[tuple[str, str]] = []
    cue_kinds: list[str] = []
    for name, entries in (
        ("own", _entries(sec.get("own_account", []))),
        ("inline", _entries(sec.get("source_inline", []))),
        ("source", _entries([*sorted(sources), *sec.get("source", [])])),
        ("post", _entries(sorted(posts))),
        ("deny", _entries(sec.get("deny", []))),
        ("claim", _entries(sec.get("claim", []))),
        ("verb", [speech, *([_speech_entry(sorted(gerunds), [])] if gerunds else [])]),
    ):
        cue_entries += entries
        cue_kinds += [name] * len(entries)
    complements = _entries(sec.get("complement", []))
    bound_entries = complements + _entries(sec.get("boundary", []))
    res = quote_resources.load(lang)
    det_words = sorted(res.determiners) if res else []
    dets = _alt([re.escape(d) for d in det_words] + ["l"])
    roles: set[str] = set(sec.get("role", []))
    abbreviations: set[str] = set()
    if res is not None:
        roles |= {w for seq in res.roles.extra for w in seq}
        roles |= set(res.titles)
        abbreviations |= {t.rstrip(".") for t in res.titles}
    for line in sec.get("abbreviation", []):
        abbreviations.update(a.replace("\\", "") for a in line.split("|"))

    prepositions: dict[str, tuple[str, ...]] = {}
    # the order says which reading wins when one word is several: "de" is member, then object
    for name, section in (
        ("place", "place"),
        ("agent", "agent"),
        ("member", "membership"),
        ("object", "object"),
    ):
        for phrase in sorted(_phrases(sec.get(section, []))):
            prepositions[phrase] = (*prepositions.get(phrase, ()), name)
    after = _phrases(sec.get("passive_after", []))
    reach = sec.get("passive_reach", ["2"])[0]

    # one entry per trigger line (they carry a kind each), found by any branch's first word
    trigger_entries = [(p, _alt(first_word(b) for b in alternatives(p))) for p, _ in lines]
    triggers = Scanner([*trigger_entries, speech])
    cues = Scanner(cue_entries, end=WORD_END)
    boundaries = Scanner(bound_entries, end=WORD_END)
    return Lexicon(
        lang=lang,
        triggers=triggers,
        kinds=(*(kind for _, kind in lines), Trigger("statement")),
        cues=cues,
        cue_kinds=tuple(cue_kinds),
        boundaries=boundaries,
        complements=len(complements),
        words=WordIndex((triggers, cues, boundaries)),
        negation=re.compile(_words(sec.get("negation", [])), re.I),
        hypothetical=re.compile(_words(sec.get("hypothetical", [])), re.I),
        conditional=(
            re.compile(_words(sec["conditional"]), re.I) if sec.get("conditional") else None
        ),
        passive=frozenset(_phrases(sec.get("passive", []))),
        passive_reach=int(reach) if reach.isdigit() else 2,
        passive_after=(
            re.compile(rf"\s+(?:{_alt(map(re.escape, sorted(after)))}){WORD_END}", re.I)
            if after
            else None
        ),
        agent_after=re.compile(
            rf"\s*(?:{_alt(map(re.escape, sorted(_phrases(sec.get('agent', [])))))})"
            rf"{GAP}(?:(?:{dets}){GAP})*",
            re.I,
        ),
        prepositions=prepositions,
        longest_preposition=max((p.count(" ") + 1 for p in prepositions), default=1),
        determiner_words=frozenset([*det_words, "l"]),
        modifiers=frozenset(_phrases(sec.get("modifier", []))),
        circumstance=frozenset(_phrases(sec.get("circumstance", []))),
        relative=re.compile(_alt(sec.get("relative", [])), re.I),
        determiners=re.compile(rf"(?:\s|(?:{dets}){GAP})*", re.I),
        conjunction=re.compile(
            rf"(?:\s*,\s*|\s*&\s*|\s+(?:{_alt(sec.get('conjunction', []))})\s+)"
            rf"(?:(?:{dets}){GAP})*",
            re.I,
        ),
        self_words=re.compile(_words(sec.get("self", [])), re.I),
        infinitive=re.compile(
            rf"\W*(?:\S+\s+){{0,3}}?(?:{_alt(sec.get('infinitive', []))}){WORD_END}", re.I
        ),
        roles=frozenset(r.lower() for r in roles),
        aux_before=(
            re.compile(rf"(?<!\w)(?:{_alt(map(re.escape, sorted(res.auxiliaries)))})\s+$", re.I)
            if res and res.auxiliaries
            else None
        ),
        function=frozenset(
            (res.auxiliaries | res.adverbs | set(res.pronouns) | {"t"}) if res else {"t"}
        ),
        subject_first=sec.get("subject", ["last"])[0] == "first",
        condition=re.compile(rf"\W*(?:{_alt(sec.get('condition', []))}){WORD_END}", re.I),
        abbreviations=frozenset(a.lower() for a in abbreviations if a),
        participle=re.compile(_alt(sec["participle"])) if sec.get("participle") else None,
        particles=_particles(lang),
        support=re.compile(rf"(?<!\w)(?:{_alt(sec['support'])})(?!\w)", re.I)
        if sec.get("support")
        else None,
    )
