"""English events and claims, on sentences written for these tests.

The publication date is Wednesday 8 March 2023.
"""

from __future__ import annotations

import pytest

from ..events_cases import events

LANG = "en"


CASES = [
    # passive: the subject is the target, "by" names the actor
    ("Bakhmut was shelled by Russian forces on Tuesday.",
     [("Bakhmut", "LOC"), ("Russian", "MISC")],
     [("attack", "shelled", ["Russian"], ["Bakhmut"], "Bakhmut", "2023-03-07", None, False)]),
    # a denial negates what is denied; the denier did not capture it
    ("Moscow denied capturing the village of Soledar.",
     [("Moscow", "LOC"), ("Soledar", "LOC")],
     [("capture", "capturing", ["Moscow"], ["Soledar"], "Soledar", None, "Moscow", True)]),
    ("Russian troops did not capture Kupiansk, the general staff in Kyiv said.",
     [("Russian", "MISC"), ("Kupiansk", "LOC"), ("Kyiv", "LOC")],
     [("capture", "capture", ["Russian"], ["Kupiansk"], "Kupiansk", None,
       "the general staff in Kyiv", True)]),
    # "according to": the claimant follows; "at Odesa" is where it happened
    ("According to the Ukrainian air force, Russia launched 30 drones at Odesa overnight.",
     [("Ukrainian", "MISC"), ("Russia", "LOC"), ("Odesa", "LOC")],
     [("attack", "launched 30 drones", ["Russia"], [], "Odesa", None, "Ukrainian", False)]),
    # "said its forces had": the claimant is the actor
    ("Ukraine said its forces had retaken the village of Klishchiivka on Monday.",
     [("Ukraine", "LOC"), ("Klishchiivka", "LOC")],
     [("capture", "retaken", ["Ukraine"], ["Klishchiivka"], "Klishchiivka", "2023-03-06",
       "Ukraine", False)]),
    # aid: the recipient is the target, a weapon's name is not
    ("Germany will deliver 14 Leopard tanks to Ukraine, Chancellor Olaf Scholz announced.",
     [("Germany", "LOC"), ("Leopard", "MISC"), ("Ukraine", "LOC"), ("Olaf Scholz", "PER")],
     [("aid", "deliver 14 Leopard tanks", ["Germany"], ["Ukraine"], None, None, "Olaf Scholz",
       False)]),
    ("The European Union imposed new sanctions on Iran on Monday.",
     [("European Union", "ORG"), ("Iran", "LOC")],
     [("aid", "sanctions", ["European Union"], ["Iran"], None, "2023-03-06", None, False)]),
    ("Emmanuel Macron met Xi Jinping in Beijing on Monday.",
     [("Emmanuel Macron", "PER"), ("Xi Jinping", "PER"), ("Beijing", "LOC")],
     [("meeting", "met", ["Emmanuel Macron"], ["Xi Jinping"], "Beijing", "2023-03-06", None,
       False)]),
    # two clauses, two types; the victims are nobody's actors
    ("Three civilians were killed in Kharkiv when a Russian missile hit a school.",
     [("Kharkiv", "LOC"), ("Russian", "MISC")],
     [("casualties", "killed", [], [], "Kharkiv", None, None, False),
      ("attack", "hit", ["Russian"], [], "Kharkiv", None, None, False)]),
    # "who was arrested": the name before the relative pronoun
    ("Evan Gershkovich, who was arrested in Yekaterinburg, appeared before a judge.",
     [("Evan Gershkovich", "PER"), ("Yekaterinburg", "LOC")],
     [("legal", "arrested", [], ["Evan Gershkovich"], "Yekaterinburg", None, None, False)]),
    # a headline claim: the claimant is the actor
    ("Wagner claims the east of Bakhmut\nThe group gave no evidence.",
     [("Wagner", "ORG"), ("Bakhmut", "LOC")],
     [("capture", "claims the east of", ["Wagner"], ["Bakhmut"], "Bakhmut", None, "Wagner",
       False)]),
    # what could happen, or happens only if, did not happen
    ("Russia could launch a new offensive if Bakhmut falls.", [("Russia", "LOC"), ("Bakhmut", "LOC")], []),
    # reported speech whose main act is saying
    ("Zelensky warned on Monday that Russia was preparing a new offensive.",
     [("Zelensky", "PER"), ("Russia", "LOC")],
     [("statement", "warned", ["Zelensky"], [], None, "2023-03-06", None, False)]),
    # a direct quote: its speaker claims it; "our" points back at the speaker
    ('"Our units have taken the whole of Bakhmut," Yevgeny Prigozhin said.',
     [("Yevgeny Prigozhin", "PER"), ("Bakhmut", "LOC")],
     [("capture", "taken", ["Yevgeny Prigozhin"], ["Bakhmut"], "Bakhmut", None,
       "Yevgeny Prigozhin", False)]),
    # a place name inside the phrase of a name is not a trigger word
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin.",
     [("International Criminal Court", "ORG"), ("Vladimir Putin", "PER")],
     [("legal", "arrest warrant", ["International Criminal Court"], ["Vladimir Putin"], None,
       None, None, False)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_events(text: str, names: list[tuple[str, str]], expected: list[tuple]) -> None:
    assert events(text, names, LANG) == expected
