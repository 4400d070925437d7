"""German: word lists (*.txt) and rule modules for newsweave; see `language/registry.py`."""

from ..registry import Language

LANGUAGE = Language(
    code="de",
    name="German",
    capitalised_nouns=True,
    genitive_suffixes=("s", "es", "n", "en"),
    place_suffixes=("s", "er"),
)
