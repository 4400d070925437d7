"""Deutsche Ereignisse und Behauptungen, auf Sätzen, die für diese Tests geschrieben wurden.

Das Veröffentlichungsdatum ist Mittwoch, der 8. März 2023.
"""

from __future__ import annotations

import re

import pytest

from newsweave.events import extract_events, find_timexes
from newsweave.model import Mention, PartialDate
from newsweave.quotes import extract_quotes

DCT = PartialDate(2023, 3, 8)  # a Wednesday
LANG = "de"


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
    assert events(text, names) == expected
