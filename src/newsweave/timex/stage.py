"""The time-expression stage: each document's dates, times and durations, resolved
against its publication date. Events read them, so it runs before "events".

Part of the statements work: `statements.enabled = false` makes it the null stage.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document
from ..stages import FunctionStage, NullStage, Stage, doc_lang, register_stage
from .find import find_timexes


@register_stage("timex")
def timex_stage(settings: Settings) -> Stage:
    if not settings.statements.enabled:
        return NullStage("timex")

    def find(docs: list[Document]) -> None:
        for doc in docs:
            text = doc.model_text(settings.max_model_chars)
            doc.timexes = find_timexes(text, doc_lang(doc), doc.published)

    return FunctionStage("timex", find)
