"""`newsweave quotes` and `newsweave events` on two articles written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli

FOLDER = Path(__file__).resolve().parents[1] / "data" / "statements"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("statements") / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(FOLDER), "--db", path, "--workers", "0"])
    assert result.exit_code == 0, result.output
    return path


def _json(args: list[str]):
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_quotes_of_an_entity_by_any_of_its_names(db):
    by_surname = _json(["quotes", "--entity", "Umerov", "--db", db])
    by_french_name = _json(["quotes", "--entity", "Roustem Oumerov", "--db", db])
    assert by_surname == by_french_name
    assert {q["speaker_text"] for q in by_surname} == {"the Ukrainian minister", "He",
                                                       "le ministre ukrainien"}  # fmt: skip
    # the same words in English and French are one statement with two articles
    every_day = [q for q in by_surname if q["text"].startswith(("Every day", "Chaque jour"))]
    assert len({q["statement_id"] for q in every_day}) == 1
    assert every_day[0]["statement_documents"] == 2
    assert sorted(every_day[0]["statement_languages"]) == ["en", "fr"]


def test_quotes_text_output_names_speaker_and_statement(db):
    result = CliRunner().invoke(cli, ["quotes", "--entity", "Stoltenberg", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Jens Stoltenberg" in result.output
    assert "2 articles, en,fr" in result.output
    assert "la Russie se prépare" in result.output


def test_quotes_of_an_unknown_entity_is_a_clear_error(db):
    result = CliRunner().invoke(cli, ["quotes", "--entity", "Nobody Atall", "--db", db])
    assert result.exit_code == 2
    assert "Error: [E005] no entity named" in result.output  # one coded line, no traceback


def test_events_of_a_story_are_dated_and_typed(db):
    quotes = _json(["quotes", "--db", db])
    story = next(q["story_id"] for q in quotes if q["doc"] == "harbour-en")
    events = _json(["events", "--story", str(story), "--db", db])
    shelling = [e for e in events if e["type"] == "attack" and e["doc"] == "harbour-en"]
    assert shelling and shelling[0]["date"] == "2024-05-14"
    assert "kb:kherson" in [shelling[0]["place"], *shelling[0]["targets"]]
    meeting = [e for e in events if e["type"] == "meeting" and e["doc"] == "harbour-fr"]
    assert meeting and meeting[0]["date"] == "2024-05-15"
    assert meeting[0]["place"] == "kb:berlin"
    text = CliRunner().invoke(cli, ["events", "--story", str(story), "--db", db]).output
    assert "2024-05-14" in text and "attack" in text
