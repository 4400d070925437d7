"""Nomi noti in un testo italiano (nessun modello: nomi della base di conoscenza e luoghi)."""

from __future__ import annotations

from newsweave.entities.ner import NameListRecogniser

KNOWN = {
    "unione europea": "ORG",
    "corte penale internazionale": "ORG",
    "consiglio dell'unione europea": "ORG",
    "banca d'italia": "ORG",
    "nato": "ORG",
    "ucraina": "LOC",
    "germania": "LOC",
    "volodymyr zelensky": "PER",
    "massimo d'alema": "PER",
    "unión europea": "ORG",
}
PLACES = {"bakhmut", "kiev", "kiev europea"}


def recognise(text: str, lang: str = "it") -> list[tuple[str, str]]:
    recogniser = NameListRecogniser(
        lambda name, _: KNOWN.get(name.lower()), lambda name, _: name.lower() in PLACES, lang
    )
    return [(m.text, m.source) for m in recogniser.recognise([text])[0]]


def test_un_nome_dopo_un_articolo_eliso() -> None:
    text = "La Germania invierà all'Ucraina nuovi aiuti. L'Ucraina ringrazia. Lo dice la NATO."
    assert recognise(text) == [
        ("Germania", "kb"),
        ("Ucraina", "kb"),
        ("Ucraina", "kb"),
        ("NATO", "kb"),
    ]


def test_parole_minuscole_nei_nomi_di_istituzioni() -> None:
    text = (
        "L'Unione europea e la Corte penale internazionale hanno risposto. "
        "Il Consiglio dell'Unione europea si è riunito con la Banca d'Italia."
    )
    assert recognise(text) == [
        ("Unione europea", "kb"),
        ("Corte penale internazionale", "kb"),
        ("Consiglio dell'Unione europea", "kb"),
        ("Banca d'Italia", "kb"),
    ]


def test_un_nome_con_parole_minuscole_viene_solo_dalla_base_di_conoscenza() -> None:
    # "Kiev europea" is no listed name; the gazetteer is asked about capitalised names only
    assert recognise("Volodymyr Zelensky arriva a Kiev europea e libera.") == [
        ("Volodymyr Zelensky", "kb"),
        ("Kiev", "gazetteer"),
    ]


def test_un_cognome_con_apostrofo_dentro_un_nome() -> None:
    assert recognise("Massimo D'Alema ha parlato.") == [("Massimo D'Alema", "kb")]


def test_le_altre_lingue_non_cambiano() -> None:
    # Spanish keeps its rule: a name is a run of capitalised words and particles
    assert recognise("La Unión europea respondió.", "es") == []
