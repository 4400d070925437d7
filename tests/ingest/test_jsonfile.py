"""JSON files (issue 11): news-please's one pretty-printed object per `.json` file,
a JSON array of articles, objects one after another; the JSONL field mapping."""

import contextlib
import gzip
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.ingest import jsonfile, read
from newsweave.ingest.files import kind_of, sniff
from newsweave.ingest.limits import Bounded
from newsweave.model import Document, PartialDate, Skipped


def _news_please(n: int, **changes) -> dict:
    """An article in news-please's shape (its field names and value formats)."""
    article = {
        "authors": ["Mara Lindqvist", "Tomas Berg"],
        "date_download": "2026-03-04 09:12:40",
        "date_modify": None,
        "date_publish": f"2026-03-0{n} 07:30:00",
        "description": f"Harbour workers return on day {n} of the dispute.",
        "filename": f"https%3A%2F%2Fharbour.example%2Fstory-{n}.json",
        "image_url": f"https://harbour.example/img/{n}.jpg",
        "language": "en",
        "localpath": None,
        "maintext": (
            f"Dockers at the north quay went back to work on day {n} after the port "
            "authority agreed to reopen talks on the new shift roster next week."
        ),
        "source_domain": "harbour.example",
        "text": None,
        "title": f"Dockers return on day {n}",
        "title_page": None,
        "title_rss": None,
        "url": f"https://harbour.example/story-{n}",
    }
    article.update(changes)
    return article


def test_one_pretty_printed_news_please_file(tmp_path):
    path = tmp_path / "https%3A%2F%2Fharbour.example%2Fstory-1.json"
    path.write_text(json.dumps(_news_please(1), indent=4, ensure_ascii=False))
    [doc] = read([path])
    assert isinstance(doc, Document), doc
    assert doc.id == "https%3A%2F%2Fharbour.example%2Fstory-1" and doc.origin == str(path)
    assert doc.title == "Dockers return on day 1"
    assert doc.text.startswith("Dockers at the north quay went back")
    assert doc.url == "https://harbour.example/story-1"
    assert doc.source == "harbour.example"
    assert doc.author == "Mara Lindqvist, Tomas Berg"
    assert doc.published == PartialDate(2026, 3, 1, 7, 30, 0)
    assert doc.declared_lang == "en"
    assert doc.extra["description"] == "Harbour workers return on day 1 of the dispute."


def test_a_folder_of_news_please_files(tmp_path):
    """news-please's tree: one file per article, in folders by site."""
    site = tmp_path / "harbour.example"
    site.mkdir()
    for n in (1, 2, 3):
        (site / f"story-{n}.json").write_text(json.dumps(_news_please(n), indent=4))
    (site / "story-4.json").write_text(json.dumps(_news_please(4, maintext=None), indent=4))
    items = list(read([tmp_path]))
    assert [i.id for i in items[:3]] == ["story-1", "story-2", "story-3"]
    assert (
        isinstance(items[3], Skipped)
        and items[3].reason == "no text: 'text' and 'maintext' are null"
    )


def test_a_json_array_of_articles(tmp_path):
    path = tmp_path / "articles.json"
    own = {"id": "wire-7", "text": "Talks on the roster resume on Monday.", "lang": "en"}
    path.write_text(
        json.dumps([_news_please(1), own, {"title": "no body"}, "a string", _news_please(2)])
    )
    assert kind_of(path) == "json"
    items = list(read([path]))
    assert [(type(i).__name__, i.origin.rsplit("/", 1)[-1]) for i in items] == [
        ("Document", "articles.json#1"),
        ("Document", "articles.json#2"),
        ("Skipped", "articles.json#3"),
        ("Skipped", "articles.json#4"),
        ("Document", "articles.json#5"),
    ]
    assert [i.id for i in items if isinstance(i, Document)] == [
        "articles-1",
        "wire-7",
        "articles-5",
    ]
    assert items[2].reason == "entry 3: no 'text' field"
    assert items[3].reason == "entry 4: not a JSON object but str"
    assert items[4].title == "Dockers return on day 2"


def test_pretty_printed_array_gzipped_and_concatenated_objects(tmp_path):
    with gzip.open(tmp_path / "batch.json.gz", "wt") as f:
        json.dump([_news_please(1), _news_please(2)], f, indent=2)
    # `jq '.[]'` prints the objects one after another, pretty-printed.
    (tmp_path / "jq.json").write_text(
        "\n".join(json.dumps(_news_please(n), indent=2) for n in (3, 4)) + "\n"
    )
    items = list(read([tmp_path]))
    assert [(i.id, i.title) for i in items] == [
        ("batch.json-1", "Dockers return on day 1"),
        ("batch.json-2", "Dockers return on day 2"),
        ("jq-1", "Dockers return on day 3"),
        ("jq-2", "Dockers return on day 4"),
    ]


def test_jsonl_named_json_still_reads_line_by_line(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text(
        '{"text": "a line cut short\n'
        + json.dumps(_news_please(1))
        + "\n"
        + json.dumps({"maintext": "A second line in news-please's names."})
        + "\n"
    )
    items = list(read([path]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Document", "Document"]
    assert items[1].origin == f"{path}:2" and items[1].author == "Mara Lindqvist, Tomas Berg"


def test_news_please_names_in_jsonl(tmp_path):
    path = tmp_path / "np.jsonl"
    path.write_text(
        json.dumps(_news_please(1, title=None, title_page="Page title of day 1", authors=[])) + "\n"
    )
    [doc] = read([path])
    assert doc.title == "Page title of day 1" and doc.author is None
    assert doc.source == "harbour.example" and doc.published == PartialDate(2026, 3, 1, 7, 30, 0)


def test_broken_json_files_say_where(tmp_path):
    good = json.dumps(_news_please(1), indent=2)
    cases = {
        "a-cut.json": good[: len(good) // 2],
        "b-cut-array.json": "[" + good + ",\n" + good[:40],
        "c-empty-array.json": "[ ]",
        "d-number.json": "[1, 2]",
        "e-after.json": "[" + good + "] trailing words",
        "f-blank.json": "  \n ",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
    got = [
        (i.origin.rsplit("/", 1)[-1], i.reason if isinstance(i, Skipped) else i.id)
        for i in read([tmp_path])
    ]
    assert got == [
        (
            "a-cut.json",
            "invalid JSON: Expecting ':' delimiter (line 12)",
        ),
        ("b-cut-array.json#1", "b-cut-array-1"),
        (
            "b-cut-array.json#2",
            "entry 2: invalid JSON: Expecting value (line 25); the rest of the file is not read",
        ),
        ("c-empty-array.json", "empty JSON array: no article"),
        ("d-number.json#1", "entry 1: not a JSON object but int"),
        ("d-number.json#2", "entry 2: not a JSON object but int"),
        ("e-after.json#1", "e-after-1"),
        ("e-after.json", "data after the JSON array: not read"),
        ("f-blank.json", "no JSON, only blank space"),
    ]


def test_a_value_over_the_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps([_news_please(1, maintext="word " * 400), _news_please(2)]))
    items = list(read([path], max_bytes=1000))
    assert isinstance(items[0], Skipped) and items[0].reason.startswith("entry 1: JSON value is ")
    assert items[0].reason.endswith("over the 1 kB limit; the rest of the file is not read")


def test_articles_before_a_bomb_are_kept(tmp_path):
    good = json.dumps(_news_please(1), indent=2).encode()
    spaces = b" " * (8 << 20)
    (tmp_path / "a-array.json.gz").write_bytes(gzip.compress(b"[" + good + b"," + spaces, 9))
    (tmp_path / "b-object.json.gz").write_bytes(gzip.compress(good + spaces + b"{}", 9))
    items = list(read([tmp_path], max_bytes=1_000_000))
    assert [(type(i).__name__, i.origin.rsplit("/", 1)[-1]) for i in items] == [
        ("Document", "a-array.json.gz#1"),
        ("Skipped", "a-array.json.gz"),
        ("Document", "b-object.json.gz"),
        ("Skipped", "b-object.json.gz"),
    ]
    assert items[1].reason.startswith("file decompresses to more than ")


# -- properties: values read in small chunks are the values json.loads sees -----

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@contextlib.contextmanager
def _small_chunks(size: int):
    saved = jsonfile._CHUNK
    jsonfile._CHUNK = size
    try:
        yield
    finally:
        jsonfile._CHUNK = saved


def _values(data: bytes, max_bytes: int = 1_000_000) -> list:
    stream = Bounded(io.BytesIO(data), limit=len(data), what="test")
    values = jsonfile.Values(stream, max_bytes)
    first = values.next_char()
    if first == "[":
        values.advance(1)
        return list(values.elements())
    return list(values.sequence())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(json_values, max_size=6),
    st.sampled_from([None, 0, 2, 4]),
    st.integers(1, 9),
    st.booleans(),
)
def test_arrays_and_sequences_read_as_json_loads_does(items, indent, chunk, as_array):
    if not as_array:
        items = [{"value": item} for item in items]  # a top-level `[` opens an array
    text = (
        json.dumps(items, indent=indent, ensure_ascii=False)
        if as_array
        else "\n".join(json.dumps(i, indent=indent, ensure_ascii=False) for i in items)
    )
    with _small_chunks(chunk):
        got = _values(text.encode())
    assert got == items


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.integers(1, 9))
def test_any_bytes_never_raise(data, chunk):
    assert sniff(data) in (None, "warc", "feed", "html", "json", "jsonl")
    with _small_chunks(chunk), contextlib.suppress(InputError):
        _values(data, max_bytes=50)  # values or `_Problem`s, never an exception
