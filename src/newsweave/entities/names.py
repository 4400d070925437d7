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
from functools import lru_cache

from ..clustering.features import name_key
from ..clustering.features import strip_accents as _strip_accents
from ..language.registry import languages

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})

# Words that do not count towards an organisation's initials
# ("Institute for the Study of War" -> ISW, "Organisation du traité de l'Atlantique Nord" -> OTAN),
# pooled over every language's `function_words.txt` [acronym_skip]: names cross languages.
_INITIALS_SKIP = frozenset(
    w.casefold()
    for language in languages()
    for w in language.sections("function_words.txt").get("acronym_skip", [])
)


def tokens(text: str) -> list[str]:
    """Word tokens of a name, apostrophes and hyphens treated as separators."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    return " ".join(_strip_accents(t).casefold() for t in tokens(text))


@lru_cache(maxsize=1 << 16)
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


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two neighbours counts as one edit."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]
