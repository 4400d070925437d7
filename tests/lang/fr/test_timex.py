"""French time expressions, on sentences written for these tests.

The publication date is Wednesday 8 March 2023 unless a test says otherwise.
Following the French TimeBank guidelines, references to the present, past
and future are TIME, and decades are written 196X.
"""

import pytest

from newsweave.model import PartialDate
from newsweave.timex import find_timexes

DCT = PartialDate(2023, 3, 8)


def found(text: str, dct: PartialDate | None = DCT) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, "fr", dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # jours de la semaine et jours relatifs
        ("Le ministre a démissionné mercredi.", [("mercredi", "DATE", "2023-03-08")]),
        ("Les discussions ont échoué mardi dernier.", [("mardi dernier", "DATE", "2023-03-07")]),
        ("Le tribunal rendra son verdict vendredi.", [("vendredi", "DATE", "2023-03-10")]),
        ("Les manifestants se sont rassemblés hier.", [("hier", "DATE", "2023-03-07")]),
        ("L'accident a eu lieu avant-hier.", [("avant-hier", "DATE", "2023-03-06")]),
        ("Le pont rouvre aujourd'hui et ferme demain.",
         [("aujourd'hui", "DATE", "2023-03-08"), ("demain", "DATE", "2023-03-09")]),
        ("La police l'a interpellé ce matin.", [("ce matin", "TIME", "2023-03-08TMO")]),
        ("Le conseil se réunit ce soir.", [("ce soir", "TIME", "2023-03-08TEV")]),
        ("Il est rentré hier soir.", [("hier soir", "TIME", "2023-03-07TEV")]),
        ("Le magasin a rouvert il y a trois jours.", [("il y a trois jours", "DATE", "2023-03-05")]),
        ("Le vote aura lieu dans deux semaines.", [("dans deux semaines", "DATE", "2023-W12")]),
        # semaines, mois, années
        ("Les exportations ont reculé la semaine dernière.",
         [("la semaine dernière", "DATE", "2023-W09")]),
        ("Le sommet s'ouvre la semaine prochaine.", [("la semaine prochaine", "DATE", "2023-W11")]),
        ("L'inflation a ralenti le mois dernier.", [("le mois dernier", "DATE", "2023-02")]),
        ("L'entreprise a perdu de l'argent l'an dernier.", [("l'an dernier", "DATE", "2022")]),
        ("La croissance reprendra cette année.", [("cette année", "DATE", "2023")]),
        ("Les travaux commencent l'année prochaine.", [("l'année prochaine", "DATE", "2024")]),
        # dates du calendrier
        ("Le traité a été signé le 8 mars 2023.", [("le 8 mars 2023", "DATE", "2023-03-08")]),
        ("La lettre est datée du 08/03/2023.", [("08/03/2023", "DATE", "2023-03-08")]),
        ("Le scrutin est fixé au samedi 1er avril.", [("samedi 1er avril", "DATE", "2023-04-01")]),
        ("Il est arrivé le 6 mars dernier.", [("le 6 mars dernier", "DATE", "2023-03-06")]),
        ("L'usine a fermé en août.", [("août", "DATE", "2022-08")]),
        ("La production a culminé en octobre 98.", [("octobre 98", "DATE", "1998-10")]),
        ("Les loyers ont flambé dans les années 60.", [("les années 60", "DATE", "196X")]),
        ("Ce château date du XIXe siècle.", [("XIXe siècle", "DATE", "18XX")]),
        ("Le chantier a pris fin à l'été 2022.", [("l'été 2022", "DATE", "2022-SU")]),
        ("Les ventes ont progressé au troisième trimestre 2022.",
         [("troisième trimestre 2022", "DATE", "2022-Q3")]),
        ("Les magasins avaient fermé à Noël. Ils rouvriront après Pâques.",
         [("Noël", "DATE", "2022-12-25"), ("Pâques", "DATE", "2023-04-09")]),
        # durées
        ("Il vit ici depuis un an.", [("un an", "DURATION", "P1Y")]),
        ("La grève a duré trois jours.", [("trois jours", "DURATION", "P3D")]),
        ("Il a purgé une peine de deux ans.", [("deux ans", "DURATION", "P2Y")]),
        ("La coupure a duré vingt-quatre heures.", [("vingt-quatre heures", "DURATION", "PT24H")]),
        ("Le chantier durera quatre-vingt-dix jours.",
         [("quatre-vingt-dix jours", "DURATION", "P90D")]),
        ("Les négociations ont duré plusieurs mois.", [("plusieurs mois", "DURATION", "PXM")]),
        ("Il a attendu plus de vingt ans.", [("plus de vingt ans", "DURATION", "P20Y")]),
        ("Il est resté un an et demi.", [("un an et demi", "DURATION", "P1Y6M")]),
        ("La pluie est tombée ces derniers jours.", [("ces derniers jours", "DURATION", "PXD")]),
        # heures
        ("Le marché ouvre à 14h30.", [("14h30", "TIME", "2023-03-08T14:30")]),
        ("Le conseil se réunira à 14 h 30.", [("14 h 30", "TIME", "2023-03-08T14:30")]),
        ("Rendez-vous à 18 heures.", [("18 heures", "TIME", "2023-03-08T18:00")]),
        ("Mardi, l'explosion a eu lieu vers 21 h 45.",
         [("Mardi", "DATE", "2023-03-07"), ("21 h 45", "TIME", "2023-03-07T21:45")]),
        # fréquences
        ("Le journal paraît chaque année.", [("chaque année", "SET", "P1Y")]),
        ("Le marché se tient tous les jeudis.", [("tous les jeudis", "SET", "XXXX-WXX-4")]),
        ("Il gagne cent euros par jour.", [("jour", "SET", "P1D")]),
        # présent, passé, futur
        ("Les prix baissent actuellement et remonteront bientôt.",
         [("actuellement", "TIME", "PRESENT_REF"), ("bientôt", "TIME", "FUTURE_REF")]),
        ("Il avait récemment quitté le parti.", [("récemment", "TIME", "PAST_REF")]),
    ],
)  # fmt: skip
def test_expressions(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "La sonde a atteint Mars après un long voyage.",
        "Le bâtiment a été rénové.",
        "Jean Dupont, 53 ans, a été blessé.",
        "Un chauffeur de 38 ans a été agressé.",
        "Les quotidiens régionaux en parlent.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert found(text) == []


def test_next_day_follows_the_last_date_mentioned() -> None:
    text = "Le sommet s'est ouvert le 1er mars. Le lendemain, les délégués sont partis."
    assert found(text) == [
        ("le 1er mars", "DATE", "2023-03-01"),
        ("lendemain", "DATE", "2023-03-02"),
    ]


def test_undated_article() -> None:
    got = find_timexes("Il est parti hier, le 8 mars, pour trois jours.", "fr", None)
    assert [(t.text, t.value, t.resolved) for t in got] == [
        ("hier", None, False),
        ("le 8 mars", "XXXX-03-08", False),
        ("trois jours", "P3D", True),
    ]
