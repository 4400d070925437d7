"""Citazioni e parlanti in italiano, su frasi scritte per questi test."""

from __future__ import annotations

import re

from newsweave.model import Mention
from newsweave.quotes import extract_quotes


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


def test_stili_di_virgolette() -> None:
    text = (
        "«Non cederemo», ha detto Rossi. “Non cederemo mai”, ha detto Rossi. "
        '"Mai", ha detto Rossi. Rossi ha affermato: «Nemmeno un passo indietro».'
    )
    quotes = extract_quotes(text, "it")
    assert [q.text for q in quotes] == [
        "Non cederemo",
        "Non cederemo mai",
        "Mai",
        "Nemmeno un passo indietro",
    ]
    assert {q.speaker_text for q in quotes} == {"Rossi"}
    assert [q.cue for q in quotes] == ["ha detto"] * 3 + ["ha affermato"]


def test_ha_detto_il_ministro_con_apposizione() -> None:
    text = "«La situazione è sotto controllo», ha detto il ministro, Paolo Conti, in conferenza stampa."
    ms = mentions(text, [("Paolo Conti", "PER", "conti")])
    (quote,) = extract_quotes(text, "it", ms)
    assert quote.speaker_text == "il ministro, Paolo Conti"
    assert keys([quote], ms) == ["conti"]


def test_soggetto_omesso_ha_aggiunto() -> None:
    text = (
        "La sindaca Anna Ricci ha presentato il piano. «Non lasceremo nessuno indietro», "
        "ha assicurato Ricci. «Ci vorrà tempo», ha aggiunto."
    )
    ms = mentions(text, [("Anna Ricci", "PER", "ricci"), ("Ricci", "PER", "ricci")])
    quotes = extract_quotes(text, "it", ms)
    assert keys(quotes, ms) == ["ricci", "ricci"]
    assert quotes[1].how == "pronoun" and quotes[1].cue == "ha aggiunto"


def test_passato_remoto_e_presente() -> None:
    text = (
        "«È una giornata storica», dice il presidente Sergio Mattarella. "
        "«Ce la faremo», disse Mattarella. «Insieme», aggiunse."
    )
    ms = mentions(
        text, [("Sergio Mattarella", "PER", "mattarella"), ("Mattarella", "PER", "mattarella")]
    )
    quotes = extract_quotes(text, "it", ms)
    assert [q.cue for q in quotes] == ["dice", "disse", "aggiunse"]
    assert keys(quotes, ms) == ["mattarella"] * 3


def test_secondo_e_pronomi() -> None:
    text = (
        "Elena Greco ha incontrato Pierre Martin. «Abbiamo parlato della crisi», ha spiegato lei. "
        "Secondo lui, «c'è spazio per un accordo»."
    )
    ms = mentions(text, [("Elena Greco", "PER", "greco"), ("Pierre Martin", "PER", "martin")])
    quotes = extract_quotes(text, "it", ms)
    assert [q.speaker_text for q in quotes] == ["lei", "lui"]
    assert keys(quotes, ms) == ["greco", "martin"]


def test_il_ministro_ucraino_trova_il_ministro_non_il_presidente() -> None:
    text = (
        "Dmytro Kuleba e Volodymyr Zelensky sono arrivati a Bruxelles. "
        "«Servono più difese aeree», ha detto il ministro ucraino."
    )
    ms = mentions(
        text, [("Dmytro Kuleba", "PER", "kuleba"), ("Volodymyr Zelensky", "PER", "zelensky")]
    )
    roles = {
        "kuleba": "Ministro degli Affari Esteri dell'Ucraina",
        "zelensky": "Presidente dell'Ucraina",
    }
    (quote,) = extract_quotes(text, "it", ms, roles.get)
    assert quote.speaker_text == "il ministro ucraino" and quote.how == "role"
    assert keys([quote], ms) == ["kuleba"]


def test_inciso_tra_trattini_divide_la_citazione() -> None:
    text = "«Non arretreremo – ha detto Conti – finché resteremo uniti»."
    ms = mentions(text, [("Conti", "PER", "conti")])
    quotes = extract_quotes(text, "it", ms)
    assert [q.text for q in quotes] == ["Non arretreremo", "finché resteremo uniti"]
    assert keys(quotes, ms) == ["conti", "conti"]


def test_istituzione_che_parla() -> None:
    text = "«La stagione sarà difficile», ha fatto sapere il Cremlino."
    ms = mentions(text, [("Cremlino", "ORG", "kremlin")])
    (quote,) = extract_quotes(text, "it", ms)
    assert quote.how == "institution" and quote.cue == "ha fatto sapere"
    assert keys([quote], ms) == ["kremlin"]


def test_citazione_senza_parlante() -> None:
    text = "Su un cartello si leggeva: «Pace subito per tutti noi»."
    (quote,) = extract_quotes(text, "it")
    assert quote.speaker_text is None


def test_soggetto_omesso_senza_nessuno_a_cui_puntare() -> None:
    text = "«Resisteremo fino alla fine», ha detto."
    (quote,) = extract_quotes(text, "it")
    assert quote.speaker_text is None and quote.how is None
    assert quote.cue == "ha detto"


def test_un_trattino_non_apre_una_citazione_in_italiano() -> None:
    text = (
        "Le misure del decreto:\n– più fondi per gli ospedali del Paese;\n– meno tasse per tutti."
    )
    assert extract_quotes(text, "it") == []
