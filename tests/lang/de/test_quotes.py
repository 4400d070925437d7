"""Zitate und Sprecher auf Deutsch, an Sätzen, die für diese Tests geschrieben wurden."""

from __future__ import annotations

import re

from newsweave.model import Mention
from newsweave.quotes import extract_quotes

NB = "\u00a0"


def mentions(text: str, names: list[tuple[str, str, str]]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type, key), as the entity stage gives them."""
    out = [
        Mention(name, m.start(), m.end(), kind, key=key)
        for name, kind, key in names
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
    ]
    out.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in out:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def keys(quotes, ms: list[Mention]) -> list[str | None]:
    return [ms[q.speaker_mention].key if q.speaker_mention is not None else None for q in quotes]


def test_anfuehrungszeichen() -> None:
    text = (
        "„Wir bleiben hart“, sagte Scholte. »Wir bleiben sehr hart«, sagte Scholte. "
        '«Wir bleiben immer hart», sagte Scholte. "Ohne Ausnahme", sagte Scholte.'
    )
    quotes = extract_quotes(text, "de")
    assert [q.text for q in quotes] == [
        "Wir bleiben hart",
        "Wir bleiben sehr hart",
        "Wir bleiben immer hart",
        "Ohne Ausnahme",
    ]
    assert {q.speaker_text for q in quotes} == {"Scholte"}


def test_sagte_name_und_so_name() -> None:
    text = (
        "„Die Lage ist ernst“, sagte Finanzministerin Ulrike Brandl am Montag in Berlin. "
        "„Wir brauchen einen Plan“, so Brandl."
    )
    ms = mentions(text, [("Ulrike Brandl", "PER", "brandl"), ("Brandl", "PER", "brandl")])
    quotes = extract_quotes(text, "de", ms)
    assert [q.cue for q in quotes] == ["sagte", "so"]
    assert keys(quotes, ms) == ["brandl", "brandl"]


def test_laut_und_zufolge() -> None:
    text = (
        "Laut Ulrike Brandl muss der Haushalt „bis Dezember stehen“. "
        "Dem Ministerium zufolge sind „keine neuen Schulden“ geplant."
    )
    ms = mentions(text, [("Ulrike Brandl", "PER", "brandl")])
    quotes = extract_quotes(text, "de", ms)
    assert [q.speaker_text for q in quotes] == ["Ulrike Brandl", "Dem Ministerium"]
    assert [q.how for q in quotes] == ["name", "institution"]


def test_geteiltes_zitat_mit_pronomen() -> None:
    text = (
        "Der Vorstandschef Thomas Reiter sprach von schwierigen Monaten. "
        "„Wir müssen die Produktion drosseln“, fügte er hinzu, „aber Entlassungen schließen wir aus.“"
    )
    ms = mentions(text, [("Thomas Reiter", "PER", "reiter")])
    quotes = extract_quotes(text, "de", ms)
    assert [q.text for q in quotes] == [
        "Wir müssen die Produktion drosseln",
        "aber Entlassungen schließen wir aus.",
    ]
    assert [q.speaker_text for q in quotes] == ["er", "er"]
    assert keys(quotes, ms) == ["reiter", "reiter"]


def test_sie_geht_an_die_frau() -> None:
    text = "Karin Vogt traf sich mit Stefan Graf. „Das reicht nicht“, sagte sie nach dem Treffen."
    ms = mentions(text, [("Karin Vogt", "PER", "vogt"), ("Stefan Graf", "PER", "graf")])
    (quote,) = extract_quotes(text, "de", ms)
    assert quote.speaker_text == "sie"
    assert keys([quote], ms) == ["vogt"]


def test_der_kanzler_ueber_describe() -> None:
    text = (
        "Olaf Brenner empfing Martina Keller im Kanzleramt. "
        "Der Kanzler fügte hinzu: „Die Lieferungen beginnen noch in diesem Monat.“"
    )
    ms = mentions(text, [("Olaf Brenner", "PER", "brenner"), ("Martina Keller", "PER", "keller")])
    roles = {
        "brenner": "Bundeskanzler der Bundesrepublik Deutschland",
        "keller": "Schweizer Politikerin",
    }
    (quote,) = extract_quotes(text, "de", ms, roles.get)
    assert quote.speaker_text == "Der Kanzler"
    assert quote.how == "role"
    assert keys([quote], ms) == ["brenner"]


def test_verb_zweit_stellung() -> None:
    text = "Am Montag sagte der Sprecher des Ministeriums: „Wir prüfen alle Optionen.“"
    (quote,) = extract_quotes(text, "de")
    assert quote.speaker_text == "der Sprecher des Ministeriums"
    assert quote.how == "role"


def test_zitat_ohne_sprecher() -> None:
    text = "Auf einem Transparent vor dem Werkstor stand: „Unsere Zukunft ist nicht verhandelbar“."
    (quote,) = extract_quotes(text, "de")
    assert quote.speaker_text is None


def test_titel_ist_kein_zitat_aber_kurzer_satz_schon() -> None:
    text = "In der Zeitung »Neue Stimme« hieß es dazu nur: „Das ist Panikmache“, entgegnete Vogt."
    quotes = extract_quotes(text, "de")
    assert [q.text for q in quotes] == ["Das ist Panikmache"]


def test_so_am_satzanfang_ist_kein_sprecher() -> None:
    text = "So können wir „nicht weitermachen wie bisher“, hieß es in dem Papier."
    (quote,) = extract_quotes(text, "de")
    assert quote.speaker_text is None
