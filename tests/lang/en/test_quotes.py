"""English quotes and speakers, on sentences written for these tests."""

from __future__ import annotations

import re

from newsweave.model import Mention
from newsweave.quotes import extract_quotes


def mentions(text: str, names: list[tuple[str, str, str]]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type, key), as the entity stage gives them."""
    out = [
        Mention(name, m.start(), m.end(), kind, key=key)
        for name, kind, key in names
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
    ]
    out.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in out:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def keys(quotes, ms: list[Mention]) -> list[str | None]:
    return [ms[q.speaker_mention].key if q.speaker_mention is not None else None for q in quotes]


def test_quote_styles() -> None:
    text = (
        '"We are ready," said Mr. Grant. “We are very ready,” said Mr. Grant. '
        "‘We were always ready,’ said Mr. Grant. Mr. Grant said: «Ready.»"
    )
    quotes = extract_quotes(text, "en")
    assert [q.text for q in quotes] == [
        "We are ready",
        "We are very ready",
        "We were always ready",
        "Ready.",
    ]
    assert {q.speaker_text for q in quotes} == {"Mr. Grant"}


def test_split_quote_gives_two_quotes_with_one_speaker() -> None:
    text = "“The talks failed,” she said, “but we will try again next week.”"
    quotes = extract_quotes(text, "en")
    assert [q.text for q in quotes] == ["The talks failed", "but we will try again next week."]
    assert [q.speaker_text for q in quotes] == ["she", "she"]
    assert [q.cue for q in quotes] == ["said", "said"]


def test_inverted_and_appositive_attributions() -> None:
    text = (
        '"Prices will fall," said Dana Price, an economist at Lakeview Bank. '
        '"Not this year," Tom Okafor, who runs a bakery in Leeds, told reporters.'
    )
    ms = mentions(text, [("Dana Price", "PER", "p1"), ("Tom Okafor", "PER", "p2")])
    quotes = extract_quotes(text, "en", ms)
    assert [q.speaker_text for q in quotes] == ["Dana Price", "Tom Okafor"]
    assert keys(quotes, ms) == ["p1", "p2"]
    assert [q.how for q in quotes] == ["name", "name"]


def test_pronoun_speaker_resolves_to_the_person_named_before() -> None:
    text = (
        "Avril Haines, the US Director of National Intelligence, spoke after Mark Ellison "
        "opened the hearing. She told a Senate committee: “We expect a long war of attrition.”"
    )
    ms = mentions(text, [("Avril Haines", "PER", "haines"), ("Mark Ellison", "PER", "ellison")])
    (quote,) = extract_quotes(text, "en", ms)
    assert quote.speaker_text == "She"
    assert quote.how == "pronoun"
    assert keys([quote], ms) == ["haines"]


def test_role_speaker_is_matched_with_describe() -> None:
    text = (
        "Oleh Marchenko met Sarah Whitfield in Kyiv. "
        "“Every day without air defence costs lives,” the Ukrainian minister said."
    )
    ms = mentions(
        text,
        [("Oleh Marchenko", "PER", "marchenko"), ("Sarah Whitfield", "PER", "whitfield")],
    )
    roles = {
        "marchenko": "Minister of Defence of Ukraine (2023–)",
        "whitfield": "Secretary of State for Defence of the United Kingdom",
    }
    (quote,) = extract_quotes(text, "en", ms, roles.get)
    assert quote.speaker_text == "the Ukrainian minister"
    assert quote.how == "role"
    assert keys([quote], ms) == ["marchenko"]


def test_role_without_a_matching_person_stays_a_phrase() -> None:
    text = "“We will respond,” the Russian minister said."
    ms = mentions("Oleh Marchenko arrived. " + text, [("Oleh Marchenko", "PER", "m")])
    quotes = extract_quotes(
        "Oleh Marchenko arrived. " + text, "en", ms, {"m": "Minister of Defence of Ukraine"}.get
    )
    assert quotes[0].speaker_text == "the Russian minister"
    assert quotes[0].speaker_mention is None


def test_institution_speaker() -> None:
    text = 'The Pentagon said in a statement that deliveries were "on schedule and on budget."'
    ms = mentions(text, [("Pentagon", "ORG", "pentagon")])
    (quote,) = extract_quotes(text, "en", ms)
    assert quote.speaker_text == "The Pentagon"
    assert quote.how == "institution"
    assert keys([quote], ms) == ["pentagon"]


def test_unattributable_quote_keeps_no_speaker() -> None:
    text = "The banner on the bridge read: “No war in our name, not now, not ever.”"
    (quote,) = extract_quotes(text, "en")
    assert quote.speaker_text is None and quote.speaker_mention is None and quote.how is None


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = 'He appeared on "Face the Nation" to discuss the "deal" with reporters.'
    assert extract_quotes(text, "en") == []


def test_bare_quote_continues_the_speaker_of_the_paragraph() -> None:
    text = (
        "“The harvest was poor,” said Ana Silva, a farmer near Porto. "
        "“We lost half of the grapes in one night of hail.”"
    )
    ms = mentions(text, [("Ana Silva", "PER", "silva")])
    quotes = extract_quotes(text, "en", ms)
    assert keys(quotes, ms) == ["silva", "silva"]


def test_paragraphs_of_one_quote_share_the_speaker() -> None:
    text = (
        "Jan Novak described the night.\n\n"
        "“The water came at two in the morning. We had ten minutes.\n\n"
        "“By dawn the whole street was gone,” Novak said."
    )
    ms = mentions(text, [("Jan Novak", "PER", "novak"), ("Novak", "PER", "novak")])
    quotes = extract_quotes(text, "en", ms)
    assert len(quotes) == 2
    assert keys(quotes, ms) == ["novak", "novak"]


def test_transcript_labels_name_the_speakers() -> None:
    text = '"HOST: Will you run again?\n\n"LEE: I have not decided yet, honestly.'
    quotes = extract_quotes(text, "en")
    assert [(q.text, q.speaker_text) for q in quotes] == [
        ("Will you run again?", "HOST"),
        ("I have not decided yet, honestly.", "LEE"),
    ]


def test_pronoun_after_a_described_person_is_not_guessed() -> None:
    text = (
        "Ana Reyes grew up in Texas. My mother has softened with age, but she still says: "
        "“Work comes first, then everything else.”"
    )
    ms = mentions(text, [("Ana Reyes", "PER", "reyes"), ("Texas", "LOC", "tx")])
    (quote,) = extract_quotes(text, "en", ms)
    assert quote.speaker_text == "she"
    assert quote.speaker_mention is None


def test_a_pronoun_continues_the_previous_pronoun_speaker() -> None:
    text = (
        "Mayor Tom Brady opened the bridge. “It took ten years,” he said. "
        "He praised Governor Lucas Webb for the funding. He told the crowd: “This is your bridge.”"
    )
    ms = mentions(text, [("Tom Brady", "PER", "brady"), ("Lucas Webb", "PER", "webb")])
    quotes = extract_quotes(text, "en", ms)
    assert keys(quotes, ms) == ["brady", "brady"]
