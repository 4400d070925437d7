"""Every model stage reads a bounded text (`Settings.max_model_chars`).

One unbroken million-character token used to cost the embedder 5.9 GB and 42 s.
Now language id, NER, features with MinHash, the embedding, time expressions,
quotes and events each read at most `max_model_chars` code points of the body
(and the embedder a bounded head of words of bounded length); the document
records where the cut fell (`truncated_at`), the store keeps it (migration
0006) and `show` and the export print it. Run `pytest -s tests/test_bounds.py`
for the figures.
"""

from __future__ import annotations

import json
import sqlite3
import time
import tracemalloc
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cli import cli
from newsweave.config import load_settings
from newsweave.errors import ConfigError, StoreError
from newsweave.export import build_export, export_schema
from newsweave.model import Document, PartialDate
from newsweave.pipeline import Pipeline, enrich, ingest_documents
from newsweave.store import open_store
from newsweave.textcut import cut_text, few_words, first_words

FAST = settings(max_examples=200, deadline=None)
CACHE = Path.home() / ".cache" / "newsweave-test"  # the gazetteer index tests share (conftest)
# No white space, no control or format character: what str.split() never splits.
_WORD = st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=64)

# Written for these tests: a short wire report with names, a date, a figure and a quote.
PARAGRAPH = (
    "KYIV, March 8 (Reuters) - Ukrainian Defence Minister Oleksii Reznikov met NATO "
    "Secretary General Jens Stoltenberg in Brussels on Tuesday to discuss ammunition. "
    "“We cannot rule out that Bakhmut will fall in the coming days,” Stoltenberg told "
    "reporters, adding that 6,000 shells a day were being fired. Russian forces shelled "
    "the town again on Wednesday, the general staff said.\n\n"
)

FRENCH = (
    "KIEV, 8 mars (AFP) - Le ministre ukrainien de la Défense a rencontré le secrétaire "
    "général de l'OTAN à Bruxelles mardi. « Nous ne pouvons pas exclure que Bakhmout tombe "
    "dans les prochains jours », a déclaré Jens Stoltenberg. Les forces russes ont bombardé "
    "la ville mercredi, selon l'état-major."
)
GERMAN = (
    "KIEW, 8. März (dpa) - Der ukrainische Verteidigungsminister hat am Dienstag in Brüssel "
    "Nato-Generalsekretär Jens Stoltenberg getroffen. „Wir können nicht ausschließen, dass "
    "Bachmut in den kommenden Tagen fällt“, sagte Stoltenberg. Russische Truppen beschossen "
    "die Stadt am Mittwoch erneut, teilte der Generalstab mit."
)


# -- the cut -------------------------------------------------------------------------


@FAST
@given(st.text(), st.integers(min_value=1, max_value=600))
def test_the_cut_is_a_prefix_within_the_limit(text: str, limit: int) -> None:
    cut = cut_text(text, limit)
    assert text.startswith(cut)
    assert len(cut) <= limit
    if len(text) <= limit:
        assert cut == text
    else:
        assert len(cut) >= max(1, limit - 200)  # ends at a space near the limit, if any
    assert cut_text(text, limit) == cut  # the same in every process


@FAST
@given(st.lists(_WORD, max_size=300), st.integers(min_value=2, max_value=250))
def test_the_head_of_ordinary_words_is_what_it_was(words: list[str], n: int) -> None:
    text = "  \n".join(words)
    assert first_words(text, n) == " ".join(text.split()[:n])
    assert Document("d", text, title="A title").head(n) == "A title. " + " ".join(text.split()[:n])


@FAST
@given(st.text(max_size=400), st.integers(min_value=1, max_value=50))
def test_few_words_keeps_short_text_as_it_is(text: str, n: int) -> None:
    out = few_words(text, n)
    if len(text.split()) <= n and all(len(w) <= 64 for w in text.split()):
        assert out == text
    else:
        assert len(out.split()) <= n and all(len(w) <= 64 for w in out.split())


def test_model_text_marks_a_long_body_and_leaves_a_short_one() -> None:
    short = Document("s", PARAGRAPH)
    assert short.model_text(100_000) == PARAGRAPH and short.truncated_at is None
    long = Document("l", PARAGRAPH * 100)
    text = long.model_text(5_000)
    assert long.truncated_at == len(text) and 4_800 <= len(text) <= 5_000
    assert long.text.startswith(text) and long.text[len(text)] in " \n"
    token = Document("t", "x" * 1_000_000)
    assert len(token.model_text(100_000)) == token.truncated_at == 100_000
    # The embedder's head: 200 words of at most 64 characters, title included.
    assert len(Document("h", "y" * 1_000_000, title="z" * 1_000_000).head(200)) == 64 + 2 + 64


@pytest.mark.parametrize("value", [0, -5, "many"])
def test_the_bound_is_validated_where_settings_are_built(value) -> None:
    with pytest.raises(ConfigError, match="max_model_chars"):
        load_settings(environ={"NEWSWEAVE_MAX_MODEL_CHARS": str(value)})


# -- the real stages -----------------------------------------------------------------


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """Settings and a store with the models loaded (loading is not what is measured)."""
    folder = tmp_path_factory.mktemp("bounds")
    s = load_settings(environ={}, db=str(folder / "b.db"), workers=0, cache_dir=str(CACHE))
    store = open_store(s.db)
    Pipeline(store, s)  # schema, curated knowledge base, stages built
    # Every pipeline and word list a test document may reach (the detector may call a
    # one-letter blob French or German): loading is paid here, once.
    enrich([Document("w1", PARAGRAPH, declared_lang="en"),
            Document("w2", FRENCH, declared_lang="fr"),
            Document("w3", GERMAN, declared_lang="de")], s)  # fmt: skip
    yield s, store
    store.close()


def _measure(docs: list[Document], s, memory: bool = True) -> tuple[float, float]:
    """Seconds of the worker stages over `docs`, then the peak of Python-heap memory
    (MiB, tracemalloc: numpy and spaCy allocations included) on a second run."""
    t = time.perf_counter()
    enrich(docs, s)
    seconds = time.perf_counter() - t
    if not memory:
        return seconds, 0.0
    copies = [Document(d.id, d.text, title=d.title, declared_lang=d.declared_lang) for d in docs]
    tracemalloc.start()
    try:
        enrich(copies, s)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return seconds, peak


@pytest.mark.slow
@pytest.mark.parametrize(
    ("token", "limit"),
    [
        pytest.param("x" * 1_000_000, 1.0, id="one-letter"),
        pytest.param("Bakhmut" * 142_858, 1.0, id="capitalised"),
        pytest.param(("QmFraG11dA" * 100_000), 1.0, id="base64"),
        # Quotation marks reach spaCy's affix splitting and quote pairing, both once
        # quadratic (minutes); bounded now, though slower than letters (0.4-3.5 s).
        pytest.param('"' * 1_000_000, 10.0, id="quotation-marks"),
    ],
)
def test_a_million_character_token_costs_well_under_a_second(warm, token, limit) -> None:
    s, _ = warm
    doc = Document("token", token, title="Ukraine", declared_lang="en",
                   published=PartialDate(2023, 3, 8))  # fmt: skip
    seconds, peak = _measure([doc], s)
    print(f"\n1,000,000-character token ({token[:10]}...): all {len(s.stages)} model stages "
          f"{seconds:.3f} s, peak {peak:.1f} MiB traced; read {doc.truncated_at:,} characters")  # fmt: skip
    assert doc.truncated_at == s.max_model_chars
    assert doc.embedding is not None and doc.features is not None
    assert seconds < limit
    assert peak < 64


@pytest.mark.slow
def test_a_long_article_costs_what_its_first_part_does(warm) -> None:
    """A hundred and fifty times the bound of real text (a bound of 10,000 characters keeps the
    test fast): the stages read the first part only, so the cost is that of an article
    of the bound's length, and every mention, quote, time expression and event lies in
    the part read."""
    s = warm[0].replace(max_model_chars=10_000)
    bound = Document("bound", (PARAGRAPH * 40)[: s.max_model_chars], declared_lang="en")
    huge = Document("huge", PARAGRAPH * 5_000, declared_lang="en")
    assert len(huge.text) > 150 * s.max_model_chars
    t_bound = _measure([bound], s, memory=False)[0]
    t_huge, peak = _measure([huge], s)
    print(f"\n{len(huge.text):,}-character article: {t_huge:.2f} s, peak {peak:.1f} MiB traced "
          f"(a {s.max_model_chars:,}-character one: {t_bound:.2f} s)")  # fmt: skip
    assert huge.truncated_at is not None and huge.truncated_at <= s.max_model_chars
    assert huge.mentions and huge.quotes and huge.timexes and huge.events
    assert max(m.end for m in huge.mentions) <= huge.truncated_at
    assert max(q.end for q in huge.quotes) <= huge.truncated_at
    assert max(t.end for t in huge.timexes) <= huge.truncated_at
    assert max(e.sentence_end for e in huge.events) <= huge.truncated_at
    assert t_huge < 2 * t_bound + 0.5


@pytest.mark.slow
def test_the_cut_is_stored_exported_and_shown(warm, tmp_path) -> None:
    s, _ = warm
    s = s.replace(db=str(tmp_path / "t.db"), max_model_chars=3_000)
    store = open_store(s.db)
    long = Document("long", PARAGRAPH * 20, title="Long wire", declared_lang="en",
                    published=PartialDate(2023, 3, 8))  # fmt: skip
    short = Document("short", PARAGRAPH.replace("Tuesday", "Monday") + "Short.",
                     title="Short wire", published=PartialDate(2023, 3, 9))  # fmt: skip
    report = ingest_documents([long, short], store, s)
    assert report.stored == 2 and report.truncated == 1
    stored = store.document("long")
    assert stored.text == long.text  # the whole text is kept; only the analysis is cut
    assert 2_800 <= stored.truncated_at <= 3_000
    assert store.document("short").truncated_at is None
    export = build_export(store)
    jsonschema.validate(export, export_schema())
    by_id = {d["id"]: d for d in export["documents"]}
    assert by_id["long"]["truncated_at"] == stored.truncated_at
    assert by_id["short"]["truncated_at"] is None
    assert all(m["end"] <= stored.truncated_at for e in export["entities"]
               for m in e["mentions"] if m["doc"] == "long")  # fmt: skip
    story = str(stored.story_id)
    runner = CliRunner()
    shown = runner.invoke(cli, ["show", story, "--db", s.db, "--json"])
    assert shown.exit_code == 0, shown.output
    docs = {d["id"]: d for d in json.loads(shown.output)["documents"]}
    assert docs["long"]["truncated_at"] == stored.truncated_at
    text = runner.invoke(cli, ["show", story, "--db", s.db])
    assert f"truncated: analysed up to character {stored.truncated_at}" in text.output
    store.close()


def test_migration_0006_adds_the_column_to_an_existing_database(tmp_path) -> None:
    path = tmp_path / "old.db"
    store = open_store(path)
    store.close()
    # Back to schema v5, as a database of the previous release is.
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE documents DROP COLUMN truncated_at")
        conn.execute("DROP TABLE id_changes")
        conn.execute("DELETE FROM schema_migrations WHERE version = 6")
        conn.execute("INSERT INTO documents (id, seq, hash, text, ingested_at) "
                     "VALUES ('old', 1, 'h', 'An article from before.', '2023-03-08')")  # fmt: skip
    conn.close()
    with pytest.raises(StoreError, match="lacks schema upgrade"):
        open_store(path, readonly=True)  # a read-only handle cannot upgrade it: said, coded
    store = open_store(path)
    assert store.schema_version() >= 6
    columns = {r[1] for r in store.conn.execute("PRAGMA table_info(documents)")}
    assert "truncated_at" in columns and store.id_changes() == []
    assert store.document("old").truncated_at is None
    store.close()
