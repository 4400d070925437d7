"""The language folders the quote, event and entity stages read, and how they read them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsweave
from newsweave.events.lexicon import load as load_events
from newsweave.language.registry import codes, get_language
from newsweave.quotes.resources import load as load_quotes

SRC = Path(newsweave.__file__).parent
QUOTE_LISTS = (
    "speech_verbs.txt",
    "pronouns.txt",
    "titles.txt",
    "roles.txt",
    "institutions.txt",
    "function_words.txt",
    "demonyms.txt",
    "first_names.txt",
)
# Stages that must ask the registry instead of testing language codes themselves.
REGISTRY_READERS = [
    *sorted((SRC / "quotes").glob("*.py")),
    *sorted(p for p in (SRC / "events").glob("*.py") if not p.name.startswith("timex")),
    *sorted((SRC / "clustering").glob("*.py")),
    *sorted((SRC / "statements").glob("*.py")),
    SRC / "entities" / "names.py",
    SRC / "entities" / "ner.py",
]


def test_italian_is_a_quote_and_event_language() -> None:
    assert {"en", "fr", "de", "es", "it"} <= set(codes(having="speech_verbs.txt"))
    assert set(codes(having="speech_verbs.txt")) == set(codes(having="events.txt"))
    italian = get_language("it")
    assert italian.null_subject and not italian.dialogue_dashes
    assert load_quotes("it") is not None and load_events("it") is not None


@pytest.mark.parametrize("code", codes(having="speech_verbs.txt"))
def test_a_quote_language_ships_every_list(code: str) -> None:
    language = get_language(code)
    missing = [name for name in QUOTE_LISTS if not language.has(name)]
    assert not missing, f"language/{code}/ lacks {missing}"
    marks = {
        mark
        for line in language.lines("pronouns.txt")
        for mark in [*line.split("|"), "", "", ""][3].split(",")
        if mark
    }
    assert marks <= {"neuter", "inverted", "verb_number"}, marks


def test_flags_replace_language_branches() -> None:
    res = {code: load_quotes(code) for code in ("en", "fr", "de", "es", "it")}
    assert [c for c, r in res.items() if r.inverted is not None] == ["fr"]
    assert [c for c, r in res.items() if r.language.null_subject] == ["es", "it"]
    assert [c for c, r in res.items() if r.verb_number] == ["de"]
    assert res["it"].plural_verb.search("hanno") and not res["it"].plural_verb.search("ha")


def _code_tests(path: Path) -> list[str]:
    """`lang == "de"`, `res.lang in ("fr", "es")`: a stage deciding by language code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        names = [node.left, *node.comparators]
        about_lang = any(
            (isinstance(n, ast.Name) and n.id == "lang")
            or (isinstance(n, ast.Attribute) and n.attr == "lang")
            for n in names
        )
        literals = [
            c.value
            for n in names
            for c in ([n] if isinstance(n, ast.Constant) else getattr(n, "elts", []))
            if isinstance(c, ast.Constant) and isinstance(c.value, str)
        ]
        if about_lang and any(v != "unknown" for v in literals):
            found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_no_stage_tests_language_codes_itself() -> None:
    found = [hit for path in REGISTRY_READERS for hit in _code_tests(path)]
    assert not found, f"ask language.registry instead: {found}"
