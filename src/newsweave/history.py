"""Where a saved id leads now: entities merged and statements folded by later ingests.

A later article can show that two entities are one ("Prigozhin" seen alone,
then "Yevgeny Prigozhin") or that two stored statements report the same words;
the earlier one is then merged away and its mentions, quotes and events point
at the survivor. The store records each such change (old id, new id, why, the
article that caused it, how many stored rows moved, when), so an export can be
explained and an analyst's saved id still resolves:

    current, path = follow(store, "entity", "per:prigozhin")
    # "per:yevgeny-prigozhin", [IdChange(old="per:prigozhin", new=..., reason=...)]

`newsweave history [ID]` prints the same; the export lists every change under
`changes`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("entity", "statement")
_MAX_HOPS = 1000  # a chain of changes is short; a cycle would be a bug, not a loop forever


@dataclass
class IdChange:
    kind: str  # entity | statement
    old: str | int
    new: str | int
    reason: str
    doc: str | None  # the article whose ingest made the change
    moved: int  # stored mentions (entity) or quotes (statement) re-pointed
    at: str  # when, UTC ISO 8601


def _change(row) -> IdChange:
    return IdChange(
        kind=row["kind"], old=row["old_id"], new=row["new_id"], reason=row["reason"],
        doc=row["doc_id"], moved=row["moved"], at=row["at"],
    )  # fmt: skip


def _key(kind: str, value: str | int) -> str | int:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of id {kind!r}; one of {', '.join(KINDS)}")
    if kind == "statement":
        return int(value)
    return str(value)


def list_changes(store, kind: str | None = None) -> list[IdChange]:
    """Every recorded change, oldest first (of one kind when given)."""
    return [_change(r) for r in store.id_changes(kind)]


def follow(store, kind: str, old: str | int) -> tuple[str | int, list[IdChange]]:
    """The id `old` leads to now, and the changes on the way (empty when it is current)."""
    current = _key(kind, old)
    path: list[IdChange] = []
    seen = {current}
    for _ in range(_MAX_HOPS):
        rows = store.id_changes(kind, current)
        if not rows:
            break
        change = _change(rows[-1])
        path.append(change)
        current = _key(kind, change.new)
        if current in seen:
            break
        seen.add(current)
    return current, path


def export_changes(store) -> list[dict[str, Any]]:
    """The export's `changes` list: one record per id change, oldest first."""
    return [asdict(c) for c in list_changes(store)]
