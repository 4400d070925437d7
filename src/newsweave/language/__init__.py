"""Language identification and per-language resources (`language/<code>/`)."""

from .detect import LanguageDetector, LinguaDetector, detect_languages

__all__ = ["LanguageDetector", "LinguaDetector", "detect_languages"]
