"""Quote spans from typography alone: every mark style, paragraphs, broken marks."""

from __future__ import annotations

import pytest

from newsweave.quotes import find_spans

NB = "\u00a0"
NNB = "\u202f"


def contents(text: str, lang: str = "en") -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will stay” and left.", ["we will stay"]),
        ('He said "we will stay" and left.', ["we will stay"]),
        (f"Il a dit «{NB}nous resterons{NB}» hier.", ["nous resterons"]),
        (f"Il a dit «{NNB}nous resterons{NNB}» hier.", ["nous resterons"]),
        ("Il a dit «nous resterons» hier.", ["nous resterons"]),
        ("Er sagte „wir bleiben hier“ und ging.", ["wir bleiben hier"]),
        ("Er sagte »wir bleiben hier« und ging.", ["wir bleiben hier"]),
        ("Sie sagte ‹wir bleiben hier› und ging.", ["wir bleiben hier"]),
        ("The paper wrote ''we will stay'' on Monday.", ["we will stay"]),
        ("‘We will stay,’ he said.", ["We will stay"]),
    ],
)
def test_every_mark_style(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_nested_marks_stay_inside_the_outer_quote() -> None:
    text = "« Il parle d'une “trêve” fragile », dit-il. “She said ‘no’ twice,” he added."
    assert contents(text, "fr") == ["Il parle d'une “trêve” fragile", "She said ‘no’ twice"]


def test_apostrophes_are_not_quotes() -> None:
    text = "It's the students' union, rock 'n' roll and the '90s, isn't it?"
    assert contents(text) == []


def test_mixed_keyboards_close_a_quote() -> None:
    assert contents('“We agree," she said. "They disagree,” he said.') == [
        "We agree",
        "They disagree",
    ]


def test_a_closing_mark_typed_as_an_opening_one() -> None:
    assert contents("”We are afraid.” ― A reader") == ["We are afraid."]


def test_quote_running_over_paragraphs_is_one_chain() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said.\n\nNext story."
    spans = find_spans(text, "en")
    assert [text[s.start : s.end] for s in spans] == [
        "First paragraph of the quote.",
        "Second paragraph",
    ]
    assert spans[0].chain == spans[1].chain
    assert not spans[0].closed and spans[1].closed


def test_unbalanced_marks_do_not_swallow_the_article() -> None:
    text = 'He said "no.\n\nThe next paragraph has "a real quote" in it.'
    assert contents(text) == ["a real quote"]


def test_stray_marks_never_raise() -> None:
    for text in ["“", "”", '"', "«", "»", "„“", "« »", "''", "—", "— ", '"""', "“”“”"]:
        find_spans(text, "fr")


def test_dialogue_dash_only_where_it_opens_quotes() -> None:
    text = "— Nous ne céderons pas, a déclaré le ministre.\n– Jamais ?"
    assert contents(text, "fr") == ["Nous ne céderons pas, a déclaré le ministre.", "Jamais ?"]
    assert contents(text, "en") == []


def test_transcript_label_is_taken_out_of_the_content() -> None:
    text = '"SMITH: We will win this.\n\n"JONES: We will see.'
    spans = find_spans(text, "en")
    assert [text[s.start : s.end] for s in spans] == ["We will win this.", "We will see."]
    assert [text[slice(*s.label)] for s in spans if s.label] == ["SMITH", "JONES"]


def test_trailing_comma_belongs_to_the_sentence() -> None:
    assert contents("“We will stay,” he said.") == ["We will stay"]


def test_same_style_nested_quote_stays_inside() -> None:
    text = "“I’d rather live in what he calls “hell” than live with him,” she said."
    assert contents(text) == ["I’d rather live in what he calls “hell” than live with him"]


def test_stray_opener_before_a_real_quote_is_skipped() -> None:
    text = "He typed “oops and then wrote “a real quote here” in the end."
    assert contents(text) == ["a real quote here"]
