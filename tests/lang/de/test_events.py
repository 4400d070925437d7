"""Deutsche Ereignisse und Behauptungen, auf Sätzen, die für diese Tests geschrieben wurden.

Das Veröffentlichungsdatum ist Mittwoch, der 8. März 2023.
"""

from __future__ import annotations

import pytest

from ..events_cases import events

LANG = "de"


CASES = [
    # "nach eigenen Angaben": the actor claims it; the object stands before the participle
    ("Wagner hat nach eigenen Angaben Bachmut eingenommen.",
     [("Wagner", "ORG"), ("Bachmut", "LOC")],
     [("capture", "eingenommen", ["Wagner"], ["Bachmut"], "Bachmut", None, "Wagner", False)]),
    ("Laut Kiew wurden bei einem Angriff auf Charkiw drei Menschen getötet.",
     [("Kiew", "LOC"), ("Charkiw", "LOC")],
     [("attack", "Angriff", [], ["Charkiw"], "Charkiw", None, "Kiew", False),
      ("casualties", "getötet", [], [], None, None, "Kiew", False)]),
    ("Olaf Scholz traf am Montag Emmanuel Macron in Paris.",
     [("Olaf Scholz", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")],
     [("meeting", "traf", ["Olaf Scholz"], ["Emmanuel Macron"], "Paris", "2023-03-06", None,
       False)]),
    ("Die EU beschloss ein neues Sanktionspaket gegen Russland.",
     [("EU", "ORG"), ("Russland", "LOC")],
     [("aid", "Sanktionspaket", ["EU"], ["Russland"], None, None, None, False)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_events(text: str, names: list[tuple[str, str]], expected: list[tuple]) -> None:
    assert events(text, names, LANG) == expected
