"""The entity stage: mentions recognised and linked (`extract.extract_entities`).

Switched off (`entities.enabled = false`) it is the null stage: no mentions,
and the main process canonicalises nothing.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document
from ..stages import FunctionStage, NullStage, Stage, register_stage
from .extract import extract_entities


@register_stage("entities")
def entity_stage(settings: Settings) -> Stage:
    if not settings.entities.enabled:
        return NullStage("entities")

    def extract(docs: list[Document]) -> dict[str, float]:
        return extract_entities(docs, settings)

    return FunctionStage("entities", extract)
