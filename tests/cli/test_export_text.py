"""`newsweave export --with-text/--without-text`: article text in exports, on by default
for JSON Lines (the format other tools stream from), off for JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.export import export_schema

pytestmark = pytest.mark.slow
MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
OPENING = "Torrential rain swept across the Emilia-Romagna region"  # tests/data/mini/flood-en.txt


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("export-text") / "text.db")
    result = CliRunner().invoke(cli, ["ingest", str(MINI), "--db", path, "--workers", "0"])
    assert result.exit_code == 0, result.output
    return path


def _export(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _documents(jsonl: str) -> dict[str, dict]:
    records = [json.loads(line) for line in jsonl.splitlines()]
    return {r["id"]: r for r in records if r["type"] == "document"}


def test_jsonl_carries_the_text_by_default(db):
    docs = _documents(_export(db, "-f", "jsonl"))
    assert len(docs) == 4
    assert OPENING in docs["flood-en"]["text"]
    assert all(isinstance(d["text"], str) and d["text"] for d in docs.values())


def test_jsonl_without_text(db):
    docs = _documents(_export(db, "--format", "jsonl", "--without-text"))
    assert len(docs) == 4 and not any("text" in d for d in docs.values())


def test_json_has_no_text_unless_asked_and_matches_the_schema(db):
    plain = json.loads(_export(db))
    assert not any("text" in d for d in plain["documents"])
    full = json.loads(_export(db, "--with-text"))
    jsonschema.validate(full, export_schema())
    by_id = {d["id"]: d for d in full["documents"]}
    assert OPENING in by_id["flood-en"]["text"]
    # The rest of the export is the same with or without text.
    for doc in full["documents"]:
        doc.pop("text")
    assert full == plain


def test_csv_with_text_is_one_quoted_column(db):
    rows = list(csv.DictReader(io.StringIO(_export(db, "-f", "csv", "--with-text"))))
    assert len(rows) == 4 and list(rows[0])[-1] == "text"
    flood = next(r for r in rows if r["id"] == "flood-en")
    assert OPENING in flood["text"] and "\n" in flood["text"]  # multi-line text, one field
    assert "text" not in next(csv.DictReader(io.StringIO(_export(db, "-f", "csv"))))


def test_analyze_takes_the_same_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", str(MINI), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert OPENING in _documents(result.stdout)["flood-en"]["text"]
    assert list(tmp_path.iterdir()) == []
