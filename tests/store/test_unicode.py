"""Text that cannot be encoded never costs a batch: the writer side repairs it.

A lone surrogate (a broken `\\ud800` JSON escape, a file name that is not UTF-8
read with `surrogateescape`) used to raise `UnicodeEncodeError` in the content
hash or in SQLite, and the whole batch, its neighbours too, was lost.
"""

from __future__ import annotations

from newsweave.model import Document
from newsweave.pipeline import ingest_documents
from newsweave.store import open_store

FLOOD = (
    "Heavy rain burst the banks of the river Senna on Monday, cutting off twelve villages, "
    "the regional rescue service said. About four thousand residents left their homes."
)
STRIKE = (
    "Dock workers at Kestrel Bay walked out on Tuesday, leaving nine container ships "
    "waiting offshore, the port authority said. The union wants a pay rise."
)
TRAM = (
    "The city council of Elmsford voted on Wednesday to build a tram line linking the "
    "station with the university. The first trams should run in three years."
)


def test_lone_surrogates_are_repaired_and_the_neighbours_are_kept(settings) -> None:
    docs = [
        Document(id="flood", text=FLOOD, title="Floods", origin="in/flood.txt"),
        Document(
            id="strike-\udcff",
            text=STRIKE + " \ud800",
            title="Strike \udc80",
            origin="in/strike-\udcff.txt",
            source="Coast \ud83d Courier",
            extra={"agency": "Port \udfff wire"},
        ),
        Document(id="tram", text=TRAM, title="Tram", origin="in/tram.txt"),
    ]
    store = open_store(settings.db)
    report = ingest_documents(docs, store, settings)
    assert report.stored == 3
    stored = {d.id: d for d in store.documents()}
    assert set(stored) == {"flood", "strike-\ufffd", "tram"}
    strike = stored["strike-\ufffd"]
    assert strike.text.endswith(" \ufffd") and strike.title == "Strike \ufffd"
    assert strike.origin == "in/strike-\ufffd.txt" and strike.source == "Coast \ufffd Courier"
    assert strike.extra["agency"] == "Port \ufffd wire"
    store.close()
