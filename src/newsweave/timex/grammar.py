"""A language's compiled time-expression grammar: lexicon, tagging, rules.

How finding time expressions works, and why it is fast:

1. A pre-filter (a set of time words, a regex for years and clock times) lets
   a text without any through at almost no cost.
2. The text is cut into tokens with one C-level `findall`; each token gets a
   one-character tag from the language's lexicon (`M` month, `W` weekday,
   `U` unit, `D` digits, `w` any other word...).
3. Rules are regular expressions over that tag string, written in a small
   notation (`notation.py`) in `language/<code>/timex.py`
   ("(?P<rel>LAST) (?P<unit>UNIT)"). They run on one character per token,
   and only where they can start, in the few tokens before a time word (`find`).

This module does steps 1 and 2 and compiles step 3's rules; it knows the
handlers only as names given by the caller, so it imports none of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from itertools import accumulate, repeat
from types import ModuleType
from typing import Any

from newsweave.language.registry import Language

from .notation import DEFAULT_MACROS, TAGS, compile_dsl, scan_rule

# A rule's handler reads its match (a `hit.Hit`) into a `spec.Spec`, or None to reject it.
Handler = Callable[[Any], Any]
Rule = tuple[re.Pattern[str], Handler, frozenset[str]]
_PUNCT = {",": ",", ".": ".", "!": "!", "?": "!", ";": "!", "-": "-", "‐": "-", ":": ":"}
_PUNCT |= {"/": "/", "'": "'", "’": "'"}
_PHRASE, _CASED = "§", "?"  # placeholder tags resolved after the first pass
# Tags of time words. Every rule match holds one, a few tokens after its start, so
# rules are only tried just before and at these tags (see `find`).
CORE = re.compile(r"[MmWXSlUuidY9OTPVKknIHLFCQrRABEJGj1]")
_NO_DIGITS = str.maketrans(dict.fromkeys("0123456789"))
_SEPARATOR_SPACE = str.maketrans(dict.fromkeys(".,:/", " "))
# Explicit Latin ranges first: much faster in `re` than the general letter class.
_TOKEN = re.compile(r"\s*(?:[ap]\.m\.?|[a-zß-öø-ÿ]+|\d+(?:[.,:/]\d+)*|[^\W\d_]+|\S)")
_SHAPED = re.compile(r"[0-9][.,:/][0-9]")  # inside 10:30, 08/03/2023, 1,500, 30,4
_NUMERIC = re.compile(r"[0-9](?:[0-9]{3}|[.:/h][0-9]|\s?[ahp])")  # a year, 10:30, 14h, 10 am
_BLANK = {ord(c): " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”‘’„–—…"}


class Grammar:
    """One language's lexicon, tense cues and compiled rules (built once per language)."""

    def __init__(
        self, language: Language, module: ModuleType, handlers: Mapping[str, Handler]
    ) -> None:
        self.lang = language.code
        self.conventions: dict[str, Any] = dict(getattr(module, "CONVENTIONS", {}))
        # Numeric dates in running text: the rules' own order when they give one (English
        # news copy is American, month first), else the language's, else day first.
        self.date_order: str = getattr(module, "DATE_ORDER", None) or language.date_order or "DMY"
        # where nouns are capitalised (German), past participles are the lower-case words
        self.cased_nouns = bool(self.conventions.get("cased_nouns", language.capitalised_nouns))
        self.multipliers = frozenset(getattr(module, "MULTIPLIERS", (100,)))
        self.refs: dict[str, Any] = {_norm(k): v for k, v in getattr(module, "REFS", {}).items()}
        for key in ("ref_det", "ref_needs_det"):
            self.conventions[key] = {_norm(k) for k in self.conventions.get(key, ())}
        self._load_cues(module)
        self._load_lexicon(module)
        self._load_rules(module, handlers)

    def _load_cues(self, module: ModuleType) -> None:
        self.future = frozenset(getattr(module, "FUTURE_CUES", ()))
        self.weak_future = frozenset(getattr(module, "WEAK_FUTURE_CUES", ()))
        self.past = frozenset(getattr(module, "PAST_CUES", ()))
        self.report = frozenset(getattr(module, "REPORT_CUES", ()))
        self.past_re = re.compile(module.PAST_RE) if hasattr(module, "PAST_RE") else None
        self.future_re = re.compile(module.FUTURE_RE) if hasattr(module, "FUTURE_RE") else None
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
        core = set(CORE.pattern.strip("[]"))
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

    def _load_rules(self, module: ModuleType, handlers: Mapping[str, Handler]) -> None:
        macros = DEFAULT_MACROS | getattr(module, "MACROS", {})
        self.rules: list[Rule] = []
        # rules by the tags they can start with: (rule order, regex, handler, tags needed)
        self.by_first: dict[str, list[tuple[int, re.Pattern[str], Handler, frozenset[str]]]] = {}
        for order, (name, dsl) in enumerate(module.PATTERNS):
            regex = compile_dsl(dsl, macros)
            first, needed = scan_rule(regex)
            self.rules.append((re.compile(regex), handlers[name], first))
            for c in first:
                self.by_first.setdefault(c, []).append(
                    (order, self.rules[-1][0], handlers[name], needed)
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
        return toks if CORE.search(tagstr) else None

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
