"""The GeoNames index: spellings, scripts, languages, codes, and the file itself.

The index is built once per machine into ~/.cache/newsweave-test (about 30 s
the first time); later runs only open it.
"""

from __future__ import annotations

import pickle
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.config import GeoSettings
from newsweave.entities import geonames_index as gazetteer_module
from newsweave.entities.gazetteer import (
    SCHEMA,
    Gazetteer,
    build,
    distance_km,
    edit_distance,
    index_path,
)
from newsweave.entities.geonames_index import name_rows
from newsweave.entities.names import fold, phrase_key
from newsweave.errors import StoreError

CACHE = Path.home() / ".cache" / "newsweave-test"
BAKHMUT = (48.595, 38.000)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open(CACHE)


def near(place, point: tuple[float, float], km: float = 25.0) -> bool:
    return distance_km(place.lat, place.lon, *point) <= km


@pytest.mark.parametrize(
    ("name", "lang"),
    [("Bakhmut", "en"), ("Bakhmout", "fr"), ("Bachmut", "de"), ("Bajmut", "es"), ("BAKHMUT", None)],
)
def test_bakhmut_in_every_spelling(gaz: Gazetteer, name: str, lang: str | None) -> None:
    found = gaz.lookup(name, lang)
    assert found and near(found[0], BAKHMUT)


def test_a_typo_reaches_bakhmut_only_fuzzily(gaz: Gazetteer) -> None:
    assert gaz.lookup("Bahkmut") == []
    place, similarity = gaz.fuzzy("Bahkmut")[0]
    assert near(place, BAKHMUT) and 0.85 < similarity < 1.0


@pytest.mark.parametrize(
    ("name", "lang"),
    [("Kyiv", None), ("Kiev", "en"), ("Kiew", "de"), ("Киев", "ru"), ("Київ", "uk")],
)
def test_kyiv_in_latin_and_cyrillic(gaz: Gazetteer, name: str, lang: str | None) -> None:
    found = gaz.lookup(name, lang)
    assert found and found[0].name == "Kyiv" and near(found[0], (50.45, 30.523))


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Vouhledar", "fr", "Vuhledar"),
        ("Tchassiv Iar", "fr", "Chasiv Yar"),
        ("Kostiantinivka", "en", "Kostyantynivka"),
        ("Konstantinowka", "de", "Kostyantynivka"),
        ("Slaviansk", "en", "Slovyansk"),
        ("Sloviansk", "en", "Slovyansk"),
    ],
)
def test_transliterations_meet(gaz: Gazetteer, name: str, lang: str, expected: str) -> None:
    found = gaz.matches(name, lang)
    assert found and found[0].place.name == expected and found[0].place.country == "UA"


def test_translit_is_used_only_when_no_exact_match(gaz: Gazetteer) -> None:
    (vuhledar,) = gaz.matches("Vouhledar", "fr")
    assert vuhledar.method == "translit"
    assert {m.method for m in gaz.matches("Kramatorsk")} == {"exact"}


def test_fuzzy_keeps_to_towns_and_close_spellings(gaz: Gazetteer) -> None:
    assert gaz.lookup("Bruxelles", "fr")[0].name == "Brussels"
    # Brunelles (a village of 500) is one letter from Bruxelles: fuzzy never reaches it.
    assert all(p.name != "Brunelles" for p, _ in gaz.fuzzy("Bruxelles", "fr", min_similarity=0.5))
    assert [p.name for p, _ in gaz.fuzzy("Kramatorsk")] == ["Kramatorsk"]


def test_countries_in_news_languages(gaz: Gazetteer) -> None:
    for name in ("France", "Frankreich", "Francia"):
        assert gaz.lookup(name)[0].geonameid == gaz.country("FR").geonameid
    for name in ("États-Unis", "Estados Unidos", "USA", "U.S.", "US"):
        assert gaz.lookup(name)[0].kind == "country", name
    assert gaz.lookup("Türkei", "de")[0].country == "TR"
    assert gaz.lookup("Frankreichs", "de")[0].country == "FR"  # German genitive


def test_codes_match_upper_case_only(gaz: Gazetteer) -> None:
    assert all(p.kind != "country" for p in gaz.lookup("us"))
    assert gaz.lookup("UK")[0].country == "GB"


def test_qualified_names(gaz: Gazetteer) -> None:
    (paris,) = gaz.lookup("Paris, Texas")
    assert (paris.country, paris.admin1) == ("US", "TX")
    (chasiv,) = gaz.lookup("Chasiv Yar (Ukraine)")
    assert chasiv.name == "Chasiv Yar"


def test_states_and_their_namesakes(gaz: Gazetteer) -> None:
    kinds = {(p.kind, p.admin1) for p in gaz.lookup("Washington")}
    assert ("admin1", "WA") in kinds and ("city", "DC") in kinds
    for name, lang in (("Washington State", "en"), ("État de Washington", "fr")):
        (state,) = gaz.lookup(name, lang)
        assert (state.kind, state.admin1) == ("admin1", "WA")
    assert gaz.lookup("Europe")[0].kind == "continent"


def test_get_country_by_country_nearest(gaz: Gazetteer) -> None:
    bakhmut = gaz.get(713174)
    assert bakhmut is not None and bakhmut.name == "Bakhmut" and bakhmut.population > 50_000
    assert gaz.get(1) is None
    ukraine = gaz.by_country("ua", limit=3)
    assert ukraine[0].kind == "country" and ukraine[1].name == "Kyiv"
    assert gaz.nearest(*BAKHMUT).name == "Bakhmut"
    assert gaz.nearest(0.0, -30.0) is None  # mid-Atlantic
    assert bakhmut.to_kb().id == "gn:713174"


def test_transliteration_keys_are_lossy(gaz: Gazetteer) -> None:
    # "Mairie" has no exact match but shares a key with towns called Mairy: the
    # geocoder, not the index, keeps common words from becoming places.
    assert {m.method for m in gaz.matches("Mairie", "fr")} <= {"translit"}
    assert gaz.lookup("Xqzvwk") == []


def test_lookups_are_fast(gaz: Gazetteer) -> None:
    names = [p.name for p in gaz.by_country("DE", limit=300)] + ["Nowhere Atall"]
    start = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    cold = (time.perf_counter() - start) / len(names)
    start = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    warm = (time.perf_counter() - start) / len(names)
    print(f"lookup: {cold * 1e6:.0f} µs cold, {warm * 1e6:.1f} µs cached")
    assert cold < 0.002 and warm < 0.0001  # loose: the machine is shared


def test_index_file_is_named_opened_read_only_and_pickles(gaz: Gazetteer) -> None:
    assert gaz.path == index_path(CACHE)
    assert f"-v{SCHEMA}.sqlite" in gaz.path.name
    with pytest.raises(sqlite3.OperationalError):
        gaz._db.execute("DELETE FROM place")
    assert build(gaz.path) == gaz.path  # already there: nothing rebuilt
    # Other population cut-offs build into another file; the defaults keep the plain name.
    assert index_path(CACHE, GeoSettings()) == gaz.path
    other = index_path(CACHE, GeoSettings(fuzzy_index_min_population=1_000))
    assert other != gaz.path and other.name.endswith(f"-v{SCHEMA}-p500-f1000.sqlite")
    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.lookup("Bakhmut") == gaz.lookup("Bakhmut")
    clone.close()


def test_concurrent_builds_write_once_and_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []

    def slow_write(tmp: Path, settings: GeoSettings) -> None:
        writes.append(tmp)
        tmp.write_bytes(b"half")
        time.sleep(0.2)
        assert not target.exists()  # readers never see a file being written
        tmp.write_bytes(b"whole")

    target = tmp_path / "gazetteer.sqlite"
    monkeypatch.setattr(gazetteer_module, "_write", slow_write)
    workers = [threading.Thread(target=build, args=(target,)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(writes) == 1 and target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_missing_or_foreign_index_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="No gazetteer index"):
        Gazetteer(tmp_path / "none.sqlite")
    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(old)
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema', '0')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="delete the file"):
        Gazetteer(old)


def test_edit_distance_counts_swaps_as_one() -> None:
    assert edit_distance("bahkmut", "bakhmut") == 1
    assert edit_distance("kremlin", "kreminna") == 3
    assert edit_distance("", "abc") == 3 and edit_distance("paris", "paris") == 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_build_keys_equal_query_keys(text: str) -> None:
    """The build's per-token shortcut computes exactly `fold` and `phrase_key`."""
    rows = {tbl: key for tbl, key, _, _ in name_rows([(1, text, 1)])}
    assert rows.get(0, "") == fold(text)
    assert rows.get(1, "") == (phrase_key(text) if fold(text) else "")
