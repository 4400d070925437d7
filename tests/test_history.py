"""Two ingests, two exports: the second explains every id of the first that it changed.

The first article names a minister by her surname only ("Halvorsen"); a later
one gives the full name, and the surname-only entity is merged into it, its
mention and quote re-pointed. The second export's `changes` say so (old ->
new, why, which article, when), so each entity id an analyst saved from the
first export still leads to an entity of the second that holds the same
mentions. Real models, the real CLI (in process, to load the models once).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.export import export_schema

pytestmark = pytest.mark.slow
DATA = Path(__file__).parent / "data" / "history"


def _export(runner: CliRunner, db: str, path: Path) -> dict:
    result = runner.invoke(cli, ["export", "--db", db, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))


def _mentions(export: dict) -> dict[tuple[str, int], str]:
    """(doc, start) -> entity id, over every mention of the export."""
    return {(m["doc"], m["start"]): e["id"] for e in export["entities"] for m in e["mentions"]}


def test_a_later_ingest_explains_the_ids_it_changed(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "h.db")
    for folder in ("first", "later"):
        result = runner.invoke(cli, ["ingest", str(DATA / folder), "--db", db, "--workers", "0"])
        assert result.exit_code == 0, result.output
        if folder == "first":
            before = _export(runner, db, tmp_path / "first.json")
    after = _export(runner, db, tmp_path / "later.json")
    jsonschema.validate(after, export_schema())

    changes = {c["old"]: c for c in after["changes"] if c["kind"] == "entity"}
    print(f"\nchanges recorded by the second ingest: {after['changes']}")
    assert "per:halvorsen" in changes
    change = changes["per:halvorsen"]
    assert change["new"] == "per:ingrid-halvorsen" and change["moved"] >= 1
    assert "surname" in change["reason"] and change["doc"] in {d["id"] for d in after["documents"]}

    # Every id of the first export leads, through the changes, to the entity that holds
    # the same mention in the second.
    now = _mentions(after)
    for where, old in _mentions(before).items():
        current = old
        while current in changes:
            current = changes[current]["new"]
        assert now[where] == current, (where, old)

    shown = runner.invoke(cli, ["show", "per:halvorsen", "--db", db])
    assert "per:halvorsen was merged into per:ingrid-halvorsen" in shown.output
    quotes = runner.invoke(cli, ["quotes", "--entity", "per:halvorsen", "--db", db, "--json"])
    assert len(json.loads(quotes.output)) == 2  # the quote of each article
