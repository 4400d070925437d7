"""End to end on the five seed articles in ../shared/seeds (skipped when absent)."""

from __future__ import annotations

import pytest

from newsweave.pipeline import ingest_paths
from newsweave.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture
def seeded(seeds, settings):
    store = open_store(settings.db)
    report = ingest_paths([seeds], store, settings)
    docs = {d.id[:3]: d for d in store.documents()}
    return store, report, docs


def test_stories_and_thread(seeded):
    _, _, docs = seeded
    assert docs["000"].story_id == docs["001"].story_id
    french = [docs["002"].story_id, docs["003"].story_id, docs["004"].story_id]
    assert len(set(french)) == 3 and docs["000"].story_id not in french
    assert len({d.thread_id for d in docs.values()}) == 1


def test_languages_and_dates(seeded):
    _, _, docs = seeded
    assert [docs[k].lang for k in ("000", "001", "002", "003", "004")] == [
        "en", "en", "fr", "fr", "fr"
    ]  # fmt: skip
    assert str(docs["000"].published).startswith("2023-03-08")
    assert docs["000"].source == "AFP"
    assert "Chasiv Yar" in (docs["000"].dateline or "")
    assert str(docs["003"].published) == "2023-02"
    assert not docs["003"].text.lstrip().startswith("date")
    assert "© 2023 AFP" not in docs["000"].text


def test_reingest_adds_nothing(seeded, seeds, settings):
    store, report, _ = seeded
    assert report.stored == 5
    again = ingest_paths([seeds], store, settings)
    assert again.stored == 0 and again.duplicates == 5
    assert store.count("documents") == 5


# Each group is one real-world entity, named as the seed articles spell it.
SAME = {
    "Bakhmut": {"bakhmut", "bakhmout", "bahkmut", "bakhmute"},
    "Zelensky": {"zelensky", "zelenskiy", "zelenksy", "volodymyr zelensky"},
    "Prigozhin": {"prigozhin", "prigojine", "evgueni prigojine", "yevgeny prigozhin"},
    "Stoltenberg": {"stoltenberg", "jens stoltenberg"},
    "Putin": {"putin", "poutine", "vladimir putin", "vladimir poutine"},
    "NATO": {"nato", "otan"},
    "Wagner": {"wagner"},
    "Kramatorsk": {"kramatorsk"},
    "Sloviansk": {"sloviansk"},
    "Stockholm": {"stockholm"},
    "ISW": {"isw", "institute for the study of war"},
}
WHERE = {"Bakhmut": (48.595, 38.0), "Kramatorsk": (48.72, 37.56), "Sloviansk": (48.85, 37.6),
         "Stockholm": (59.33, 18.07)}  # fmt: skip


def test_each_real_world_entity_is_one_canonical_entity(seeded):
    from newsweave.entities.names import fold

    store, _, _ = seeded
    ids: dict[str, set[str]] = {name: set() for name in SAME}
    for row in store.entity_mentions():
        for name, spellings in SAME.items():
            if fold(row["text"]) in spellings:
                ids[name].add(row["entity_id"])
    for name, found in ids.items():
        assert len(found) == 1, f"{name} is split over {found}"
    every = [next(iter(v)) for v in ids.values()]
    assert len(set(every)) == len(every), "two different entities were merged"


def test_places_are_geocoded_within_25_km(seeded):
    import math

    store, _, _ = seeded
    for name, (lat, lon) in WHERE.items():
        eid = store.find_entities(name)[0]
        record = store.entity_records([eid])[eid]
        km = 111 * math.hypot(record.lat - lat, (record.lon - lon) * math.cos(math.radians(lat)))
        assert km < 25, f"{name} placed {km:.0f} km away"
