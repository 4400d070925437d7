"""Property tests: the quote stage never raises and its offsets always hold."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.model import Mention
from newsweave.quotes import extract_quotes, find_spans

# text biased towards what the stage reads: marks, dashes, speech verbs, names, newlines
PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "«",
        "»",
        "„",
        "“",
        "‹",
        "›",
        "‘",
        "’",
        "'",
        "''",
        "—",
        "–",
        "―",
        " ",
        "\u00a0",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "?",
        "said",
        "he",
        "she",
        "Smith",
        "Mr.",
        "a-t-il",
        "déclaré",
        "sagte",
        "er",
        "dijo",
        "selon",
        "according to",
        "the minister",
        "le chef de l'OTAN",
        "der Kanzler",
        "PENCE:",
        "(",
        ")",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300), st.lists(PIECES | st.text(max_size=5), max_size=60).map("".join)
)


def _mentions(text: str, data: st.DataObject) -> list[Mention]:
    if not text:
        return []
    out = []
    for _ in range(data.draw(st.integers(0, 4))):
        a = data.draw(st.integers(0, len(text) - 1))
        b = data.draw(st.integers(a + 1, len(text)))
        kind = data.draw(st.sampled_from(["PER", "ORG", "LOC", "MISC"]))
        out.append(Mention(text[a:b], a, b, kind, key=f"k{a}"))
    return out


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, lang=st.sampled_from(["en", "fr", "de", "es", "it", "xx"]), data=st.data())
def test_quotes_never_raise_and_offsets_hold(text: str, lang: str, data: st.DataObject) -> None:
    mentions = _mentions(text, data)

    def describe(key: str) -> str | None:
        return "Minister of Defence of Ukraine" if key.endswith("1") else None

    quotes = extract_quotes(text, lang, mentions, describe)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.speaker_text is not None:
            assert q.speaker_start is not None and q.speaker_end is not None
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
            assert q.how in ("name", "pronoun", "role", "institution")
        else:
            assert q.speaker_start is None and q.speaker_mention is None
        if q.speaker_mention is not None:
            assert 0 <= q.speaker_mention < len(mentions)
    starts = [q.start for q in quotes]
    assert starts == sorted(starts)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_spans_are_inside_their_marks(text: str) -> None:
    for span in find_spans(text, "fr"):
        assert span.open <= span.start < span.end <= span.close <= len(text)
        assert text[span.start].strip() and text[span.end - 1].strip()


def test_a_nul_inside_a_token_does_not_break_the_line() -> None:
    """Found by the property test above: a NUL glued to a word ("0\x00") shifted every
    lower-cased token of its line by one, then indexed an empty one."""
    assert extract_quotes("“’0\x00", "en") == []
    quote = "We will \x00 win this war, whatever happens"
    (found,) = extract_quotes(f"He said: “{quote}” on Monday.", "en")
    assert found.text == quote and found.cue == "said"


def test_unclosed_marks_and_unattributed_quotes_cost_linear_time() -> None:
    """A paragraph of 20,000 opening marks, or of 4,000 two-word quotes with no sentence
    end, used to take minutes (pairing and attribution were quadratic): a work budget
    and a bounded sentence reach keep them to a second or two."""
    for text in ("« " * 20_000, '"Putin said" ' * 4_000):
        t = time.perf_counter()
        extract_quotes(text, "fr")
        seconds = time.perf_counter() - t
        print(f"\n{len(text):,} characters of {text[:12]!r}...: {seconds:.2f} s")
        assert seconds < 5.0
