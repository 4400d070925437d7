"""Imported by the worker fork server only (`pipeline.worker_context`): loads the
shipped default models once, so every worker forked from the server starts with them.

Each worker used to load the spaCy pipelines and the sentence encoder itself
(some 4 s of CPU a worker, every run), on top of the imports the server now
makes. Loading them here is a side effect of importing this module, which is
the one way a fork server takes work to do before it forks (it preloads
modules by name). The models land in the same per-process caches the stages
read (`spacy_recogniser`, `get_embedder`), so a worker whose settings name the
defaults finds them there; other settings load their own, as before.

The language detector is left to the workers: its library may start threads,
and a thread does not survive a fork.
"""

from __future__ import annotations

import contextlib

from .clustering.embedders import get_embedder
from .config import Settings
from .entities.ner import spacy_recogniser


def warm(settings: Settings) -> None:
    """Load the models `settings` name into this process's caches, as the stages
    will ask for them."""
    entities = settings.entities
    if entities.enabled:
        for package in entities.models().values():
            spacy_recogniser(package, entities.ner_batch_size, entities.ner_max_chars)
    # Called as the stages call it (the cache tells argument lists apart); the encoder
    # loads its weights on its first texts.
    get_embedder(settings.embedder, settings.embedder_model_path).embed(["Warm-up."])


# An error here would stop the fork server, and with it every worker; the worker that
# needs a model that failed to load fails with its own message.
with contextlib.suppress(Exception):
    warm(Settings())
