"""Place names that a recogniser's spans hide: inside organisation names, behind a
person's type, in a street's name.

Local news name their institutions after their town ("the Dublin Arts Council",
"Mansfield Police Department", "BlueCross BlueShield of Tennessee"): the model
gives one organisation span and the town is never geocoded, although it is the
article's place. A small model also calls a town a person when it stands alone
before a noun ("Sunday Alexandria Police went"). Each rule here reads the
article's own evidence (the words beside a name, its other mentions) and the
gazetteer; `link` resolves what they propose with the article's other places
and drops a proposal that does not resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

from ..clustering.features import COMMON_CAPS
from ..language.registry import find_language
from ..model import Mention
from .gazetteer import distance_km
from .geocode import zipf
from .names import fold


@cache
def _cues(lang: str | None, section: str) -> frozenset[str]:
    """A section of the language's `not_places.txt`: words after a town's name that
    make the span something named after the town ("named_after": "Post", "Airlines"),
    civic nouns after a place's name ("civic": "Police", "residents") and lower-case
    words before one ("locative": "in", "near")."""
    language = find_language(lang or "en")
    if language is None:
        return frozenset()
    return frozenset(w.casefold() for w in language.sections("not_places.txt").get(section, []))


_WORD = re.compile(r"[^\s,;:()\"“”]+")
_STREET = re.compile(
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?"
    r"|Highway|Hwy\.?|Parkway|Pkwy\.?|Trail|Pike)$"
)
_PLACE_KINDS = ("city", "admin1", "admin2", "country", "continent")


def _place_name(name: str, geocoder: Any, lang: str | None) -> bool:
    """A name the gazetteer knows as a place under that very name (not an alternate
    name of a village), and no common word of the language ("Union", "Best")."""
    if not name[:1].isupper():
        return False
    found = geocoder.exact_candidates(name, lang)
    if any(m.via == "demonym" for m in found):
        return True  # "the [American] Recovery Act", "the State [Russian] Museum"
    if geocoder.common_word(name, lang):
        return False
    for m in found:
        if m.method == "fuzzy" or m.place.kind not in _PLACE_KINDS:
            continue
        if m.place.kind == "city" and m.via not in ("name", "exonym", "qualified name"):
            continue
        if m.place.kind == "city" and " " not in name and name.isupper() and len(name) <= 4:
            continue  # an acronym that spells a town ("STMA")
        return True
    return False


def embedded_places(
    text: str, mentions: Sequence[Mention], geocoder: Any, lang: str | None
) -> list[Mention]:
    """The mentions, with a place mention for each town, county, state or country that
    opens an organisation's or facility's name ("[Dublin] Arts Council", "[Henderson
    County] Jail") or closes it after "of" ("BlueCross BlueShield of [Tennessee]").

    A facility span (the model's LOC) that is no place itself becomes the organisation
    it names, so that the place is the one place mention there."""
    if geocoder is None:
        return list(mentions)
    out: list[Mention] = list(_streets(text, mentions))
    for m in mentions:
        if m.type != "LOC" and is_street(m.text):
            m.type = "LOC"  # "Augusta St." is no organisation: a street, left without a pin
            out.append(m)
            continue
        found = _embedded(m, geocoder, lang, m.type == "LOC") if m.type in _HIDING else None
        if found is None:
            out.append(m)
            continue
        a, b = found
        if m.type == "LOC":
            if geocoder.exact_candidates(m.text, lang) or _STREET.search(m.text):
                out.append(m)  # a place itself ("Kanawha County"), or a street: keep it
                continue
            m.type = "ORG"
        out.append(m)
        out.append(Mention(text[a:b], a, b, "LOC", "embedded"))
    return sorted(out, key=lambda x: x.start)


_HIDING = ("ORG", "MISC", "LOC")  # the model's facilities are LOC


def _embedded(
    m: Mention, geocoder: Any, lang: str | None, facility: bool
) -> tuple[int, int] | None:
    """Where a place stands inside the mention's name, if one does. In the model's
    places only a facility's opening counts ("[Henderson County] Jail", not "Lake
    [Ontario]" nor "[Neches] River Valley")."""
    words = [(w.start(), w.end()) for w in _WORD.finditer(m.text)]
    if words and m.text[: words[0][1]] in ("The", "THE"):
        words = words[1:]  # "The Spartanburg Police Department"
    if len(words) < 2:
        return None
    lowered = [m.text[a:b].casefold().strip(".") for a, b in words]
    if any(w in _cues(lang, "named_after") or w == "&" for w in lowered):
        return None
    if facility and lowered[-1] in _cues(lang, "feature"):
        return None
    # "... of Tennessee": the place after the last "of".
    if "of" in lowered[1:-1]:
        i = len(lowered) - 2 - lowered[-2::-1].index("of")
        tail = m.text[words[i + 1][0] : words[-1][1]]
        if _place_name(tail, geocoder, lang):
            return m.start + words[i + 1][0], m.start + words[-1][1]
    # "Dublin Arts Council", "Henderson County Jail": the longest opening that is a place,
    # followed by a word of the language ("Arts", "Police", "Memorial"), not by a rare
    # capitalised one, which makes the span a person's name ("Brad Falde", "Hugo Ernesto").
    first = words[0][0]
    for k in range(min(3, len(words) - 1), 0, -1):
        head = m.text[first : words[k - 1][1]]
        nxt = m.text[words[k][0] : words[k][1]]
        if not nxt[:1].isupper() or zipf(nxt, lang or "en") < _WORD_MIN_ZIPF:
            continue
        if k == 1 and fold(head) in _given_names(lang):
            continue
        singular = nxt[:-1] if nxt.endswith("s") else nxt
        if any(c.via == "demonym" for c in geocoder.exact_candidates(singular, lang)):
            continue  # "African Americans": a people, not a place
        if _place_name(head, geocoder, lang):
            return m.start + first, m.start + words[k - 1][1]
    # "Metro Vancouver", "Rodeo Gainesville": a town closing the name (then `confirmed`
    # asks the article to name it on its own too); not a country ("United Russia").
    for k in () if facility else (2, 1):
        if len(words) - k < 1 or not m.text[words[-k][0] :][:1].isupper():
            continue
        tail = m.text[words[-k][0] : words[-1][1]]
        if (
            _place_name(tail, geocoder, lang)
            and m.text[words[-k - 1][0]][:1].isupper()
            and not any(c.place.kind != "city" for c in geocoder.exact_candidates(tail, lang))
        ):
            return m.start + words[-k][0], m.start + words[-1][1]
    return None


_WORD_MIN_ZIPF = 3.5  # "Arts" 4.4, "Memorial" 4.0; surnames such as "Falde", "Mixon" < 2


@cache
def _given_names(lang: str | None) -> frozenset[str]:
    language = find_language(lang) if lang else None
    if language is None:
        return frozenset()
    return frozenset(fold(line.split("|")[0]) for line in language.lines("first_names.txt"))


def confirmed(
    mentions: list[Mention], place_of: Callable[[str], Any], near_km: float
) -> list[Mention]:
    """The mentions without the towns found inside a name that nothing else in the
    article confirms: a town named after someone is everywhere ("Webb Center",
    "Smith College"), so a town inside a name counts only when the article names it
    on its own too, or names a place within `near_km` of it. Countries, states and
    counties need no such confirmation ("BlueCross BlueShield of Tennessee")."""
    own = [m for m in mentions if m.source != "embedded" and m.key and m.lat is not None]
    out = []
    for m in mentions:
        if m.source == "embedded" and m.key and m.lat is not None and m.lon is not None:
            place = place_of(m.key)
            if place is None or place.kind == "city":
                lat, lon = m.lat, m.lon
                if not any(
                    o.key == m.key or distance_km(lat, lon, o.lat, o.lon) <= near_km  # type: ignore[arg-type]
                    for o in own
                ):
                    continue
        out.append(m)
    return out


def cued_places(text: str, mentions: Sequence[Mention], lang: str | None) -> set[str]:
    """One-word names the model calls persons that the article writes as places: after
    "in"/"near", or before a civic noun ("Alexandria Police", "Gainesville residents").
    One name, one entity: every mention of such a name is then tried as a place."""
    found: set[str] = set()
    for m in mentions:
        if m.type != "PER" or " " in m.text.strip() or not m.text[:1].isupper():
            continue
        before = re.search(r"(\w+)[ \t]+$", text[max(0, m.start - 20) : m.start])
        after = re.match(r"(?:['’]s)?[ \t]+(\w+)", text[m.end : m.end + 30])
        possessive = text[m.end : m.end + 2] in ("'s", "’s")
        if (before and before.group(1) in _cues(lang, "locative") and not possessive) or (
            after and after.group(1).casefold() in _cues(lang, "civic")
        ):
            found.add(m.text)
    return found


def is_street(name: str) -> bool:
    """A street's or road's name ("Memphis St.", "Augusta Street", "Post Road")."""
    return len(name.split()) >= 2 and bool(_STREET.search(name)) and fold(name) != ""


def opens_with_word(name: str, lang: str | None, geocoder: Any) -> bool:
    """A "person" that is a word of the language before a place's name ("Rethinking
    Egypt", "Downtown Greer"): the model's span, not a person's name, so its last word
    is no surname to give the name's other mentions. A given name of the language's
    list keeps the person ("Michael Jordan")."""
    words = name.split()
    if geocoder is None or len(words) != 2 or fold(words[0]) in _given_names(lang):
        return False
    if zipf(words[0], lang or "en") < _COMMON_FIRST_ZIPF:
        return False
    population = geocoder.place_score(words[1], lang)
    return population is not None and population >= _SURNAME_PLACE_MIN_POPULATION


_COMMON_FIRST_ZIPF = 3.0  # "rethinking" 3.1, "downtown" 4.4; rare given names ("Darryl") 2.5
_SURNAME_PLACE_MIN_POPULATION = 15_000


def regional(
    place: Any, others: Sequence[Any], near_km: float = 100.0, country: bool = False
) -> bool:
    """A town the model did not call a place, that the article's other places vouch
    for: one of them in its state or province, or within `near_km`; or a city famous
    enough to be meant alone (500,000 people); with `country`, its country named will do.
    "Lincoln" and "Bell" in a Kentucky or a Nevada article are a president and a suspect,
    not towns of Nebraska or California."""
    if place.kind != "city" or place.population >= _FAMOUS_CITY:
        return True
    for o in others:
        if o.geonameid == place.geonameid or o.country != place.country:
            continue
        if country and o.kind == "country":
            return True  # a town the model calls a place, in a country the article names
        if o.kind != "country" and o.admin1 and o.admin1 == place.admin1:
            return True
        if o.kind == "city" and distance_km(o.lat, o.lon, place.lat, place.lon) <= near_km:
            return True
    return False


_FAMOUS_CITY = 500_000


def core_name(name: str, geocoder: Any, lang: str | None) -> str:
    """The place a name is part of, when the gazetteer does not know the name itself:
    "South Los Angeles" is in Los Angeles, "Western Massachusetts" in Massachusetts."""
    first, _, rest = name.partition(" ")
    if not rest or first.casefold() not in _cues(lang, "part_of"):
        return name
    if geocoder.exact_candidates(name, lang) or not geocoder.exact_candidates(rest, lang):
        return name
    return rest


_STREET_NAME = re.compile(
    r"(?<![\w.])((?:(?:[NSEW]\.|North|South|East|West)[ \t])?"
    r"(?:[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+){0,2}|\d+(?:st|nd|rd|th))[ \t]"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Drive|Parkway|Pike))"
    r"(?![ \t]+[A-Z])(?!\w)"
)


def _streets(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Streets no span of the model covers ("of 420 Augusta St., Alexandria"): a
    capitalised name or an ordinal before a street word; not "Mount St. Helens" (a
    capitalised word follows), nor a sentence's opening word ("On Main Street")."""
    out = []
    for m in _STREET_NAME.finditer(text):
        a, b = m.span(1)
        words = text[a:b].split()
        while len(words) > 2 and fold(words[0]) in COMMON_CAPS:
            a += len(words[0]) + 1
            words = words[1:]
        if fold(words[0]) in COMMON_CAPS or any(x.start < b and a < x.end for x in mentions):
            continue
        out.append(Mention(text[a:b], a, b, "LOC", "rule"))
    return out


def after_preposition(text: str, name: str) -> bool:
    """The article writes the name after a preposition of place at least once ("in
    Granville", "from Norbury"): a town, not a floor plan or a brand named after one."""
    for at in _preposition_ends(text):
        if text.startswith(name, at):
            after = text[at + len(name) : at + len(name) + 1]
            if not (after.isalnum() or after == "_"):
                return True
    return False


@lru_cache(maxsize=4)
def _preposition_ends(text: str) -> tuple[int, ...]:
    """Where the word after each preposition of place starts (one scan per article)."""
    return tuple(m.end() for m in _PREPOSITION.finditer(text))


_PREPOSITION = re.compile(r"\b(?:in|at|from|near|to|of|outside|into|around|across|toward)\s+")


def region_name(name: str, geocoder: Any, lang: str | None) -> bool:
    """A name of two words or more that is a state's, a region's or a country's own name
    in the gazetteer ("Tamil Nadu", "South Africa")."""
    if geocoder is None or " " not in name.strip():
        return False
    return any(
        m.method == "exact"
        and m.via in ("name", "exonym")
        and m.place.kind in ("admin1", "country")
        for m in geocoder.exact_candidates(name, lang)
    )


def common_word_place(name: str, geocoder: Any, lang: str | None) -> bool:
    """A one-word "place" that no place resolved and that is a frequent word of the
    language ("South", "West", "North"): the model's guess, not a toponym."""
    return geocoder is not None and " " not in name.strip() and geocoder.common_word(name, lang)


def dateline_spans(text: str, dateline: str | None, head: int = 300) -> list[tuple[int, int]]:
    """Where the dateline's places stand in the text's opening ("COLUMBUS, Ohio (AP) —"):
    a model trained on mixed case misses names in capitals, but a dateline is a place."""
    spans: list[tuple[int, int]] = []
    for part in re.split(r"[,/]", dateline or ""):
        part = part.strip(" .")
        if len(part) < 3:
            continue
        m = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text[:head], re.IGNORECASE)
        if m:
            spans.append((m.start(), m.end()))
    return spans
