"""Name normalisation shared by linking, geocoding and canonicalisation.

Two levels of folding, from strict to lossy:

- `fold` keeps the letters but drops case, accents, punctuation and
  spacing differences: "Zelensky" and "ZELENSKY", "Kryvyi Rih" and
  "Kryvyï-Rih" meet. Alias tables are keyed by it.
- `phrase_key` applies the per-token transliteration key of the clustering
  stage on top: "Bakhmout" / "Bachmut" / "Bajmut" and "Prigojine" /
  "Prigozhin" meet. It is evidence of identity, never identity by itself for
  short names (see `canonical`).
"""

from __future__ import annotations

import re
import unicodedata

from ..clustering.features import name_key

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})

# Words that do not count towards an organisation's initials
# ("Institute for the Study of War" -> ISW, "Organisation du traité de l'Atlantique Nord" -> OTAN).
_INITIALS_SKIP = frozenset(
    [
        "of",
        "for",
        "the",
        "and",
        "on",
        "in",
        "at",
        "to",
        "a",
        "an",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "pour",
        "sur",
        "en",
        "der",
        "die",
        "das",
        "und",
        "für",
        "von",
        "zur",
        "zum",
        "del",
        "los",
        "las",
        "y",
        "el",
        "para",
    ]
)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Word tokens of a name, apostrophes and hyphens treated as separators."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES))


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    return " ".join(_strip_accents(t).casefold() for t in tokens(text))


def phrase_key(text: str, lang: str | None = None) -> str:
    """Transliteration key of a multi-word name: one `name_key` per token."""
    return " ".join(k for k in (name_key(t, lang) for t in tokens(text)) if k)


def initials(text: str) -> str:
    """Upper-case initials of the content words: the acronym a name would have."""
    words = [t for t in tokens(text) if fold(t) not in _INITIALS_SKIP]
    return "".join(_strip_accents(w)[0].upper() for w in words if w)


def is_acronym(text: str) -> bool:
    """ "NATO", "OTAN", "ISW", "U.N." (2 to 7 capitals, dots allowed)."""
    letters = text.replace(".", "").replace(" ", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()
