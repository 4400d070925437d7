"""Property tests: the parsers meet arbitrary input without raising."""

import contextlib
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.ingest.decode import decode
from newsweave.ingest.jsonl import parse_line
from newsweave.ingest.metadata import extract, parse_date
from newsweave.model import Document, PartialDate, Skipped

FAST = settings(max_examples=150, deadline=None)

# Text decode() returns unchanged: NFC, no controls but tab/newline, no CR, no leading BOM.
clean_text = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
        | st.sampled_from("\n\t"),
    )
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: not s.startswith("\ufeff"))
)

date_like = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}( \d{1,2}:\d{2}(:\d{2})?)?", fullmatch=True),
    st.builds(
        lambda d, m, y: f"{d} {m} {y}",
        st.integers(0, 40),
        st.sampled_from(["March", "mars", "März", "marzo", "dez.", "Feb", "août"]),
        st.integers(1700, 2300),
    ),
)


@FAST
@given(st.binary(max_size=300))
def test_decode_raises_only_input_error(data):
    with contextlib.suppress(InputError):
        assert isinstance(decode(data), str)


@FAST
@given(clean_text, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_decode_round_trips(text, encoding):
    assert decode(text.encode(encoding)) == text


@FAST
@given(st.text(max_size=300))
def test_extract_never_raises_and_never_grows(text):
    body, meta = extract(text)
    assert len(body) <= len(text)
    assert set(meta) <= {"published", "dateline", "source", "month_day"}


@FAST
@given(date_like)
def test_parse_date_round_trips(value):
    result = parse_date(value)
    if result is not None:
        assert PartialDate.parse(str(result)) == result


@FAST
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_jsonl_line_never_raises(line):
    item = parse_line(line, number=1, name="p", origin="p.jsonl")
    assert item is None or isinstance(item, Document | Skipped)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["id", "title", "text", "body", "url", "published", "date", "lang"]),
        st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=40), st.booleans()),
    )
)
def test_jsonl_records_never_raise(record):
    import json

    item = parse_line(json.dumps(record), number=2, name="p", origin="p.jsonl")
    assert isinstance(item, Document | Skipped)
