"""Un articolo italiano attraverso la pipeline vera: lingua, nomi noti, citazioni, fatti."""

from __future__ import annotations

import json

import pytest

from newsweave.pipeline import ingest_paths
from newsweave.store import open_store

pytestmark = pytest.mark.slow

ARTICLE = """Zelensky chiede alla NATO nuove difese aeree

Il presidente ucraino Volodymyr Zelensky ha chiesto alla NATO nuovi sistemi di difesa aerea. \
«Ogni giorno di ritardo costa vite umane», ha detto Zelensky in un videomessaggio da Kiev.

Secondo il ministero della Difesa russo, le forze russe hanno conquistato Bakhmut dopo mesi \
di combattimenti. Kiev ha smentito che la città sia caduta.

Giorgia Meloni ha incontrato Zelensky a Kiev. «L'Italia resterà al fianco dell'Ucraina», ha \
assicurato la presidente del Consiglio. L'Unione europea ha approvato nuove sanzioni contro \
la Russia.
"""


@pytest.fixture
def store(tmp_path, settings):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "it-kiev.txt").write_text(ARTICLE, encoding="utf-8")
    store = open_store(settings.db)
    ingest_paths([folder], store, settings)
    return store


def test_an_italian_article_gets_known_names_quotes_and_events(store) -> None:
    (doc,) = store.documents()
    assert doc.lang == "it"

    # known names, canonical whatever the spelling: "Zelensky" is Volodymyr Zelensky,
    # "L'Unione europea" the European Union (the article is not part of the name)
    found = {(r["text"], r["entity_id"]) for r in store.entity_mentions()}
    names = {text: store.entity_row(eid)["name"] for text, eid in found if eid}
    assert names["NATO"] == "NATO"
    assert names["Zelensky"] == names["Volodymyr Zelensky"] == "Volodymyr Zelensky"
    assert names["Bakhmut"] == "Bakhmut"
    assert names["Unione europea"] == "European Union"
    assert names["Ucraina"] == "Ukraine"

    ids = {text: eid for text, eid in found}
    quotes = [(r["text"], r["speaker_text"], r["speaker"], r["how"]) for r in store.quote_rows()]
    assert quotes == [
        ("Ogni giorno di ritardo costa vite umane", "Zelensky", ids["Zelensky"], "name"),
        (
            "L'Italia resterà al fianco dell'Ucraina",
            "la presidente del Consiglio",
            ids["Giorgia Meloni"],
            "role",
        ),
    ]

    events = {
        r["type"]: (json.loads(r["actors"]), json.loads(r["targets"]), r["place"])
        for r in store.event_rows()
        if r["type"] != "statement"
    }
    assert events["capture"] == ([], [ids["Bakhmut"]], ids["Bakhmut"])
    assert events["meeting"] == ([ids["Giorgia Meloni"]], [ids["Zelensky"]], ids["Kiev"])
    assert events["aid"] == ([ids["Unione europea"]], [ids["Russia"]], None)
    claims = [r["claimed_by_text"] for r in store.event_rows(type="capture")]
    assert claims == ["il ministero della Difesa russo"]
