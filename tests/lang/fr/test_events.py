"""Faits et revendications en français, sur des phrases écrites pour ces tests.

La date de publication est le mercredi 8 mars 2023.
"""

from __future__ import annotations

import pytest

from ..events_cases import events

LANG = "fr"


CASES = [
    # passif : « pris par » nomme l'auteur
    ("Soledar a été pris par Wagner mardi.",
     [("Soledar", "LOC"), ("Wagner", "ORG")],
     [("capture", "pris", ["Wagner"], ["Soledar"], "Soledar", "2023-03-07", None, False)]),
    ("Wagner n'a pas pris Bakhmout, selon l'état-major ukrainien.",
     [("Wagner", "ORG"), ("Bakhmout", "LOC")],
     [("capture", "pris", ["Wagner"], ["Bakhmout"], "Bakhmout", None, "l'état-major ukrainien",
       True)]),
    # un verbe de revendication devant un nom : l'action le comprend, le revendiquant agit
    ("Le groupe Wagner a revendiqué mercredi la prise de Soledar.",
     [("Wagner", "ORG"), ("Soledar", "LOC")],
     [("capture", "a revendiqué mercredi la prise", ["Wagner"], ["Soledar"], "Soledar",
       "2023-03-08", "Wagner", False)]),
    # inversion : le locuteur suit le verbe, la date est dans sa proposition
    ("Les forces russes ont bombardé Kherson, a annoncé lundi le ministère ukrainien de la Défense.",
     [("Kherson", "LOC")],
     [("attack", "bombardé", [], ["Kherson"], "Kherson", "2023-03-06",
       "le ministère ukrainien de la Défense", False)]),
    ("Emmanuel Macron s'est entretenu avec Olaf Scholz à Berlin.",
     [("Emmanuel Macron", "PER"), ("Olaf Scholz", "PER"), ("Berlin", "LOC")],
     [("meeting", "entretenu", ["Emmanuel Macron"], ["Olaf Scholz"], "Berlin", None, None,
       False)]),
    # « à l'Ukraine » : le destinataire d'une aide, pas un lieu
    ("L'Allemagne va livrer des chars Leopard à l'Ukraine.",
     [("Allemagne", "LOC"), ("Leopard", "MISC"), ("Ukraine", "LOC")],
     [("aid", "livrer", ["Allemagne"], ["Ukraine"], None, None, None, False)]),
    ("La Cour pénale internationale a émis un mandat d'arrêt contre Vladimir Poutine.",
     [("Cour pénale internationale", "ORG"), ("Vladimir Poutine", "PER")],
     [("legal", "mandat d'arrêt", ["Cour pénale internationale"], ["Vladimir Poutine"], None,
       None, None, False)]),
    # « a démenti avoir frappé » : nié, et celui qui dément est l'auteur mis en cause
    ("Moscou a démenti avoir frappé l'hôpital de Kramatorsk.",
     [("Moscou", "LOC"), ("Kramatorsk", "LOC")],
     [("attack", "frappé", ["Moscou"], ["Kramatorsk"], "Kramatorsk", None, "Moscou", True)]),
    ("La Russie pourrait attaquer Kiev.", [("Russie", "LOC"), ("Kiev", "LOC")], []),
    ("Le président Zelensky a averti mardi que l'hiver serait difficile.",
     [("Zelensky", "PER")],
     [("statement", "averti", ["Zelensky"], [], None, "2023-03-07", None, False)]),
    # une citation directe : son locuteur revendique, « nos troupes » renvoie à lui
    ("« Nos troupes ont pris le contrôle de Bakhmout », a déclaré Evgueni Prigojine.",
     [("Bakhmout", "LOC"), ("Evgueni Prigojine", "PER")],
     [("capture", "pris le contrôle", ["Evgueni Prigojine"], ["Bakhmout"], "Bakhmout", None,
       "Evgueni Prigojine", False)]),
    # « l'attaque du Hamas » : le complément d'une personne ou d'un groupe est l'auteur
    ("Israël a riposté à l'attaque du Hamas contre Sdérot.",
     [("Israël", "LOC"), ("Hamas", "ORG"), ("Sdérot", "LOC")],
     [("attack", "attaque", ["Hamas"], ["Sdérot"], "Sdérot", None, None, False)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_events(text: str, names: list[tuple[str, str]], expected: list[tuple]) -> None:
    assert events(text, names, LANG) == expected
