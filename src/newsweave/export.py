"""Exports: one JSON document, JSON Lines, or CSV tables.

The JSON shape is documented by `schema/export.schema.json` (checked by a
test). Unknown values are null, never guessed.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from .entities.report import export_entities, places_geojson
from .errors import OutputError
from .history import export_changes
from .model import PartialDate
from .statements.report import export_events, export_quotes, export_statements
from .store import Store
from .stories import list_stories, list_threads

FORMATS = ("json", "jsonl", "csv", "geojson")


def _iso(value: PartialDate | None) -> str | None:
    return value.isoformat() if value else None


def build_export(store: Store, with_text: bool = False) -> dict[str, Any]:
    """Everything in the store as plain data: documents, stories, threads, entities,
    quotes and the statements they report, events, skipped input, and the ids later
    ingests changed (entities merged, statements folded: `history`).

    `with_text` adds each document's stored text (`text`, whole, boilerplate lines
    included) for tools that read the export; without it the export stays small."""
    stories = list_stories(store)
    threads = list_threads(store, stories)
    documents = [
        {
            "id": d.id,
            "title": d.title,
            "lang": d.lang,
            "published": _iso(d.published),
            "source": d.source,
            "dateline": d.dateline,
            "url": d.url,
            "story_id": d.story_id,
            "thread_id": d.thread_id,
            "duplicate_of": d.duplicate_of,
            "truncated_at": d.truncated_at,
            "evidence": d.extra.get("evidence"),
            **({"text": d.text} if with_text else {}),
        }
        for d in store.documents()
    ]
    return {
        "documents": documents,
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "documents": s.documents,
                "languages": s.languages,
                "first_published": _iso(s.first_published),
                "last_published": _iso(s.last_published),
                "thread_id": s.thread_id,
            }
            for s in sorted(stories, key=lambda s: s.id)
        ],
        "threads": [
            {
                "id": t.id,
                "title": t.title,
                "stories": t.stories,
                "first_published": _iso(t.first_published),
                "last_published": _iso(t.last_published),
            }
            for t in threads
        ],
        "entities": export_entities(store),
        "quotes": export_quotes(store),
        "statements": export_statements(store),
        "events": export_events(store),
        "skipped": [{"origin": s.origin, "reason": s.reason} for s in store.skipped()],
        "changes": export_changes(store),
    }


def export_schema() -> dict[str, Any]:
    text = (resources.files("newsweave") / "schema" / "export.schema.json").read_text("utf-8")
    return json.loads(text)


def build_geojson(store: Store) -> dict[str, Any]:
    """Places on a map: a GeoJSON FeatureCollection of geocoded places and their stories."""
    return places_geojson(store)


def render(data: dict[str, Any], fmt: str) -> str:
    """Serialise an export: `json` (one object), `jsonl` (one record per line), `csv`,
    or `geojson` (when `data` is a FeatureCollection from `build_geojson`)."""
    if fmt in {"json", "geojson"}:
        return to_json(data) + "\n"
    if fmt == "jsonl":
        lines = []
        kinds = {"documents": "document", "stories": "story", "threads": "thread",
                 "entities": "entity", "quotes": "quote", "statements": "statement",
                 "events": "event", "skipped": "skipped", "changes": "change"}  # fmt: skip
        for kind, name in kinds.items():
            for record in data.get(kind, ()):
                lines.append(to_json({"type": name, **record}, indent=None))
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        return _csv(data["documents"])
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(documents: list[dict[str, Any]]) -> str:
    """One row per document; the story and thread ids join it to the other exports."""
    columns = ["id", "title", "lang", "published", "source", "dateline", "url",
               "story_id", "thread_id", "duplicate_of"]  # fmt: skip
    if documents and "text" in documents[0]:
        columns.append("text")  # last: the one long, multi-line field (quoted by csv)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for doc in documents:
        writer.writerow({k: "" if doc.get(k) is None else doc[k] for k in columns})
    return out.getvalue()


# Characters JSON leaves raw with ensure_ascii=False that a terminal or a strict UTF-8
# writer trips on: DEL and the C1 controls (U+009B is a terminal escape), lone surrogates
# (from file names that are not UTF-8), and the two Unicode line separators.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def to_json(data: Any, indent: int | None = 2) -> str:
    """JSON text with non-ASCII letters kept readable and every control character
    escaped: the same value to any JSON reader, safe to print and to encode."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # Outside strings JSON is ASCII, so these can only stand inside a string literal.
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def check_output(path: str | os.PathLike[str], keep: Iterable[str] = ()) -> Path:
    """The file an export will be written to (symlinks followed), or `OutputError` if
    it cannot be: called before the export is built, so a typo costs nothing."""
    target = Path(path)
    resolved = target.resolve()  # a symlink is followed: its target file is replaced
    if any(resolved == Path(other).resolve() for other in keep):
        raise OutputError(f"cannot write {path}: it is the database being exported; "
                          "choose another output file")  # fmt: skip
    folder = resolved.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(
            f"cannot write {path}: the folder {target.parent} {what}; "
            "create it first (mkdir -p) or choose another output file"
        )
    if resolved.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    return resolved


def write_output(text: str, path: str | os.PathLike[str], keep: Iterable[str] = ()) -> None:
    """Write `text` to the file `path` whole or not at all: a failed write (a missing
    folder, no permission, a full disk) raises `OutputError` and leaves any earlier
    file at `path` as it was. `keep` lists files that must never be overwritten (the
    database the export is read from)."""
    resolved = check_output(path, keep)
    data = text.encode("utf-8", errors="backslashreplace")
    try:
        if resolved.exists() and not resolved.is_file():
            # A terminal, a pipe or /dev/null: write straight into it, nothing to replace.
            with open(resolved, "wb") as handle:
                handle.write(data)
            return
        _replace(resolved, data)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written: "
            + _WHAT_TO_DO.get(exc.errno or 0, "choose another output file")
        ) from exc


_WHAT_TO_DO = {
    errno.ENOSPC: "free some space and run it again",
    errno.EDQUOT: "free some space and run it again",
    errno.EACCES: "choose a folder you can write to",
    errno.EPERM: "choose a folder you can write to",
    errno.EROFS: "the file system is read-only; choose another folder",
}


def _replace(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path` (atomic)."""
    if path.exists():
        mode = path.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
