"""Who did it to whom, and where: the arguments of a trigger, from positions and prepositions.

The actor is the last name before the trigger in its clause that no
preposition governs ("Russian forces shelled"), else a name a relative
pronoun points back to ("Wagner, which captured"); the target is the first
name after it that is not a place ("shelled Kherson", "met Putin"). A
passive ("was shelled by", "a été prise par") swaps them; an intransitive
like "fell" or "died" makes its subject the target. A noun takes "by X",
"X's", an adjacent name ("Russian strikes") or "de/of + person" as its
actor and "of/on/against/contre X" as its target. German puts the object
before a final participle, so a name between the subject and the trigger
is read as the target when none follows.
"""

from __future__ import annotations

import re

from ..model import Mention, Quote, Timex
from .article import Claim, Cue, back
from .attribution import STOP, WORD, ClaimReader
from .lexicon import Trigger

_ADJACENT = re.compile(r"(?:['’]s)?\s+(?:[a-zà-ÿ-]+\s+)?")  # "Russian missile strikes"


class RoleReader(ClaimReader):
    """The argument rules, on top of the claim rules they use (zones start after a cue)."""

    def _zone_start(
        self, ts: int, cue: Cue | None, claim: Claim | None, quote: Quote | None
    ) -> int:
        """Where the trigger's own clause starts: after the cue, the boundary, the quote mark."""
        zs = self.start
        for _, e in self.bounds:
            if e <= ts:
                zs = max(zs, e)
        if quote is not None:
            zs = max(zs, quote.start)
        if cue is not None and cue.end <= ts:
            if cue.is_verb:
                zs = max(zs, cue.end)
            elif cue.kind == "source" and claim is not None and claim.span:
                zs = max(zs, min(claim.span[1], ts))  # "According to Kyiv, Russia shelled"
        return zs

    def _antecedent(self, zs: int) -> list[int]:
        """ "Evan Gershkovich, who was arrested": the name before a relative pronoun."""
        for s, e in self.bounds:
            if e == zs and self.lex.relative.fullmatch(self.text, s, e):
                before = self.art.between(self.start, s)
                if before and self.text[self.art.mentions[before[-1]].end : s].strip() in ("", ","):
                    return [before[-1]]
        return []

    def _object_before(self, kind: Trigger, actors: list[int], ze: int) -> list[int]:
        """A verb-final clause names its object before the verb: "hat ... Bachmut eingenommen"."""
        if not actors or kind.type in ("casualties", "meeting"):
            return []
        art = self.art
        start = art.mentions[actors[-1]].end
        for j in art.between(start, ze):
            readings = art.prefixes(j)  # German "von" is both "by" and "of"
            if (not readings or "member" in readings or "object" in readings) and j not in actors:
                return self._group(j)
        return []

    def _window_end(self, te: int) -> int:
        end = min(self.end, te + self.art.settings.target_window)
        stop = STOP.search(self.text, te, end)
        if stop:
            end = stop.start()
        for s, _ in self.bounds:
            if te <= s < end:
                end = s
                break
        for a, _ in self.spans:
            if te < a < end:
                end = a
        for c in self.cues:
            if c.is_verb and te <= c.start < end:
                end = c.start  # "nach ukrainischen Angaben" may stand inside the clause
        return end

    def _subject(self, zs: int, ze: int) -> list[int]:
        """The last name in [zs, ze) that no preposition governs, with names joined to it.

        The last, because appositions and titles come first ("Wagner chief Yevgeny
        Prigozhin"); the first in a verb-final language ("Wagner hat Bachmut eingenommen").
        """
        art = self.art
        inside = art.between(zs, ze)
        order = inside if self.lex.subject_first else inside[::-1]
        for tier in (("",), ("member",)):
            for j in order:
                if art.prefix(j) in tier:
                    group = [j]
                    while group[0] - 1 in inside and self._joined(group[0] - 1, group[0]):
                        group.insert(0, group[0] - 1)
                    return group
        return []

    def _joined(self, j: int, k: int) -> bool:
        gap = self.text[self.art.mentions[j].end : self.art.mentions[k].start]
        return bool(self.lex.conjunction.fullmatch(gap))

    def _group(self, j: int) -> list[int]:
        """Mention j (or the name it introduces) and the names coordinated after it."""
        art = self.art
        n = len(art.mentions)
        while j + 1 < n and self._continues(j, j + 1):
            j += 1
        group = [j]
        while (
            group[-1] + 1 < n
            and art.mentions[group[-1] + 1].end <= self.end
            and self._joined(group[-1], group[-1] + 1)
        ):
            group.append(group[-1] + 1)
        return group

    def _targets(self, kind: Trigger, after: list[int]) -> list[int]:
        art = self.art
        for j in after:
            m = art.mentions[j]
            if kind.type == "aid" and m.type == "MISC":
                continue  # "four Leopard tanks": a weapon, not a recipient
            if kind.type == "meeting" and m.type == "LOC":
                continue  # "visited Kyiv": a place, read by _place
            if art.prefix(j) == "agent":
                continue
            return self._group(j)
        return []

    def _is_place(self, j: int, kind: Trigger) -> bool:
        """Is mention j governed by a place preposition? For aid, "à/to" names the recipient."""
        readings = self.art.prefixes(j)
        return "place" in readings and not (kind.type == "aid" and "object" in readings)

    def _passive(self, lead: int, ts: int, te: int) -> bool:
        """An auxiliary just before the trigger ("was shelled", "a été prise"), or after it."""
        lex = self.lex
        if self.text[ts:te].endswith("ing"):
            return False  # "is shelling": progressive, not passive
        if lex.passive_after and lex.passive_after.match(self.text, te):
            return True
        if lex.passive_reach > 3:
            lead = back(self.text, ts, lex.passive_reach + 1, self.start)
        found = list(WORD.finditer(self.art.low, lead, ts))
        if lex.passive_reach <= 2 and found and found[-1].group().endswith(("ly", "ment", "mente")):
            found.pop()  # "was reportedly shelled"
        return any(
            m.group() in lex.passive and not self._in_name(m.start(), m.end())
            for m in found[-lex.passive_reach :]
        )

    def _in_name(self, start: int, end: int) -> bool:
        """A capitalised word before another is a name, not an auxiliary: Italian "Gli Stati
        Uniti invieranno" (stati: "been") is no passive."""
        after = WORD.search(self.text, end)
        return self.text[start].isupper() and after is not None and after.group()[0].isupper()

    def _noun_roles(
        self, kind: Trigger, zs: int, ze: int, ts: int, te: int, after: list[int]
    ) -> tuple[list[int], list[int]]:
        """Arguments of a noun: "Russian strikes on Kyiv", "l'attaque du Hamas", "capture of X"."""
        art, text = self.art, self.text
        actors: list[int] = []
        targets: list[int] = []
        before = art.between(zs, ts)
        if before:
            j = before[-1]
            if (
                _ADJACENT.fullmatch(text, art.mentions[j].end, ts)
                or not text[art.mentions[j].end : ts].strip()
            ):
                actors = [j]
        for j in after:
            m = art.mentions[j]
            if kind.type == "aid" and m.type == "MISC":
                continue
            if kind.type == "meeting" and m.type == "LOC":
                continue
            gap = self.art.low[te : m.start]
            if len(gap.split()) > self.art.settings.noun_reach or any(
                "place" in self.lex.prepositions.get(w, ()) for w in gap.split()
            ):
                break  # "attacks ... in the area of Bakhmut": not what was attacked
            prefix = art.prefix(j)
            gap_ok = prefix in ("object", "member") or self.lex.determiners.fullmatch(
                text, art.mentions[j - 1].end if j and j - 1 in after else te, m.start
            )
            if not gap_ok:
                continue
            agentive = kind.type in ("attack", "meeting", "aid", "capture")
            if prefix == "member" and m.type != "LOC" and agentive and not actors:
                actors = self._group(j)
                continue
            if not targets:
                targets = self._group(j)
            break
        # the subject of the clause: "Russia launched strikes", "Kyiv blamed Moscow for the attack";
        # not for casualty nouns, whose subject is the victim's side ("a visit to the wounded")
        if not actors and kind.type != "casualties" and not self._circumstantial(ts):
            lead = text[zs:ts]
            support = self.lex.support
            # "Trump ordered a strike" makes Trump its actor; "France responded to the
            # attack" and "the UN condemned these strikes" do not
            performed = support is None or support.search(text, zs, ts) is not None
            if not self.lex.determiners.fullmatch(lead.strip()) and ze > zs and performed:
                actors = self._subject(zs, ze)
        return actors, [j for j in targets if j not in actors]

    def _circumstantial(self, ts: int) -> bool:
        """Is the noun at ts background ("died in the strikes", "depuis le début des frappes")?"""
        lex = self.lex
        words = self.art.low[max(self.start, ts - 40) : ts].replace("'", " ").replace("’", " ")
        for w in reversed(words.split()):
            if w in lex.circumstance:
                return True
            if w not in lex.determiner_words and w not in lex.modifiers:
                return False
        return False

    def _action_start(self, ts: int, kind: Trigger, cue: Cue | None) -> int:
        """ "a revendiqué la prise": a claim verb governing a noun trigger is part of the action."""
        if not kind.noun or cue is None or cue.kind != "claim" or cue.end > ts:
            return ts
        if not self._filler(cue.end, ts):
            return ts
        before = self.lex.aux_before
        aux = (
            before.search(self.text, max(self.start, cue.start - 8), cue.start) if before else None
        )
        return aux.start() if aux else cue.start

    def _place(
        self,
        ts: int,
        te: int,
        kind: Trigger,
        targets: list[int],
        claim: Claim,
        clause: tuple[int, int],
    ) -> int | None:
        art = self.art
        if kind.type == "capture":
            for j in targets:
                if art.mentions[j].type == "LOC":
                    return j
        cs, ce = clause
        best: tuple[int, int, int] | None = None  # (outside clause, distance, j)
        for j in art.between(self.start, self.end):
            m = art.mentions[j]
            if m.type != "LOC" or within(m, claim.span) or j in targets:
                continue
            if not self._is_place(j, kind) and not (
                kind.type == "meeting" and self.lex.determiners.fullmatch(self.text, te, m.start)
            ):
                continue  # "visited Kyiv": a meeting's place may be its object
            key = (0 if cs <= m.start < ce else 1, abs(m.start - ts), j)
            if best is None or key < best:
                best = key
        if best is not None:
            return best[2]
        if kind.type == "attack":  # "shelled the town of Chasiv Yar": where it happened
            for j in targets:
                if art.mentions[j].type == "LOC":
                    return j
        return None

    def _date(self, ts: int, a: int, b: int) -> tuple[int, Timex] | None:
        best = None
        for s, e, k, t in self.timexes:
            if a <= s and e <= b:
                key = max(s - ts, ts - e, 0)
                if best is None or key < best[0]:
                    best = (key, k, t)
        return None if best is None else (best[1], best[2])


def within(m: Mention, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= m.start and m.end <= span[1]
