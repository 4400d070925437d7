"""The language stage: each document's language, before every stage that reads words."""

from __future__ import annotations

from ..config import Settings
from ..model import Document
from ..stages import FunctionStage, Stage, register_stage
from .detect import detect_languages


@register_stage("language")
def language_stage(settings: Settings) -> Stage:
    def detect(docs: list[Document]) -> None:
        detect_languages(docs, settings.languages, settings.min_chars_for_language,
                         max_chars=settings.max_model_chars)  # fmt: skip

    return FunctionStage("language", detect)
