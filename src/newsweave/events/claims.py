"""Who did what to whom, where and when, and who says so: sentence-level events.

    from newsweave.events import extract_events
    events = extract_events(doc.text, doc.lang, doc.mentions, doc.timexes, doc.quotes)

No parser: this runs on every article in the workers. The per-language
cue lists (`language/<code>/events.txt`, compiled by `lexicon`) are found in
one pass over the article's words (`scan`); only sentences holding a trigger
are read (`sentences`), and then only around their triggers and cues, with
small anchored regexes and the entity mentions the earlier stages found
(`article`). The rules, in reading order (claims in `attribution`, actors,
targets and places in `roles`):

1. A sentence with a taxonomy trigger ("shelled", "la prise de") gives one
   event per trigger, except that triggers of one type in one clause are
   one event ("entered Kherson, retaken after..."). A sentence whose only
   trigger is a speech verb, with no quotation mark in it, is a statement.
2. A trigger after "could", "tried to"... or in a clause opened by "if" is
   no event; after "not", "n'a pas", or inside what someone denies, it is
   negated.
3. The claim: inside a direct quote, the quote's speaker; otherwise the
   nearest speech cue before the trigger in the same clause ("Kyiv said",
   "selon Moscou"), or one after it behind a comma (", officials said").
   The claimant is the nearest name before the cue, or the words after it
   when the subject is inverted (", a annoncé le ministère").
4. The actor is the last name before the trigger in its clause that no
   preposition governs; the target is the first name after it. A passive
   ("was shelled by") swaps them, a noun takes "by X", "X's" or an adjacent
   name as actor and "of/on/against X" as target. When the trigger has no
   subject of its own ("claimed to have seized", "said its forces took"),
   the claimant is the actor.
5. The place is the nearest place name after "in/near/à/près de/bei/en"
   outside the claimant's words; for a capture, the captured place.
6. The date is the nearest DATE timex (or a TIME one that names its day:
   "Thursday night") in the trigger's clause, else in the claim's clause
   ("claimed on Wednesday that..."). None otherwise: the publication date
   is not an event date.

Indexes in the returned events point into the `mentions` and `timexes`
given, in their order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..config import EventSettings
from ..language.registry import find_language
from ..model import Event, Mention, Quote, Timex
from ..quotes.resources import charge_cue
from . import lexicon as lexicons
from . import scan
from .article import Article, Claim, Cue, back
from .lexicon import Trigger
from .roles import RoleReader, within
from .sentences import locate, split

_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_DEFAULTS = EventSettings()


def extract_events(
    text: str,
    lang: str,
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    quotes: Sequence[Quote] = (),
    settings: EventSettings = _DEFAULTS,
) -> list[Event]:
    """Events of one article in text order; [] for a language without events.txt.

    `settings` are the reading distances (`EventSettings`); the shipped ones by default.
    """
    lang = (lang or "").lower().split("-")[0].split("_")[0]  # "en-GB", "fr_FR" -> en, fr
    lex = lexicons.load(lang) if lang.isalpha() else None
    if lex is None or not text:
        return []
    low = scan.lower(text)
    starts = lex.words.starts(low)
    hits = lex.triggers.scan(text, starts, 0)
    if not hits:
        return []
    article = Article(text, low, lex, mentions, timexes, quotes, settings)
    bounds = split(text, lex.abbreviations)
    firsts = [b[0] for b in bounds]
    by_sentence: dict[int, list[tuple[int, int, Trigger]]] = {}
    nouns_capitalised = _capitalised_nouns(lang)
    for a, b, k in hits:
        i = locate(bounds, firsts, a)
        if i is None or article.inside_mention(a, b):
            continue
        if not nouns_capitalised and _in_name(text, bounds[i][0], a):
            continue  # "la plaza de la Liberación", "Radio Liberty": part of a name
        by_sentence.setdefault(i, []).append((a, b, lex.kinds[k]))
    article.read_cues(starts)
    events: list[Event] = []
    for i, sentence_hits in by_sentence.items():
        start, end = bounds[i]
        if all(k.type == "statement" for _, _, k in sentence_hits) and _framing(
            text, start, end, quotes
        ):
            continue  # the quote stage reports what is said between quotation marks
        events.extend(_Sentence(article, start, end, sentence_hits).events())
    return events


class _Sentence(RoleReader):
    """One sentence with triggers and the events they make."""

    def events(self) -> list[Event]:
        made: list[tuple[int, Event]] = []  # (clause start, event)
        for a, b, kind in self.hits:
            if kind.type == "statement":
                continue
            found = self._event(a, b, kind)
            if found is None:
                continue
            clause, event = found
            same = next((e for c, e in made if c == clause and e.type == event.type), None)
            if same is None:
                made.append(found)
            else:
                _merge(same, event)
        if made:
            return [e for _, e in made]
        if _framing(self.text, self.start, self.end, self.art.quotes):
            return []  # the quote stage reports what is said between quotation marks
        for a, b, kind in self.hits:
            if (
                kind.type == "statement"
                and self._speech_verb(a)
                and not self._passive_speech(a, b)
                and self._whole(a, b)
            ):
                return [self._statement(a, b)]
        return []

    def _speech_verb(self, ts: int) -> bool:
        """ "l'annonce du cessez-le-feu", "un système d'alerte": a determiner makes the
        word a noun; "un parti qui considère", "un voyage qui répond à": a relative pronoun
        right before gives a description of its antecedent, not a statement."""
        before = _WORD_BEFORE.search(self.art.low, max(self.start, ts - 20), ts)
        if before is None:
            return True
        word = before.group(1)
        if word in self.lex.determiner_words or word == "d":
            return False
        if not self.lex.relative.fullmatch(word):
            return True
        # "Penelac, her electric provider, who confirmed": a named antecedent speaks
        rel = before.start(1)
        return any(
            0 <= rel - m.end <= 40 and not re.search(r"[.;:!?]", self.text[m.end : rel])
            for m in self.art.mentions
        )

    def _whole(self, ts: int, te: int) -> bool:
        """A separable verb needs its particle in the sentence: "gab ... zu" admitted,
        "gab es" (there was) and "stellt ... ab" (parks) say nothing."""
        particle = self.lex.particles.get(self.art.low[ts:te])
        if not particle:
            return True
        words = "|".join(re.escape(p) for p in particle.split(","))
        return re.search(rf"(?<!\w)(?:{words})(?!\w)", self.art.low[te : self.end]) is not None

    def _passive_speech(self, ts: int, te: int) -> bool:
        """ "His sacking was reported", "est considéré par", "have been added": a speech
        verb in the passive reports no one's statement. A reflexive "si è dichiarato",
        "s'est dit" is active."""
        lead = back(self.text, ts, 3, self.start)
        before = _WORD_BEFORE.search(self.art.low, max(self.start, ts - 20), ts)
        copula = before is not None and before.group(1) in _COPULAS
        if not (self._passive(lead, ts, te) or copula) or self.art.low.endswith("ing", ts, te):
            return False
        return not _REFLEXIVE.search(self.art.low, lead, ts)

    def _event(self, ts: int, te: int, kind: Trigger) -> tuple[int, Event] | None:
        art, text, lex = self.art, self.text, self.lex
        charge = charge_cue(lex.lang)
        if kind.type != "legal" and charge and charge.search(text, max(self.start, ts - 60), ts):
            return None  # charged with "aggravated assault": an offence's name, not an attack
        quote = art.quote_at(ts)
        if quote is not None and quote.speaker_text is None and quote.speaker_mention is None:
            quote = None  # an unattributed quote: read the cues around it instead
        cue = None if quote else self._governing(ts, te)
        claim = self._quote_claim(quote) if quote else self._claim(cue) if cue else None
        zs = self._zone_start(ts, cue, claim, quote)
        reach = self.art.settings
        w4 = back(text, ts, reach.hypothetical_words, zs)
        if lex.hypothetical.search(text, w4, ts) or self._conditional(ts):
            return None  # "could fall", "tried to take", "if Russia captures..."
        if (
            lex.conditional
            and lex.conditional.search(text, w4, ts)
            and not any(c.is_verb and c.end <= ts for c in self.cues)
        ):
            return None
        ze = min([a for a, _ in self.spans if zs <= a < ts] + [ts])
        passive = not kind.noun and self._passive(w4, ts, te)
        we = self._window_end(te)
        after = [  # "claims the east of Bakhmut": a preposition inside the trigger is its own
            j
            for j in art.between(te, we)
            if not self._is_place(j, kind)
            or lex.determiners.fullmatch(text, te, art.mentions[j].start)
        ]
        agent = [j for j in after if art.prefix(j) == "agent"]
        actors: list[int] = []
        targets: list[int] = []
        if agent and (passive or kind.noun):
            actors = self._group(agent[0])
            after = [j for j in after if j not in actors]
            passive = True
        if passive or kind.patient:
            targets = self._subject(zs, ze) or self._antecedent(zs)
            if kind.patient and not actors and after:
                actors = self._group(after[0])
        elif kind.noun:
            actors, targets = self._noun_roles(kind, zs, ze, ts, te, after)
        else:
            actors = self._subject(zs, ze) or self._antecedent(zs)
            targets = self._targets(kind, after) or self._object_before(kind, actors, ze)
        if kind.object and not targets:
            return None
        if kind.type == "capture" and self._only_persons(kind, actors, targets):
            return None  # "la chute de Kadhafi": a ruler falls, no place is taken
        claim = claim or Claim()
        if not actors and not kind.patient and not (quote and kind.noun):
            actors = self._inherited(ts, kind, cue, claim, quote)
        actors_out = [art.index[j] for j in actors]
        if claim.own or kind.self_claim:
            claim = Claim(mention=actors_out[0] if actors_out else None)
        negated = bool(
            lex.negation.search(text, back(text, ts, reach.negation_words, max(zs, w4)), ts)
        ) or (
            cue is not None
            and cue.kind == "deny"
            and cue.end <= ts
            and "," not in text[cue.end : ts]  # "denied, saying its troops repelled attacks"
        )
        action_start = self._action_start(ts, kind, cue)
        clause = self._clause(ts)
        place = self._place(ts, te, kind, targets, claim, clause)
        timex = None
        if self.timexes:
            timex = self._date(ts, *clause)
            if timex is None and cue is not None:
                timex = self._date(ts, *self._cue_region(cue))
        event = Event(
            type=kind.type,
            action=text[action_start:te],
            sentence_start=self.start,
            sentence_end=self.end,
            action_start=action_start,
            action_end=te,
            actors=actors_out,
            targets=[art.index[j] for j in targets if j not in actors],
            place=None if place is None else art.index[place],
            claimed_by=claim.mention,
            claimed_by_text=None if claim.mention is not None else claim.text,
            negated=negated,
        )
        _set_date(event, timex)
        return clause[0], event

    def _only_persons(self, kind: Trigger, actors: list[int], targets: list[int]) -> bool:
        """Is what a capture takes only a person: its targets, or for a noun with none the
        person after "de/of" ("la caída de Gadafi") that was read as its actor?"""
        ms = self.art.mentions
        if targets:
            return all(ms[j].type == "PER" for j in targets)
        return (
            kind.noun
            and bool(actors)
            and all(ms[j].type == "PER" for j in actors)
            and self.art.prefix(actors[0]) == "member"
        )

    def _conditional(self, ts: int) -> bool:
        """Does the trigger's clause open with "if", "si", "wenn"?"""
        start = self._clause(ts)[0]
        if start == self.start:
            return bool(self.lex.condition.match(self.text, start))
        return any(
            e == start and self.lex.condition.fullmatch(self.text, s, e) for s, e in self.bounds
        )

    def _statement(self, ts: int, te: int) -> Event:
        """Reported speech: the speaker is the actor; the date is in the speaker's clause."""
        cue = Cue("verb", ts, te)
        claim = self._claim(cue)
        region = self._cue_region(cue)
        place = None
        for j in self.art.between(*region):
            if (
                self.art.mentions[j].type == "LOC"
                and self.art.prefix(j) == "place"
                and not within(self.art.mentions[j], claim.span)
            ):
                place = self.art.index[j]
                break
        event = Event(
            type="statement",
            action=self.text[ts:te],
            sentence_start=self.start,
            sentence_end=self.end,
            action_start=ts,
            action_end=te,
            actors=[] if claim.mention is None else [claim.mention],
            place=place,
        )
        _set_date(event, self._date(ts, *region))
        return event


# "est considéré", "es considerado", "è ritenuto": speech verbs take "avoir"/"haber"/"avere"
# in their active past, so a form of "be" just before one makes it passive.
_COPULAS_WORDS = "est sont était étaient is are was were es son era eran è sono erano"
_COPULAS = frozenset(_COPULAS_WORDS.split())
_REFLEXIVE = re.compile(r"(?<!\w)(?:si|se|s['’]|sich)(?:\s|(?<=['’]))")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


@cache
def _capitalised_nouns(lang: str) -> bool:
    language = find_language(lang)
    return language is not None and language.capitalised_nouns


def _in_name(text: str, sentence_start: int, ts: int) -> bool:
    """A capitalised trigger after a lower-case word of its sentence is a word of a name
    (a square, a newspaper, an operation); a headline capitalises the word before too."""
    if not text[ts].isupper():
        return False
    before = _WORD_BEFORE.search(text, max(sentence_start, ts - 40), ts)
    return before is not None and before.group(1)[0].islower()


def _framing(text: str, start: int, end: int, quotes: Sequence[Quote]) -> bool:
    """Does the sentence frame a direct quote: marks in it, a quote the quote stage found
    in it or closing right before it ("'…,' Arians said."), or a colon ending it before a quoted
    text set apart ("a tweeté :")?"""
    if _QUOTE_MARKS.search(text, start, end):
        return True
    if text[start:end].rstrip().endswith(":"):
        return True
    for q in quotes:
        if q.start < end and start < q.end:
            return True
        gap = text[q.end : start]
        if 0 <= start - q.end <= 4 and ("," in gap or text[start : start + 1].islower()):
            return True  # "'…,' Arians said." split off as a sentence of its own
    return False


def _set_date(event: Event, found: tuple[int, Timex] | None) -> None:
    if found is None:
        return
    k, t = found
    event.timex = k
    event.date = t.value[:10] if t.type == "TIME" and t.value else t.value
    event.date_text = t.text


def _merge(into: Event, other: Event) -> None:
    """Two triggers of one type in one clause are one event: fill what the first lacks."""
    into.actors = into.actors or other.actors
    into.targets = into.targets or other.targets
    if into.place is None:
        into.place = other.place
    if into.timex is None and other.timex is not None:
        into.timex, into.date, into.date_text = other.timex, other.date, other.date_text
    if into.claimed_by is None and into.claimed_by_text is None:
        into.claimed_by, into.claimed_by_text = other.claimed_by, other.claimed_by_text
    into.negated = into.negated or other.negated
