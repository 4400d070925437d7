"""The clustering evidence a worker prepares: lexical features with MinHash, and embeddings.

The main process needs both (near-duplicates from the MinHash signature,
stories from the embedding and the features), so `Settings.stages` keeps
"features" and "embed"; another embedder is chosen by `Settings.embedder`.
"""

from __future__ import annotations

from functools import cache

from ..config import DedupSettings, Settings
from ..model import Document
from ..stages import FunctionStage, Stage, register_stage
from ..textcut import cut_text
from .dedup import MinHasher
from .embedders import get_embedder
from .features import extract_features


@cache
def _hasher(settings: DedupSettings) -> MinHasher:
    """One hasher per worker process (its permutations are drawn once)."""
    return MinHasher(settings)


@register_stage("features")
def feature_stage(settings: Settings) -> Stage:
    def features(docs: list[Document]) -> None:
        hasher = _hasher(settings.dedup)
        limit = settings.max_model_chars
        for doc in docs:
            doc.features = extract_features(doc, limit)
            doc.features.minhash = hasher.signature(cut_text(doc.content(), limit))

    return FunctionStage("features", features)


@register_stage("embed")
def embed_stage(settings: Settings) -> Stage:
    def embed(docs: list[Document]) -> None:
        embedder = get_embedder(settings.embedder, settings.embedder_model_path)
        # `head` reads a bounded number of words of bounded length, whatever the text.
        limit = settings.max_model_chars
        vectors = embedder.embed([doc.head(settings.embed_words, limit) for doc in docs])
        for doc, vector in zip(docs, vectors, strict=True):
            doc.embedding = vector

    return FunctionStage("embed", embed)
