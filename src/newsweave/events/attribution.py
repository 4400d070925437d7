"""Who reports an event: the speech cue that governs a trigger and the claimant it names.

A claim is read without a parser, from where the cue stands:

- "Kyiv said Russian forces shelled...": the nearest name before the cue in
  its comma-delimited chunk ("Wagner chief Yevgeny Prigozhin said");
- ", a annoncé le ministère de la Défense.": an inverted cue followed by a
  short phrase to the end of the clause names the speaker after it;
- "according to / selon / laut X": the phrase after the preposition, cut
  before a place ("the general staff in Kyiv" is the staff, not Kyiv);
- inside a direct quote: the quote stage's speaker.

A name is preferred to words; words are kept when no mention names the
claimant ("the regional governor").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Quote
from ..quotes import resources as quote_resources
from .article import Article, Claim, Cue
from .lexicon import Trigger

PHRASE_GAP = re.compile(r"[\w\s'’-]*")  # no punctuation inside one noun phrase
STOP = re.compile(r"[,;:()\[\]–—\"“”«»„]")  # ends a target window or a claimant's words
_CHUNK_END = re.compile(r"[,;:(\[–—\"“”«»„]")  # what starts the words before a cue
WORD = re.compile(r"[\w'’-]+")
MAX_CLAIMANT_WORDS = 8
INVERTED_WORDS = 6  # ", said the regional governor." is a speaker; a longer run is a clause


class ClaimReader:
    """One sentence with triggers: its cues, clause bounds and timexes, and the claim rules.

    The role rules (`roles.RoleReader`) and the event assembly
    (`claims._Sentence`) build on it; all three read the same sentence state.
    """

    def __init__(
        self, art: Article, start: int, end: int, hits: list[tuple[int, int, Trigger]]
    ) -> None:
        self.art, self.text, self.lex = art, art.text, art.lex
        resources = quote_resources.load(self.lex.lang)
        self._pronouns = resources.pronouns if resources is not None else {}
        self.start, self.end = start, end
        self.hits = hits
        self.spans = [(a, b) for a, b, k in hits if k.type != "statement"]
        lo, hi = bisect_left(art.cue_starts, start), bisect_left(art.cue_starts, end)
        self.cues = [
            c
            for c in art.cues[lo:hi]
            if c.end <= end and not any(a < c.end and c.start < b for a, b in self.spans)
        ]
        lo, hi = bisect_left(art.bound_starts, start), bisect_left(art.bound_starts, end)
        self.bounds = [(a, b) for a, b, _ in art.bounds[lo:hi] if b <= end]
        self.complements = {a for a, b, c in art.bounds[lo:hi] if c}
        lo, hi = bisect_left(art.timex_starts, start), bisect_left(art.timex_starts, end)
        self.timexes = [t for t in art.timexes[lo:hi] if t[1] <= end]
        self._claims: dict[tuple[int, str], Claim] = {}
        self._chunks: dict[tuple[int, bool], tuple[int, int] | None] = {}

    # --- sentence geometry -------------------------------------------------------------

    def _clause(self, pos: int) -> tuple[int, int]:
        start, end = self.start, self.end
        for s, e in self.bounds:
            if e <= pos:
                start = max(start, e)
            elif s > pos:
                end = min(end, s)
        return start, end

    def _cue_region(self, cue: Cue) -> tuple[int, int]:
        """The speaker's clause: from the words before the cue to the next boundary."""
        chunk = self._chunk_before(cue.start, walk=False)
        start = chunk[0] if chunk else cue.start
        end = self.end
        for s, _ in self.bounds:
            if s >= cue.end:
                end = s
                break
        return start, end

    def _filler(self, a: int, b: int) -> bool:
        """Only determiners, adverbs and time words in [a, b): "claimed on Wednesday the"."""
        lex = self.lex
        for m in WORD.finditer(self.art.low, a, b):
            w = m.group()
            if w in lex.determiner_words or w in lex.function:
                continue
            if not any(s <= m.start() and m.end() <= e for s, e, _, _ in self.timexes):
                return False
        return True

    # --- claims ------------------------------------------------------------------------

    def _governing(self, ts: int, te: int) -> Cue | None:
        """The cue that reports the trigger: before it in its clause, or after a comma."""
        before = [c for c in self.cues if c.end <= ts]
        if before:
            cue = before[-1]
            if not cue.is_verb or not self._bounded(cue.end, ts):
                return cue
        for cue in self.cues:
            if cue.start < te:
                continue
            if not cue.is_verb:
                return cue
            gap = self.text[te : cue.start]
            if "," in gap and not self._bounded(te, cue.start):
                return cue
            return None
        return None

    def _bounded(self, a: int, b: int) -> bool:
        """Does a clause boundary other than "that/que" stand between a and b?"""
        return any(a <= s < b and s not in self.complements for s, _ in self.bounds)

    def _quote_claim(self, quote: Quote) -> Claim:
        span = None
        if quote.speaker_start is not None and quote.speaker_end is not None:
            span = (quote.speaker_start, quote.speaker_end)
        return Claim(quote.speaker_mention, quote.speaker_text, span)

    def _claim(self, cue: Cue) -> Claim:
        key = (cue.start, cue.kind)
        got = self._claims.get(key)
        if got is None:
            got = self._claims[key] = self._read_claim(cue)
        return got

    def _read_claim(self, cue: Cue) -> Claim:
        text = self.text
        if cue.kind == "own":
            return Claim(own=True)
        if cue.kind == "inline":
            return Claim(text=text[cue.start : cue.end], span=(cue.start, cue.end))
        if cue.kind == "source":
            return self._named_after(cue.end)
        chunk = self._chunk_before(cue.start, walk=False)
        if chunk is not None:
            return self._named_in(*chunk)
        if cue.kind == "post":
            return Claim()
        if self._inverted(cue):  # ", a annoncé le ministère.", ", said the governor."
            return self._named_after(cue.end)
        chunk = self._chunk_before(cue.start, walk=True)  # "Zelensky, visiting Kyiv, said"
        return self._named_in(*chunk) if chunk else Claim()

    def _inverted(self, cue: Cue) -> bool:
        """Does a short phrase (the speaker) follow the cue up to the next comma or the end?"""
        stop = STOP.search(self.text, cue.end, self.end)
        words = [  # time words do not count: "a annoncé lundi le ministère de la Défense"
            m
            for m in WORD.finditer(self.text, cue.end, stop.start() if stop else self.end)
            if not any(s <= m.start() < e for s, e, _, _ in self.timexes)
        ]
        return 0 < len(words) <= INVERTED_WORDS

    def _chunk_before(self, pos: int, walk: bool) -> tuple[int, int] | None:
        """The words between the previous comma (or clause start) and a cue, if any.

        An apposition or a participle clause right before the cue ("Zelensky,
        visiting Finland, said") is stepped over to the name before it.
        """
        key = (pos, walk)
        if key not in self._chunks:
            self._chunks[key] = self._read_chunk(pos, walk)
        return self._chunks[key]

    def _read_chunk(self, pos: int, walk: bool) -> tuple[int, int] | None:
        text, lex = self.text, self.lex
        end = pos
        for _ in range(3):
            start = self.start
            for m in _CHUNK_END.finditer(text, self.start, end):
                start = m.end()
            for s, e in self.bounds:
                if start <= s and e <= end and s not in self.complements:
                    start = e
            words = [w for w in WORD.findall(text, start, end) if w.lower() not in lex.function]
            # "Zelensky, visiting Finland, said": a participle clause is stepped over
            participle = bool(words) and lex.is_participle(words[0])
            if words and not participle:
                return start, end
            if not walk or start <= self.start:
                return None
            end = start - 1  # before the comma
        return None

    def _named_in(self, a: int, b: int) -> Claim:
        """The claimant in [a, b): its last name no preposition governs, else the words."""
        art = self.art
        inside = art.between(a, b)
        for tier in (("",), ("member",)):
            for j in reversed(inside):
                if art.prefix(j) in tier:
                    return Claim(art.index[j], art.mentions[j].text, (a, b))
        found = list(WORD.finditer(self.text, a, b))[-MAX_CLAIMANT_WORDS:]
        while found and found[-1].group().lower() in self.lex.function:
            found.pop()  # "the general staff has": the words, not the auxiliary
        if not found:
            return Claim()
        return self._words_claim(self.text[found[0].start() : found[-1].end()], (a, b))

    def _words_claim(self, words: str, span: tuple[int, int]) -> Claim:
        """Words kept as the claimant only when they read as one: a noun phrase opening with
        a determiner ("the regional governor", "des experts") or a capital, not a pronoun
        ("il", "a-t-il") nor the tail of a clause ("avait précédemment")."""
        first = WORD.match(words)
        head = first.group() if first else ""
        low = head.lower()
        pronoun = low in self._pronouns or low.split("-")[-1] in self._pronouns
        elided = low[:2] in ("l'", "l’", "d'", "d’")  # "l'état-major ukrainien"
        noun_phrase = low in self.lex.determiner_words or elided or head[:1].isupper()
        return Claim(text=words, span=span) if noun_phrase and not pronoun else Claim()

    def _named_after(self, pos: int) -> Claim:
        """The claimant after an inverted cue or "according to", up to punctuation."""
        text, art = self.text, self.art
        start = pos
        for ts, te, _, _ in self.timexes:  # "a annoncé vendredi le ministère"
            if pos <= ts <= pos + 3:
                start = te
        end = self.end
        stop = STOP.search(text, start, end)
        if stop:
            end = stop.start()
        for s, _ in self.bounds:
            if start <= s < end:  # "selon lesquelles": no claimant
                end = s
                break
        for ts, _, _, _ in self.timexes:
            if start < ts < end:
                end = ts
                break
        words = list(WORD.finditer(text, start, end))[:MAX_CLAIMANT_WORDS]
        if not words:
            return Claim()
        end = phrase_end = words[-1].end()
        inside = art.between(words[0].start(), end)
        for j in inside:  # "the general staff in Kyiv": the staff, not Kyiv
            prefix = art.prefix(j)
            # "according to the Ukrainian air force": the cue's own preposition does not count
            lead = self.lex.determiners.fullmatch(text, start, art.mentions[j].start)
            if lead or prefix in ("", "member"):
                last = j
                while last + 1 in inside and self._continues(last, last + 1):
                    last += 1
                return Claim(art.index[last], art.mentions[last].text, (start, phrase_end))
            if prefix == "place":
                end = min(end, art.mentions[j].start)
        while words and words[-1].end() > end:
            words.pop()
        if not words:
            return Claim()
        # trailing function words left by a cut ("le ministère ... am")
        while len(words) > 1 and len(words[-1].group()) <= 3 and words[-1].group().islower():
            words.pop()
        return self._words_claim(text[words[0].start() : words[-1].end()], (start, phrase_end))

    def _continues(self, j: int, k: int) -> bool:
        """Is mention k the head of the phrase mention j opens ("US counterpart Lloyd Austin")?"""
        a, b = self.art.mentions[j], self.art.mentions[k]
        if b.type != "PER" or b.start - a.end > 40 or b.end > self.end:
            return False
        gap = self.text[a.end : b.start]
        if not PHRASE_GAP.fullmatch(gap):
            return False
        words = WORD.findall(gap.replace("’s", " ").replace("'s", " "))
        return all(w.lower() in self.lex.roles or w[0].isupper() for w in words)

    def _inherited(
        self, ts: int, kind: Trigger, cue: Cue | None, claim: Claim, quote: Quote | None
    ) -> list[int]:
        """The claimant as actor when the trigger has no subject of its own.

        "Wagner claimed the capture", "claimed to have seized", "said its
        forces had taken", « nos unités ont pris »: the claimant did it.
        """
        if claim.mention is None or kind.type == "casualties":
            return []  # who reports deaths is not who caused them
        j = self.art.position.get(claim.mention)
        if j is None:
            return []
        text, lex = self.text, self.lex
        if quote is not None:
            lead = text[quote.start : ts]
            return (
                [j] if lex.self_words.search(lead) and not self.art.between(quote.start, ts) else []
            )
        if cue is None or not cue.is_verb or cue.end > ts or self.art.between(cue.end, ts):
            return []
        lead = text[cue.end : ts]
        if kind.noun:  # "claimed the capture", not "said ... killed in the assault"
            if cue.kind == "claim" and self._filler(cue.end, ts):
                return [j]
            return (
                [j] if lex.infinitive.match(text, cue.end, ts) else []
            )  # "denied planning the attack"
        if (
            cue.kind == "claim"
            or not lead.strip()  # "denied capturing", "a démenti avoir"
            or lex.self_words.search(lead)
            or lex.infinitive.match(text, cue.end, ts)
        ):
            return [j]
        return []
