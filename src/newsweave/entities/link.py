"""Per-article linking: each raw mention gets a type it can be trusted with and a key.

Runs in the worker processes right after NER, with read-only access to the
knowledge base and the gazetteer. The key it proposes is one of:

- a knowledge-base id (the name or a transliteration of it is a known alias),
- `gn:<geonameid>` for a place found in GeoNames (and the KB id instead when
  the KB knows that place),
- `per:` / `org:` / `loc:` / `misc:` plus the folded name, for everything else.

Within an article, a surname alone takes the key of the full name it follows
("Stoltenberg" after "Jens Stoltenberg") and an acronym the key of the name
it abbreviates ("ISW" after "Institute for the Study of War"). Identity
across articles (typos, surname-only articles, merges) is settled later in
the main process, which sees the store (`canonical`).

NER types are not trusted blindly: the English model calls Bakhmut an
organisation and the French one calls Wagner a person, so a knowledge-base
entry's type wins, and an organisation or "misc" name that the gazetteer
knows as a sizeable town becomes a place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..clustering.features import COMMON_CAPS
from ..config import EntitySettings, GeoSettings
from ..model import Document, KBEntry, Mention
from .geocode import person_words, zipf
from .knowledge import KnowledgeBase
from .names import fold, initials, is_acronym, phrase_key, tokens
from .toponyms import (
    after_preposition,
    common_word_place,
    confirmed,
    core_name,
    cued_places,
    dateline_spans,
    embedded_places,
    is_street,
    opens_with_word,
    region_name,
    regional,
)

# Leading words that NER models include in a span but that are not part of the name.
# Only lower-case articles (and elisions in any case): a capitalised article is
# usually part of the name (The Hague, Los Angeles, La Paz).
_LEADING = re.compile(
    r"^(?:(?:the|a|an|de la|du|des|de|le|la|les|der|die|das|den|dem|el|los|las)\s+|[lLdD]['’])"
)
# A final period stays: it ends abbreviations (U.S., Corp., Fla.) far more often than
# NER spans run into a sentence's end.
_TRAILING = re.compile(r"(?:['’]s|['’])?[\s,;:!?)\]\"»”-]*$")


@dataclass
class Linker:
    """Knowledge base and geocoder for one process; `link` is pure per document."""

    kb: KnowledgeBase
    geocoder: object | None = None  # entities.geocode.Geocoder
    settings: EntitySettings = field(default_factory=EntitySettings)

    def link(self, doc: Document, mentions: Sequence[Mention]) -> list[Mention]:
        lang = doc.lang or doc.declared_lang
        kept = [m for m in (self._clean(doc.text, m) for m in mentions) if m is not None]
        kept = _with_dateline(doc, kept)
        kept = embedded_places(doc.text, kept, self.geocoder, lang)
        cued = cued_places(doc.text, kept, lang)
        for m in kept:  # "Alexandria Police": the name is tried as a place throughout
            if m.type == "PER" and m.text in cued:
                m.type, m.source = "LOC", "cued"
        multi = [m for m in kept if len(tokens(m.text)) > 1 and not is_acronym(m.text)]
        for m in multi:
            self._from_kb(m, lang, set())
        for m in multi:  # anchors for surnames and acronyms later in the article
            if m.key is None and m.type != "LOC":
                m.key = local_key(m.type, m.text, lang)
                m.evidence = "name"
        self._within_article(doc.text, kept, lang)
        countries = {m.country for m in kept if m.country}
        for m in kept:
            if m.key is None:
                self._from_kb(m, lang, countries)
        self._places(doc, kept, lang)
        kept = confirmed(kept, self._place_of, self.settings.geo.near_km)
        for m in kept:
            if m.type == "LOC" and m.key is None and common_word_place(m.text, self.geocoder, lang):
                m.type = "MISC"  # "the South of France", "in the West": a direction, no place
        # A name-list candidate that only the gazetteer knew, and that did not resolve
        # in context, was a capitalised common word.
        kept = [m for m in kept if m.key is not None or m.source not in ("gazetteer", "embedded")]
        for m in kept:
            if m.key is None and m.source == "cued":
                m.type = "PER"  # cued as a place, but no place of that name fits the article
            if m.key is None:
                m.key = local_key(m.type, m.text, lang)
                m.evidence = "name"
        return kept

    # -- steps -------------------------------------------------------------
    def _clean(self, text: str, m: Mention) -> Mention | None:
        surface = m.text
        start = m.start
        lead = _LEADING.match(surface)
        if lead and lead.end() < len(surface) and surface[lead.end()].isupper():
            start += lead.end()
            surface = surface[lead.end() :]
        trail = _TRAILING.search(surface)
        if trail and trail.start() > 0:
            surface = surface[: trail.start()]
        surface = surface.strip()
        if (
            not surface
            or len(surface) > self.settings.max_name_chars
            or not any(c.isupper() for c in surface[:1])
        ):
            return None
        folded = fold(surface)
        if folded in COMMON_CAPS or len(folded.replace(" ", "")) < 2:
            return None
        offset = text.find(surface, start, m.end + 1)
        if offset < 0:
            return None
        return Mention(surface, offset, offset + len(surface), m.type, m.source)

    def _from_kb(self, m: Mention, lang: str | None, countries: set[str]) -> None:
        entries, how = self.kb.candidates(m.text, lang)
        entry = _choose(entries, m.type, countries)
        if entry is None:
            return
        if (
            entry.type == m.type == "LOC"
            and entry.geonames
            and self.geocoder is not None
            and any(
                c.place.geonameid == entry.geonames
                for c in self.geocoder.candidates(m.text, lang)  # type: ignore[attr-defined]
            )
        ):
            # A listed place is one of its name's places: the geocoder weighs it against
            # its namesakes with the article's other places ("rural Paris" beside Edgar
            # County is in Illinois), then keys it to the entry (`_places`).
            return
        if (
            entry.type == "ORG"
            and entry.country
            and countries
            and entry.country not in countries
            and len(tokens(m.text)) == 1
            and not is_acronym(m.text)
        ):
            # "Senat" in a German article about the Fed is not the French Senate: a
            # one-word institution name needs its country in the article.
            return
        m.key = entry.id
        m.type = entry.type
        m.evidence = f"{how}: '{m.text}' is a name of {entry.name}"
        m.lat, m.lon, m.country = entry.lat, entry.lon, entry.country
        m.label = entry.name

    def _places(self, doc: Document, kept: list[Mention], lang: str | None) -> None:
        if self.geocoder is None:
            return
        # MISC is mostly nationalities and events, but the English model also puts
        # Ukrainian towns there; only exact gazetteer names count for it (below).
        geo = self.settings.geo
        # The model's own majority: a name it calls a place (or an organisation, or
        # "misc") at least as often as a person is tried as a place in every mention.
        votes = Counter((m.text, m.type == "PER") for m in kept)
        placed = {t for (t, per), n in votes.items() if not per and n >= votes[t, True]}
        # ...and so is a name of several words that is a state's or a country's own
        # ("Tamil Nadu on Saturday moved"): no person is called that.
        placed |= {
            m.text
            for m in kept
            if m.type == "PER" and m.evidence == "name" and region_name(m.text, self.geocoder, lang)
        }
        # A "misc" name of two words keyed only locally ("Sri Lankan") is still tried.
        local = {
            id(m)
            for m in kept
            if m.evidence == "name" and (m.type == "MISC" or (m.type == "PER" and m.text in placed))
        }
        todo = [
            m for m in kept
            if (m.key is None or id(m) in local)
            and m.source != "club"  # "al Valencia": the club, whatever the town (spans)
            and not is_street(m.text)  # a street has no pin in this gazetteer: not looked up
            and (m.type in {"LOC", "ORG", "MISC"}
                 or (m.type == "PER" and (m.text in placed or _town_like(m, lang, geo))))
        ]  # fmt: skip
        if not todo:
            return
        countries = sorted(
            {
                e.country
                for m in kept
                if m.key and (e := self.kb.entry(m.key)) is not None and e.country
            }
        )
        # A name written as part of a person's name anywhere in the article ("Hugo
        # Chávez") is that person throughout, not a town.
        listed = sorted({m.text for m in todo if m.source == "gazetteer"})
        persons = person_words(doc.text, sorted({m.text for m in todo}), lang)
        persons |= person_words(doc.text, listed, lang, given=True)
        # ...and a name it calls a person more often than anything else is the person.
        persons |= {m.text for m in todo if m.type == "LOC" and m.text not in placed}
        # A place the knowledge base lists keeps its type against that weak evidence: in
        # German a capitalised noun before it ("Provinz Idlib") is no given name.
        # So does a name the article writes inside institutions' names or after "in" again
        # and again ("the Dublin Arts Council", "the Dublin Singers" against one
        # "Distinctly Dublin"); the model's own LOC type is no such evidence (it calls
        # Saakashvili a place).
        as_place = Counter(m.text for m in kept if m.source in ("embedded", "cued"))
        persons -= {
            n
            for n in persons
            if as_place[n] >= _PLACE_MAJORITY
            or any(e.type == "LOC" for e in self.kb.candidates(n, lang)[0])
        }
        query = _qualified(doc.text, todo, lang, self.geocoder)
        names = sorted(set(query.values()))
        listed = frozenset(
            e.geonames for n in names for e in self.kb.candidates(n, lang)[0] if e.geonames
        )
        resolved = self.geocoder.resolve(names, lang, doc.dateline, countries, listed)  # type: ignore[attr-defined]
        by_country = Counter(
            r.place.country for r in resolved.values() if r is not None and r.place.country
        )
        by_country.update(countries)
        typed_loc = {m.text for m in kept if m.type == "LOC"}

        introduced = {
            n: after_preposition(doc.text, n) for n in {*resolved, *(m.text for m in todo)}
        }
        # The article's places that stand on their own: no small town vouches for another
        # when neither is written as a place ("Granville and Somerville").
        standing = [
            (n, r.place)
            for n, r in resolved.items()
            if r is not None
            and (
                r.place.kind != "city"
                or r.place.population >= geo.unsupported_min_population
                or r.via == "qualified name"
                or introduced[n]
            )
        ]

        # ...and the places the knowledge base already gave ("near Kramatorsk").
        standing += [
            (m.text, place)
            for m in kept
            if m.key and m.type == "LOC" and (place := self._place_of(m.key)) is not None
        ]

        def others(m: Mention) -> list[Any]:
            return [place for n, place in standing if n != query[id(m)]]

        for m in todo:
            r = resolved.get(query[id(m)])
            if m.text in persons and (r is None or r.place.kind == "city"):
                m.type = "PER"  # "President Saakashvili", "Hugo Chávez": one name, one type
                continue
            if r is None:
                continue
            place = r.place
            population = place.population or 0
            if m.type != "LOC" and population < geo.retype_min_population:
                continue
            if m.type == "MISC" and r.method == "fuzzy":  # "Russian" is not a misspelt Russia
                continue
            if r.via == "demonym" and not _modifies(doc.text, m.end, lang):
                continue  # "the Russian army" points to Russia; "Russians", "in Russian" do not
            supported = by_country[place.country] > 1 or place.kind == "country"
            if m.type == "PER" and not (
                (supported and place.kind == "city") or (m.text in placed and place.kind != "city")
            ):
                continue
            loose = (m.type != "LOC" and m.text not in typed_loc) or (
                population < geo.unsupported_min_population
                and r.via != "qualified name"
                and not introduced.get(m.text, False)
            )
            if loose and not regional(place, others(m), country=m.type == "LOC"):
                continue  # "a Lincoln impersonator" in a Kentucky paper is no Nebraska town
            if (
                m.source == "gazetteer"
                and not supported
                and population < geo.unsupported_min_population
            ):
                continue  # a German noun that is also a town (Norden, Essen) needs context
            kb_id = self.kb.by_geonames(place.geonameid)
            entry = self.kb.entry(kb_id) if kb_id else None
            m.key = kb_id or f"gn:{place.geonameid}"
            # A country's adjective points to it but stays what it is ("Syrian": MISC).
            m.type = "MISC" if r.via == "demonym" else "LOC"
            m.label = place.name
            m.lat, m.lon, m.country = place.lat, place.lon, place.country
            if entry is not None and entry.lat is not None:  # a listed centroid, not a pin
                m.lat, m.lon = entry.lat, entry.lon
            m.evidence = f"gazetteer ({r.method}): {r.evidence}"

    def _place_of(self, key: str) -> Any:
        """The gazetteer place a key stands for (`gn:` ids, or a listed place's)."""
        gaz = self.geocoder.gazetteer  # type: ignore[union-attr]
        if key.startswith("gn:"):
            return gaz.get(int(key[3:]))
        entry = self.kb.entry(key)
        return gaz.get(entry.geonames) if entry is not None and entry.geonames else None

    def _within_article(self, text: str, kept: list[Mention], lang: str | None) -> None:
        full_names: dict[str, Mention] = {}
        by_initials: dict[str, list[Mention]] = {}
        defined: dict[str, Mention] = {}  # "Swiss National Bank (SNB)"
        for i, m in enumerate(kept):
            words = tokens(m.text)
            if (
                m.type == "PER"
                and len(words) > 1
                and m.key
                and not opens_with_word(m.text, lang, self.geocoder)
            ):
                full_names.setdefault(phrase_key(words[-1], lang), m)
            if m.type in {"ORG", "MISC", "LOC"} and len(words) > 1 and m.key:
                by_initials.setdefault(initials(m.text), []).append(m)
                nxt = kept[i + 1] if i + 1 < len(kept) else None
                if (
                    nxt is not None
                    and is_acronym(nxt.text)
                    and text[m.end : nxt.start].strip() == "("
                ):
                    defined.setdefault(nxt.text.replace(".", "").upper(), m)
        for m in kept:
            if m.key is not None:
                continue
            words = tokens(m.text)
            if len(words) == 1 and not is_acronym(m.text):
                # Whatever the NER type: models often call a lone surname an ORG or a place.
                full = full_names.get(phrase_key(words[0], lang))
                if full is not None:
                    m.key = full.key
                    m.type = "PER"
                    m.evidence = f"surname of '{full.text}' in this article"
            elif is_acronym(m.text):
                acronym = m.text.replace(".", "").upper()
                full = defined.get(acronym)
                how = "defined in this article as the acronym of"
                if full is None and not self.kb.candidates(m.text, lang)[0]:
                    same = by_initials.get(acronym, [])
                    full = same[0] if len({x.key for x in same}) == 1 else None
                    how = "the initials of"
                if full is not None:
                    m.key = full.key
                    m.type = full.type
                    m.lat, m.lon, m.country = full.lat, full.lon, full.country
                    m.evidence = f"acronym: {how} '{full.text}'"


_PLACE_MAJORITY = 3  # mentions as a place that outweigh one capitalised word before a name


def _with_dateline(doc: Document, kept: list[Mention]) -> list[Mention]:
    """The dateline's places as mentions ("COLUMBUS, Ohio (AP) —"), where no model
    span covers them: models trained on mixed case miss names in capitals."""
    extra = [
        Mention(doc.text[a:b], a, b, "LOC", "rule")
        for a, b in dateline_spans(doc.text, doc.dateline)
        if not any(m.start < b and a < m.end for m in kept)
    ]
    return sorted(kept + extra, key=lambda m: m.start) if extra else kept


def _town_like(m: Mention, lang: str | None, geo: GeoSettings) -> bool:
    """A one-word "person" that may be a town the model mistyped ("the Gainesville
    sewer system"): a rare word, so no famous surname (Clinton, Obama, Lincoln are
    frequent words of English news); geocoding then needs the article's support."""
    return (
        " " not in m.text
        and not is_acronym(m.text)
        and bool(lang)
        and 0 < zipf(m.text, lang) < geo.person_town_max_zipf
    )


def _qualified(text: str, todo: list[Mention], lang: str | None, geocoder: Any) -> dict[int, str]:
    """The name to geocode for each mention: "London, Ky." where the text qualifies a
    town by the next name ("Paris, Texas"), else the mention's own text. A list of
    places ("Argentinien, Ägypten", "Texas, Oklahoma") qualifies nothing: the pair
    must name a town of that state or province."""
    query = {id(m): core_name(m.text, geocoder, lang) for m in todo}
    by_start = {m.start: m for m in todo}
    for m in todo:
        gap = re.match(r",[ \t]*", text[m.end : m.end + 3])
        nxt = by_start.get(m.end + gap.end()) if gap else None
        if nxt is None:
            continue
        pair = f"{m.text}, {nxt.text}"
        found = geocoder.gazetteer.matches(pair, lang)
        if any(c.via == "qualified name" and c.place.kind == "city" for c in found):
            query[id(m)] = pair
    return query


def _modifies(text: str, end: int, lang: str | None) -> bool:
    """An adjective before a noun ("Syrian army"), not a noun or a language before a
    function word or at a clause's end ("many Chinese are", "speaks in Spanish."); a
    compound's first half modifies too ("Egyptian-US relations", "American-based")."""
    if re.match(r"-\s?[^\W\d_]", text[end : end + 3]):
        return True
    nxt = re.match(r"[ \t]+([^\W\d_]+)", text[end : end + 40])
    return nxt is not None and zipf(nxt.group(1), lang) < 6.0


def local_key(type_: str, text: str, lang: str | None) -> str:
    """Key of a name that no knowledge base knows: type plus transliteration key."""
    if is_acronym(text):
        return f"{type_.lower()}:{text.replace('.', '').upper()}"
    return f"{type_.lower()}:{phrase_key(text, lang) or fold(text)}"


def _choose(entries: list[KBEntry], ner_type: str, countries: set[str]) -> KBEntry | None:
    """The entry a mention most likely means: same type, then the article's countries,
    then curated, then size."""
    if not entries:
        return None
    same = [e for e in entries if e.type == ner_type]
    # Retyping (Bakhmut tagged ORG, Wagner tagged PER) is trusted only from the
    # curated base: imported dumps carry too many loose aliases.
    pool = same or [e for e in entries if e.source == "curated"]
    if not pool:
        return None
    if len(pool) > 1:
        pool = sorted(
            pool,
            key=lambda e: (
                e.country not in countries if countries else False,
                e.source != "curated",
                -(e.population or 0),
                e.id,
            ),
        )
    return pool[0]
