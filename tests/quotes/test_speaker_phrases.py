"""Speaker phrases read whole, and roles that resolve only to a holder of that office.

"a déclaré le ministère britannique de la Défense" used to stop at "de": the
speaker was "le ministère britannique", which no knowledge-base name matches.
"the Ukrainian defence chief" used to resolve to the president, the only
"head" of the article. Sentences written for these tests.
"""

from __future__ import annotations

import re

import pytest

from newsweave.model import Mention
from newsweave.pipeline import ingest_paths
from newsweave.quotes import extract_quotes
from newsweave.store import open_store


def _speakers(text: str, lang: str, mentions=(), describe=None) -> list:
    return extract_quotes(text, lang, mentions, describe)


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "fr",
            "« L'offensive pourrait s'essouffler d'ici l'été », a déclaré le ministère "
            "britannique de la Défense dans son bulletin quotidien.",
            "le ministère britannique de la Défense",
        ),
        (
            "fr",
            "« Ces livraisons ne font que prolonger la guerre », a affirmé le ministère russe "
            "des Affaires étrangères dans un communiqué.",
            "le ministère russe des Affaires étrangères",
        ),
        (
            "fr",
            "Le ministère russe des Affaires étrangères a répondu : « Ces livraisons ne font que "
            "prolonger la guerre. »",
            "Le ministère russe des Affaires étrangères",
        ),
        (
            "fr",
            "« Nous resterons mobilisés tout l'hiver », a indiqué le ministère français de "
            "l'Intérieur mardi soir.",
            "le ministère français de l'Intérieur",
        ),
        (
            "es",
            "«La ofensiva puede perder fuerza antes del verano», afirmó el ministerio británico "
            "de Defensa en su informe diario.",
            "el ministerio británico de Defensa",
        ),
    ],
)
def test_a_capitalised_complement_belongs_to_the_institution(lang, text, speaker) -> None:
    (quote,) = _speakers(text, lang)
    assert quote.speaker_text == speaker
    assert quote.how == "institution"


def test_a_lower_case_complement_or_a_coordination_stays_outside() -> None:
    text = (
        "« Les réserves suffiront », a déclaré le ministère britannique de la défense civile. "
        "« Nous tiendrons nos engagements », a affirmé le ministère russe et Moscou a confirmé."
    )
    assert [q.speaker_text for q in _speakers(text, "fr")] == [
        "le ministère britannique",
        "le ministère russe",
    ]


def _mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    found = [
        Mention(name, m.start(), m.end(), "PER", "kb", key)
        for name, key in names
        for m in re.finditer(re.escape(name), text)
    ]
    return sorted(found, key=lambda m: m.start)


DESCRIPTIONS = {
    "kb:president": "President of Ukraine",
    "kb:defence": "Minister of Defence of Ukraine",
    "kb:foreign": "Minister of Foreign Affairs of Ukraine",
}
CHIEF = (
    '"We need more artillery shells, and we need them this month," the Ukrainian defence '
    "chief said at a meeting of donors in Oslo."
)


def test_the_defence_chief_is_the_defence_minister_not_the_president() -> None:
    text = (
        "President Marko Hrytsenko thanked the donors on Friday. Defence Minister Taras "
        "Voloshyn said new deliveries were expected within weeks.\n\n" + CHIEF
    )
    mentions = _mentions(
        text, [("Marko Hrytsenko", "kb:president"), ("Taras Voloshyn", "kb:defence")]
    )
    (quote,) = _speakers(text, "en", mentions, DESCRIPTIONS.get)
    assert quote.how == "role"
    assert mentions[quote.speaker_mention].text == "Taras Voloshyn"


@pytest.mark.parametrize(
    "names",
    [
        [("Marko Hrytsenko", "kb:president")],
        [("Marko Hrytsenko", "kb:president"), ("Olena Dubyk", "kb:foreign")],
    ],
)
def test_the_defence_chief_names_nobody_when_no_defence_minister_is_known(names) -> None:
    people = " and ".join(f"{n} ({k.split(':')[1]})" for n, k in names)
    text = f"{people} met the donors on Friday.\n\n" + CHIEF
    (quote,) = _speakers(text, "en", _mentions(text, names), DESCRIPTIONS.get)
    assert quote.speaker_text == "the Ukrainian defence chief"
    assert quote.speaker_mention is None  # null beats the president or another minister


def test_a_chief_of_what_no_role_names_still_finds_its_head() -> None:
    text = (
        "Alliance Secretary General Henrik Dalby met ministers in Oslo.\n\n"
        '"Nobody is threatening anyone," the alliance chief said.'
    )
    mentions = _mentions(text, [("Henrik Dalby", "kb:sg")])
    (quote,) = _speakers(text, "en", mentions, {"kb:sg": "Secretary General of NATO"}.get)
    assert quote.speaker_mention == 0


FRENCH = """Bakhmout : la pression russe se poursuit

PARIS, 10 mars 2023 (AFP) - Les forces russes ont encore gagné du terrain autour de la ville.

« L'offensive pourrait s'essouffler d'ici l'été », a déclaré le ministère britannique de la Défense dans son bulletin quotidien.

« Ces livraisons ne font que prolonger la guerre », a affirmé le ministère russe des Affaires étrangères dans un communiqué publié jeudi.
"""
ENGLISH = """Ukraine asks donors for more shells

KYIV, March 10 (Reuters) - Ukrainian President Volodymyr Zelensky thanked donors on Friday. Defence Minister Oleksii Reznikov said new deliveries were expected within weeks.

"We need more artillery shells, and we need them this month," the Ukrainian defence chief said at a meeting in Oslo.
"""


@pytest.mark.slow
def test_whole_institution_names_and_office_holders_end_to_end(tmp_path, settings) -> None:
    from newsweave.statements.report import list_quotes

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "speakers-fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "speakers-en.txt").write_text(ENGLISH, encoding="utf-8")
    store = open_store(settings.db)
    ingest_paths([folder], store, settings)
    quotes = list_quotes(store)

    def said(words: str) -> tuple[str | None, str | None]:
        (quote,) = [q for q in quotes if words in q.text]
        return quote.speaker_text, quote.speaker_name

    assert said("offensive") == (
        "le ministère britannique de la Défense",
        "Ministry of Defence (United Kingdom)",
    )
    assert said("livraisons") == (
        "le ministère russe des Affaires étrangères",
        "Ministry of Foreign Affairs of Russia",
    )
    assert said("artillery shells") == ("the Ukrainian defence chief", "Oleksii Reznikov")
