"""Fatti e rivendicazioni in italiano, su frasi scritte per questi test.

Nessuna di queste frasi ha un giorno da risolvere, quindi nessuna data è attesa.
"""

from __future__ import annotations

import pytest

from ..events_cases import events

LANG = "it"


CASES = [
    # attacco, con il bersaglio e il luogo
    ("Nella notte l'esercito russo ha bombardato Kharkiv.",
     [("Kharkiv", "LOC")],
     [("attack", "bombardato", [], ["Kharkiv"], "Kharkiv", None, None, False)]),
    # cattura al passivo: l'agente dopo "dalla"
    ("Bakhmut è stata conquistata dalla Wagner.",
     [("Bakhmut", "LOC"), ("Wagner", "ORG")],
     [("capture", "conquistata", ["Wagner"], ["Bakhmut"], "Bakhmut", None, None, False)]),
    ("Secondo il ministero della Difesa russo, le truppe hanno preso il controllo di Marinka.",
     [("Marinka", "LOC")],
     [("capture", "preso il controllo", [], ["Marinka"], "Marinka", None,
       "il ministero della Difesa russo", False)]),
    # rivendicazione: chi afferma è anche l'autore
    ("Il gruppo Wagner ha affermato di aver conquistato Soledar.",
     [("Wagner", "ORG"), ("Soledar", "LOC")],
     [("capture", "conquistato", ["Wagner"], ["Soledar"], "Soledar", None, "Wagner", False)]),
    ("Giorgia Meloni ha incontrato Volodymyr Zelensky a Kiev.",
     [("Giorgia Meloni", "PER"), ("Volodymyr Zelensky", "PER"), ("Kiev", "LOC")],
     [("meeting", "incontrato", ["Giorgia Meloni"], ["Volodymyr Zelensky"], "Kiev", None, None,
       False)]),
    # aiuti: il destinatario prima dell'oggetto; "Stati" qui non è "stati" (passivo)
    ("Gli Stati Uniti invieranno all'Ucraina nuovi missili Patriot.",
     [("Stati Uniti", "LOC"), ("Ucraina", "LOC")],
     [("aid", "invieranno", ["Stati Uniti"], ["Ucraina"], None, None, None, False)]),
    ("L'Unione europea ha approvato nuove sanzioni contro la Russia.",
     [("Unione europea", "ORG"), ("Russia", "LOC")],
     [("aid", "sanzioni", ["Unione europea"], ["Russia"], None, None, None, False)]),
    ("Tre civili sono stati uccisi a Kherson, secondo il governatore Oleksandr Prokudin.",
     [("Kherson", "LOC"), ("Oleksandr Prokudin", "PER")],
     [("casualties", "uccisi", [], [], "Kherson", None, "Oleksandr Prokudin", False)]),
    ("Un tribunale di Mosca ha condannato Ilya Yashin a otto anni di carcere.",
     [("Mosca", "LOC"), ("Ilya Yashin", "PER")],
     [("legal", "condannato", ["Mosca"], ["Ilya Yashin"], None, None, None, False)]),
    # "ha negato di aver attaccato": negato, e chi nega è l'autore indicato
    ("L'Iran ha negato di aver attaccato la base.",
     [("Iran", "LOC")],
     [("attack", "attaccato", ["Iran"], [], None, None, "Iran", True)]),
    # "condannato" senza pena: una condanna a parole, non una sentenza
    ("Il Cremlino ha condannato l'attacco.",
     [("Cremlino", "ORG")],
     [("attack", "attacco", [], [], None, None, "Cremlino", False)]),
    ("La Russia potrebbe attaccare Kiev.", [("Russia", "LOC"), ("Kiev", "LOC")], []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_events(text: str, names: list[tuple[str, str]], expected: list[tuple]) -> None:
    assert events(text, names, LANG) == expected
