"""The knowledge base: the entities linking and geocoding resolve names to.

Every source yields the same `KBEntry`:

- `load_curated` reads the base shipped with newsweave (`data/curated_kb.jsonl`):
  people, organisations and places that analysts of wars, elections and crises
  meet every day, with their names in the languages the pipeline reads.
- `read_wikidata_dump` streams a Wikidata JSON dump (`[`, one entity per line,
  `]`; plain, gzip or bzip2) and keeps people, organisations and places by
  their P31 class. Dumps run to a hundred gigabytes, so nothing is held in
  memory but the current line.
- `read_csv` and `read_jsonl` read a KB a team writes itself; `read_kb`
  chooses among the three readers from the file's first bytes.

A bad file (binary, empty, not a KB format) raises `InputError`; a bad line or
row inside a good file is skipped and counted in a `KBReadReport`, because one
broken entity must not stop the import of millions. See docs/knowledge-base.md
for the formats.
"""

from __future__ import annotations

import bz2
import codecs
import contextlib
import csv
import gzip
import io
import itertools
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from newsweave.entities.names import fold
from newsweave.errors import InputError
from newsweave.model import ENTITY_TYPES, KBEntry

from .kbio import (
    BZIP2,
    GZIP,
    ISO2,
    KBReadReport,
    is_number,
    json_object,
    open_binary,
)
from .wikidata import WIKIDATA_TYPES, _check_types, _wikidata_entries

__all__ = [
    "DEFAULT_LANGS",
    "KBReadReport",
    "alias_index",
    "all_names",
    "load_curated",
    "read_csv",
    "read_jsonl",
    "read_kb",
    "read_wikidata_dump",
    "to_record",
    "write_jsonl",
]

# The languages newsweave reads, plus Russian and Ukrainian for names of the war.
DEFAULT_LANGS = ("en", "fr", "de", "es", "it", "pt", "ru", "uk")

CURATED = "data/curated_kb.jsonl"
_SNIFF_BYTES = 1 << 16
_QID_URL = re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?([Qq][1-9]\d*)$")
_TYPE_NAMES = {"PERSON": "PER", "ORGANIZATION": "ORG", "ORGANISATION": "ORG"}
_TYPE_NAMES |= {"LOCATION": "LOC", "GPE": "LOC", "PLACE": "LOC"}
_FIELDS = ("id", "type", "name", "wikidata", "labels", "aliases", "description", "country")
_FIELDS += ("lat", "lon", "geonames", "population", "source")
_CSV_COLUMNS = frozenset(_FIELDS) - {"labels"}
_HELP = "see docs/knowledge-base.md"


def load_curated() -> list[KBEntry]:
    """The knowledge base shipped with newsweave, read strictly: any bad line raises."""
    resource = resources.files("newsweave.entities").joinpath(CURATED)
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as error:
        raise InputError(f"{CURATED}: cannot be read ({error}); reinstall newsweave") from None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(_entry(json_object(line), default_source="curated"))
        except InputError as error:
            raise InputError(
                f"{CURATED}:{number}: {error.message}; the shipped knowledge base is damaged, "
                "fix the line or reinstall newsweave"
            ) from None
    return entries


def read_kb(
    path: str | os.PathLike[str],
    *,
    report: KBReadReport | None = None,
    types: Mapping[str, str] | None = None,
    langs: Iterable[str] = DEFAULT_LANGS,
) -> Iterator[KBEntry]:
    """Entries from a Wikidata dump, KB JSON lines or CSV, recognised by content.

    `types` and `langs` apply to Wikidata dumps only.
    """
    path = Path(path)
    kind = _sniff(path)
    if kind == "wikidata":
        return read_wikidata_dump(path, types, langs=langs, report=report)
    if kind == "jsonl":
        return read_jsonl(path, report=report)
    return read_csv(path, report=report)


def read_wikidata_dump(
    path: str | os.PathLike[str],
    types: Mapping[str, str] | None = None,
    *,
    langs: Iterable[str] = DEFAULT_LANGS,
    report: KBReadReport | None = None,
) -> Iterator[KBEntry]:
    """Stream the people, organisations and places of a Wikidata JSON dump.

    `types` maps P31 class ids to KB types (default `WIKIDATA_TYPES`); `langs`
    are the languages whose labels and aliases are kept. Malformed lines are
    skipped and counted in `report`.
    """
    path = Path(path)
    if _sniff(path) != "wikidata":
        raise InputError(
            f"{path}: not a Wikidata JSON dump (it should start with '[' or '{{'); {_HELP}"
        )
    classes = _check_types(WIKIDATA_TYPES if types is None else types)
    report = _start(report, path, "wikidata")
    return _wikidata_entries(path, classes, tuple(langs), report)


def read_jsonl(
    path: str | os.PathLike[str], *, report: KBReadReport | None = None
) -> Iterator[KBEntry]:
    """Entries from KB JSON lines: one object per line with the `KBEntry` fields."""
    path = Path(path)
    if _sniff(path) != "jsonl":
        raise InputError(f"{path}: not KB JSON lines (each line should be a JSON object); {_HELP}")
    return _jsonl_entries(path, _start(report, path, "jsonl"))


def read_csv(
    path: str | os.PathLike[str], *, report: KBReadReport | None = None
) -> Iterator[KBEntry]:
    """Entries from a CSV file with a header row (comma, semicolon or tab separated).

    Columns: id, type, name, wikidata, aliases (separated by `|`),
    label_<lang>, description, country, lat, lon, geonames, population, source.
    Only name and type are required; unknown columns are ignored.
    """
    path = Path(path)
    _sniff(path)
    report = _start(report, path, "csv")
    lines = _text_lines(path)
    header = _csv_header(path, next(lines, ""))
    lines.close()
    return _csv_entries(path, header, report)


def write_jsonl(entries: Iterable[KBEntry], path: str | os.PathLike[str]) -> int:
    """Write entries as KB JSON lines (gzip when the name ends in .gz); return the count."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    count = 0
    with opener(path, "wt", encoding="utf-8", newline="\n") as out:
        for entry in entries:
            out.write(json.dumps(to_record(entry), ensure_ascii=False) + "\n")
            count += 1
    return count


def to_record(entry: KBEntry) -> dict[str, Any]:
    """The JSON object for one entry, as in curated_kb.jsonl: empty optional fields left out."""
    record: dict[str, Any] = {"id": entry.id, "type": entry.type, "name": entry.name}
    record["wikidata"] = entry.wikidata  # kept even when null: "not known for certain"
    for key in _FIELDS[4:]:
        value = getattr(entry, key)
        if value not in (None, "", [], {}):
            record[key] = value
    return record


def all_names(entry: KBEntry) -> list[str]:
    """Name, labels and aliases, each once, in that order."""
    return list(dict.fromkeys([entry.name, *entry.labels.values(), *entry.aliases]))


def alias_index(entries: Iterable[KBEntry]) -> dict[str, list[str]]:
    """Folded name -> ids of the entries that carry it: the table a linker looks names up in.

    A key with more than one id is an ambiguous name; the linker must decide
    by context (see docs/knowledge-base.md).
    """
    index: dict[str, list[str]] = {}
    for entry in entries:
        for key in {fold(name) for name in all_names(entry)} - {""}:
            index.setdefault(key, []).append(entry.id)
    return index


# --- opening and sniffing ---------------------------------------------------------------


def _head(path: Path) -> bytes:
    """Up to 64 kB of decompressed content; a cut archive still shows what it holds."""
    with path.open("rb") as f:
        data = f.read(_SNIFF_BYTES)
    if data.startswith(GZIP):
        unpack: Any = zlib.decompressobj(wbits=31)
    elif data.startswith(BZIP2):
        unpack = bz2.BZ2Decompressor()
    else:
        return data
    try:
        head = unpack.decompress(data, _SNIFF_BYTES)
    except (OSError, EOFError, zlib.error, ValueError) as error:
        raise InputError(f"{path}: cannot be read or decompressed ({error}); {_HELP}") from None
    if not head and not unpack.eof:
        raise InputError(f"{path}: cannot be read or decompressed (archive cut short); {_HELP}")
    return head


def _sniff(path: Path) -> str:
    """'wikidata', 'jsonl' or 'csv' from the first bytes; InputError for anything else."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; give the path of a knowledge-base file")
    head = _head(path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "csv"  # spreadsheets save "Unicode text" as UTF-16; JSON dumps are UTF-8
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not text:
        raise InputError(f"{path}: empty file; a knowledge base needs at least one entry")
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise InputError(
            f"{path}: binary content, not a knowledge-base file; give a Wikidata JSON dump "
            f"(plain, .gz or .bz2), KB JSON lines or a UTF-8 CSV; {_HELP}"
        )
    if text.startswith(b"["):
        return "wikidata"
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].rstrip().rstrip(b",")
        try:
            obj = json.loads(first)
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict):
            return "wikidata" if _is_wikidata(obj) else "jsonl"
        return "wikidata" if b'"claims"' in text else "jsonl"
    return "csv"


def _is_wikidata(obj: dict[str, Any]) -> bool:
    labels = obj.get("labels")
    nested = isinstance(labels, dict) and any(isinstance(v, dict) for v in labels.values())
    return "claims" in obj or nested


def _start(report: KBReadReport | None, path: Path, kind: str) -> KBReadReport:
    report = report if report is not None else KBReadReport()
    report.path, report.format = str(path), kind
    return report


# --- KB JSON lines -------------------------------------------------------------------------


def _jsonl_entries(path: Path, report: KBReadReport) -> Iterator[KBEntry]:
    number = 0
    with open_binary(path) as raw:
        try:
            for number, line in enumerate(raw, start=1):
                if not line.strip():
                    continue
                try:
                    entry = _entry(json_object(line), default_source="jsonl")
                except InputError as error:
                    report.skip(f"{path}:{number}", error.message)
                    continue
                report.read += 1
                yield entry
        except (OSError, EOFError, zlib.error) as error:
            report.skip(f"{path}:{number + 1}", f"unreadable after line {number}: {error}")


# --- CSV -------------------------------------------------------------------------------------


def _text_lines(path: Path) -> Iterator[str]:
    """Decoded lines of a CSV; a line that is not UTF-8 raises with its number."""
    with open_binary(path) as raw:
        if raw.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            yield from io.TextIOWrapper(raw, encoding="utf-16", newline="")
            return
        for number, line in enumerate(raw, start=1):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(
                    f"{path}:{number}: not UTF-8 text; save the file as CSV UTF-8 "
                    "(or UTF-16 'Unicode text') and read it again"
                ) from None
            yield text.removeprefix("\ufeff") if number == 1 else text


def _delimiter(line: str) -> str:
    return max(",;\t", key=line.count)


def _csv_header(path: Path, line: str) -> list[str]:
    header = [h.strip().lower() for h in next(csv.reader([line], delimiter=_delimiter(line)), [])]
    missing = [c for c in ("name", "type") if c not in header]
    if missing:
        raise InputError(
            f"{path}:1: the header row has no {' or '.join(repr(m) for m in missing)} column; "
            "the first row must name the columns (id, type, name, wikidata, aliases, "
            f"label_<lang>, description, country, lat, lon, geonames, population); {_HELP}"
        )
    return header


def _csv_entries(path: Path, header: list[str], report: KBReadReport) -> Iterator[KBEntry]:
    seen: set[str] = set()  # ids of a CSV file fit in memory; a dump's would not
    lines = _text_lines(path)
    first = next(lines)
    rows = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first))
    with contextlib.closing(lines):
        try:
            next(rows)  # the header, checked before this generator started
            for row in rows:
                where = f"{path}:{rows.line_num}"
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    report.skip(where, f"too many fields: {len(row)} for {len(header)} columns")
                    continue
                try:
                    entry = _entry(_csv_record(header, row), default_source="csv")
                except InputError as error:
                    report.skip(where, error.message)
                    continue
                if entry.id in seen:
                    report.skip(where, f"duplicate id: {entry.id} appears on an earlier row")
                    continue
                seen.add(entry.id)
                report.read += 1
                yield entry
        except csv.Error as error:
            raise InputError(f"{path}:{rows.line_num}: unreadable CSV ({error}); {_HELP}") from None


def _csv_record(header: list[str], row: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"labels": {}}
    for column, cell in zip(header, row, strict=False):
        value = cell.strip()
        if column.startswith("label_") and len(column) > 6:
            if value:
                record["labels"][column[6:]] = value
        elif column == "aliases":
            record["aliases"] = value.split("|") if value else []
        elif column in _CSV_COLUMNS:
            record[column] = value
    return record


# --- one record to one entry ---------------------------------------------------------------


def _entry(record: Mapping[str, Any], *, default_source: str) -> KBEntry:
    """Validate and normalise one record (from JSON or CSV); InputError says what is wrong."""
    name = _string(record, "name")
    if not name:
        raise InputError("no name")
    kind = (_string(record, "type") or "").upper()
    kind = _TYPE_NAMES.get(kind, kind)
    if kind not in ENTITY_TYPES:
        raise InputError(
            f"bad type: {record.get('type')!r} is not one of {', '.join(ENTITY_TYPES)}"
        )
    wikidata = _wikidata_id(record.get("wikidata"))
    entry_id = _string(record, "id") or wikidata or _slug(name)
    lat, lon = _float(record, "lat"), _float(record, "lon")
    if (lat is None) != (lon is None):
        raise InputError("bad coordinates: lat and lon must be given together")
    if lat is not None and lon is not None and not (abs(lat) <= 90 and abs(lon) <= 180):
        raise InputError(f"bad coordinates: {lat}, {lon} is out of range")
    country = _string(record, "country")
    if country and not ISO2.match(country):
        raise InputError(f"bad country: {country!r} is not an ISO 3166-1 alpha-2 code such as UA")
    return KBEntry(
        id=entry_id,
        type=kind,
        name=name,
        wikidata=wikidata,
        labels=_labels(record.get("labels")),
        aliases=_aliases(record.get("aliases")),
        description=_string(record, "description"),
        country=country.upper() if country else None,
        lat=lat,
        lon=lon,
        geonames=_int(record, "geonames", minimum=1),
        population=_int(record, "population", minimum=0),
        source=_string(record, "source") or default_source,
    )


def _string(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"bad {key}: {type(value).__name__}, not a string")
    return value.strip() or None


def _wikidata_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    m = _QID_URL.match(value.strip()) if isinstance(value, str) else None
    if not m:
        raise InputError(f"bad wikidata: {value!r} is not a Q-id such as Q212")
    return m.group(1).upper()


def _slug(name: str) -> str:
    words = fold(name).split()
    if not words:
        raise InputError(f"no id: the name {name!r} has no letters to make one from")
    return "kb:" + "-".join(words)


def _float(record: Mapping[str, Any], key: str) -> float | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:  # a decimal comma is what a French or German spreadsheet writes
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise InputError(f"bad {key}: {record.get(key)!r} is not a number") from None
    if not is_number(value):
        raise InputError(f"bad {key}: {record.get(key)!r} is not a number")
    return float(value)


def _int(record: Mapping[str, Any], key: str, *, minimum: int) -> int | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InputError(f"bad {key}: {record.get(key)!r} is not a whole number >= {minimum}")
    return value


def _labels(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError("bad labels: not an object of language code to name")
    labels = {}
    for lang, label in value.items():
        if not isinstance(label, str) or not isinstance(lang, str) or not lang.strip():
            raise InputError(f"bad labels: the {lang!r} label is not a name")
        if label.strip():
            labels[lang.strip().lower()] = label.strip()
    return labels


def _aliases(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise InputError("bad aliases: not a list of names")
    return list(dict.fromkeys(a.strip() for a in value if a.strip()))
