"""Italian time expressions, on sentences written for these tests.

The publication date is Wednesday 8 March 2023 unless a test says otherwise.
Values follow the TIMEX3 guidelines as the English rules do: references to the
present, past and future are DATE, decades are written 196.
"""

import pytest

from newsweave.model import PartialDate
from newsweave.timex import find_timexes, languages

DCT = PartialDate(2023, 3, 8)


def found(text: str, dct: PartialDate | None = DCT) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, "it", dct)]


def test_italian_rules_are_found_through_the_registry() -> None:
    assert "it" in languages()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # giorni della settimana e giorni relativi
        ("Il ministro si è dimesso ieri.", [("ieri", "DATE", "2023-03-07")]),
        ("Oggi il governo presenta il piano, domani il voto.",
         [("Oggi", "DATE", "2023-03-08"), ("domani", "DATE", "2023-03-09")]),
        ("L'incidente è avvenuto l'altro ieri.", [("l'altro ieri", "DATE", "2023-03-06")]),
        ("Lunedì scorso la polizia ha arrestato due uomini.",
         [("Lunedì scorso", "DATE", "2023-03-06")]),
        ("Il prossimo lunedì si vota.", [("Il prossimo lunedì", "DATE", "2023-03-13")]),
        ("Il tribunale si pronuncerà venerdì.", [("venerdì", "DATE", "2023-03-10")]),
        ("Sabato la manifestazione ha bloccato il centro.", [("Sabato", "DATE", "2023-03-04")]),
        ("Il negozio ha riaperto tre giorni fa.", [("tre giorni fa", "DATE", "2023-03-05")]),
        ("Il voto si terrà tra due settimane.", [("tra due settimane", "DATE", "2023-W12")]),
        ("La polizia lo ha fermato stamattina.", [("stamattina", "TIME", "2023-03-08TMO")]),
        ("Il consiglio si riunisce stasera.", [("stasera", "TIME", "2023-03-08TEV")]),
        ("È tornato ieri sera.", [("ieri sera", "TIME", "2023-03-07TEV")]),
        ("Questa mattina il sindaco ha parlato.", [("Questa mattina", "TIME", "2023-03-08TMO")]),
        # settimane, mesi, anni
        ("Le trattative sono fallite la settimana scorsa.",
         [("la settimana scorsa", "DATE", "2023-W09")]),
        ("Il vertice si apre la prossima settimana.",
         [("la prossima settimana", "DATE", "2023-W11")]),
        ("L'inflazione è calata il mese scorso.", [("il mese scorso", "DATE", "2023-02")]),
        ("Il vertice si terrà il mese prossimo.", [("il mese prossimo", "DATE", "2023-04")]),
        ("L'azienda ha perso denaro l'anno scorso.", [("l'anno scorso", "DATE", "2022")]),
        ("La crescita riprenderà quest'anno.", [("quest'anno", "DATE", "2023")]),
        ("I lavori inizieranno l'anno prossimo.", [("l'anno prossimo", "DATE", "2024")]),
        ("Lo scorso fine settimana ci sono state proteste.",
         [("Lo scorso fine settimana", "DATE", "2023-W09-WE")]),
        # date del calendario
        ("Il trattato è stato firmato il 3 marzo.", [("il 3 marzo", "DATE", "2023-03-03")]),
        ("Il 25 aprile si festeggia la Liberazione.", [("Il 25 aprile", "DATE", "2023-04-25")]),
        ("Il vertice si è aperto il 1° marzo 2022.", [("il 1° marzo 2022", "DATE", "2022-03-01")]),
        ("L'accordo è stato firmato il primo marzo 2021.",
         [("il primo marzo 2021", "DATE", "2021-03-01")]),
        ("È arrivato lo scorso 6 marzo.", [("lo scorso 6 marzo", "DATE", "2023-03-06")]),
        ("Lunedì 6 marzo il parlamento ha votato.", [("Lunedì 6 marzo", "DATE", "2023-03-06")]),
        ("La lettera porta la data del 08/03/2023.", [("08/03/2023", "DATE", "2023-03-08")]),
        ("La borsa ha chiuso in rialzo l'8 mar. 2023.", [("l'8 mar. 2023", "DATE", "2023-03-08")]),
        ("Nel 2022 le esportazioni sono cresciute.", [("2022", "DATE", "2022")]),
        ("È successo nel marzo 2021.", [("marzo 2021", "DATE", "2021-03")]),
        ("Lo scorso marzo il governo è caduto.", [("Lo scorso marzo", "DATE", "2022-03")]),
        ("La fabbrica ha chiuso ad agosto.", [("agosto", "DATE", "2022-08")]),
        ("A fine marzo il governo cadrà.", [("fine marzo", "DATE", "2023-03")]),
        ("Gli affitti sono esplosi negli anni '60.", [("anni '60", "DATE", "196")]),
        ("Negli anni Novanta la città è cambiata.", [("anni Novanta", "DATE", "199")]),
        ("Il castello risale al XIX secolo.", [("XIX secolo", "DATE", "18")]),
        ("Il cantiere si è concluso nell'estate 2022.", [("estate 2022", "DATE", "2022-SU")]),
        ("L'estate scorsa ha fatto caldo.", [("L'estate scorsa", "DATE", "2022-SU")]),
        ("Le vendite sono cresciute nel terzo trimestre del 2022.",
         [("terzo trimestre del 2022", "DATE", "2022-Q3")]),
        ("I negozi avevano chiuso a Natale. Riapriranno dopo Pasqua.",
         [("Natale", "DATE", "2022-12-25"), ("Pasqua", "DATE", "2023-04-09")]),
        # durate
        ("Lo sciopero è durato per due settimane.", [("due settimane", "DURATION", "P2W")]),
        ("Vive qui da un anno.", [("un anno", "DURATION", "P1Y")]),
        ("Ha scontato una pena di due anni.", [("due anni", "DURATION", "P2Y")]),
        ("L'uomo è stato condannato a tre anni di carcere.", [("tre anni", "DURATION", "P3Y")]),
        ("Il blackout è durato ventiquattro ore.", [("ventiquattro ore", "DURATION", "PT24H")]),
        ("I negoziati sono durati diversi mesi.", [("diversi mesi", "DURATION", "PXM")]),
        ("Ha aspettato più di vent'anni.", [("più di vent'anni", "DURATION", "P20Y")]),
        ("È rimasto un anno e mezzo.", [("un anno e mezzo", "DURATION", "P1Y6M")]),
        ("È uscito per mezz'ora.", [("mezz'ora", "DURATION", "PT30M")]),
        ("Ha lavorato un'ora e mezza.", [("un'ora e mezza", "DURATION", "PT1H30M")]),
        ("Ha piovuto negli ultimi giorni.", [("ultimi giorni", "DURATION", "PXD")]),
        # orari
        ("Il mercato apre alle 14.30.", [("14.30", "TIME", "2023-03-08T14:30")]),
        ("Il consiglio si riunirà alle ore 15.", [("ore 15", "TIME", "2023-03-08T15:00")]),
        ("Alle 9 di sera la piazza era vuota.", [("9 di sera", "TIME", "2023-03-08T21:00")]),
        ("Martedì l'esplosione è avvenuta verso le 21:45.",
         [("Martedì", "DATE", "2023-03-07"), ("21:45", "TIME", "2023-03-07T21:45")]),
        # frequenze
        ("Il giornale esce ogni anno.", [("ogni anno", "SET", "P1Y")]),
        ("Il premio viene assegnato ogni due anni.", [("ogni due anni", "SET", "P2Y")]),
        ("Il mercato si tiene tutti i giovedì.", [("tutti i giovedì", "SET", "XXXX-WXX-4")]),
        ("Il mercato è chiuso la domenica.", [("la domenica", "SET", "XXXX-WXX-7")]),
        # presente, passato, futuro
        ("I prezzi calano attualmente e risaliranno presto.",
         [("attualmente", "DATE", "PRESENT_REF"), ("presto", "DATE", "FUTURE_REF")]),
        ("Aveva recentemente lasciato il partito.", [("recentemente", "DATE", "PAST_REF")]),
    ],
)  # fmt: skip
def test_expressions(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mario Rossi, 53 anni, è rimasto ferito.",
        "Un uomo di 45 anni è stato arrestato.",
        "Il presidente ha 70 anni.",
        "Il presidente, che ha compiuto 80 anni, ha parlato.",
        "Sono state arrestate tre persone.",  # "state" is no summer
        "Natale Rossi ha parlato ai giornalisti.",  # a first name, not Christmas
        "Il gen. Rossi ha parlato.",  # generale, not gennaio
        "Il film è stato girato sul set. Poi è uscito.",
        "Ora il governo deve decidere.",
        "Secondo il ministro, la crisi è finita.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert found(text) == []


def test_next_day_and_years_later_follow_the_last_date_mentioned() -> None:
    text = (
        "Il vertice si è aperto il 1° marzo. Il giorno dopo i delegati sono partiti. "
        "L'accordo del 2019 è stato rinnovato tre anni dopo."
    )
    assert found(text) == [
        ("il 1° marzo", "DATE", "2023-03-01"),
        ("Il giorno dopo", "DATE", "2023-03-02"),
        ("2019", "DATE", "2019"),
        ("tre anni dopo", "DATE", "2022"),
    ]


def test_tense_decides_a_bare_month() -> None:
    assert found("Il governo era caduto a giugno.") == [("giugno", "DATE", "2022-06")]
    assert found("Il governo cadrà a giugno.") == [("giugno", "DATE", "2023-06")]


def test_undated_article() -> None:
    got = find_timexes("È partito ieri, il 8 marzo, per tre giorni.", "it", None)
    assert [(t.text, t.value, t.resolved) for t in got] == [
        ("ieri", None, False),
        ("il 8 marzo", "XXXX-03-08", False),
        ("tre giorni", "P3D", True),
    ]
