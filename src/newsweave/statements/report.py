"""Quotes, statements and events read back for the CLI and exports.

Entity ids are given with the entity's name beside them, so a reader does
not need the entity table to make sense of a record.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from ..entities.report import resolve_entity
from ..history import follow


@dataclass
class QuoteRecord:
    id: str
    doc: str
    text: str
    speaker: str | None
    speaker_name: str | None
    speaker_text: str | None
    start: int
    end: int
    statement_id: int | None
    cue: str | None
    how: str | None
    published: str | None
    lang: str | None
    source: str | None
    story_id: int | None
    # Every article that reported the statement, this one included.
    statement_documents: int = 1
    statement_languages: list[str] = field(default_factory=list)


@dataclass
class EventRecord:
    id: str
    doc: str
    sentence: str
    type: str
    action: str
    actors: list[str]
    targets: list[str]
    place: str | None
    date: str | None
    date_text: str | None
    claimed_by: str | None
    claimed_by_text: str | None
    negated: bool
    published: str | None
    lang: str | None
    story_id: int | None
    names: dict[str, str] = field(default_factory=dict)  # entity id -> name


def _names(store, ids) -> dict[str, str]:
    return {i: r.name for i, r in store.entity_records([i for i in ids if i]).items()}


def list_quotes(
    store,
    entity: str | None = None,
    story: int | None = None,
    limit: int | None = None,
    statement: int | None = None,
) -> list[QuoteRecord]:
    """Quotes, oldest first; `entity` (a name, alias or id) keeps that speaker's only,
    `statement` the quotes of one statement (an id folded into another since leads to
    the one that kept its quotes: `history.follow`)."""
    speakers = [resolve_entity(store, entity)] if entity else None
    if statement is not None:
        statement = int(follow(store, "statement", statement)[0])
    rows = store.quote_rows(speakers=speakers, story_id=story, statement_id=statement, limit=limit)
    names = _names(store, {r["speaker"] for r in rows})
    statements = {
        s["id"]: s for s in store.statement_rows(sorted({r["statement_id"] for r in rows} - {None}))
    }
    out = []
    for r in rows:
        s = statements.get(r["statement_id"])
        out.append(
            QuoteRecord(
                id=r["id"], doc=r["doc_id"], text=r["text"], speaker=r["speaker"],
                speaker_name=names.get(r["speaker"]), speaker_text=r["speaker_text"],
                start=r["start"], end=r["end"], statement_id=r["statement_id"], cue=r["cue"],
                how=r["how"], published=r["published"], lang=r["lang"], source=r["source"],
                story_id=r["story_id"], statement_documents=s["documents"] if s else 1,
                statement_languages=json.loads(s["languages"]) if s else [],
            )
        )  # fmt: skip
    return out


def list_events(
    store,
    story: int | None = None,
    entity: str | None = None,
    type: str | None = None,
    limit: int | None = None,
) -> list[EventRecord]:
    """Events by date (the event's own, else its article's), then arrival."""
    entities = [resolve_entity(store, entity)] if entity else None
    rows = store.event_rows(entities=entities, story_id=story, type=type, limit=limit)
    out = []
    for r in rows:
        actors, targets = json.loads(r["actors"]), json.loads(r["targets"])
        out.append(
            EventRecord(
                id=r["id"], doc=r["doc_id"], sentence=" ".join(r["sentence"].split()),
                type=r["type"], action=r["action"], actors=actors, targets=targets,
                place=r["place"], date=r["date"], date_text=r["date_text"],
                claimed_by=r["claimed_by"], claimed_by_text=r["claimed_by_text"],
                negated=bool(r["negated"]), published=r["published"], lang=r["lang"],
                story_id=r["story_id"],
            )
        )  # fmt: skip
    names = _names(store, {i for e in out for i in (*e.actors, *e.targets, e.place, e.claimed_by)})
    for e in out:
        e.names = {
            i: names[i] for i in (*e.actors, *e.targets, e.place, e.claimed_by) if i in names
        }
    return out


def export_quotes(store) -> list[dict[str, Any]]:
    """The export's `quotes` list."""
    keep = ("id", "doc", "text", "speaker", "speaker_text", "start", "end", "statement_id",
            "cue", "how")  # fmt: skip
    return [{k: v for k, v in asdict(q).items() if k in keep} for q in list_quotes(store)]


def export_statements(store) -> list[dict[str, Any]]:
    """The export's `statements` list: one per thing said, with every article quoting it."""
    rows = store.quote_rows()
    quotes: dict[int, list[str]] = {}
    for r in rows:
        if r["statement_id"] is not None:
            quotes.setdefault(r["statement_id"], []).append(r["id"])
    out = []
    for s in store.statement_rows(sorted(quotes)):
        out.append(
            {
                "id": s["id"], "speaker": s["speaker"], "text": s["text"], "lang": s["lang"],
                "first_published": s["first_published"], "last_published": s["last_published"],
                "documents": s["documents"], "languages": json.loads(s["languages"]),
                "sources": json.loads(s["sources"]), "quotes": quotes[s["id"]],
            }
        )  # fmt: skip
    return out


def export_events(store) -> list[dict[str, Any]]:
    """The export's `events` list."""
    keep = ("id", "doc", "sentence", "type", "action", "actors", "targets", "place", "date",
            "date_text", "claimed_by", "claimed_by_text", "negated")  # fmt: skip
    return [{k: v for k, v in asdict(e).items() if k in keep} for e in list_events(store)]
