"""The time-expression engine: its contract, its rule notation, its resolver, its speed."""

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.events import find_timexes
from newsweave.events.timex import (
    LANGUAGES,
    TAGS,
    combine_numbers,
    compile_dsl,
    grammar,
    scan_rule,
)
from newsweave.events.timex_resolve import Spec, duration, format_date, resolve
from newsweave.model import PartialDate, Timex

FAST = settings(max_examples=120, deadline=None)
DCT = PartialDate(2023, 3, 8)

# Words that make rules fire, mixed with noise, so the property tests reach the matcher.
TIME_WORDS = {
    "en": "last next week Monday yesterday 8 March 2023 three days ago the past years at 10 a.m. "
    "every daily now 1990s quarter third , . - ' Sept. 30 May tonight Christmas morning",
    "fr": "mardi dernier la semaine il y a trois jours le 8 mars 2023 à 14 h 30 hier soir "
    "chaque année actuellement depuis un an l' an , . - ' années 60 Noël lendemain",
    "de": "letzten Dienstag vor zwei Tagen am 8. März 2023 um 15 Uhr gestern Abend jährlich "
    "derzeit seit drei Jahren Mittwochabend , . - 90er Jahre Ostern Vorjahr",
}
dcts = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1, 9999)),
    st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12)),
    st.builds(PartialDate, st.integers(2, 9998), st.integers(1, 12), st.integers(1, 28)),
)


def _check(text: str, lang: str, dct: PartialDate | None) -> None:
    found = find_timexes(text, lang, dct)
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end, "overlapping or out of order"
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value is not None or not t.resolved


@FAST
@given(st.text(max_size=300), st.sampled_from(LANGUAGES), dcts)
def test_never_raises_on_arbitrary_text(text: str, lang: str, dct) -> None:
    _check(text, lang, dct)


@FAST
@given(st.data(), st.sampled_from(LANGUAGES), dcts)
def test_offsets_on_time_heavy_text(data, lang: str, dct) -> None:
    words = [*TIME_WORDS[lang].split(), "x", "Ünïcödé", "İstanbul", "\n", "  ", "42", "1,500"]
    picked = data.draw(st.lists(st.sampled_from(words), max_size=40))
    seps = data.draw(st.lists(st.sampled_from([" ", "", "  ", "\n"]), min_size=len(picked)))
    _check("".join(w + s for w, s in zip(picked, seps, strict=False)), lang, dct)


def test_module_docstring_example() -> None:
    got = find_timexes("Talks broke down last Tuesday.", "en", PartialDate(2023, 3, 8))
    assert got == [Timex("last Tuesday", 17, 29, "DATE", "2023-03-07", True, "dct")]


def test_other_languages_and_empty_text() -> None:
    assert find_timexes("Ayer llegó el 8 de marzo.", "es", DCT) == []
    assert [t.value for t in find_timexes("It rained yesterday.", "en-GB", DCT)] == ["2023-03-07"]
    assert find_timexes("", "en", DCT) == []
    assert find_timexes("No dates here at all.", "en", DCT) == []


def test_offsets_are_code_points() -> None:
    text = "Ünïcödé 🎉 news: the vote was held yesterday."
    (t,) = find_timexes(text, "en", DCT)
    assert text[t.start : t.end] == "yesterday" and t.value == "2023-03-07"


def test_relative_values_carry_their_anchor() -> None:
    got = find_timexes("Yesterday, on 8 March 2023, for a week.", "en", DCT)
    assert [(t.text, t.anchor) for t in got] == [
        ("Yesterday", "dct"),
        ("8 March 2023", None),
        ("a week", None),
    ]


def test_all_grammars_compile_and_every_rule_can_start() -> None:
    for lang in LANGUAGES:
        g = grammar(lang)
        assert g is not None and g.rules
        for rx, _, first in g.rules:
            assert first, rx.pattern
            assert set(first) <= set(TAGS.values())


def test_rule_notation() -> None:
    macros = {"REL": "(?:LAST|NEXT)"}
    assert compile_dsl("DET? (?P<rel>REL) UNIT", macros) == "t?(?P<rel>(?:L|F))U"
    assert scan_rule("t?(?P<rel>(?:L|F))U") == (frozenset("tLF"), frozenset("U"))
    assert scan_rule(r"(?<=p)(?:x(?!t))?u") == (frozenset("xu"), frozenset("u"))
    assert scan_rule(r"\-?D+(?:M|MY)") == (frozenset("-D"), frozenset("DM"))


def test_number_words() -> None:
    hundreds = frozenset({100})
    assert combine_numbers([20, 4], hundreds) == 24
    assert combine_numbers([1, 100, 30], hundreds) == 130
    assert combine_numbers([19, 90, 6], hundreds) == 1996
    assert combine_numbers([4, 20, 10], frozenset({100, 20})) == 90  # quatre-vingt-dix
    assert combine_numbers([10, 7], hundreds) == 17  # dix-sept
    assert combine_numbers([3, 5], hundreds) is None


def test_durations() -> None:
    assert duration(3, "D") == "P3D"
    assert duration(24, "H") == "PT24H"
    assert duration(None, "M") == "PXM"
    assert duration(2.5, "Y") == "P2Y6M"
    assert duration(1.5, "H") == "PT1H30M"
    assert duration(2, "DE") == "P20Y"
    assert duration(3, "Q") == "P9M"


def test_formats() -> None:
    d = date(2023, 3, 8)
    assert format_date(d, "W") == "2023-W10"
    assert format_date(d, "Q") == "2023-Q1"
    assert format_date(d, "DE") == "202"
    assert format_date(date(2021, 1, 2), "W") == "2020-W53"  # ISO weeks cross years


@pytest.mark.parametrize(
    ("spec", "tense", "value"),
    [
        (Spec(weekday=2), "", "2023-03-08"),  # the day itself
        (Spec(weekday=1), "", "2023-03-07"),
        (Spec(weekday=4), "", "2023-03-03"),  # news convention: looking back
        (Spec(weekday=4), "future", "2023-03-10"),
        (Spec(weekday=1, when="last"), "future", "2023-03-07"),
        (Spec(weekday=2, when="next"), "", "2023-03-15"),
        (Spec(month=8), "past", "2022-08"),
        (Spec(month=8), "future", "2023-08"),
        (Spec(month=3, when="last"), "", "2022-03"),
        (Spec(month=12, day=15), "", "2022-12-15"),  # nearest
        (Spec(month=4, day=2), "past", "2023-04-02"),  # close by: nearest beats tense
        (Spec(unit="W", shift=-1), "", "2023-W09"),
        (Spec(unit="M", shift=-1), "", "2023-02"),
        (Spec(unit="Y", shift=1, month=6), "", "2024-06"),
        (Spec(type="TIME", unit="D", shift=0, part="MO"), "", "2023-03-08TMO"),
        (Spec(type="TIME", hour=10, minute=30), "", "2023-03-08T10:30"),
    ],
)
def test_resolution(spec: Spec, tense: str, value: str) -> None:
    assert resolve(spec, DCT, tense)[0] == value


def test_resolution_never_guesses() -> None:
    month_only = PartialDate(2023, 3)
    assert resolve(Spec(unit="D", shift=-1), month_only) == (None, False, None)
    assert resolve(Spec(weekday=2), None) == ("XXXX-WXX-3", False, None)
    assert resolve(Spec(month=3, day=8), None) == ("XXXX-03-08", False, None)
    assert resolve(Spec(month=8), PartialDate(2023), "past") == ("XXXX-08", False, None)
    assert resolve(Spec(type="TIME", hour=10, minute=0), None)[1] is False


ARTICLE = (
    "The government said on Tuesday that talks with the unions would resume next week. "
    "Negotiators met for three hours yesterday and will meet again at 10 a.m. Friday. "
    "Inflation reached 8 percent last month, the highest level since the 1990s, and "
    "economists expect it to ease in the third quarter. "
) + "Officials from several ministries attended the session and spoke to reporters. " * 42


def test_speed_and_prefilter() -> None:
    """Well under a millisecond per 500-word article on an idle core; the bound here is
    loose because test machines are shared."""
    assert len(ARTICLE.split()) > 500
    g = grammar("en")
    assert (
        g is not None and g.tokenize("Officials spoke to reporters at the session. " * 60) is None
    )
    find_timexes(ARTICLE, "en", DCT)
    runs = 50
    started = time.perf_counter()
    for _ in range(runs):
        find_timexes(ARTICLE, "en", DCT)
    assert (time.perf_counter() - started) / runs < 0.01
