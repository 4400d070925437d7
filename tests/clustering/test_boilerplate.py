"""Each source's repeated lines are learned and kept out of clustering (texts written here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.clustering.boilerplate import BoilerplateLearner, line_key, lines, source_key
from newsweave.config import BoilerplateSettings, load_settings
from newsweave.model import Document
from newsweave.store import open_store

MENU = [
    "Home | World | Politics | Business | Sport | Culture",
    "We use cookies to improve your experience. Accept all cookies",
    "Subscribe for 1 euro a month and read without limits.",
    "Read also: our live coverage",
]
FOOTER = ["Share this article", "© The Example Courier, all rights reserved"]
BODIES = [
    "The city council of Lakeside approved a new budget for public libraries on Monday, "
    "adding three reading rooms and longer opening hours in the northern districts.",
    "A freight train left the tracks near Millbrook early on Tuesday; nobody was hurt, but "
    "the line towards the coast will stay closed while engineers inspect the bridge.",
    "The national football team named a new coach after a string of defeats, choosing a "
    "former midfielder who led a small club to the cup final two years ago.",
    "Farmers in the southern valley said the drought had cut the olive harvest by half, "
    "and asked the regional government for help with irrigation costs.",
    "A museum in the old harbour opened an exhibition of maps drawn by sailors in the "
    "eighteenth century, many of them shown to the public for the first time.",
    "Researchers at the university reported a faster way to recycle the glass of solar "
    "panels, which they said could cut the cost of the process by a third.",
]


def _page(i: int, body: str) -> Document:
    text = "\n".join([*MENU, body, *FOOTER])
    return Document(id=f"p{i}", text=text, url=f"https://www.courier.example/news/{i}")


class _Counts:
    """The store side of the learner, in memory."""

    def __init__(self) -> None:
        self.articles: dict[str, int] = {}
        self.lines: dict[tuple[str, int], int] = {}

    def boilerplate_counts(self, source, keys):
        return self.articles.get(source, 0), {
            k: self.lines[(source, k)] for k in keys if (source, k) in self.lines
        }

    def save(self, delta) -> None:
        for source, (n, counts) in delta.items():
            self.articles[source] = self.articles.get(source, 0) + n
            for k, c in counts.items():
                self.lines[(source, k)] = self.lines.get((source, k), 0) + c


def test_source_key_prefers_the_host() -> None:
    assert source_key("https://www.courier.example/a/1", "The Courier") == "courier.example"
    assert source_key(None, " The  Courier ") == "the courier"
    assert source_key(None, None) is None


def test_line_keys_ignore_case_spacing_and_numbers() -> None:
    assert line_key("12 comments") == line_key("  3   COMMENTS ")
    assert line_key("Share this article") != line_key("Share this page")
    spans = list(lines("Menu\n\n" + "x" * 400 + "\nFooter 2023", max_chars=300))
    assert [s for s, _, _ in spans] == [0, 407]  # the long paragraph is never counted


def test_repeated_lines_become_boilerplate_and_content_drops_them() -> None:
    counts = _Counts()
    learner = BoilerplateLearner(counts, BoilerplateSettings(min_docs=3, min_share=0.05))
    first = [_page(i, BODIES[i]) for i in range(2)]
    delta = learner.mark(first)
    counts.save(delta)
    learner.saved(delta)
    assert all(d.boilerplate == [] for d in first)  # two articles: not yet a pattern
    later = [_page(i, BODIES[i]) for i in range(2, 4)]
    delta = learner.mark(later)
    for doc in later:
        assert len(doc.boilerplate) == len(MENU) + len(FOOTER)
        assert doc.content() == doc.text.split("\n")[len(MENU)]  # only the article is left
        assert "cookies" in doc.text  # the stored text keeps everything
    counts.save(delta)
    learner.saved(delta)
    stored = _page(9, BODIES[5]).text
    assert learner.strip(stored, "https://courier.example/x", None) == BODIES[5]
    other_site = learner.strip(stored, "https://another.example/x", None)
    assert other_site == stored  # another source has its own lines


def test_a_line_a_few_articles_share_is_not_boilerplate_of_a_large_source() -> None:
    counts = _Counts()
    counts.articles["courier.example"] = 1000
    learner = BoilerplateLearner(counts, BoilerplateSettings(min_docs=3, min_share=0.05))
    quote = "“We will rebuild the bridge before winter,” the mayor said."
    docs = [Document(id=f"q{i}", text=f"{quote}\n{BODIES[i]}",
                     url="https://courier.example/q") for i in range(4)]  # fmt: skip
    learner.mark(docs)
    assert all(
        d.boilerplate == [] for d in docs
    )  # 4 of 1,004 articles: the story's, not the site's


def test_counts_in_flight_are_counted_once() -> None:
    counts = _Counts()
    learner = BoilerplateLearner(counts, BoilerplateSettings(min_docs=3, min_share=0.0))
    a = learner.mark([_page(0, BODIES[0])])
    b = learner.mark([_page(1, BODIES[1])])  # a is still in flight
    docs = [_page(2, BODIES[2])]
    learner.mark(docs)
    assert len(docs[0].boilerplate) == len(MENU) + len(FOOTER)
    counts.save(a)
    learner.saved(a)
    counts.save(b)
    learner.saved(b)
    # two stored, one in flight: each article counted once
    assert learner._known("courier.example", [line_key(MENU[0])]) == (3, {line_key(MENU[0]): 3})


@pytest.mark.slow
def test_pages_of_one_site_are_not_one_story(tmp_path: Path) -> None:
    """Six unrelated articles of one site, each wrapped in the same menu and footer."""
    corpus = tmp_path / "pages.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, body in enumerate(BODIES):
            text = "\n".join([*MENU, body, *FOOTER])
            f.write(json.dumps({"id": f"p{i}", "text": text, "lang": "en",
                                "url": f"https://www.courier.example/news/{i}",
                                "published": f"2023-03-0{i + 1}"}) + "\n")  # fmt: skip
    from newsweave.pipeline import ingest_paths

    settings = load_settings(environ={}, db=str(tmp_path / "bp.db"), workers=0, batch_size=3)
    store = open_store(settings.db)
    report = ingest_paths([corpus], store, settings)
    assert report.stored == 6 and report.near_duplicates == 0
    sizes = [r["size"] for r in store.group_rows("story")]
    print(f"stories of six unrelated pages of one site: {sizes}")
    assert max(sizes) == 1
    articles, known = store.boilerplate_counts("courier.example", [line_key(MENU[1])])
    assert (articles, known) == (6, {line_key(MENU[1]): 6})
    assert "cookies" in store.document("p5").text  # nothing deleted from the stored text
