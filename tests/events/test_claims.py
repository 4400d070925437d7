"""The event stage: its contract, its building blocks, and rules that hold in every language.

Texts are written for these tests. Mentions are built by hand, as the entity
stage would give them (every occurrence of each listed name); time
expressions come from find_timexes, anchored on Wednesday 8 March 2023.
Per-language cases live in tests/lang/<code>/test_events.py.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.events import extract_events
from newsweave.events.lexicon import LexiconError, _trigger_lines, load, trie
from newsweave.events.scan import alternatives, first_word
from newsweave.events.sentences import split
from newsweave.model import EVENT_TYPES, Event, Mention, PartialDate, Quote
from newsweave.quotes import extract_quotes
from newsweave.timex import find_timexes

DCT = PartialDate(2023, 3, 8)


def mentions_of(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type), longest first where they overlap."""
    found = []
    for name, kind in names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            found.append(Mention(name, m.start(), m.end(), kind))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def run(
    text: str, lang: str, names: list[tuple[str, str]], quotes: bool = False
) -> tuple[list[Event], list[Mention]]:
    mentions = mentions_of(text, names)
    timexes = find_timexes(text, lang, DCT)
    found_quotes = extract_quotes(text, lang, mentions) if quotes else []
    return extract_events(text, lang, mentions, timexes, found_quotes), mentions


def names(mentions: list[Mention], indexes: list[int]) -> list[str]:
    return [mentions[k].text for k in indexes]


# --- the contract ------------------------------------------------------------------


def test_the_seed_sentence_gives_a_claimed_capture_dated_by_its_weekday() -> None:
    text = (
        "The fall of the city, which the Russian paramilitary group Wagner claimed on "
        "Wednesday to capture the eastern part of, would open the road west."
    )
    events, mentions = run(text, "en", [("Russian", "MISC"), ("Wagner", "ORG")])
    [event] = events
    assert event.type == "capture"
    assert event.action == "capture"
    assert names(mentions, event.actors) == ["Wagner"]
    assert mentions[event.claimed_by].text == "Wagner"
    assert (event.date, event.date_text) == ("2023-03-08", "Wednesday")


def test_offsets_and_indexes_point_into_what_was_given() -> None:
    text = (
        "Kyiv says Russian troops shelled Kherson on Tuesday. "
        "Officials said two people were killed in the attack."
    )
    mentions = mentions_of(text, [("Kyiv", "LOC"), ("Russian", "MISC"), ("Kherson", "LOC")])
    mentions.reverse()  # indexes refer to the caller's order, whatever it is
    timexes = find_timexes(text, "en", DCT)
    events = extract_events(text, "en", mentions, timexes)
    assert [e.type for e in events] == ["attack", "casualties", "attack"]
    for e in events:
        assert e.type in EVENT_TYPES
        assert text[e.action_start : e.action_end] == e.action
        assert e.sentence_start <= e.action_start < e.action_end <= e.sentence_end
        for k in [*e.actors, *e.targets, e.place, e.claimed_by]:
            assert k is None or 0 <= k < len(mentions)
        assert e.timex is None or timexes[e.timex].value == e.date
    first = events[0]
    assert names(mentions, first.actors) == ["Russian"]
    assert names(mentions, first.targets) == ["Kherson"]
    assert mentions[first.claimed_by].text == "Kyiv"
    assert timexes[first.timex].text == "Tuesday"


def test_no_date_is_invented_from_the_publication_date() -> None:
    events, _ = run(
        "Russian forces captured Soledar.", "en", [("Russian", "MISC"), ("Soledar", "LOC")]
    )
    assert [(e.type, e.timex, e.date) for e in events] == [("capture", None, None)]


@pytest.mark.parametrize("lang", ["it", "", "xx", "pt-BR", "zh"])
def test_languages_without_a_lexicon_give_nothing(lang: str) -> None:
    text = "Russian forces captured Soledar, the governor said."
    assert extract_events(text, lang, [], []) == []


def test_region_tags_are_read_as_their_language() -> None:
    events, _ = run("Russian forces captured Soledar.", "en-GB", [("Soledar", "LOC")])
    assert [e.type for e in events] == ["capture"]


def test_a_text_without_triggers_costs_nothing_and_gives_nothing() -> None:
    assert extract_events("", "en", [], []) == []
    assert extract_events("The weather was mild in the capital.", "en", [], []) == []


def test_a_quoted_claim_belongs_to_the_quote_speaker() -> None:
    text = '"Our units have taken the whole of Bakhmut," Yevgeny Prigozhin said on Wednesday.'
    events, mentions = run(
        text, "en", [("Yevgeny Prigozhin", "PER"), ("Bakhmut", "LOC")], quotes=True
    )
    [event] = events
    assert event.type == "capture"
    assert mentions[event.claimed_by].text == "Yevgeny Prigozhin"
    assert names(mentions, event.actors) == ["Yevgeny Prigozhin"]  # "our units"
    assert names(mentions, event.targets) == ["Bakhmut"]


def test_reported_speech_with_quotation_marks_is_left_to_the_quote_stage() -> None:
    text = 'Zelensky said the situation was "very difficult" in the east.'
    events, _ = run(text, "en", [("Zelensky", "PER")])
    assert events == []


def test_a_claimant_without_a_mention_is_kept_as_words() -> None:
    text = "Russian missiles struck a hospital in Dnipro overnight, the regional governor said."
    events, mentions = run(text, "en", [("Russian", "MISC"), ("Dnipro", "LOC")])
    [event] = events
    assert event.claimed_by is None
    assert event.claimed_by_text == "the regional governor"
    assert mentions[event.place].text == "Dnipro"


def test_one_act_named_twice_in_a_clause_is_one_event() -> None:
    text = "Ukrainian troops entered Kherson and recaptured the city centre on Friday."
    events, mentions = run(text, "en", [("Ukrainian", "MISC"), ("Kherson", "LOC")])
    assert [e.type for e in events] == ["capture"]
    assert names(mentions, events[0].targets) == ["Kherson"]


def test_two_acts_in_two_clauses_are_two_events() -> None:
    text = "Israeli jets struck Gaza overnight after Hamas fighters attacked Sderot on Saturday."
    events, mentions = run(
        text, "en", [("Israeli", "MISC"), ("Gaza", "LOC"), ("Hamas", "ORG"), ("Sderot", "LOC")]
    )
    assert [(e.type, names(mentions, e.actors), e.date) for e in events] == [
        ("attack", ["Israeli"], None),
        ("attack", ["Hamas"], "2023-03-04"),
    ]


# --- building blocks ---------------------------------------------------------------


def test_sentences_do_not_end_at_titles_initials_or_dotted_abbreviations() -> None:
    text = (
        "Gen. Valery Gerasimov met M. Dupont in the U.S. capital on Friday. "
        "George W. Bush spoke.\nA headline without a stop\nThe end."
    )
    got = [text[a:b] for a, b in split(text, load("en").abbreviations)]
    assert got == [
        "Gen. Valery Gerasimov met M. Dupont in the U.S. capital on Friday.",
        "George W. Bush spoke.",
        "A headline without a stop",
        "The end.",
    ]


def test_first_words_and_branches_of_a_pattern() -> None:
    assert first_word(r"took\s+(?:full\s+)?control\s+of") == "took"
    assert first_word(r"d['’]\s*après") == "d"
    assert first_word(r"(?:air|missile)?strikes?") == r"(?:air|missile)?strikes?"
    # a lookahead checks the words after the trigger without making them part of it
    assert first_word(r"invi(?:a|erà)(?=\s+(?:\w+\s+){0,5}armi)") == r"invi(?:a|erà)"
    assert alternatives(r"a|b(?:c|d)|[|x]") == ["a", "b(?:c|d)", "[|x]"]


def test_trie_matches_exactly_its_words() -> None:
    pattern = re.compile(trie(["said", "says", "say", "pointed out"]))
    for word in ("said", "says", "say", "pointed out", "pointed  out"):
        assert pattern.fullmatch(word), word
    for word in ("sai", "sayd", "pointed"):
        assert not pattern.fullmatch(word), word


def test_a_bad_trigger_line_says_what_is_wrong(tmp_path) -> None:
    path = tmp_path / "events.txt"
    with pytest.raises(LexiconError, match="type<TAB>pattern"):
        _trigger_lines(["explosion\tboom"], path)
    with pytest.raises(LexiconError, match=r"\(\?:"):
        _trigger_lines(["attack\t(shell)ed"], path)
    with pytest.raises(LexiconError, match="unknown flags"):
        _trigger_lines(["attack\tshelled\tverb"], path)


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es"])
def test_every_shipped_lexicon_loads(lang: str) -> None:
    lex = load(lang)
    assert lex is not None
    assert {k.type for k in lex.kinds} == set(EVENT_TYPES)
    assert lex.kinds[-1].type == "statement"


# --- robustness and speed ----------------------------------------------------------

VOCABULARY = (
    "Russian forces shelled Kherson said Kyiv according to the ministry was were by in "
    'captured killed met sanctions arrest warrant not could if that « » " , . ; : \n '
    "selon a affirmé pris par n'a pas Bachmut eingenommen según tomado"
)
WORDS = VOCABULARY.split(" ")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=60),
    st.sampled_from(["en", "fr", "de", "es"]),
)
def test_any_text_gives_well_formed_events(words: list[str], lang: str) -> None:
    text = " ".join(words)
    mentions = mentions_of(text, [("Kherson", "LOC"), ("Kyiv", "LOC"), ("Bachmut", "LOC")])
    quotes = [Quote(text[3:9], 3, 9)] if len(text) > 9 else []
    for e in extract_events(text, lang, mentions, [], quotes):
        assert text[e.action_start : e.action_end] == e.action
        assert all(0 <= k < len(mentions) for k in [*e.actors, *e.targets])


ARTICLE = (
    "Russian forces shelled the town of Kostiantynivka overnight, killing two civilians, "
    "the regional governor said on Wednesday. Kyiv said its troops had repelled attacks near "
    "Bakhmut, where the Wagner group claimed to have captured several villages. "
    "NATO defence ministers met in Brussels to discuss ammunition deliveries, and Germany "
    "pledged more air defence systems. The International Criminal Court issued an arrest "
    "warrant for a Russian official. Officials said the talks would continue next week. "
) * 7


def test_speed() -> None:
    """Well under a few milliseconds per 500 words; loose, as test machines are shared."""
    assert len(ARTICLE.split()) > 500
    names_ = [("Russian", "MISC"), ("Kostiantynivka", "LOC"), ("Kyiv", "LOC"),
              ("Bakhmut", "LOC"), ("Wagner", "ORG"), ("NATO", "ORG"), ("Brussels", "LOC"),
              ("Germany", "LOC"), ("International Criminal Court", "ORG")]  # fmt: skip
    mentions = mentions_of(ARTICLE, names_)
    timexes = find_timexes(ARTICLE, "en", DCT)
    extract_events(ARTICLE, "en", mentions, timexes)
    runs = 20
    started = time.process_time()
    for _ in range(runs):
        events = extract_events(ARTICLE, "en", mentions, timexes)
    assert len(events) >= 7 * 6
    assert (time.process_time() - started) / runs < 0.02
