"""German time expressions, on sentences written for these tests.

The publication date is Wednesday 8 March 2023 unless a test says otherwise.
There is no German evaluation file, so these tests are the specification.
"""

import pytest

from newsweave.model import PartialDate
from newsweave.timex import find_timexes

DCT = PartialDate(2023, 3, 8)


def found(text: str, dct: PartialDate | None = DCT) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, "de", dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Wochentage und relative Tage
        ("Der Minister trat am Mittwoch zurück.", [("Mittwoch", "DATE", "2023-03-08")]),
        ("Die Gespräche scheiterten letzten Dienstag.",
         [("letzten Dienstag", "DATE", "2023-03-07")]),
        ("Das Gericht wird am Freitag entscheiden.", [("Freitag", "DATE", "2023-03-10")]),
        ("Die Demonstranten versammelten sich gestern.", [("gestern", "DATE", "2023-03-07")]),
        ("Der Unfall geschah vorgestern.", [("vorgestern", "DATE", "2023-03-06")]),
        ("Er kam vor zwei Tagen an.", [("vor zwei Tagen", "DATE", "2023-03-06")]),
        ("Vor einem Jahr begann der Streik.", [("Vor einem Jahr", "DATE", "2022")]),
        ("Die Brücke ist heute gesperrt, morgen wieder offen.",
         [("heute", "DATE", "2023-03-08"), ("morgen", "DATE", "2023-03-09")]),
        ("Morgen beginnt die Messe.", [("Morgen", "DATE", "2023-03-09")]),
        ("Heute Morgen regnete es.", [("Heute Morgen", "TIME", "2023-03-08TMO")]),
        ("Die Polizei kam gestern Abend.", [("gestern Abend", "TIME", "2023-03-07TEV")]),
        ("Am Dienstagabend gab es Streit.", [("Dienstagabend", "TIME", "2023-03-07TEV")]),
        # Wochen, Monate, Jahre
        ("Die Exporte sanken letzte Woche.", [("letzte Woche", "DATE", "2023-W09")]),
        ("Der Gipfel beginnt nächste Woche.", [("nächste Woche", "DATE", "2023-W11")]),
        ("Die Inflation ging im vergangenen Monat zurück.",
         [("vergangenen Monat", "DATE", "2023-02")]),
        ("Im vergangenen Jahr stieg der Umsatz.", [("vergangenen Jahr", "DATE", "2022")]),
        ("Dieses Jahr wächst die Wirtschaft.", [("Dieses Jahr", "DATE", "2023")]),
        ("Bis zum Jahresende soll alles fertig sein.", [("Jahresende", "DATE", "2023")]),
        ("Im dritten Quartal stieg der Gewinn gegenüber dem Vorjahr.",
         [("dritten Quartal", "DATE", "2022-Q3"), ("Vorjahr", "DATE", "2021-Q3")]),
        # Kalenderdaten
        ("Der Vertrag wurde am 8. März 2023 unterzeichnet.",
         [("8. März 2023", "DATE", "2023-03-08")]),
        ("Das Schreiben trägt das Datum 08.03.2023.", [("08.03.2023", "DATE", "2023-03-08")]),
        ("Am Samstag, dem 1. April, wird gewählt.",
         [("Samstag, dem 1. April", "DATE", "2023-04-01")]),
        ("Die Fabrik schloss im August.", [("August", "DATE", "2022-08")]),
        ("Die Produktion erreichte Ende März 2021 ihren Höhepunkt.",
         [("Ende März 2021", "DATE", "2021-03")]),
        ("Im Jahr 1998 wurde gebaut.", [("Jahr 1998", "DATE", "1998")]),
        ("In den 90er Jahren stiegen die Mieten.", [("den 90er Jahren", "DATE", "199")]),
        ("Das Schloss stammt aus dem 19. Jahrhundert.", [("dem 19. Jahrhundert", "DATE", "18")]),
        ("Im Sommer 2022 ruhten die Arbeiten.", [("Sommer 2022", "DATE", "2022-SU")]),
        ("Zu Weihnachten war es ruhig, an Ostern wird gefeiert.",
         [("Weihnachten", "DATE", "2022-12-25"), ("Ostern", "DATE", "2023-04-09")]),
        ("Pfingsten 2024 fällt auf den 19. Mai.",
         [("Pfingsten 2024", "DATE", "2024-05-19"), ("den 19. Mai", "DATE", "2023-05-19")]),
        # Dauern
        ("Der Streik dauerte drei Tage.", [("drei Tage", "DURATION", "P3D")]),
        ("Er lebt seit drei Jahren hier.", [("drei Jahren", "DURATION", "P3Y")]),
        ("Der Strom fiel für 24 Stunden aus.", [("24 Stunden", "DURATION", "PT24H")]),
        ("Die Verhandlungen dauerten mehrere Monate.", [("mehrere Monate", "DURATION", "PXM")]),
        ("Er wartete mehr als zwanzig Jahre.", [("mehr als zwanzig Jahre", "DURATION", "P20Y")]),
        ("Er blieb anderthalb Jahre.", [("anderthalb Jahre", "DURATION", "P1Y6M")]),
        ("Es gilt eine zweiwöchige Frist.", [("zweiwöchige", "DURATION", "P2W")]),
        ("Der Streit dauert seit Jahren an.", [("Jahren", "DURATION", "PXY")]),
        # Uhrzeiten
        ("Die Sitzung beginnt um 15 Uhr.", [("15 Uhr", "TIME", "2023-03-08T15:00")]),
        ("Der Zug fährt um 15.30 Uhr.", [("15.30 Uhr", "TIME", "2023-03-08T15:30")]),
        ("Er kam am 3. Oktober 1990 um Mitternacht.",
         [("3. Oktober 1990", "DATE", "1990-10-03"), ("Mitternacht", "TIME", "1990-10-03T24:00")]),
        ("Am Dienstag explodierte gegen 22 Uhr eine Bombe.",
         [("Dienstag", "DATE", "2023-03-07"), ("22 Uhr", "TIME", "2023-03-07T22:00")]),
        # Häufigkeiten
        ("Die Zeitung erscheint täglich.", [("täglich", "SET", "P1D")]),
        ("Der Bericht erscheint jährlich.", [("jährlich", "SET", "P1Y")]),
        ("Der Markt findet jeden Donnerstag statt.", [("jeden Donnerstag", "SET", "XXXX-WXX-4")]),
        ("Der Laden ist sonntags geschlossen.", [("sonntags", "SET", "XXXX-WXX-7")]),
        # Gegenwart, Vergangenheit, Zukunft
        ("Die Preise fallen derzeit, bald steigen sie wieder.",
         [("derzeit", "DATE", "PRESENT_REF"), ("bald", "DATE", "FUTURE_REF")]),
        ("Er hatte die Partei kürzlich verlassen.", [("kürzlich", "DATE", "PAST_REF")]),
    ],
)  # fmt: skip
def test_expressions(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Der 52-Jährige wurde festgenommen.",
        "Er ist 52 Jahre alt.",
        "Im Alter von 61 Jahren starb er.",
        "Vor dem Haus stand ein Auto.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert found(text) == []


def test_undated_article() -> None:
    got = find_timexes("Er ging gestern, am 8. März, für drei Tage.", "de", None)
    assert [(t.text, t.value, t.resolved) for t in got] == [
        ("gestern", None, False),
        ("8. März", "XXXX-03-08", False),
        ("drei Tage", "P3D", True),
    ]
