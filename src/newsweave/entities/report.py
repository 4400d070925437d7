"""Read side of the entities: listings, one entity in detail, export records, GeoJSON.

Plain data out (dataclasses and dicts), so the CLI, the export and a future
API render the same thing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import NotFound
from ..history import follow
from .names import fold, phrase_key


@dataclass
class EntitySummary:
    id: str
    name: str
    type: str
    wikidata: str | None
    mentions: int
    documents: int
    languages: dict[str, int] = field(default_factory=dict)  # lang -> mentions
    stories: dict[int, int] = field(default_factory=dict)  # story id -> mentions
    lat: float | None = None
    lon: float | None = None
    country: str | None = None


@dataclass
class EntityDetail:
    summary: EntitySummary
    description: str | None
    kb_id: str | None
    aliases: list[dict[str, Any]]  # alias, lang, count, evidence
    mentions: list[dict[str, Any]]  # doc, text, start, end, story_id, lang, published
    merged: list[str] = field(default_factory=list)  # ids folded into this one
    # When asked by an id a later ingest merged away: each change on the way here.
    redirects: list[dict[str, Any]] = field(default_factory=list)


def _summaries(store, rows) -> list[EntitySummary]:
    out = {}
    for r in rows:
        out[r["id"]] = EntitySummary(
            id=r["id"], name=r["name"], type=r["type"], wikidata=r["wikidata"],
            mentions=r["mentions"], documents=r["documents"], lat=r["lat"], lon=r["lon"],
            country=r["country"],
        )  # fmt: skip
    if not out:
        return []
    langs: dict[str, Counter[str]] = defaultdict(Counter)
    stories: dict[str, Counter[int]] = defaultdict(Counter)
    for eid, lang, story, n in store.mention_spread():
        if eid in out:
            langs[eid][lang or "unknown"] += n
            if story is not None:
                stories[eid][story] += n
    for eid, summary in out.items():
        summary.languages = dict(langs[eid].most_common())
        summary.stories = dict(sorted(stories[eid].items()))
    return list(out.values())


def list_entities(
    store, type: str | None = None, limit: int | None = None, min_mentions: int = 1
) -> list[EntitySummary]:
    """Entities by mention count, with their spread over languages and stories."""
    return _summaries(store, store.entity_rows(type, limit, min_mentions))


def find_entities(store, name: str) -> list[str]:
    """Live entity ids whose id, name or an alias matches `name` (folded)."""
    ids = store.entities_named(name)
    f = fold(name)
    if not ids and f:
        keys = store.entity_lookup([(phrase_key(name), "key"), (f, "fold")])
        ids = sorted({i for v in keys.values() for i in v})
    if not ids and f and " " not in f:  # a surname alone: "Stoltenberg"
        keys = store.entity_lookup([(f"per:{phrase_key(name)}", "surname")])
        ids = sorted({i for v in keys.values() for i in v})
    return ids


def resolve_entity(store, name: str) -> str:
    """An entity id from an id, a Wikidata id, a name or any alias seen in the articles."""
    ids = find_entities(store, name)
    if not ids:
        current, path = follow(store, "entity", name)  # an id merged away, whatever its row
        ids = [str(current)] if path else []
    if not ids:
        raise NotFound(f"no entity named '{name}'; list them with `newsweave entities`")
    if len(ids) > 1:
        rows = store.entity_records(ids)
        ids.sort(key=lambda i: -(rows[i].mentions if i in rows else 0))
    return ids[0]


def get_entity(store, name: str) -> EntityDetail:
    eid = resolve_entity(store, name)
    row = store.entity_row(eid)
    summary = _summaries(store, [row])[0]
    aliases = [dict(r) for r in store.entity_aliases(eid)]
    mentions = [
        {
            "doc": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"],
            "story_id": r["story_id"], "lang": r["lang"], "published": r["published"],
            "evidence": r["evidence"],
        }
        for r in store.entity_mentions(eid)
    ]  # fmt: skip
    _, path = follow(store, "entity", name)
    return EntityDetail(
        summary,
        row["description"],
        row["kb_id"],
        aliases,
        mentions,
        store.merged_into(eid),
        [asdict(c) for c in path],
    )


def export_entities(store) -> list[dict[str, Any]]:
    """The export's `entities` list: every live entity with its aliases and mentions."""
    rows = store.entity_rows()
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        by_id[r["id"]] = {
            "id": r["id"], "name": r["name"], "type": r["type"], "wikidata": r["wikidata"],
            "aliases": [], "lat": r["lat"], "lon": r["lon"], "country": r["country"],
            "mentions": [],
        }  # fmt: skip
    for eid, alias in store.all_entity_aliases():
        record = by_id.get(eid)
        if record is not None and alias not in record["aliases"]:
            record["aliases"].append(alias)
    for r in store.entity_mentions():
        record = by_id.get(r["entity_id"])
        if record is not None:
            record["mentions"].append(
                {"doc": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"]}
            )
    return sorted(by_id.values(), key=lambda e: (-len(e["mentions"]), e["id"]))


def places_geojson(store) -> dict[str, Any]:
    """Places with coordinates as a GeoJSON FeatureCollection, each with its stories."""
    features = []
    for s in list_entities(store, type="LOC"):
        if s.lat is None or s.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(s.lon, 5), round(s.lat, 5)]},
                "properties": {
                    "id": s.id, "name": s.name, "wikidata": s.wikidata, "country": s.country,
                    "mentions": s.mentions, "documents": s.documents,
                    "languages": s.languages, "stories": sorted(s.stories),
                },
            }
        )  # fmt: skip
    return {"type": "FeatureCollection", "features": features}
