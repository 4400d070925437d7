"""Italian: word lists (*.txt) and rule modules for newsweave; see `language/registry.py`."""

from ..registry import Language

LANGUAGE = Language(
    code="it",
    name="Italian",
    null_subject=True,
    name_lowercase_words=2,
)
