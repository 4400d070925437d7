"""Recognisers: the name-list matcher on texts written for the tests, and spaCy NER-only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.config import EntitySettings
from newsweave.entities.ner import NameListRecogniser, SpacyRecogniser, spacy_recogniser
from newsweave.errors import MissingDependency

KNOWN = {
    "nato": "ORG",
    "wagner": "ORG",
    "jens stoltenberg": "PER",
    "institut der wirtschaft": "ORG",
}
PLACES = {"bachmut", "kramatorsk", "wladimir", "brüssel"}


def _known(name: str, lang: str | None) -> str | None:
    return KNOWN.get(name.lower())


def _place(name: str, lang: str | None) -> bool:
    return name.lower() in PLACES


@pytest.fixture
def recogniser() -> NameListRecogniser:
    return NameListRecogniser(_known, _place, "de")


def _found(recogniser, text):
    return [(m.text, m.type, m.source) for m in recogniser.recognise([text])[0]]


def test_name_list_finds_known_names_and_places(recogniser):
    text = "Nato-Generalsekretär Jens Stoltenberg sagte in Brüssel, Bachmut werde verteidigt."
    assert _found(recogniser, text) == [
        ("Nato", "ORG", "kb"),
        ("Jens Stoltenberg", "PER", "kb"),
        ("Brüssel", "LOC", "gazetteer"),
        ("Bachmut", "LOC", "gazetteer"),
    ]


def test_a_town_name_followed_by_a_name_is_a_first_name(recogniser):
    # Vladimir is a Russian city, and also Putin's first name.
    assert _found(recogniser, "Kremlchef Wladimir Putin schwieg.") == []


def test_lower_case_particles_join_a_name(recogniser):
    text = "Das Institut der Wirtschaft warnte."
    assert _found(recogniser, text) == [("Institut der Wirtschaft", "ORG", "kb")]


def test_offsets_point_at_the_text(recogniser):
    text = "«Wagner» und (Kramatorsk)."
    for m in recogniser.recognise([text])[0]:
        assert text[m.start : m.end] == m.text


@given(st.text(max_size=200))
def test_name_list_never_fails_and_offsets_hold(text):
    recogniser = NameListRecogniser(_known, _place, "de")
    for m in recogniser.recognise([text])[0]:
        assert text[m.start : m.end] == m.text


@pytest.mark.slow
def test_spacy_runs_ner_only_and_maps_labels():
    package = EntitySettings().models()["en"]
    recogniser = spacy_recogniser(package, 8, 20_000)
    assert recogniser.nlp.pipe_names == ["ner"]
    text = "NATO chief Jens Stoltenberg spoke in Stockholm on Wednesday."
    found = {(m.text, m.type) for m in recogniser.recognise([text])[0]}
    assert ("Jens Stoltenberg", "PER") in found
    assert ("Stockholm", "LOC") in found  # GPE -> LOC
    assert all(t in {"PER", "ORG", "LOC", "MISC"} for _, t in found)  # no DATE


def test_a_missing_pipeline_says_how_to_install_it():
    with pytest.raises(MissingDependency, match="not installed"):
        SpacyRecogniser("xx_no_such_pipeline")
