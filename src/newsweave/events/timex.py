"""Find time expressions in English, French and German text and normalise them (TIMEX3).

    find_timexes("Talks broke down last Tuesday.", "en", PartialDate(2023, 3, 8))
    -> [Timex("last Tuesday", 17, 29, "DATE", "2023-03-07", resolved=True, anchor="dct")]

How it works, and why it is fast:

1. A pre-filter (a set of time words, a regex for years and clock times) lets
   a text without any through at almost no cost.
2. The text is cut into tokens with one C-level `findall`; each token gets a
   one-character tag from the language's lexicon (`M` month, `W` weekday,
   `U` unit, `D` digits, `w` any other word...).
3. Rules are regular expressions over that tag string, written in a small
   notation in `language/<code>/timex.py` ("(?P<rel>LAST) (?P<unit>UNIT)").
   They run on one character per token, and only where they can start, in
   the few tokens before a time word.
4. Overlapping matches are settled longest first; each winner's handler
   (`timex_resolve.h_<rule>`) reads the matched words into a `Spec`, and
   `timex_resolve.resolve` anchors it to the publication date, the last date
   the text named, or the day named in the same sentence.

Spans follow TimeML: determiners and modifiers belong to the expression
("the past three years", "early next year"), prepositions do not.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache
from itertools import accumulate, repeat
from types import ModuleType
from typing import Any

from newsweave.model import PartialDate, Timex

from .timex_resolve import HANDLERS, Spec, resolve

LANGUAGES = ("en", "fr", "de")

# Tag name -> the character that stands for it in the tag string.
TAGS = {
    "MONTH": "M", "MONTHX": "m", "WEEKDAY": "W", "WEEKDAYS": "X", "SEASON": "S", "HOLIDAY": "l",
    "UNIT": "U", "UNITS": "u", "UNITEDGE": "i", "PERIOD": "g", "DECADE": "9", "DECSUF": "d",
    "NUM": "N", "NUMC": "1", "DIGITS": "D", "YEAR": "Y", "ORD": "O", "ORDSUF": "q",
    "ONE": "a", "FEW": "v", "HALF": "h", "FRAC": "f", "AND": "&", "MORE": "+",
    "DAYREF": "T", "PART": "P", "PARTS": "V", "CLOCK": "K", "HHMM": "k", "NUMDATE": "n",
    "AMPM": "I", "HOUR": "H", "TZ": "Z", "LAST": "L", "NEXT": "F", "THIS": "C", "PAST": "Q",
    "FOLLOW": "r", "ANAPH": "R", "AGO": "A", "AGOPRE": "B", "EVERY": "E", "SETADV": "J",
    "TIMES": "z", "PER": "y", "REF": "G", "DURADJ": "j", "EDGE": "e", "EDGEN": "b", "FISCAL": "c",
    "APPROX": "x", "DET": "t", "PREP": "p", "AT": "@", "OF": "o", "PLURAL": "s",
    "WORD": "w", "COMMA": ",", "DOT": ".", "SENT": "!", "HYPHEN": "-", "COLON": ":",
    "SLASH": "/", "APOS": "'", "OTHER": "_",
}  # fmt: skip
_PUNCT = {",": ",", ".": ".", "!": "!", "?": "!", ";": "!", "-": "-", "‐": "-", ":": ":"}
_PUNCT |= {"/": "/", "'": "'", "’": "'"}
_PHRASE, _CASED = "§", "?"  # placeholder tags resolved after the first pass
# Tags of time words. Every rule match holds one, at most _BACK tokens after its start,
# so rules are only tried just before and at these tags.
_CORE = re.compile(r"[MmWXSlUuidY9OTPVKknIHLFCQrRABEJGj1]")
_BACK = 7
# Tags no rule crosses on its way to a time word, all mapped to "|" for rfind.
_STOP = str.maketrans(dict.fromkeys("w!p@_", "|"))
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SENTENCE_END = re.compile(r"[.!]")
_NO_DIGITS = str.maketrans(dict.fromkeys("0123456789"))
_SEPARATOR_SPACE = str.maketrans(dict.fromkeys(".,:/", " "))
# Explicit Latin ranges first: much faster in `re` than the general letter class.
_TOKEN = re.compile(r"\s*(?:[ap]\.m\.?|[a-zß-öø-ÿ]+|\d+(?:[.,:/]\d+)*|[^\W\d_]+|\S)")
_SHAPED = re.compile(r"[0-9][.,:/][0-9]")  # inside 10:30, 08/03/2023, 1,500, 30,4
_NUMERIC = re.compile(r"[0-9](?:[0-9]{3}|[.:/h][0-9]|\s?[ahp])")  # a year, 10:30, 14h, 10 am
_BLANK = {ord(c): " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”‘’„–—…"}

DEFAULT_MACROS = {
    "NUMBER": "(?:(?:NUM|NUMC) (?:HYPHEN? NUM)*|DIGITS FRAC?|FRAC)",
    "COUNT": "(?:ONE? NUMBER (?:AND ONE HALF)?|ONE FEW|FEW|ONE (?:AND ONE HALF)?|HALF ONE|ONE HALF)",
    "DAYNUM": "(?:DIGITS ORDSUF?|ORD)",
}
Rule = tuple[re.Pattern[str], Callable[["Hit"], Spec | None], frozenset[str]]


class Grammar:
    """One language's lexicon, tense cues and compiled rules (built once per language)."""

    def __init__(self, lang: str, module: ModuleType) -> None:
        self.lang = lang
        self.conventions: dict[str, Any] = dict(getattr(module, "CONVENTIONS", {}))
        self.date_order: str = getattr(module, "DATE_ORDER", "DMY")
        self.multipliers = frozenset(getattr(module, "MULTIPLIERS", (100,)))
        self.refs: dict[str, Any] = {_norm(k): v for k, v in getattr(module, "REFS", {}).items()}
        for key in ("ref_det", "ref_needs_det"):
            self.conventions[key] = {_norm(k) for k in self.conventions.get(key, ())}
        self._load_cues(module)
        self._load_lexicon(module)
        self._load_rules(module)

    def _load_cues(self, module: ModuleType) -> None:
        self.future = frozenset(getattr(module, "FUTURE_CUES", ()))
        self.weak_future = frozenset(getattr(module, "WEAK_FUTURE_CUES", ()))
        self.past = frozenset(getattr(module, "PAST_CUES", ()))
        self.report = frozenset(getattr(module, "REPORT_CUES", ()))
        self.past_re = re.compile(module.PAST_RE) if hasattr(module, "PAST_RE") else None
        self.future_re = re.compile(module.FUTURE_RE) if hasattr(module, "FUTURE_RE") else None
        self.cased_nouns = bool(self.conventions.get("cased_nouns"))
        self.cues: dict[str, str] = {}

    def _load_lexicon(self, module: ModuleType) -> None:
        self.tag: dict[str, str] = {}
        self.value: dict[str, Any] = {}
        # multi-word entries, filed under their rarest word (see _anchor_phrases)
        self.phrases: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        self.fallback: dict[str, str] = {}  # the tag of a placeholder-tagged word or phrase
        self.cased: dict[str, tuple[tuple[str, Any] | None, ...]] = {}
        for name, entries in module.LEXICON.items():
            for key, val in entries.items():
                self._add(key, TAGS[name], val)
        for key in self.refs:  # reference words not tagged otherwise ("now", "bientôt")
            if (key not in self.fallback) if " " in key else (key not in self.tag):
                self._add(key, TAGS["REF"], None)
        for word, variants in getattr(module, "CASED", {}).items():
            self.cased[word] = tuple((TAGS[v[0]], v[1]) if v else None for v in variants)
            self.fallback.setdefault(word, self.tag.get(word, "w"))
            self.tag[word] = _CASED
        for n in range(10000):
            s = str(n)
            self.value.setdefault(s, n)
            self.tag.setdefault(s, "Y" if 1000 <= n <= 2199 and len(s) == 4 else "D")
            if n < 10:
                self.tag.setdefault(f"0{n}", "D")
                self.value.setdefault(f"0{n}", n)
        for p, t in _PUNCT.items():
            self.tag.setdefault(p, t)
        # "1990s", "'90s", "90er": the suffix is a time word only right after a round number
        self.decade_suffix = getattr(module, "DECADE_SUFFIX", None)
        suffix = self.decade_suffix
        self.decade_rx = re.compile(rf"0'?{suffix}\b") if suffix else None
        core = set(_CORE.pattern.strip("[]"))
        self._anchor_phrases(core)
        # words whose absence lets the pre-filter skip a text
        self.triggers = {w for w, t in self.tag.items() if t in core and not w.isdigit()}
        self.triggers |= {w for w, t in self.fallback.items() if t in core or w in self.cased}
        for phrase, t in self.fallback.items():
            words = phrase.split(" ")
            if len(words) > 1 and t in core and self.triggers.isdisjoint(words):
                longest = max(words, key=len)
                if len(longest) > 2:
                    self.triggers.add(longest)

    def _load_rules(self, module: ModuleType) -> None:
        macros = DEFAULT_MACROS | getattr(module, "MACROS", {})
        self.rules: list[Rule] = []
        # rules by the tags they can start with: (rule order, regex, handler, tags needed)
        self.by_first: dict[str, list[tuple[int, re.Pattern[str], Callable, frozenset[str]]]] = {}
        for order, (name, dsl) in enumerate(module.PATTERNS):
            regex = compile_dsl(dsl, macros)
            first, needed = scan_rule(regex)
            self.rules.append((re.compile(regex), HANDLERS[name], first))
            for c in first:
                self.by_first.setdefault(c, []).append(
                    (order, self.rules[-1][0], HANDLERS[name], needed)
                )

    def _add(self, key: str, tag: str, val: Any) -> None:
        words = tuple(w.strip() for w in _TOKEN.findall(key.lower()))
        if len(words) == 1:
            self.tag[words[0]] = tag
            self.value[words[0]] = val
        else:
            joined = " ".join(words)
            self.phrases.setdefault("", []).append((words, 0, joined))
            self.value[joined] = val
            self.fallback[joined] = tag

    def _anchor_phrases(self, core: set[str]) -> None:
        """File each phrase under its rarest word: a time word ("the day before" under
        "day"), else the longest ("at least" under "least"). Looking phrases up from
        "the" or "a" would cost a check at almost every token."""
        strong = core - set("CFLOQr")  # "this", "last", "first" are too common to look from
        for seq, _, joined in self.phrases.pop("", []):
            usable = [k for k, w in enumerate(seq) if w not in self.cased and w[0].isalnum()]
            timely = [k for k in usable if self.tag.get(seq[k]) in strong]
            k = max(timely or usable or [0], key=lambda k: (len(seq[k]), -k))
            self.phrases.setdefault(seq[k], []).append((seq, k, joined))
        for word in self.phrases:
            if self.tag.get(word) != _PHRASE:
                self.fallback[word] = self.tag.get(word, "w")
                self.tag[word] = _PHRASE

    def tokenize(self, text: str) -> Tokens | None:
        """Tokens and their tag string, or None when no time word is present."""
        low = text.lower()
        if len(low) != len(text):  # a few characters lengthen when lowered (İ)
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        # The pre-filter: no time word and nothing like a year or a clock time.
        if _NUMERIC.search(low) is None and self.triggers.isdisjoint(low.translate(_BLANK).split()):
            return None
        pieces = _TOKEN.findall(low)
        words = list(map(str.lstrip, pieces))
        tags = list(map(self.tag.get, words, repeat("w")))
        ends = list(accumulate(map(len, pieces)))
        toks = Tokens(text, low, words, tags, ends)
        for m in _SHAPED.finditer(low):  # 10:30, 08/03/2023, 1,500: not in the lexicon
            i = bisect_left(ends, m.end())
            if i not in toks.vals and words[i][:1].isdigit():
                tags[i], toks.vals[i] = _shape(words[i])
        if self.decade_rx is not None:
            for m in self.decade_rx.finditer(low):  # "1990s", "'90s", "90er" written together
                tags[bisect_left(ends, m.end())] = "d"
        tagstr = "".join(tags)
        if _PHRASE in tagstr:
            self._merge(toks, [m.start() for m in re.finditer(_PHRASE, tagstr)])
            tagstr = "".join(toks.tags)
        if _CASED in tagstr:
            for i in [m.start() for m in re.finditer(re.escape(_CASED), tagstr)]:
                variants = self.cased[toks.words[i]]
                # upper case, lower case, or (when given) a capital that opens a sentence
                which = 0 if text[toks.start(i)].isupper() else 1
                if which == 0 and len(variants) > 2 and (i == 0 or tagstr[i - 1] in ".!_"):
                    which = 2
                variant = variants[which]
                toks.tags[i] = variant[0] if variant else "w"
                if variant:
                    toks.vals[i] = variant[1]
            tagstr = "".join(toks.tags)
        toks.tagstr = tagstr
        return toks if _CORE.search(tagstr) else None

    def cue(self, word: str) -> str:
        """What a word says about tense: future, weak, past, participle, report or ""."""
        found = self.cues.get(word)
        if found is None:
            if word in self.report:
                found = "report"
            elif word in self.future or (self.future_re and self.future_re.match(word)):
                found = "future"
            elif word in self.weak_future:
                found = "weak"
            elif word in self.past:
                found = "past"
            else:
                found = "participle" if self.past_re and self.past_re.match(word) else ""
            if len(self.cues) < 50000:  # words seen in past articles; bounded
                self.cues[word] = found
        return found

    def written_lower(self, toks: Tokens, k: int) -> bool:
        """Where nouns are capitalised (German), a past participle is written lower case."""
        return not self.cased_nouns or toks.text[toks.start(k)].islower()

    def _merge(self, toks: Tokens, anchors: list[int]) -> None:
        """Join multi-word lexicon entries ("il y a", "a couple of") into one token."""
        words, tags = toks.words, toks.tags
        found = []
        for i in anchors:
            tags[i] = self.fallback[words[i]]
            for seq, k, joined in self.phrases[words[i]]:
                start = i - k
                if start >= 0 and tuple(words[start : start + len(seq)]) == seq:
                    found.append((start, len(seq), joined))
        merges, taken = [], set()
        for start, n, joined in sorted(found, key=lambda f: (-f[1], f[0])):  # longest first
            if taken.isdisjoint(range(start, start + n)):
                taken.update(range(start, start + n))
                merges.append((start, n, joined))
        if not merges:
            return
        # rebuild the lists in one pass: merging in place would be quadratic
        merges.sort()
        new_words, new_tags, new_ends, done = [], [], [], 0
        for start, n, joined in merges:
            new_words += [*words[done:start], joined]
            new_tags += [*tags[done:start], self.fallback[joined]]
            new_ends += [*toks.ends[done:start], toks.ends[start + n - 1]]
            done = start + n
        toks.words = new_words + words[done:]
        toks.tags = new_tags + tags[done:]
        toks.ends = new_ends + toks.ends[done:]
        if toks.vals:  # renumber the special values; those inside a phrase go
            starts = [m[0] for m in merges]
            removed = list(accumulate((n - 1 for _, n, _ in merges), initial=0))
            vals = {}
            for k, v in toks.vals.items():
                idx = bisect_right(starts, k)
                if idx == 0 or k >= starts[idx - 1] + merges[idx - 1][1]:
                    vals[k - removed[idx]] = v
            toks.vals = vals


def _norm(phrase: str) -> str:
    """A lexicon phrase as the tokenizer sees it: "pour l'instant" -> "pour l ' instant"."""
    return " ".join(w.strip() for w in _TOKEN.findall(phrase.lower()))


def _shape(word: str) -> tuple[str, Any]:
    """Tag digits with separators: 10:30 (clock), 08/03/2023 (date), 1/2, 30,4, 1,500."""
    seps = word.translate(_NO_DIGITS)
    parts = word.translate(_SEPARATOR_SPACE).split()
    if len(parts) == 3 and seps[0] == seps[1] and seps[0] in "./-":
        return "n", parts
    clock = len(parts) == 2 and seps in (":", ".") and len(parts[1]) == 2
    if clock and int(parts[0]) <= 24 and (seps == ":" or int(parts[1]) < 60):
        return "k", (int(parts[0]), int(parts[1]))
    if len(parts) == 2 and seps == "/" and int(parts[1]) > 0:
        return "f", int(parts[0]) / int(parts[1])
    if seps and set(seps) == {","} and all(len(p) == 3 for p in parts[1:]):
        return "D", int(word.replace(",", ""))
    if len(parts) == 2 and seps in (",", "."):
        return "D", float(f"{parts[0]}.{parts[1]}")
    return "w", None


class Tokens:
    """Tokens of one text: lowercased words, tags, end offsets (code points), special values.

    `low` is the text lowered character by character, so its offsets are the text's.
    """

    __slots__ = ("ends", "low", "tags", "tagstr", "text", "vals", "words")

    def __init__(self, text: str, low: str, words: list[str], tags: list[str], ends: list[int]):
        self.text, self.low, self.words, self.tags, self.ends = text, low, words, tags, ends
        self.vals: dict[int, Any] = {}
        self.tagstr = ""

    def start(self, k: int) -> int:
        return self.ends[k] - len(self.words[k]) if " " not in self.words[k] else self._start(k)

    def _start(self, k: int) -> int:
        # a merged phrase: its words may be spaced differently in the text
        pos = self.ends[k]
        for part in reversed(self.words[k].split(" ")):
            pos = self.low.rfind(part, 0, pos)
        return max(pos, 0)


def compile_dsl(dsl: str, macros: dict[str, str]) -> str:
    """Translate rule notation to a regex over tag characters.

    Upper-case names are tags or macros; everything else is regex syntax;
    spaces are ignored. "DET? (?P<rel>LAST) UNIT" -> "t?(?P<rel>L)U".
    """

    def name(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.startswith("("):
            return word
        if word in macros:
            return compile_dsl(macros[word], macros)
        return re.escape(TAGS[word])

    return re.sub(r"\s+", "", re.sub(r"\(\?P<\w+>|[A-Z][A-Z_]*", name, dsl))


def scan_rule(regex: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tags a match of `regex` can start with, and the tags every match holds.

    Handles the subset of regex syntax the rules use (literals, groups,
    alternation, ? * +, lookarounds). The matcher tries a rule only where it
    can start, and only in texts that hold all the tags it needs.
    """
    pos = 0

    def alt() -> tuple[set[str], bool, set[str]]:
        nonlocal pos
        first, nullable, needed = seq()
        while pos < len(regex) and regex[pos] == "|":
            pos += 1
            f, n, r = seq()
            first, nullable, needed = first | f, nullable or n, needed & r
        return first, nullable, needed

    def seq() -> tuple[set[str], bool, set[str]]:
        nonlocal pos
        first: set[str] = set()
        needed: set[str] = set()
        nullable = True
        while pos < len(regex) and regex[pos] not in "|)":
            f, n, r = atom()
            if pos < len(regex) and regex[pos] in "?*+":
                if regex[pos] != "+":
                    n, r = True, set()
                pos += 1
            if nullable:
                first |= f
                nullable = n
            needed |= r
        return first, nullable, needed

    def atom() -> tuple[set[str], bool, set[str]]:
        nonlocal pos
        c = regex[pos]
        if c == "(":
            look = regex.startswith(("(?=", "(?!", "(?<=", "(?<!"), pos)
            m = re.match(r"\((?:\?:|\?P<\w+>|\?<?[=!])?", regex[pos:])
            pos += m.end() if m else 1
            f, n, r = alt()
            pos += 1  # the closing parenthesis
            return (set(), True, set()) if look else (f, n, r)
        if c == "\\":
            c = regex[pos + 1]
            pos += 1
        pos += 1
        return {c}, False, {c}

    first, _, needed = alt()
    return frozenset(first), frozenset(needed)


class Hit:
    """One rule match, with helpers that read its groups for the handler."""

    def __init__(
        self, grammar: Grammar, toks: Tokens, m: re.Match[str], dct: PartialDate | None
    ) -> None:
        self.g, self.t, self.m, self.dct = grammar, toks, m, dct
        self.i, self.j = m.start(), m.end()
        # token spans of the groups that matched
        regs = m.regs
        self.spans = {k: regs[i] for k, i in m.re.groupindex.items() if regs[i][0] >= 0}
        self._tense: str | None = None

    def has(self, name: str) -> bool:
        return name in self.spans

    def words(self, name: str) -> list[str]:
        i, j = self.spans.get(name, (0, 0))
        return self.t.words[i:j]

    def word(self, name: str) -> str | None:
        return self.t.words[self.spans[name][0]] if name in self.spans else None

    def val(self, name: str, default: Any = None) -> Any:
        if name not in self.spans:
            return default
        k = self.spans[name][0]
        if k in self.t.vals:
            return self.t.vals[k]
        return self.g.value.get(self.t.words[k], default)

    def tags(self, name: str) -> str:
        i, j = self.spans.get(name, (0, 0))
        return self.t.tagstr[i:j]

    def number(self, name: str) -> float | None:
        """Value of a COUNT group; None when vague ("several") or absent."""
        if name not in self.spans:
            return None
        start, end = self.spans[name]
        values: list[float] = []
        frac = 0.0
        for k in range(start, end):
            tag = self.t.tagstr[k]
            if tag == "v":
                return None
            if tag == "h":
                if k == start or (k == start + 1 and values == [1]):
                    return 0.5  # "half an hour", "une demi-heure", "ein halbes Jahr"
                frac += 0.5
            elif tag == "f":
                frac += self.t.vals.get(k, 0.0)
            elif tag in "ND1":
                v = self.t.vals.get(k, self.g.value.get(self.t.words[k]))
                if not isinstance(v, int | float):
                    return None
                values.append(v)
            elif tag == "a" and not values and frac == 0:
                values.append(1)
        total = combine_numbers(values, self.g.multipliers) if values else 0
        return None if total is None else total + frac

    def tense(self) -> str:
        if self._tense is None:
            self._tense = sentence_tense(self.g, self.t, self.i, self.j)
        return self._tense

    def before(self, k: int = 1) -> str:
        """Tag k tokens before the match ("" at the start)."""
        return self.t.tagstr[self.i - k] if self.i - k >= 0 else ""

    def word_before(self, k: int = 1) -> str:
        return self.t.words[self.i - k] if self.i - k >= 0 else ""

    def word_after(self) -> str:
        return self.t.words[self.j] if self.j < len(self.t.words) else ""


def combine_numbers(values: list[float], multipliers: frozenset[int]) -> float | None:
    """Read a sequence of number words: twenty four, one hundred thirty, quatre vingt dix,
    nineteen ninety-six (a spoken year)."""
    total, cur = 0.0, None
    for v in values:
        if cur is None:
            cur = v
        elif v >= 1000:
            total, cur = total + cur * v, None
        elif v in multipliers and v > cur:
            cur *= v
        elif (
            (cur >= 100 and cur % 100 == 0 and v < 100)
            or (cur >= 10 and cur % 10 == 0 and v < 10)  # twenty-four, dix-sept
            or (60 <= cur < 100 and cur % 20 == 0 and v < 20)  # soixante-dix, quatre-vingt-onze
        ):
            cur += v
        elif 10 <= cur < 100 and 10 <= v < 100 and cur % 10 != 0:
            cur = cur * 100 + v
        else:
            return None
    return total + (cur or 0)


def sentence_tense(g: Grammar, toks: Tokens, i: int, j: int, reach: int = 12) -> str:
    """ "past", "future" or "": the nearest tense cue in the same sentence.

    Weak future cues ("scheduled", "due") give way to a past cue ("had been
    scheduled"); a reporting verb counts only right next to the expression
    ("said Friday"), since "..., officials said" dates the report, not the event.
    """
    tagstr, words, cue = toks.tagstr, toks.words, g.cue
    lo = max(tagstr.rfind(".", 0, i), tagstr.rfind("!", 0, i)) + 1
    hi = min((k for k in (tagstr.find(".", j), tagstr.find("!", j)) if k >= 0), default=len(words))
    weak = False
    for dist in range(1, reach + 1):
        for k in (i - dist, j - 1 + dist):
            if not lo <= k < hi:
                continue
            c = cue(words[k])
            if not c or (c == "report" and k not in (i - 1, j)):
                continue
            if c == "future":
                return c
            weak = weak or c == "weak"  # "planned": a future in the past, not a past event
            if c in ("past", "report") or (c == "participle" and g.written_lower(toks, k)):
                return "past"
    return "future" if weak else ""


@cache
def grammar(lang: str) -> Grammar | None:
    """The compiled grammar of a language, or None when there are no rules for it."""
    if lang not in LANGUAGES:
        return None
    return Grammar(lang, importlib.import_module(f"newsweave.language.{lang}.timex"))


def _select(g: Grammar, toks: Tokens, dct: PartialDate | None) -> list[tuple[int, int, Spec, Hit]]:
    """All rule matches near time words, settled longest first (then by rule order)."""
    tagstr, ends, words, by_first = toks.tagstr, toks.ends, toks.words, g.by_first
    stops, present = tagstr.translate(_STOP), set(tagstr)
    cands = []
    seen = -1
    for core in _CORE.finditer(tagstr):
        k = core.start()
        for s in range(max(seen, k - _BACK - 1, stops.rfind("|", 0, k)) + 1, k + 1):
            for order, rx, handler, needed in by_first.get(tagstr[s], ()):
                if not needed <= present:
                    continue
                m = rx.match(tagstr, s)
                if m is not None and m.end() > s:  # the widest first: minus its width
                    cands.append(
                        (ends[s] - len(words[s]) - ends[m.end() - 1], order, s, m, handler)
                    )
        seen = k
    cands.sort()  # (minus width, rule order, start) never ties: matches are not compared
    taken = bytearray(len(toks.words))
    chosen = []
    for *_, m, handler in cands:
        if any(taken[m.start() : m.end()]):
            continue
        hit = Hit(g, toks, m, dct)
        spec = handler(hit)
        if spec is None:
            continue
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        chosen.append((m.start(), m.end(), spec, hit))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _anchorable(v: str) -> bool:
    """A value later expressions can count from: a year, month, day, quarter or half."""
    return v[:4].isdigit() and (len(v) == 4 or (len(v) >= 7 and (v[5:7].isdigit() or v[5] in "QH")))


def _to_partial(value: str | None) -> tuple[PartialDate, str] | None:
    """A resolved DATE/TIME value as an anchor for later expressions, with its granularity."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    year, rest = int(value[:4]), value[4:]
    if len(rest) >= 6 and rest[1:3].isdigit() and rest[4:6].isdigit():
        return PartialDate(year, int(rest[1:3]), int(rest[4:6])), "D"
    if len(rest) == 3 and rest[1] == "Q" and rest[2].isdigit():
        return PartialDate(year, 3 * int(rest[2]) - 2), "Q"
    if len(rest) == 3 and rest[1] == "H" and rest[2].isdigit():
        return PartialDate(year, 6 * int(rest[2]) - 5), "HALF"
    if len(rest) == 3 and rest[1:].isdigit():
        return PartialDate(year, int(rest[1:])), "M"
    return None if rest else (PartialDate(year), "Y")


def find_timexes(text: str, lang: str, dct: PartialDate | None) -> list[Timex]:
    """Every time expression in `text`, in order, with TIMEX3 values.

    Relative expressions are resolved against `dct` (the publication date);
    when it is missing or too coarse they keep `resolved=False`.
    """
    g = grammar(lang.split("-")[0].split("_")[0].lower())  # "en-GB" is English
    if g is None or not text:
        return []
    toks = g.tokenize(text)
    if toks is None:
        return []
    chosen = _select(g, toks, dct)
    if not chosen:
        return []
    inside = {k for i, j, _spec, _hit in chosen for k in range(i, j)}  # "am 3. Oktober"
    bounds = [m.start() for m in _SENTENCE_END.finditer(toks.tagstr) if m.start() not in inside]
    days: dict[int, date] = {}  # sentence -> a day it names, for bare clock times
    out: list[Timex] = []
    specs: list[tuple[Spec, int]] = []
    prev: tuple[PartialDate, str] | None = None
    last_value: str | None = None  # the last date named, read into `prev` when needed
    for i, j, spec, hit in chosen:
        tense = hit.tense() if _needs_tense(spec) else ""
        sentence = bisect_right(bounds, i)
        if spec.anchor != "dct" and last_value is not None:
            prev, last_value = _to_partial(last_value) or prev, None
        if spec.anchor == "prevq":  # "a year ago" in a report on a quarter: that quarter
            near = prev is not None and prev[1] in ("Q", "HALF")
            spec.anchor = "prev" if near else "dct"
            if not near and spec.gran == "Q":  # the year-ago quarter: of the last one reported
                spec.unit, spec.shift = "Q", -5
        if spec.gran == "=":
            spec.gran = prev[1] if prev and spec.anchor == "prev" else spec.unit
        value, ok, anchor = resolve(spec, dct, tense, prev[0] if prev else None)
        if spec.type in ("DATE", "TIME") and ok and not spec.clock_only:
            if spec.anchor != "prev" and value and _anchorable(value):
                last_value = value  # no chains: "a year earlier" twice is not two years
            if value and _DAY_VALUE.match(value) and sentence not in days:
                days[sentence] = date.fromisoformat(value[:10])
        start, end = toks.start(i), toks.ends[j - 1]
        out.append(Timex(text[start:end], start, end, spec.type, value, ok, anchor))
        specs.append((spec, sentence))
    for t, (spec, sentence) in zip(out, specs, strict=True):
        if spec.clock_only and sentence in days:
            # a clock time belongs to the day its sentence names
            t.value, t.resolved, t.anchor = resolve(spec, dct, "", None, days[sentence])
    return out


def _needs_tense(spec: Spec) -> bool:
    return (
        spec.year is None
        and not spec.when
        and (
            spec.weekday is not None
            or spec.month is not None
            or spec.season is not None
            or spec.quarter is not None
        )
    )
