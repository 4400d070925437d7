"""Russian: word lists (*.txt) and rule modules for newsweave; see `language/registry.py`."""

from ..registry import Language

LANGUAGE = Language(
    code="ru",
    name="Russian",
)
