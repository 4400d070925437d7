"""Worker stages: one small protocol, a name -> factory registry, null variants.

A stage takes a batch of documents and returns the same documents with its
own fields filled, plus the seconds each of its steps took:

    @register_stage("entities")
    def entity_stage(settings: Settings) -> Stage:
        return FunctionStage("entities", lambda docs: extract_entities(docs, settings))

`Settings.stages` lists the worker stages in the order they run;
`build_stages(settings)` turns the names into stages, once per process
(stages load their models lazily, on their first batch, and keep them).
The name "null" is a stage that does nothing, and a stage whose settings
switch it off (`entities.enabled = false`) is built as its null variant.

The built-in stages live beside the code they run (`entities/stage.py`,
`quotes/stage.py`...) and register themselves when `BUILTIN_STAGES` imports them;
a user's own stage registers the same way from a module named in
`Settings.stage_modules`, which every worker process imports too.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from .config import Settings
from .errors import ConfigError
from .model import Document


@dataclass
class Enriched:
    """A batch after some stages: the documents and seconds per step."""

    docs: list[Document]
    timings: dict[str, float] = field(default_factory=dict)


class Stage(Protocol):
    """Fills its fields of each document of a batch; returns them and its timings."""

    name: str

    def run(self, docs: list[Document]) -> Enriched: ...


StageFactory = Callable[[Settings], Stage]

NULL = "null"
# Modules that register the shipped stages (imported on first use, not at import
# of this module, so a stage module may itself import `register_stage`).
BUILTIN_STAGES = (
    "newsweave.language.stage",
    "newsweave.entities.stage",
    "newsweave.clustering.stage",
    "newsweave.timex.stage",
    "newsweave.quotes.stage",
    "newsweave.events.stage",
)
_FACTORIES: dict[str, StageFactory] = {}


class NullStage:
    """A stage that leaves the documents as they are (a stage switched off)."""

    def __init__(self, name: str = NULL) -> None:
        self.name = name

    def run(self, docs: list[Document]) -> Enriched:
        return Enriched(docs)


class FunctionStage:
    """A stage from a function that fills a batch in place and returns its timings.

    Without a timings dict of its own, the stage is timed as one step under its name.
    """

    def __init__(
        self, name: str, fill: Callable[[list[Document]], dict[str, float] | None]
    ) -> None:
        self.name = name
        self.fill = fill

    def run(self, docs: list[Document]) -> Enriched:
        t = time.perf_counter()
        timings = self.fill(docs)
        if timings is None:
            timings = {self.name: time.perf_counter() - t}
        return Enriched(docs, timings)


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Decorator: `factory(settings)` builds the stage called `name` in `Settings.stages`."""

    def add(factory: StageFactory) -> StageFactory:
        if name == NULL:
            raise ConfigError(f"stage name '{NULL}' is reserved for the stage that does nothing")
        _FACTORIES[name] = factory
        build_stages.cache_clear()  # a stage registered again is built anew
        return factory

    return add


def unregister_stage(name: str) -> None:
    """Forget a registered stage (tests register their own and clean up)."""
    _FACTORIES.pop(name, None)
    build_stages.cache_clear()


def _import(modules: Sequence[str]) -> None:
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise ConfigError(
                f"cannot import stage module '{module}' ({exc}); check stage_modules "
                "in the settings"
            ) from exc


def known_stages(settings: Settings | None = None) -> list[str]:
    """Names `Settings.stages` may use: the shipped stages, registered ones, "null"."""
    _import(BUILTIN_STAGES)
    if settings is not None:
        _import(settings.stage_modules)
    return sorted([*_FACTORIES, NULL])


@cache
def build_stages(settings: Settings) -> tuple[Stage, ...]:
    """The configured worker stages, in order; built once per process and settings."""
    known = known_stages(settings)
    unknown = [name for name in settings.stages if name not in known]
    if unknown:
        raise ConfigError(
            f"unknown stage {', '.join(map(repr, unknown))} in settings 'stages'; "
            f"known stages: {', '.join(known)}"
        )
    return tuple(NullStage() if name == NULL else _FACTORIES[name](settings)
                 for name in settings.stages)  # fmt: skip


def run_stages(docs: list[Document], stages: Sequence[Stage]) -> Enriched:
    """Runs the stages in order over one batch; timings of a step add up."""
    out = Enriched(docs)
    for stage in stages:
        step = stage.run(out.docs)
        out.docs = step.docs
        for name, seconds in step.timings.items():
            out.timings[name] = out.timings.get(name, 0.0) + seconds
    return out


def doc_lang(doc: Document) -> str:
    """The detected language, else the declared one, lower case ("" when neither)."""
    lang = doc.lang if doc.lang and doc.lang != "unknown" else doc.declared_lang
    return (lang or "").lower()
