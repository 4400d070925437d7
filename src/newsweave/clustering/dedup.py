"""Near-duplicate detection: MinHash signatures, LSH buckets, exact Jaccard check.

Wire copies are republished with a new headline, a trimmed sentence or a
swapped word. Word 3-shingles of such a copy keep a Jaccard similarity near
0.7 with the original when 5% of words change, so a check at 0.5 catches them
while different articles on the same event stay far below it.

Signatures are computed in workers (pure numpy, deterministic across
processes: no Python `hash()`); the LSH lookup against stored documents and
the exact check run where the store is.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..config import DedupSettings
from ..textcut import cut_text

_PRIME = np.uint64(4294967311)  # smallest prime above 2**32
_WORD = re.compile(r"\w+", re.UNICODE)


def shingle_hashes(text: str, size: int = 3) -> np.ndarray:
    """Deterministic 32-bit hashes of word n-grams (casefolded, accents kept)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(ids) < size:
        return np.unique(ids)
    mixed = np.zeros(len(ids) - size + 1, dtype=np.uint64)
    for offset in range(size):
        # Multiply-and-add mixing modulo 2**64 keeps word order significant.
        mixed = mixed * np.uint64(1_000_003) + ids[offset : offset + len(mixed)]
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


class MinHasher:
    """Signatures of `num_perm` universal hash functions over shingle hashes."""

    def __init__(self, settings: DedupSettings, seed: int = 1) -> None:
        if settings.num_perm % settings.bands:
            raise ValueError("num_perm must be a multiple of bands")
        rng = np.random.default_rng(seed)
        self.settings = settings
        self.a = rng.integers(1, 2**32 - 1, size=settings.num_perm, dtype=np.uint64)
        self.b = rng.integers(0, 2**32 - 1, size=settings.num_perm, dtype=np.uint64)

    def signature(self, text: str) -> np.ndarray:
        shingles = shingle_hashes(text, self.settings.shingle)
        if len(shingles) == 0:
            return np.full(self.settings.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        sig = np.full(self.settings.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        # Chunk the shingles so a long article does not build a huge matrix.
        for start in range(0, len(shingles), 2048):
            chunk = shingles[start : start + 2048]
            values = (self.a[:, None] * chunk[None, :] + self.b[:, None]) % _PRIME
            np.minimum(sig, values.min(axis=1), out=sig)
        return sig.astype(np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 63-bit key per band (band index mixed in), SQLite-friendly."""
        rows = self.settings.num_perm // self.settings.bands
        keys = []
        for band in range(self.settings.bands):
            chunk = signature[band * rows : (band + 1) * rows].tobytes()
            keys.append((zlib.crc32(chunk) << 8 | band) & 0x7FFFFFFFFFFFFFFF)
        return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 and len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


@dataclass
class DuplicateMatch:
    original: str
    similarity: float


def find_near_duplicates(
    items: Sequence[tuple[str, str, np.ndarray]],
    hasher: MinHasher,
    stored_candidates: Callable[[list[int]], Iterable[str]],
    stored_text: Callable[[list[str]], dict[str, str]],
    max_chars: int | None = None,
) -> dict[str, DuplicateMatch]:
    """Map document id -> the earlier document it nearly duplicates.

    `items` are (id, text, signature) in arrival order. Earlier items of the
    same batch count as originals too, so a batch of copies keeps only the
    first. Candidates from LSH are confirmed with the exact shingle Jaccard,
    over the first `max_chars` of each text (the part the signatures were made
    from: `Settings.max_model_chars`).
    """

    def cut(text: str) -> str:
        return text if max_chars is None else cut_text(text, max_chars)

    threshold = hasher.settings.threshold
    size = hasher.settings.shingle
    batch_buckets: dict[int, list[int]] = {}
    shingles: dict[str, np.ndarray] = {}
    result: dict[str, DuplicateMatch] = {}
    for index, (doc_id, text, signature) in enumerate(items):
        keys = hasher.band_keys(signature)
        candidates: set[str] = set()
        for key in keys:
            candidates.update(items[j][0] for j in batch_buckets.get(key, ()))
        stored = set(stored_candidates(keys)) - candidates
        candidates |= stored
        candidates.discard(doc_id)
        if candidates:
            own = shingle_hashes(cut(text), size)
            texts = stored_text(sorted(stored)) if stored else {}
            best: DuplicateMatch | None = None
            for cand in sorted(candidates):
                if cand not in shingles:
                    source = texts.get(cand)
                    if source is None:
                        source = next(t for i, t, _ in items if i == cand)
                    shingles[cand] = shingle_hashes(cut(source), size)
                score = jaccard(own, shingles[cand])
                if score >= threshold and (best is None or score > best.similarity):
                    best = DuplicateMatch(result.get(cand, DuplicateMatch(cand, 0)).original, score)
            if best is not None:
                result[doc_id] = best
        for key in keys:
            batch_buckets.setdefault(key, []).append(index)
    return result
