"""Hechos y reivindicaciones en español, sobre frases escritas para estas pruebas.

No hay expresiones temporales en español todavía (find_timexes cubre en, fr, de),
así que ninguna fecha se espera aquí.
"""

from __future__ import annotations

import re

import pytest

from newsweave.events import extract_events, find_timexes
from newsweave.model import Mention, PartialDate
from newsweave.quotes import extract_quotes

DCT = PartialDate(2023, 3, 8)  # a Wednesday
LANG = "es"


def mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type), as the entity stage gives them."""
    out = [
        Mention(name, m.start(), m.end(), kind)
        for name, kind in names
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
    ]
    return sorted(out, key=lambda m: m.start)


def events(text: str, names: list[tuple[str, str]]) -> list[tuple]:
    """(type, action, actors, targets, place, date, claimed by, negated) of each event."""
    ms = mentions(text, names)
    found = extract_events(
        text, LANG, ms, find_timexes(text, LANG, DCT), extract_quotes(text, LANG, ms)
    )

    def name(k: int | None) -> str | None:
        return None if k is None else ms[k].text

    return [
        (
            e.type,
            e.action,
            [ms[k].text for k in e.actors],
            [ms[k].text for k in e.targets],
            name(e.place),
            e.date,
            name(e.claimed_by) if e.claimed_by is not None else e.claimed_by_text,
            e.negated,
        )
        for e in found
    ]


CASES = [
    ("Según el Ministerio de Defensa ruso, la aviación bombardeó Kramatorsk.",
     [("Kramatorsk", "LOC")],
     [("attack", "bombardeó", [], ["Kramatorsk"], "Kramatorsk", None,
       "el Ministerio de Defensa ruso", False)]),
    ("Bajmut fue tomada por Wagner.",
     [("Bajmut", "LOC"), ("Wagner", "ORG")],
     [("capture", "tomada", ["Wagner"], ["Bajmut"], "Bajmut", None, None, False)]),
    # "negó haber atacado": negado, y quien lo niega es el autor señalado
    ("Irán negó haber atacado la base.",
     [("Irán", "LOC")],
     [("attack", "atacado", ["Irán"], [], None, None, "Irán", True)]),
    ("Rusia podría atacar Kiev.", [("Rusia", "LOC"), ("Kiev", "LOC")], []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_events(text: str, names: list[tuple[str, str]], expected: list[tuple]) -> None:
    assert events(text, names) == expected
