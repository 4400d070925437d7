"""The event stage: who did what to whom, where and when, and who says so.

Reads the mentions, time expressions and quotes of the stages before it
("entities", "timex", "quotes"). Part of the statements work:
`statements.enabled = false` makes it the null stage.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document
from ..stages import FunctionStage, NullStage, Stage, doc_lang, register_stage
from .claims import extract_events


@register_stage("events")
def event_stage(settings: Settings) -> Stage:
    if not settings.statements.enabled:
        return NullStage("events")

    def extract(docs: list[Document]) -> None:
        for doc in docs:
            text = doc.model_text(settings.max_model_chars)
            doc.events = extract_events(
                text, doc_lang(doc), doc.mentions, doc.timexes, doc.quotes, settings.events
            )

    return FunctionStage("events", extract)
