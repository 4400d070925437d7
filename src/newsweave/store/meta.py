"""What a database records about how it was built: the embedder of its vectors.

Document and statement vectors of two embedders live in different spaces: a
cosine between them means nothing, so stories would silently stop forming.
The first ingest records the embedder's name and dimension; every later one
must use the same. Works on any backend through `get_meta`/`set_meta`.
"""

from __future__ import annotations

from ..errors import EmbedderMismatch
from .base import MetaStore

EMBEDDER_KEY = "embedder.name"
DIMENSION_KEY = "embedder.dimension"


def check_embedder(store: MetaStore, name: str, dimension: int | None = None) -> None:
    """Record `name` (and `dimension`, when known) at first use; raise
    `EmbedderMismatch` when the database was built with another embedder.

    Call with `dimension=None` before any vector exists (only the name is
    checked), then with the dimension of the first vectors."""
    stored_name = store.get_meta(EMBEDDER_KEY)
    stored_dim = store.get_meta(DIMENSION_KEY)
    wrong_name = stored_name is not None and stored_name != name
    wrong_dim = dimension is not None and stored_dim is not None and int(stored_dim) != dimension
    if wrong_name or wrong_dim:
        built = f"'{stored_name or 'unknown'}' ({stored_dim or '?'} dimensions)"
        asked = f"'{name}'" + (f" ({dimension} dimensions)" if dimension is not None else "")
        raise EmbedderMismatch(
            f"database {store.url} holds vectors of embedder {built}, not {asked}. "
            "Vectors of two embedders cannot be compared: set `embedder` back to the "
            "original, or ingest into a new database (`recluster` is not enough, it "
            "reuses the stored vectors)."
        )
    if stored_name is None or (dimension is not None and stored_dim is None):
        with store.transaction():
            if stored_name is None:
                store.set_meta(EMBEDDER_KEY, name)
            if dimension is not None and stored_dim is None:
                store.set_meta(DIMENSION_KEY, str(dimension))


def embedder_label(name: str, model_path: str | None = None) -> str:
    """The name recorded for an embedder: a local model is told apart by its folder."""
    if not model_path:
        return name
    folder = model_path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"{name}:{folder}"
