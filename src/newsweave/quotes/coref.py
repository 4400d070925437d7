"""Resolve a speaker phrase to an entity mention of the article.

Four routes, named by `Quote.how`:

- name: the phrase overlaps a person (or organisation) mention, or its last
  word is the surname of one ("Mr. Barrett", a transcript's "PENCE");
- pronoun: "she", "il", "a-t-elle", or a dropped Spanish subject, goes to
  the closest earlier person that agrees in gender, preferring the subject of
  each sentence (its first person mention) over later ones, as a reader does;
- role: "the Ukrainian minister", "le chef de l'OTAN", "der Kanzler" goes to
  the person whose description (`describe(key)`) or whose title and
  apposition in this article carry the same role concept; a country named in
  the phrase must not contradict the description;
- institution: "the Pentagon", "le département d'Etat" goes to an
  organisation mention when there is one, otherwise stays a phrase.

Only mentions outside quotes count as antecedents: a name inside a quote is
talked about, not talking. Nothing is guessed when no candidate fits.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..model import Mention
from .resources import Resources, load, pooled_roles
from .tokens import tokenize

_SENTENCE_END = re.compile(r"[.!?…][\"”»’')]*\s+(?=[\"“«„(]?[A-ZÀ-Þ¿¡—–])|\n+")
PERSON = "PER"
MAX_SENTENCES = 6  # how far back a pronoun may find its person
GENERIC_ROLES = frozenset({"head", "leader"})
GROUPS = ("ORG", "MISC", "LOC")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word or name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


_WORDS = re.compile(r"[^\W_][\w'’]*")
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_CLAUSE_BREAK = re.compile(r"[,.;:()\n\"“”«»„]")
_LAST_WORD = re.compile(r"([^\W_][\w'’]*)[^\w]*$")


def _last_word(text: str) -> str:
    m = _LAST_WORD.search(text)
    return fold(m.group(1)) if m else ""


class Resolver:
    """Per-article state: mentions in order, their genders and role profiles."""

    def __init__(
        self,
        text: str,
        res: Resources,
        mentions: Sequence[Mention],
        describe: Callable[[str], str | None] | None,
        quoted: Sequence[tuple[int, int]],
    ) -> None:
        self.text = text
        self.res = res
        self.mentions = mentions
        self.describe = describe
        order = sorted(range(len(mentions)), key=lambda k: (mentions[k].start, -mentions[k].end))
        quoted = sorted(quoted)
        self.outside = [k for k in order if not _inside(mentions[k], quoted)]
        self.starts = [mentions[k].start for k in order]
        self.order = order
        self._profiles: dict[int, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}
        self._surnames: dict[int, str] = {}
        self._genders: dict[int, str] = {}
        self._names: dict[int, str] = {}
        self._resolved: list[tuple[int, int, int]] = []  # (start, end, person) of speakers
        self._unresolved: list[int] = []  # starts of speaker phrases naming nobody we know

    def _name(self, k: int) -> str:
        """Folded words of mention `k`, for comparing organisation names."""
        name = self._names.get(k)
        if name is None:
            name = self._names[k] = " ".join(fold(w) for w in _WORDS.findall(self.mentions[k].text))
        return name

    def surname(self, k: int) -> str:
        """Folded last word of mention `k` ("Avril Haines" -> "haines"), cached."""
        name = self._surnames.get(k)
        if name is None:
            name = self._surnames[k] = _last_word(self.mentions[k].text)
        return name

    # --- lookups -----------------------------------------------------------------
    def overlapping(self, start: int, end: int, types: Sequence[str]) -> int | None:
        """The longest mention of one of `types` overlapping [start, end)."""
        best, best_len = None, -1
        hi = bisect_right(self.starts, end)
        for pos in range(max(0, hi - 40), hi):
            k = self.order[pos]
            m = self.mentions[k]
            if m.start < end and start < m.end and m.type in types and m.end - m.start > best_len:
                best, best_len = k, m.end - m.start
        return best

    def by_surname(self, surname: str, before: int) -> int | None:
        """The last person mention (preferably before `before`) whose last word is `surname`."""
        if not surname:
            return None
        hits = [
            k
            for k in self.outside
            if self.mentions[k].type == PERSON and self.surname(k) == surname
        ]
        if not hits:
            return None
        earlier = [k for k in hits if self.mentions[k].start < before]
        return (earlier or hits)[-1]

    def organisation(self, phrase: str, before: int) -> int | None:
        """An organisation mention named like the phrase ("the Pentagon" -> "Pentagon")."""
        words = [fold(w) for w in _WORDS.findall(phrase)]
        words = [w for w in words if w not in self.res.determiners]
        if not words:
            return None
        key = " ".join(words)
        hits = [k for k in self.outside if self.mentions[k].type in GROUPS and self._name(k) == key]
        earlier = [k for k in hits if self.mentions[k].start < before]
        return (earlier or hits or [None])[-1]

    # --- genders -------------------------------------------------------------------
    def _own_gender(self, k: int) -> str:
        """Gender shown at one mention: a title before it, a given name, a gendered role."""
        cached = self._genders.get(k)
        if cached is not None:
            return cached
        res, m = self.res, self.mentions[k]
        gender = ""
        before = _LAST_WORD.search(self.text, max(0, m.start - 30), m.start)
        words = [w.lower() for w in _WORDS.findall(m.text)]
        for low in ([before.group(1).lower()] if before else []) + words[:1]:
            gender = res.titles.get(low, "") or gender
            seq = res.roles.match([low], 0)
            if seq and not gender and res.role(seq).gender in ("m", "f"):
                gender = res.role(seq).gender
        if not gender and words:
            gender = res.first_names.get(words[0], "")
        self._genders[k] = gender
        return gender

    def gender(self, k: int) -> str:
        """Gender of person mention `k`, or of another mention with the same surname."""
        own = self._own_gender(k)
        if own:
            return own
        surname = self.surname(k)
        for j in self.outside:
            if j != k and self.mentions[j].type == PERSON and self.surname(j) == surname:
                own = self._own_gender(j)
                if own:
                    return own
        return ""

    # --- sentences -----------------------------------------------------------------
    def _boundaries(self, start: int, end: int) -> int:
        """How many sentences end in text[start:end] ("Mr. Smith" does not end one)."""
        count = 0
        for m in _SENTENCE_END.finditer(self.text, start, end):
            if m.group().startswith("."):
                before = self.text[max(0, m.start() - 6) : m.start()].split()
                word = before[-1].lower().strip(".") if before else ""
                if word in self.res.titles or len(word) == 1:
                    continue  # "Mr. Smith", "George W. Bush"
            count += 1
        return count

    # --- pronouns ------------------------------------------------------------------
    def antecedent(self, pos: int, gender: str, number: str) -> int | None:
        """The person a pronoun refers to (see `_antecedent`), unless a speaker we could
        not resolve ("indique le post", "the spokesman said") came between: "poursuit-il"
        then continues that speaker, not a person named before it."""
        hit = self._antecedent(pos, gender, number)
        if hit is None or not self._unresolved:
            return hit
        last = max(
            [self.mentions[hit].start] + [s for s, _e, k in self._resolved if k == hit and s < pos]
        )
        return None if any(last < b < pos for b in self._unresolved) else hit

    def unresolved(self, start: int) -> None:
        """Remember a speaker phrase (a role, an institution) that names nobody we know."""
        self._unresolved.append(start)

    def _antecedent(self, pos: int, gender: str, number: str) -> int | None:
        """The person (or, for plural/neuter pronouns, organisation) a pronoun refers to.

        Sentences are visited from the pronoun backwards (at most `MAX_SENTENCES`);
        in each, the first person named (its subject, usually) is tried before
        the others, then the most recent one. Speakers already resolved count as
        named where their pronoun or role stands ("He said Putin ... He told"),
        and a pronoun whose own sentence opens with a described person ("My
        mother ..., but she says") goes to that description, not to a name
        further back.
        """
        if number == "first":
            return None
        groups = number != "sg" or gender == "n"
        wanted = GROUPS if groups else (PERSON,)
        candidates = [
            (m.start, m.end, k)
            for k in self.outside
            if (m := self.mentions[k]).start < pos and m.type in wanted
        ]
        if not groups:
            described = self._described_subject(pos)
            if described is not None:
                return self.role_holder(*described)
            candidates += [c for c in self._resolved if c[0] < pos]
            candidates.sort()
            if self._unnamed_before(pos, candidates, gender):
                return None
        cursor, distance = pos, 0
        sentence: list[int] = []  # candidates of the current sentence, latest first
        first = pos  # where the earliest candidate of the current sentence starts
        for start, end, k in reversed(candidates):
            crossed = self._boundaries(end, cursor)
            cursor = start
            if crossed and sentence:
                hit = self._choose(sentence, gender, groups, first, number)
                if hit is not None:
                    return hit
                sentence = []
            distance += crossed
            if distance > MAX_SENTENCES:
                return None
            sentence.append(k)
            first = start
        return self._choose(sentence, gender, groups, first, number) if sentence else None

    def _unnamed_before(self, pos: int, candidates: list, gender: str) -> bool:
        """Is the nearest person an unnamed one? "L'Allemagne ... lorsque son ministre de
        la défense a déclaré que ... « ... », a-t-il déclaré": when neither the pronoun's
        sentence nor the one before names a person but the one before holds a role
        noun, the pronoun is that role-holder, and a name further back would be a guess.
        """
        text = self.text
        head = text[max(0, pos - 600) : pos]
        ends = [m.end() for m in _SENTENCE_END.finditer(head)]
        if not ends:
            return False
        base = max(0, pos - 600)
        own_start = base + ends[-1]
        prev_start = base + (ends[-2] if len(ends) > 1 else 0)
        if len(ends) == 1 and pos - 600 > 0:
            return False  # the sentence before starts outside the window: not sure
        if any(prev_start <= start < pos for start, _end, _k in candidates):
            return False
        tokens = tokenize(text, prev_start, own_start)
        lows = [t.low for t in tokens]
        for i in range(len(lows)):
            seq = self.res.roles.match(lows, i)
            if seq and (not gender or self.res.role(seq).gender in {"", gender}):
                return True
        # "Mouammar Kadhafi ... L'un d'eux était dans la rue. « … », a-t-il précisé": a
        # person the text leaves unnamed is nearer than the name; the quote is not Gaddafi's
        mark = _QUOTE_MARK.search(text, own_start, pos)  # not the words of a quote
        lows += [t.low for t in tokenize(text, own_start, mark.start() if mark else pos)]
        return any(self.res.unnamed.match(lows, i) for i in range(len(lows)))

    def note(self, start: int, end: int, mention: int | None) -> None:
        """Remember a speaker resolved to a person: later pronouns may continue it."""
        if mention is not None and self.mentions[mention].type == PERSON:
            self._resolved.append((start, end, mention))

    def _described_subject(self, pos: int) -> tuple[str, int, str] | None:
        """A role phrase ("my mother", "the senator") opening the pronoun's sentence, when
        no person is named before the pronoun in that sentence."""
        window = self.text[max(0, pos - 300) : pos]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        start = max(0, pos - 300) + (ends[-1] if ends else 0)
        if any(
            start <= m.start < pos for k in self.outside if (m := self.mentions[k]).type == PERSON
        ):
            return None
        tokens = tokenize(self.text, start, pos)
        lows = [t.low for t in tokens]
        # the sentence must open with the description: "My mother has softened ..."
        if len(lows) < 3 or not (lows[0] in self.res.determiners or lows[0].endswith("'s")):
            return None
        for i in range(1, min(len(lows), 4)):
            if not tokens[i].is_word:
                return None
            seq = self.res.roles.match(lows, i)
            if seq:
                phrase = " ".join(t.text for t in tokens[: i + len(seq)])
                return phrase, start, self.res.role(seq).gender
        return None

    def _choose(
        self, sentence: list[int], gender: str, groups: bool, first: int, number: str
    ) -> int | None:
        if not groups and self._pronoun_subject(first, gender, number):
            return None  # "He praised Governor Webb": Webb is the object, look further back
        for k in [sentence[-1], *sentence[:-1]]:  # the subject first, then the most recent
            if groups or not gender:
                return k
            g = self.gender(k)
            if not g or g == gender:
                return k
        return None

    def _pronoun_subject(self, first: int, gender: str, number: str) -> bool:
        """Does the sentence holding `first` open with a pronoun like ours, before any name?"""
        window = self.text[max(0, first - 200) : first]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        opening = _WORDS.search(window, ends[-1] if ends else 0)
        if opening is None or (not ends and first > 200):
            return False
        info = self.res.pronouns.get(opening.group().lower())
        return info is not None and info[1] == number and (not gender or info[0] == gender)

    def role_holder(self, phrase: str, pos: int, role_gender: str) -> int | None:
        """The person whose description or apposition matches a role phrase."""
        concepts, countries, words = _profile_of(phrase, self.res)
        if concepts <= GENERIC_ROLES:
            # "the defence chief" heads what "defence" names in the role list ("defence
            # minister"): that office's holder, not any head ("the president")
            concepts = _domain_of(phrase, self.res.lang) or concepts
        # "the president" must find a president; only a generic "chief" or "chef" may find
        # any head ("the alliance chief" -> "Secretary General of NATO")
        concepts = (concepts - GENERIC_ROLES) or concepts
        if not concepts:
            return None
        best, best_key = None, None
        seen: set[str] = set()
        for k in reversed(self.outside):
            m = self.mentions[k]
            if m.type != PERSON:
                continue
            ident = m.key or self.surname(k)
            if ident in seen:
                continue
            seen.add(ident)
            p_concepts, p_countries, p_words = self._profile(k, ident)
            if not concepts & p_concepts:
                continue
            if countries and p_countries and not countries & p_countries:
                continue  # "the Ukrainian minister" is not Russia's minister
            if self._elsewhere(k, phrase, pos):
                continue
            g = self.gender(k)
            if role_gender and g and g != role_gender:
                continue
            score = (
                2 * len(countries & p_countries) + len(words & p_words),
                m.start < pos,
                -abs(pos - m.start),
            )
            if best_key is None or score > best_key:
                best, best_key = k, score
        return best

    def _elsewhere(self, k: int, phrase: str, pos: int) -> bool:
        """ "London mayor Sadiq Khan ... In Nice, the mayor said": a holder whose role is
        tied to a place named just before the name is not "the mayor" once the text has
        moved to another place, unless the role phrase names the holder's place."""
        m = self.mentions[k]
        if not m.start < pos:
            return False
        own = [
            p for p in self.mentions
            if p.type == "LOC" and p.end <= m.start and m.start - p.end <= 40
            and self._role_words(self.text[p.end : m.start])
        ]  # fmt: skip
        if not own:
            return False
        place = fold(own[-1].label or own[-1].text)
        if place in fold(phrase):
            return False
        return any(
            p.type == "LOC" and m.end <= p.start < pos and fold(p.label or p.text) != place
            for p in self.mentions
        )

    def _role_words(self, between: str) -> bool:
        """ "London mayor Sadiq Khan": only role words join the place to the name ("Meeting
        in Stockholm with their counterpart X" ties X to no place)."""
        if _CLAUSE_BREAK.search(between):
            return False
        words = [w.lower() for w in _WORDS.findall(between)]
        return 1 <= len(words) <= 3 and all(
            self.res.roles.match([w], 0) or w in self.res.titles or w == "s" for w in words
        )

    def _profile(self, k: int, ident: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Role concepts, countries and word stems known about person `k` and namesakes."""
        if k in self._profiles:
            return self._profiles[k]
        parts: list[str] = []
        if self.describe is not None and self.mentions[k].key:
            try:
                parts.append(self.describe(self.mentions[k].key) or "")
            except Exception as exc:  # a failing knowledge base must not stop quote extraction
                logging.getLogger(__name__).warning(
                    "knowledge-base lookup of %r failed (%s: %s); its role is not used",
                    self.mentions[k].key, type(exc).__name__, exc,
                )  # fmt: skip
                parts.append("")
        for j in self.outside:
            m = self.mentions[j]
            if m.type == PERSON and (m.key or self.surname(j)) == ident:
                parts.append(self._apposition(m))
        profile = _profile_of(" . ".join(parts), self.res, pooled=True)
        self._profiles[k] = profile
        return profile

    def _apposition(self, m: Mention) -> str:
        """Words naming a person's role next to the name: "Defence Minister X", "X, the ... ,"."""
        text = self.text
        before = text[max(0, m.start - 80) : m.start].rstrip(" \u00a0")
        if before.endswith(","):  # "le ministre ukrainien de la Défense, X"
            before = before[:-1]
        clause = _CLAUSE_BREAK.split(before)[-1]
        lead: list[str] = []
        for word in reversed(_WORDS.findall(clause)):
            low = word.lower()
            if low in self.res.boundaries and low not in self.res.connectors:
                break
            lead.append(word)
            if len(lead) >= 7:
                break
        after = ""
        stripped = text[m.end : m.end + 120].lstrip(" \u00a0")
        if stripped.startswith(","):
            # ", the defence minister," / ", ministre de la Défense": a role in apposition;
            # ", who took heat for ... the candidate" is a clause about something else
            words = _WORDS.findall(_CLAUSE_BREAK.split(stripped[1:], maxsplit=1)[0])[:8]
            first = words[0].lower() if words else ""
            role_like = bool(words) and (words[0][0].isupper() or self.res.roles.match([first], 0))
            if first in self.res.determiners or role_like:
                after = " ".join(words)
        return " ".join(reversed(lead)) + " . " + after


def _inside(m: Mention, quoted: Sequence[tuple[int, int]]) -> bool:
    pos = bisect_right(quoted, (m.start, len(quoted) + 10**12)) - 1
    return pos >= 0 and quoted[pos][0] <= m.start and m.end <= quoted[pos][1]


# German compounds end in their role: "Verteidigungsminister", "Regierungssprecherin"
_COMPOUND_TAILS = ("minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin")


def _compound_concept(low: str) -> str:
    if low.endswith(("minister", "ministerin")):
        return "minister"
    if low.endswith(("präsident", "präsidentin")):
        return "president"
    return "spokesperson"


@lru_cache(maxsize=4096)
def _domain_of(phrase: str, lang: str) -> frozenset[str]:
    """Offices a generic head's qualifier names: "defence" in "the defence chief" is the
    domain of "defence minister", so that chief is the defence minister; a qualifier no
    listed role carries ("the alliance chief") names none."""
    domains = _domains(lang)
    lows = [t.low for t in tokenize(phrase) if t.is_word]
    return frozenset(c for low in lows for c in domains.get(low, ()))


@lru_cache(maxsize=16)
def _domains(lang: str) -> dict[str, frozenset[str]]:
    """Each word that qualifies a role noun inside a listed role ("defence" in "defence
    minister", "diplomatie" in "chef de la diplomatie"), with the concepts every such role
    shares beyond its role noun's own ("defence_minister", not "minister" or "head")."""
    res = load(lang)
    assert res is not None
    skip = res.determiners | res.connectors
    found: dict[str, frozenset[str]] = {}
    for seq in res.roles.extra:
        if len(seq) < 2:
            continue
        nouns = [w for w in seq if (w,) in res.roles.extra]
        if not nouns:
            continue
        own = frozenset().union(*(res.role((w,)).concepts for w in nouns))
        concepts = res.role(seq).concepts - own - GENERIC_ROLES
        for w in seq:
            if w in skip or w in nouns or not concepts:
                continue
            found[w] = found[w] & concepts if w in found else concepts
    return {w: c for w, c in found.items() if c}


def _profile_of(
    text: str, res: Resources, pooled: bool = False
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return _profile_cached(text, res.lang, pooled)


@lru_cache(maxsize=8192)
def _profile_cached(
    text: str, lang: str, pooled: bool
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Role concepts, country codes and other word stems in a phrase or description.

    Cached: the same entity descriptions come back article after article.
    """
    res = load(lang)
    assert res is not None
    lows = [t.low for t in tokenize(text) if t.is_word]
    table = pooled_roles() if pooled else res.roles
    concepts: set[str] = set()
    used: set[int] = set()
    for i in range(len(lows)):
        seq = table.match(lows, i)
        if seq:
            concepts.update(c for c in table.extra.get(seq, "").split("|")[0].split(",") if c)
            used.update(range(i, i + len(seq)))
        elif len(lows[i]) > 8 and lows[i].endswith(_COMPOUND_TAILS):
            concepts.add(_compound_concept(lows[i]))
            used.add(i)
    countries: set[str] = set()
    for i, low in enumerate(lows):
        code = res.countries.get(low) or (
            res.countries.get(f"{low} {lows[i + 1]}") if i + 1 < len(lows) else None
        )
        if code:
            countries.add(code)
            used.add(i)
    skip = res.determiners | res.connectors | res.boundaries
    words = {fold(low)[:5] for i, low in enumerate(lows) if i not in used and low not in skip}
    return frozenset(concepts), frozenset(countries), frozenset(w for w in words if len(w) >= 3)
