"""One registry of the languages newsweave supports, like spaCy's `get_lang_class`.

Each language is a folder, `language/<code>/`, whose `__init__.py` declares a
`LANGUAGE = Language(...)`: its behaviour flags (day/month order of numeric
dates, dialogue dashes, dropped subject pronouns...) and, beside it, its word
lists (`*.txt`) and rule modules (`timex.py`). Every stage asks this registry
what a language has; no stage keeps its own tuple of language codes or its
own path to the folders. Adding a language is adding a folder (and its tests
under `tests/lang/<code>/`).

    >>> get_language("fr").date_order
    'DMY'
    >>> "timex" in get_language("fr").modules
    True
    >>> codes(having="speech_verbs.txt")
    ('de', 'en', 'es', 'fr', 'it')
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType

from ..errors import ConfigError

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Language:
    """What newsweave knows of one language, declared in `language/<code>/__init__.py`.

    Flags decide behaviour that differs between languages; they replace
    `if lang == "de"` branches in the stages. Word lists are read through
    `lines`/`sections` so a speaker of the language can extend them without
    touching code.
    """

    code: str  # ISO 639-1
    name: str  # English name, for messages and docs
    # Numeric dates: "DMY" reads 03/08/2023 as 3 August, "MDY" as 8 March; None when
    # writers of the language use both (English: US month first, UK day first), so an
    # ambiguous date stays partial unless its source's convention is known.
    date_order: str | None = "DMY"
    # Languages that drop subject pronouns: "«…», dijo." names no speaker but has one.
    null_subject: bool = False
    # Quotes opened by a dialogue dash (French, Spanish press).
    dialogue_dashes: bool = False
    # Common nouns are capitalised (German): a capital letter is weak evidence of a name.
    capitalised_nouns: bool = False
    # Subject pronouns invert after a hyphen (French "a-t-il déclaré", "dit-elle"); the
    # pronouns are those marked "inverted" in pronouns.txt.
    hyphenated_inversion: bool = False
    # An attribution may stand inside the quote marks (« A, a-t-il dit, B », «A —dijo X—»);
    # English closes the marks around it instead ("A," he said, "B").
    incise_inside_quotes: bool = True
    # A dialogue dash may open a quote after a sentence inside a paragraph (Spanish raya:
    # "… Gredos. —El fuego …").
    inner_dialogue_dash: bool = False
    # Endings an institution noun takes in the genitive or plural (German "des Ministeriums").
    genitive_suffixes: tuple[str, ...] = ()
    # Endings a place name takes as a genitive or an adjective ("Kiews", "Pariser"); the
    # gazetteer strips them when the bare form is not a place.
    place_suffixes: tuple[str, ...] = ()
    # Lower-case words a name may run on for after a capitalised one (Italian "Unione
    # europea", "Corte penale internazionale"); such names come from the knowledge base only.
    name_lowercase_words: int = 0
    # Free-form flags a stage may read (documented where they are read).
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def folder(self) -> Path:
        return ROOT / self.code

    @property
    def modules(self) -> frozenset[str]:
        """Rule modules shipped in the folder (e.g. "timex")."""
        return frozenset(
            info.name for info in pkgutil.iter_modules([str(self.folder)]) if not info.ispkg
        )

    def has(self, resource: str) -> bool:
        """True when the folder ships `resource` (a file name or a module name)."""
        return resource in self.modules or (self.folder / resource).is_file()

    def module(self, name: str) -> ModuleType | None:
        """The rule module `language/<code>/<name>.py`, or None when the language has none."""
        if name not in self.modules:
            return None
        return importlib.import_module(f"{__package__}.{self.code}.{name}")

    def lines(self, resource: str) -> list[str]:
        """Non-empty, non-comment lines of `<code>/<resource>`; [] when absent."""
        return _lines(self.folder / resource)

    def sections(self, resource: str) -> dict[str, list[str]]:
        """Lines of `<code>/<resource>` grouped under their `[section]` headers."""
        out: dict[str, list[str]] = {}
        current = ""
        for line in self.lines(resource):
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1]
                out.setdefault(current, [])
            else:
                out.setdefault(current, []).append(line)
        return out


@cache
def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _discover() -> Iterator[str]:
    for info in pkgutil.iter_modules([str(ROOT)]):
        if info.ispkg:
            yield info.name


@cache
def _registry() -> dict[str, Language]:
    found: dict[str, Language] = {}
    for code in sorted(_discover()):
        module = importlib.import_module(f"{__package__}.{code}")
        language = getattr(module, "LANGUAGE", None)
        if not isinstance(language, Language) or language.code != code:
            raise ConfigError(
                f"language folder '{code}' must declare LANGUAGE = Language(code={code!r}, ...) "
                f"in language/{code}/__init__.py"
            )
        found[code] = language
    return found


def get_language(code: str) -> Language:
    """The registered language `code`; a coded error naming the known ones otherwise."""
    try:
        return _registry()[code]
    except KeyError:
        known = ", ".join(_registry())
        raise ConfigError(
            f"unknown language {code!r}; supported: {known}. "
            f"Add a folder language/{code}/ to support it."
        ) from None


def find_language(code: str | None) -> Language | None:
    """Like `get_language`, but None for an unknown or missing code (detected text)."""
    if code is None:
        return None
    return _registry().get(code)


def codes(having: str | None = None) -> tuple[str, ...]:
    """Registered language codes, optionally only those shipping `having` (a file or module)."""
    langs = _registry().values()
    return tuple(lang.code for lang in langs if having is None or lang.has(having))


def languages() -> tuple[Language, ...]:
    return tuple(_registry().values())


__all__ = ["Language", "codes", "find_language", "get_language", "languages"]
