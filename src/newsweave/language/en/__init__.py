"""English: word lists (*.txt) and rule modules for newsweave; see `language/registry.py`."""

from ..registry import Language

LANGUAGE = Language(
    code="en",
    name="English",
    date_order=None,
    incise_inside_quotes=False,
)
