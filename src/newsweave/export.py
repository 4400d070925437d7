"""Exports: one JSON document, JSON Lines, or CSV tables.

The JSON shape is documented by `schema/export.schema.json` (checked by a
test). Unknown values are null, never guessed.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from typing import Any

from .entities.report import export_entities, places_geojson
from .history import export_changes
from .model import PartialDate
from .statements.report import export_events, export_quotes, export_statements
from .store import Store
from .stories import list_stories, list_threads

FORMATS = ("json", "jsonl", "csv", "geojson")


def _iso(value: PartialDate | None) -> str | None:
    return value.isoformat() if value else None


def build_export(store: Store) -> dict[str, Any]:
    """Everything in the store as plain data: documents, stories, threads, entities,
    quotes and the statements they report, events, skipped input, and the ids later
    ingests changed (entities merged, statements folded: `history`)."""
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
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        lines = []
        kinds = {"documents": "document", "stories": "story", "threads": "thread",
                 "entities": "entity", "quotes": "quote", "statements": "statement",
                 "events": "event", "skipped": "skipped", "changes": "change"}  # fmt: skip
        for kind, name in kinds.items():
            for record in data.get(kind, ()):
                lines.append(json.dumps({"type": name, **record}, ensure_ascii=False))
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        return _csv(data["documents"])
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(documents: list[dict[str, Any]]) -> str:
    """One row per document; the story and thread ids join it to the other exports."""
    columns = ["id", "title", "lang", "published", "source", "dateline", "url",
               "story_id", "thread_id", "duplicate_of"]  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for doc in documents:
        writer.writerow({k: "" if doc.get(k) is None else doc[k] for k in columns})
    return out.getvalue()
