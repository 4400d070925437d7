"""Citations et locuteurs en français, sur des phrases écrites pour ces tests."""

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


def test_styles_de_guillemets() -> None:
    text = (
        f"«{NB}Nous tiendrons{NB}», a déclaré M. Lemaire. «Nous tiendrons encore», a répété "
        'M. Lemaire. "Jusqu\'au bout", a insisté M. Lemaire. M. Lemaire a ajouté : “Sans faiblir.”'
    )
    quotes = extract_quotes(text, "fr")
    assert [q.text for q in quotes] == [
        "Nous tiendrons",
        "Nous tiendrons encore",
        "Jusqu'au bout",
        "Sans faiblir.",
    ]
    assert {q.speaker_text for q in quotes} == {"M. Lemaire"}


def test_inversion_avec_titre() -> None:
    text = "« La réforme sera votée avant l'été », a déclaré Mme Garnier devant les députés."
    ms = mentions(text, [("Garnier", "PER", "garnier")])
    (quote,) = extract_quotes(text, "fr", ms)
    assert quote.speaker_text == "Mme Garnier"
    assert quote.cue == "a déclaré"
    assert keys([quote], ms) == ["garnier"]


def test_a_t_il_declare_apres_un_nom() -> None:
    text = (
        "Le maire de Nantes, Yves Caradec, a visité le chantier jeudi. "
        "« Les travaux finiront en mars », a-t-il déclaré."
    )
    ms = mentions(text, [("Yves Caradec", "PER", "caradec"), ("Nantes", "LOC", "nantes")])
    (quote,) = extract_quotes(text, "fr", ms)
    assert quote.speaker_text == "il"
    assert quote.how == "pronoun"
    assert keys([quote], ms) == ["caradec"]


def test_elle_va_a_la_personne_feminine() -> None:
    text = (
        "Hélène Roussel a reçu Markus Brandt à Paris. "
        "« Cet accord marque une étape », a-t-elle souligné."
    )
    ms = mentions(text, [("Hélène Roussel", "PER", "roussel"), ("Markus Brandt", "PER", "brandt")])
    (quote,) = extract_quotes(text, "fr", ms)
    assert keys([quote], ms) == ["roussel"]


def test_citation_coupee_et_incise() -> None:
    text = "« Nous ne céderons pas, a prévenu le syndicat, même sous la pression. »"
    quotes = extract_quotes(text, "fr")
    assert [q.text for q in quotes] == ["Nous ne céderons pas", "même sous la pression."]
    assert [q.speaker_text for q in quotes] == ["le syndicat", "le syndicat"]


def test_citation_coupee_par_l_attribution() -> None:
    text = "« Nous restons ouverts », a assuré la porte-parole, « mais pas sous la menace ». "
    quotes = extract_quotes(text, "fr")
    assert [q.speaker_text for q in quotes] == ["la porte-parole", "la porte-parole"]


def test_tirets_de_dialogue() -> None:
    text = (
        "Entretien avec Claire Dufresne, maire de Lyon.\n\n"
        "— Allez-vous augmenter les impôts ?\n"
        "— Non, nous ne toucherons pas à la taxe foncière, répond Mme Dufresne.\n"
        "— Le tramway sera prolongé, assure-t-elle. Les travaux commencent en mai."
    )
    ms = mentions(text, [("Claire Dufresne", "PER", "dufresne"), ("Dufresne", "PER", "dufresne")])
    quotes = extract_quotes(text, "fr", ms)
    assert [q.text for q in quotes] == [
        "Non, nous ne toucherons pas à la taxe foncière",
        "Le tramway sera prolongé",
        "Les travaux commencent en mai.",
    ]
    assert keys(quotes, ms) == ["dufresne"] * 3


def test_role_avec_describe() -> None:
    text = (
        "Henrik Dalby et Oleh Marchenko se sont retrouvés à Bruxelles. "
        "Le chef de l'OTAN a ajouté : « Chaque semaine compte. »"
    )
    ms = mentions(
        text,
        [
            ("Henrik Dalby", "PER", "dalby"),
            ("Oleh Marchenko", "PER", "marchenko"),
            ("OTAN", "ORG", "nato"),
        ],
    )
    roles = {
        "dalby": "Secretary General of NATO",
        "marchenko": "Ministre de la Défense de l'Ukraine",
    }
    (quote,) = extract_quotes(text, "fr", ms, roles.get)
    assert quote.speaker_text == "Le chef de l'OTAN"
    assert quote.how == "role"
    assert keys([quote], ms) == ["dalby"]


def test_selon_et_institution() -> None:
    text = (
        "Selon le département d'Etat américain, « l'effort doit être partagé ». "
        "Le Quai d'Orsay a estimé que « la porte reste ouverte »."
    )
    ms = mentions(text, [("département d'Etat", "ORG", "state")])
    quotes = extract_quotes(text, "fr", ms)
    assert [q.speaker_text for q in quotes] == [
        "le département d'Etat américain",
        "Le Quai d'Orsay",
    ]
    assert [q.how for q in quotes] == ["institution", "institution"]
    assert keys(quotes, ms) == ["state", None]


def test_citation_sans_locuteur() -> None:
    text = "Sur une banderole, on pouvait lire : « Pas de paysans, pas de pain »."
    (quote,) = extract_quotes(text, "fr")
    assert quote.speaker_text is None
