"""French: word lists (*.txt) and rule modules for newsweave; see `language/registry.py`."""

from ..registry import Language

LANGUAGE = Language(
    code="fr",
    name="French",
    dialogue_dashes=True,
    hyphenated_inversion=True,
)
