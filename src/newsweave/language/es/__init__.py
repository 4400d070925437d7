"""Spanish: word lists (*.txt) and rule modules for newsweave; see `language/registry.py`."""

from ..registry import Language

LANGUAGE = Language(
    code="es",
    name="Spanish",
    null_subject=True,
    dialogue_dashes=True,
    inner_dialogue_dash=True,
)
