"""Hechos y reivindicaciones en español, sobre frases escritas para estas pruebas.

No hay expresiones temporales en español todavía (find_timexes cubre en, fr, de, it),
así que ninguna fecha se espera aquí.
"""

from __future__ import annotations

import pytest

from ..events_cases import events

LANG = "es"


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
    assert events(text, names, LANG) == expected
