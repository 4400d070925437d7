"""The command line, through click's runner: commands, exit codes, documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
pytestmark = pytest.mark.slow


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path, mini, runner) -> str:
    path = str(tmp_path / "cli.db")
    result = runner.invoke(cli, ["ingest", str(mini), "--db", path, "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert "stored 4" in result.output and "skipped 3" in result.output
    return path


def test_stories_and_show(db, runner):
    listing = runner.invoke(cli, ["stories", "--db", db])
    assert listing.exit_code == 0
    assert "Floods cut off villages" in listing.output or "inondations" in listing.output
    story_id = re.search(r"^\s+(\d+)\s+2\s+en,fr", listing.output, re.M).group(1)
    shown = runner.invoke(cli, ["show", story_id, "--db", db])
    assert "flood-en" in shown.output and "flood-fr" in shown.output
    as_json = json.loads(runner.invoke(cli, ["show", story_id, "--db", db, "--json"]).output)
    assert {d["id"] for d in as_json["documents"]} == {"flood-en", "flood-fr"}


def test_show_unknown_story_is_a_clear_error(db, runner):
    result = runner.invoke(cli, ["show", "999", "--db", db])
    assert result.exit_code != 0
    assert "no story 999" in str(result.exception) or "no story 999" in result.output


def test_export_formats(db, runner, tmp_path):
    data = json.loads(runner.invoke(cli, ["export", "--db", db]).output)
    assert len(data["documents"]) == 4 and data["stories"] and data["threads"]
    lines = runner.invoke(cli, ["export", "--db", db, "--format", "jsonl"]).output.splitlines()
    assert {json.loads(line)["type"] for line in lines} >= {"document", "story", "thread"}
    out = tmp_path / "docs.csv"
    runner.invoke(cli, ["export", "--db", db, "--format", "csv", "-o", str(out)])
    assert out.read_text().splitlines()[0].startswith("id,title,lang,published")


def test_analyze_leaves_no_files(mini, runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["analyze", str(mini), "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["documents"]) == 4
    assert list(tmp_path.iterdir()) == []


def test_nothing_readable_exits_non_zero(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0


def test_every_command_is_documented_in_readme():
    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"newsweave {name}" in text, f"README does not document `newsweave {name}`"


@pytest.fixture
def entity_db(tmp_path, runner) -> str:
    path = str(tmp_path / "entities.db")
    folder = Path(__file__).resolve().parents[1] / "data" / "entities"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", path, "--workers", "0"])
    assert result.exit_code == 0, result.output
    return path


def test_entities_lists_one_entity_per_real_world_entity(entity_db, runner):
    listing = runner.invoke(cli, ["entities", "--db", entity_db, "--json", "--limit", "0"])
    found = {e["name"]: e for e in json.loads(listing.output)}
    zelensky = found["Volodymyr Zelensky"]
    assert zelensky["wikidata"] == "Q3874799"
    assert set(zelensky["languages"]) == {"en", "fr", "de", "es"}
    assert found["Bakhmut"]["documents"] == 5  # Bakhmut, Bakhmout, Bachmut, Bajmut, Bahkmut
    text = runner.invoke(cli, ["entities", "--db", entity_db, "--type", "PER"]).output
    assert "Jens Stoltenberg" in text and "Bakhmut" not in text


def test_show_entity_gives_aliases_and_why(entity_db, runner):
    shown = runner.invoke(cli, ["show", "Bajmut", "--db", entity_db])
    assert shown.exit_code == 0, shown.output
    assert "Bakhmut [LOC]" in shown.output
    assert "Bahkmut [en]" in shown.output and "gazetteer (fuzzy)" in shown.output
    data = json.loads(runner.invoke(cli, ["show", "OTAN", "--db", entity_db, "--json"]).output)
    assert data["wikidata"] == "Q7184"
    assert {"NATO", "OTAN", "Nato"} <= {a["alias"] for a in data["aliases"]}
    missing = runner.invoke(cli, ["show", "Atlantis", "--db", entity_db])
    assert missing.exit_code != 0


def test_geojson_export_puts_places_on_the_map(entity_db, runner):
    data = json.loads(
        runner.invoke(cli, ["export", "--db", entity_db, "--format", "geojson"]).output
    )
    assert data["type"] == "FeatureCollection"
    names = {f["properties"]["name"]: f for f in data["features"]}
    lon, lat = names["Kramatorsk"]["geometry"]["coordinates"]
    assert abs(lat - 48.72) < 0.2 and abs(lon - 37.56) < 0.2
    assert names["Kramatorsk"]["properties"]["stories"]


def test_kb_import_reports_what_it_skipped(runner, tmp_path):
    sample = Path(__file__).resolve().parents[1] / "data" / "kb" / "sample.csv"
    db = str(tmp_path / "kb.db")
    result = runner.invoke(cli, ["kb", "import", str(sample), "--db", db])
    assert result.exit_code == 0, result.output
    assert "imported 5 entries" in result.output and "skipped 6" in result.output
    stats = runner.invoke(cli, ["kb", "stats", "--db", db]).output
    assert re.search(r"^csv\s+LOC\s+2 entries", stats, re.M), stats  # kept over curated ids
    assert re.search(r"^curated\s+PER\s+\d+ entries", stats, re.M)
