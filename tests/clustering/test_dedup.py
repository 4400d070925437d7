"""MinHash + LSH near-duplicate search on generated articles with known copies."""

import random
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clustering.dedup import MinHasher, find_near_duplicates, jaccard, shingle_hashes
from newsweave.config import DedupSettings
from newsweave.errors import ConfigError

FAST = settings(max_examples=150, deadline=None)
SETTINGS = DedupSettings()


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(size * 2)}
    return sorted(words)[:size]


def _article(rng: random.Random, vocab: list[str], words: int = 300) -> str:
    return " ".join(rng.choices(vocab, k=words))


def _edit(rng: random.Random, vocab: list[str], text: str, share: float = 0.05) -> str:
    """Replace `share` of the words at random positions with other vocabulary words."""
    words = text.split()
    for position in rng.sample(range(len(words)), round(len(words) * share)):
        words[position] = rng.choice([w for w in rng.sample(vocab, 3) if w != words[position]])
    return " ".join(words)


class FakeStore:
    """The two lookups find_near_duplicates needs, backed by dicts; records the calls."""

    def __init__(self, hasher: MinHasher) -> None:
        self.hasher = hasher
        self.buckets: dict[int, set[str]] = defaultdict(set)
        self.text: dict[str, str] = {}
        self.candidate_calls = 0
        self.text_requests: list[list[str]] = []

    def add(self, doc_id: str, text: str) -> None:
        self.text[doc_id] = text
        for key in self.hasher.band_keys(self.hasher.signature(text)):
            self.buckets[key].add(doc_id)

    def candidates(self, keys: list[int]) -> Iterable[str]:
        self.candidate_calls += 1
        return {doc_id for key in keys for doc_id in self.buckets.get(key, ())}

    def texts(self, ids: list[str]) -> dict[str, str]:
        self.text_requests.append(list(ids))
        return {i: self.text[i] for i in ids}


def _items(hasher: MinHasher, docs: list[tuple[str, str]]) -> list[tuple[str, str, np.ndarray]]:
    return [(doc_id, text, hasher.signature(text)) for doc_id, text in docs]


def _nothing_stored(keys: list[int]) -> list[str]:
    return []


def _no_texts(ids: list[str]) -> dict[str, str]:
    raise AssertionError(f"no stored text should be asked for, got {ids}")


@pytest.fixture(scope="module")
def corpus() -> tuple[random.Random, list[str], list[str]]:
    rng = random.Random(20230520)
    vocab = _vocabulary(rng)
    articles = [_article(rng, vocab) for _ in range(40)]
    return rng, vocab, articles


# -- shingles and signatures ---------------------------------------------------


def test_shingle_hashes_fold_case_and_keep_word_order() -> None:
    a = shingle_hashes("Troops entered the city on Monday")
    assert len(a) == 4
    assert np.array_equal(a, shingle_hashes("troops  ENTERED the\ncity, on monday!"))
    assert not np.array_equal(a, shingle_hashes("city the entered Troops on Monday"))
    assert len(shingle_hashes("two words")) == 2  # shorter than a shingle: the words
    assert len(shingle_hashes("  ...  ")) == 0


@FAST
@given(st.text(max_size=300), st.integers(1, 5))
def test_shingle_hashes_never_raise_and_are_sorted_unique_32_bit(text: str, size: int) -> None:
    hashes = shingle_hashes(text, size)
    assert hashes.dtype == np.uint64
    assert np.all(hashes < 2**32)
    assert np.array_equal(hashes, np.unique(hashes))


def test_signatures_are_deterministic_across_instances_with_one_seed(corpus) -> None:
    _, _, articles = corpus
    first, second = MinHasher(SETTINGS, seed=7), MinHasher(SETTINGS, seed=7)
    other = MinHasher(SETTINGS, seed=8)
    sig = first.signature(articles[0])
    assert sig.dtype == np.uint32 and sig.shape == (SETTINGS.num_perm,)
    assert np.array_equal(sig, second.signature(articles[0]))
    assert first.band_keys(sig) == second.band_keys(sig)
    assert not np.array_equal(sig, other.signature(articles[0]))


def test_band_keys_are_non_negative_63_bit_and_one_per_band(corpus) -> None:
    _, _, articles = corpus
    hasher = MinHasher(SETTINGS)
    for text in [*articles[:10], "", "one"]:
        keys = hasher.band_keys(hasher.signature(text))
        assert len(keys) == SETTINGS.bands
        assert all(isinstance(k, int) and 0 <= k < 2**63 for k in keys)
        assert [k & 0xFF for k in keys] == list(range(SETTINGS.bands))  # band index mixed in


def test_signature_agreement_estimates_jaccard(corpus) -> None:
    rng, vocab, articles = corpus
    hasher = MinHasher(SETTINGS)
    for share in (0.05, 0.2, 0.5):
        a, b = articles[1], _edit(rng, vocab, articles[1], share)
        exact = jaccard(shingle_hashes(a), shingle_hashes(b))
        estimate = float(np.mean(hasher.signature(a) == hasher.signature(b)))
        assert abs(estimate - exact) < 0.15, (share, exact, estimate)


def test_num_perm_must_divide_into_bands() -> None:
    # Checked where the settings are built (a coded error), before any hasher exists.
    with pytest.raises(ConfigError, match=r"'dedup\.bands' \(32\) must divide"):
        DedupSettings(num_perm=100, bands=32)


def test_jaccard_edges() -> None:
    empty = np.zeros(0, dtype=np.uint64)
    some = np.array([1, 2, 3, 4], dtype=np.uint64)
    assert jaccard(empty, empty) == 0.0
    assert jaccard(some, some) == 1.0
    assert jaccard(some, np.array([3, 4, 5, 6], dtype=np.uint64)) == pytest.approx(2 / 6)


# -- find_near_duplicates ------------------------------------------------------


def test_copies_with_five_percent_edits_are_found_against_stored_originals(corpus) -> None:
    rng, vocab, articles = corpus
    hasher = MinHasher(SETTINGS)
    store = FakeStore(hasher)
    for i, text in enumerate(articles):
        store.add(f"orig-{i}", text)
    copies = [(f"copy-{i}", _edit(rng, vocab, text)) for i, text in enumerate(articles)]
    unrelated = [(f"new-{i}", _article(rng, vocab)) for i in range(20)]

    found = find_near_duplicates(
        _items(hasher, copies + unrelated), hasher, store.candidates, store.texts
    )

    hits = [i for i in range(len(articles)) if f"copy-{i}" in found]
    assert len(hits) / len(articles) >= 0.95
    for i in hits:
        assert found[f"copy-{i}"].original == f"orig-{i}"
        assert 0.5 <= found[f"copy-{i}"].similarity < 1.0
    assert not any(doc_id.startswith("new-") for doc_id in found)
    # Stored originals were reached only through the two callables.
    assert store.candidate_calls == len(copies) + len(unrelated)
    asked = {doc_id for request in store.text_requests for doc_id in request}
    assert {f"orig-{i}" for i in hits} <= asked


def test_unrelated_articles_are_never_flagged(corpus) -> None:
    _, _, articles = corpus
    hasher = MinHasher(SETTINGS)
    found = find_near_duplicates(
        _items(hasher, [(f"a{i}", t) for i, t in enumerate(articles)]),
        hasher,
        _nothing_stored,
        _no_texts,
    )
    assert found == {}


def test_in_batch_copies_point_to_the_first_item(corpus) -> None:
    rng, vocab, articles = corpus
    hasher = MinHasher(SETTINGS)
    original = articles[2]
    docs = [("first", original), ("other", articles[3])]
    docs += [(f"copy{i}", _edit(rng, vocab, original)) for i in range(4)]
    found = find_near_duplicates(_items(hasher, docs), hasher, _nothing_stored, _no_texts)
    assert set(found) == {"copy0", "copy1", "copy2", "copy3"}
    assert {match.original for match in found.values()} == {"first"}


def test_a_copy_of_a_copy_points_to_the_original(corpus) -> None:
    rng, vocab, articles = corpus
    hasher = MinHasher(SETTINGS)
    copy = _edit(rng, vocab, articles[4])
    copy_of_copy = _edit(rng, vocab, copy)
    docs = [("original", articles[4]), ("copy", copy), ("copy-of-copy", copy_of_copy)]
    found = find_near_duplicates(_items(hasher, docs), hasher, _nothing_stored, _no_texts)
    assert found["copy"].original == "original"
    assert found["copy-of-copy"].original == "original"
    # Its closest text is the copy, and the score says so.
    assert found["copy-of-copy"].similarity == pytest.approx(
        jaccard(shingle_hashes(copy), shingle_hashes(copy_of_copy))
    )


def test_exact_reingest_of_a_stored_text_matches_with_similarity_one(corpus) -> None:
    _, _, articles = corpus
    hasher = MinHasher(SETTINGS)
    store = FakeStore(hasher)
    store.add("stored", articles[5])
    found = find_near_duplicates(
        _items(hasher, [("again", articles[5].upper())]), hasher, store.candidates, store.texts
    )
    assert found["again"].original == "stored"
    assert found["again"].similarity == 1.0
    assert store.text_requests == [["stored"]]


def test_a_document_is_not_its_own_duplicate(corpus) -> None:
    _, _, articles = corpus
    hasher = MinHasher(SETTINGS)
    store = FakeStore(hasher)
    store.add("same-id", articles[6])
    found = find_near_duplicates(
        _items(hasher, [("same-id", articles[6])]), hasher, store.candidates, store.texts
    )
    assert found == {}
