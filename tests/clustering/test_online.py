"""OnlineClusterer with hand-made unit vectors: no embedding model is loaded.

Cosines are derived from the settings (threshold, bonus, weights), so the tests
check the behaviour, not one tuning of the numbers.
"""

import math
from collections import Counter

import numpy as np
import pytest

from newsweave.clustering.online import OnlineClusterer
from newsweave.config import ClusterSettings
from newsweave.model import Document, Features, Group, PartialDate

DIM = 10
SETTINGS = ClusterSettings()
THRESHOLD = SETTINGS.story_threshold


def axis(i: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[i] = 1.0
    return v


def at_cosine(c: float, base: int = 0, other: int = 1) -> np.ndarray:
    """A unit vector whose cosine with axis(base) is exactly c."""
    return (c * axis(base) + math.sqrt(1 - c * c) * axis(other)).astype(np.float32)


def days_after(day: str, days: float) -> str:
    start = PartialDate.parse(day).start()
    return PartialDate.from_datetime(start.fromordinal(start.toordinal() + int(days))).isoformat()


def make_doc(
    doc_id: str,
    vector: np.ndarray,
    published: str | None = None,
    *,
    names: dict[str, str] | None = None,
    numbers: set[str] | None = None,
    quotes: set[int] | None = None,
    lang: str | None = None,
) -> Document:
    return Document(
        id=doc_id,
        text=f"text of {doc_id}",
        title=f"title {doc_id}",
        published=PartialDate.parse(published) if published else None,
        lang=lang,
        embedding=vector,
        features=Features(names=names or {}, numbers=numbers or set(), quotes=quotes or set()),
    )


def assign(clusterer: OnlineClusterer, *docs: Document) -> dict[str, Document]:
    return {d.id: d for d in clusterer.assign(list(docs))}


# -- stories -------------------------------------------------------------------


def test_a_close_document_joins_the_story_with_its_reasons() -> None:
    clusterer = OnlineClusterer(SETTINGS)
    a = make_doc("a", axis(0), "2023-05-01", names={"bahmut": "Bakhmut"}, numbers={"6000", "120"})
    b = make_doc(
        "b", at_cosine(0.9), "2023-05-02", names={"bahmut": "Bachmut"}, numbers={"6000", "77"}
    )
    out = assign(clusterer, a, b)
    a, b = out["a"], out["b"]
    assert a.story_id == b.story_id == 1
    assert a.thread_id == b.thread_id == 1
    assert a.evidence.opened and a.evidence.nearest is None
    assert not b.evidence.opened
    assert b.evidence.story_id == 1
    assert b.evidence.cosine == pytest.approx(0.9, abs=1e-5)
    assert b.evidence.names == ["Bachmut"]  # the joining document's spelling
    assert b.evidence.numbers == ["6000"]
    assert 0.0 <= b.evidence.days <= 1.0  # one day apart, less the dates' vagueness
    assert b.evidence.score > b.evidence.cosine  # shared facts add to the cosine
    assert clusterer.opened_stories == 1


def test_a_distant_document_opens_a_story_and_says_which_was_nearest() -> None:
    clusterer = OnlineClusterer(SETTINGS)
    far = SETTINGS.thread_threshold - 0.1
    out = assign(
        clusterer,
        make_doc("a", axis(0), "2023-05-01"),
        make_doc("c", at_cosine(far, 0, 2), "2023-05-01"),
    )
    a, c = out["a"], out["c"]
    assert c.story_id != a.story_id
    assert c.thread_id != a.thread_id  # too far for the thread too
    assert c.evidence.opened and c.evidence.story_id == c.story_id
    nearest = c.evidence.nearest
    assert nearest is not None and nearest.story_id == a.story_id
    assert nearest.cosine == pytest.approx(far, abs=1e-5)
    assert nearest.score < THRESHOLD
    assert c.evidence.as_dict()["nearest_story"]["story_id"] == a.story_id


def test_dates_beyond_the_story_window_stop_a_join_even_with_identical_vectors() -> None:
    clusterer = OnlineClusterer(SETTINGS)
    out = assign(
        clusterer,
        make_doc("a", axis(0), "2023-05-01"),
        make_doc("next-day", axis(0), "2023-05-02"),
        make_doc("later", axis(0), days_after("2023-05-01", 2 * SETTINGS.story_window_days + 2)),
    )
    assert out["next-day"].story_id == out["a"].story_id
    assert out["later"].story_id != out["a"].story_id
    assert out["later"].evidence.nearest is None  # nothing in window to compare with


def test_time_penalty_grows_with_days_apart() -> None:
    clusterer = OnlineClusterer(SETTINGS)
    first = assign(clusterer, make_doc("a", axis(0), "2023-05-01"))["a"]
    story = clusterer.stories.groups[first.story_id]
    window = SETTINGS.story_window_days
    same = clusterer.score(make_doc("s", axis(0), "2023-05-01"), story, window)
    near = clusterer.score(make_doc("n", axis(0), "2023-05-02"), story, window)
    far = clusterer.score(make_doc("f", axis(0), "2023-05-04"), story, window)
    assert same.days == 0.0 and same.score == pytest.approx(1.0, abs=1e-5)
    assert same.days < near.days < far.days <= window
    assert far.days - near.days == pytest.approx(2.0)
    assert same.score >= near.score > far.score
    assert near.score - far.score == pytest.approx(2 * SETTINGS.time_penalty_per_day, abs=1e-5)
    outside = make_doc("x", axis(0), days_after("2023-05-01", window + 2))
    assert clusterer.score(outside, story, window) is None


def _seeded(**facts) -> OnlineClusterer:
    """A clusterer holding one dated story at axis(0) with known numbers and quotes."""
    clusterer = OnlineClusterer(SETTINGS)
    base = {"numbers": {"6000", "120", "45"}, "quotes": {1, 2, 3, 4}} | facts
    assign(clusterer, make_doc("seed", axis(0), "2023-05-01", **base))
    return clusterer


def test_an_undated_document_needs_shared_facts_or_a_very_high_cosine() -> None:
    # Close enough to join when dated, not close enough to join on the cosine alone.
    close = (THRESHOLD + SETTINGS.undated_cosine) / 2
    assert close - SETTINGS.undated_penalty < THRESHOLD
    dated = assign(_seeded(), make_doc("d", at_cosine(close), "2023-05-01"))["d"]
    assert dated.story_id == 1

    bare = assign(_seeded(), make_doc("u", at_cosine(close)))["u"]
    assert bare.story_id != 1  # topical closeness alone is not the same happening
    assert bare.evidence.nearest.days is None
    assert bare.evidence.nearest.score == pytest.approx(close - SETTINGS.undated_penalty, abs=1e-5)

    numbers = assign(_seeded(), make_doc("u", at_cosine(close), numbers={"6000", "120"}))["u"]
    assert numbers.story_id == 1
    assert numbers.evidence.days is None and numbers.evidence.numbers == ["120", "6000"]
    quotes = assign(_seeded(), make_doc("u", at_cosine(close), quotes={1, 2, 3}))["u"]
    assert quotes.story_id == 1 and quotes.evidence.quotes == 3
    one_fact = assign(_seeded(), make_doc("u", at_cosine(close), numbers={"6000"}))["u"]
    assert one_fact.story_id != 1
    very_close = assign(_seeded(), make_doc("u", at_cosine((SETTINGS.undated_cosine + 1) / 2)))
    assert very_close["u"].story_id == 1


def test_shared_names_lift_a_moderate_cosine_over_the_threshold() -> None:
    names = {"prigojin": "Prigozhin"}
    moderate = THRESHOLD - SETTINGS.name_weight / 2
    without = assign(_seeded(), make_doc("d", at_cosine(moderate), "2023-05-01"))["d"]
    assert without.story_id != 1
    with_names = make_doc("d", at_cosine(moderate), "2023-05-01", names=names)
    joined = assign(_seeded(names=names), with_names)["d"]
    assert joined.story_id == 1
    assert joined.evidence.names == ["Prigozhin"]


def test_a_translation_gets_the_cross_lingual_bonus() -> None:
    cosine = THRESHOLD - SETTINGS.cross_lingual_bonus / 2
    same = assign(_seeded(lang="en"), make_doc("d", at_cosine(cosine), "2023-05-01", lang="en"))
    other = assign(_seeded(lang="en"), make_doc("d", at_cosine(cosine), "2023-05-01", lang="fr"))
    assert same["d"].story_id != 1
    assert other["d"].story_id == 1
    assert other["d"].evidence.score == pytest.approx(
        cosine + SETTINGS.cross_lingual_bonus, abs=1e-5
    )


# -- threads -------------------------------------------------------------------


def test_a_new_story_joins_a_close_thread_and_a_distant_one_opens_a_thread() -> None:
    clusterer = OnlineClusterer(SETTINGS)
    between = (SETTINGS.thread_threshold + THRESHOLD) / 2
    out = assign(
        clusterer,
        make_doc("a", axis(0), "2023-05-01"),
        make_doc("related", at_cosine(between), "2023-05-02"),
        make_doc("elsewhere", axis(5), "2023-05-02"),
    )
    a, related, elsewhere = out["a"], out["related"], out["elsewhere"]
    assert related.story_id != a.story_id  # below the story threshold
    assert related.thread_id == a.thread_id  # but above the thread threshold
    assert elsewhere.thread_id != a.thread_id
    thread = clusterer.threads.groups[a.thread_id]
    assert thread.members == 2 and thread.size == 2


def test_assign_orders_dated_oldest_first_then_undated_in_arrival_order() -> None:
    docs = [
        make_doc("u1", axis(1)),
        make_doc("late", axis(2), "2023-05-03"),
        make_doc("u2", axis(3)),
        make_doc("early", axis(4), "2023-05-01"),
    ]
    ordered = OnlineClusterer(SETTINGS).assign(docs)
    assert [d.id for d in ordered] == ["early", "late", "u1", "u2"]
    assert OnlineClusterer(SETTINGS).assign([]) == []


def test_dirty_groups_until_marked_clean() -> None:
    clusterer = OnlineClusterer(SETTINGS)
    assign(clusterer, make_doc("a", axis(0), "2023-05-01"), make_doc("b", axis(4), "2023-05-01"))
    stories, threads = clusterer.dirty_groups()
    assert sorted(g.id for g in stories) == [1, 2]
    assert sorted(g.id for g in threads) == [1, 2]
    assert sorted(g.size for g in stories) == [1, 1]
    clusterer.mark_clean()
    assert clusterer.dirty_groups() == ([], [])


# -- paging groups in from a source --------------------------------------------


def _stored_group(gid: int, vector: np.ndarray, day: str, parent: int | None) -> Group:
    date = PartialDate.parse(day)
    return Group(
        id=gid,
        vector_sum=vector.copy(),
        size=1,
        first=date,
        last=date,
        parent=parent,
        date_sum=date.ordinal(),
        dated=1,
        members=1 if parent is None else 0,
        names=Counter({"bahmut": 1}),
    )


class FakeSource:
    """An in-memory GroupSource that records every window it is asked for."""

    def __init__(self, stories: list[Group], threads: list[Group]) -> None:
        self.groups = {"story": stories, "thread": threads}  # oldest update first
        self.calls: list[tuple[str, float | None, float | None, int]] = []
        self.returned = 0

    def load_groups(
        self, kind: str, lo: float | None, hi: float | None, exclude: set[int], recent: int
    ) -> list[Group]:
        self.calls.append((kind, lo, hi, recent))
        if lo is None or hi is None:
            found = self.groups[kind][::-1][:recent]
        else:
            found = [
                g for g in self.groups[kind] if g.last.ordinal() >= lo and g.first.ordinal() <= hi
            ]
        found = [g for g in found if g.id not in exclude]
        self.returned += len(found)
        return found

    def max_group_id(self, kind: str) -> int:
        return max(g.id for g in self.groups[kind])

    def name_frequencies(self) -> tuple[int, Counter[str]]:
        return 100, Counter({"bahmut": 40})


@pytest.fixture
def source() -> FakeSource:
    """Fifty stories, one a fortnight from 2022-01-03, each in its own thread."""
    stories, threads = [], []
    for i in range(50):
        day = days_after("2022-01-03", 14 * i)
        vector = axis(i % 8)  # axes 8 and 9 stay free for unrelated documents
        threads.append(_stored_group(100 + i, vector, day, None))
        stories.append(_stored_group(1 + i, vector, day, 100 + i))
    return FakeSource(stories, threads)


def test_the_clusterer_asks_only_for_windows_around_the_batch(source: FakeSource) -> None:
    settings = ClusterSettings(undated_pool=3)
    clusterer = OnlineClusterer(settings, source=source)
    batch = [make_doc("a", axis(0), "2022-06-01"), make_doc("b", axis(1), "2022-06-03")]
    clusterer.assign(batch)
    first_day, last_day = (d.published.ordinal() for d in batch)

    undated = [c for c in source.calls if c[1] is None]
    assert sorted(undated) == [("story", None, None, 3), ("thread", None, None, 3)]
    windows = {c[0]: c for c in source.calls if c[1] is not None}
    assert set(windows) == {"story", "thread"}
    for kind, window in (
        ("story", settings.story_window_days),
        ("thread", settings.thread_window_days),
    ):
        _, lo, hi, _ = windows[kind]
        assert lo <= first_day and hi >= last_day  # covers the batch
        assert first_day - lo <= window + 16 and hi - last_day <= window + 16  # and no more
    assert source.returned < len(source.groups["story"]) + len(source.groups["thread"])

    # A later batch inside what is loaded asks for nothing new.
    calls = len(source.calls)
    clusterer.assign([make_doc("c", axis(2), "2022-06-02")])
    assert len(source.calls) == calls

    # A batch a year on asks for that window only, never for everything again.
    clusterer.assign([make_doc("d", axis(3), "2023-06-01")])
    new = source.calls[calls:]
    assert new and all(lo is not None for _, lo, _, _ in new)
    story_lo = next(lo for kind, lo, _, _ in new if kind == "story")
    assert story_lo > PartialDate(2023, 5, 1).ordinal()


def test_groups_from_the_source_are_reused(source: FakeSource) -> None:
    clusterer = OnlineClusterer(SETTINGS, source=source)
    stored = source.groups["story"][10]  # 2022-05-23, thread 110
    day = stored.first.isoformat()
    out = assign(
        clusterer,
        make_doc("join", stored.vector_sum.copy(), day, names={"bahmut": "Bakhmut"}),
        make_doc("new", axis(9), day),
    )
    join, new = out["join"], out["new"]
    assert join.story_id == stored.id and join.thread_id == stored.parent
    assert join.evidence.names == ["Bakhmut"]
    assert stored.size == 2 and stored.dirty  # the loaded group itself was updated
    assert source.groups["thread"][10].size == 2
    # Ids continue after what is stored; name frequencies come from the source.
    assert new.story_id == 51 and new.thread_id == 150
    assert clusterer.doc_count == 102
    assert clusterer.name_df["bahmut"] == 41
