"""Citas y hablantes en español, sobre frases escritas para estas pruebas."""

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


def test_estilos_de_comillas() -> None:
    text = (
        "«No cederemos», dijo Ortega. “No cederemos nunca”, dijo Ortega. "
        '"Jamás", dijo Ortega. Ortega afirmó: «Ni un paso atrás».'
    )
    quotes = extract_quotes(text, "es")
    assert [q.text for q in quotes] == [
        "No cederemos",
        "No cederemos nunca",
        "Jamás",
        "Ni un paso atrás",
    ]
    assert {q.speaker_text for q in quotes} == {"Ortega"}


def test_dijo_el_ministro_con_aposicion() -> None:
    text = "«La situación está bajo control», dijo el ministro, Javier Ortega, en rueda de prensa."
    ms = mentions(text, [("Javier Ortega", "PER", "ortega")])
    (quote,) = extract_quotes(text, "es", ms)
    assert quote.speaker_text == "el ministro, Javier Ortega"
    assert keys([quote], ms) == ["ortega"]


def test_sujeto_omitido() -> None:
    text = (
        "El presidente, Andrés Molina, defendió la reforma. «No vamos a dar marcha atrás», "
        "aseguró Molina. «Es una reforma justa», añadió."
    )
    ms = mentions(text, [("Andrés Molina", "PER", "molina"), ("Molina", "PER", "molina")])
    quotes = extract_quotes(text, "es", ms)
    assert keys(quotes, ms) == ["molina", "molina"]
    assert quotes[1].how == "pronoun" and quotes[1].cue == "añadió"


def test_raya_de_dialogo_con_inciso() -> None:
    text = "—Vamos a recurrir la ley —dijo la portavoz del partido, Marta Gil—. No hay otra opción."
    ms = mentions(text, [("Marta Gil", "PER", "gil")])
    quotes = extract_quotes(text, "es", ms)
    assert [q.text for q in quotes] == ["Vamos a recurrir la ley", "No hay otra opción."]
    assert keys(quotes, ms) == ["gil", "gil"]


def test_segun_y_pronombre() -> None:
    text = (
        "Elena Ruiz se reunió con Pierre Lacombe. «Hablamos de la crisis», explicó ella. "
        "Según él, «hay margen para un acuerdo»."
    )
    ms = mentions(text, [("Elena Ruiz", "PER", "ruiz"), ("Pierre Lacombe", "PER", "lacombe")])
    quotes = extract_quotes(text, "es", ms)
    assert [q.speaker_text for q in quotes] == ["ella", "él"]
    assert keys(quotes, ms) == ["ruiz", "lacombe"]


def test_rol_con_describe() -> None:
    text = (
        "Elena Ruiz viajó a Rabat con Pierre Lacombe. La jefa de la diplomacia española "
        "insistió en que «nadie puede quedarse al margen»."
    )
    ms = mentions(text, [("Elena Ruiz", "PER", "ruiz"), ("Pierre Lacombe", "PER", "lacombe")])
    roles = {"ruiz": "Ministra de Asuntos Exteriores de España", "lacombe": "diplomático francés"}
    (quote,) = extract_quotes(text, "es", ms, roles.get)
    assert quote.how == "role"
    assert keys([quote], ms) == ["ruiz"]


def test_institucion() -> None:
    text = "De acuerdo con la Organización Mundial de la Salud, «la temporada será intensa»."
    ms = mentions(text, [("Organización Mundial de la Salud", "ORG", "who")])
    (quote,) = extract_quotes(text, "es", ms)
    assert quote.how == "institution"
    assert keys([quote], ms) == ["who"]


def test_cita_sin_hablante() -> None:
    text = "En una pancarta se leía: «Sanidad pública, sanidad digna»."
    (quote,) = extract_quotes(text, "es")
    assert quote.speaker_text is None


def test_sujeto_omitido_sin_nadie_a_quien_apuntar() -> None:
    text = "«Vamos a resistir hasta el final», dijo."
    (quote,) = extract_quotes(text, "es")
    assert quote.speaker_text is None and quote.how is None
    assert quote.cue == "dijo"
