"""Offline language identification, restricted to the languages newsweave supports.

Restricting the candidate set is what makes short news text reliable: a
detector choosing among 75 languages calls "Bakhmut" Turkish. Text too
short to judge is "unknown" unless the feed or page declared a language.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from ..model import Document
from ..textcut import cut_text

UNKNOWN = "unknown"
_SAMPLE_CHARS = 1500  # enough for a confident answer, bounded cost on long articles


class LanguageDetector(Protocol):
    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """(ISO 639-1 code or "unknown", confidence 0..1) for each text."""


class LinguaDetector:
    """lingua-py in high-accuracy mode over a fixed set of languages."""

    name = "lingua"

    def __init__(self, languages: Sequence[str], min_confidence: float = 0.5) -> None:
        self.languages = tuple(languages)
        self.min_confidence = min_confidence
        self._detector = None

    def _load(self):
        if self._detector is None:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            langs = [
                Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                for code in self.languages
            ]
            self._detector = LanguageDetectorBuilder.from_languages(*langs).build()
        return self._detector

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        detector = self._load()
        out: list[tuple[str, float]] = []
        for text in texts:
            values = detector.compute_language_confidence_values(text[:_SAMPLE_CHARS])
            if not values or values[0].value < self.min_confidence:
                out.append((UNKNOWN, values[0].value if values else 0.0))
                continue
            best = values[0]
            out.append((best.language.iso_code_639_1.name.lower(), float(best.value)))
        return out


@cache
def _default_detector(languages: tuple[str, ...]) -> LinguaDetector:
    return LinguaDetector(languages)


def detect_languages(
    docs: Sequence[Document],
    languages: Sequence[str],
    min_chars: int = 40,
    detector: LanguageDetector | None = None,
    max_chars: int | None = None,
) -> None:
    """Fill `lang` and `lang_score` on each document.

    A declared language wins for text shorter than `min_chars` (a headline in
    a feed); otherwise the detector decides, and the declaration only breaks
    a low-confidence call. With `max_chars`, title and body are read up to that
    many code points each (`Document.model_text`).
    """
    detector = detector or _default_detector(tuple(languages))
    if max_chars is None:
        bodies = [f"{d.title or ''}\n{d.text}".strip() for d in docs]
    else:
        bodies = [f"{cut_text(d.title or '', max_chars)}\n{d.model_text(max_chars)}".strip()
                  for d in docs]  # fmt: skip
    judged = [i for i, body in enumerate(bodies) if len(body) >= min_chars]
    results = detector.detect([bodies[i] for i in judged]) if judged else []
    by_index = dict(zip(judged, results, strict=True))
    for i, doc in enumerate(docs):
        declared = _normalise_declared(doc.declared_lang)
        if i not in by_index:
            doc.lang, doc.lang_score = (declared, None) if declared else (UNKNOWN, 0.0)
            continue
        lang, score = by_index[i]
        if lang == UNKNOWN and declared:
            lang = declared
        doc.lang, doc.lang_score = lang, round(score, 4)


def _normalise_declared(value: str | None) -> str | None:
    """`fr-FR`, `FR`, `fr_CA` -> `fr`; anything else -> None."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None
