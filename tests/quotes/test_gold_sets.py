"""Accuracy floors on the hand-written gold sets (tests/data/quotes), per language.

The full figures come from `python eval/quotes.py`; this gate only fails when a
change loses quotes, speakers or entities that used to be found.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsweave.model import Mention, Quote
from newsweave.quotes import extract_quotes

DATA = Path(__file__).resolve().parents[1] / "data" / "quotes"
FLOORS = {"quotes": 0.9, "speakers": 0.85, "entities": 0.8}


def _find(text: str, needle: str, near: tuple[int, int]) -> tuple[int, int]:
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]
    start = min(hits, key=lambda h: max(near[0] - h - len(needle), h - near[1], 0))
    return start, start + len(needle)


def _mentions(row: dict) -> list[Mention]:
    text = row["text"]
    found = sorted(
        (
            Mention(m["text"], hit.start(), hit.end(), m["type"], "kb", m.get("key"))
            for m in row["mentions"]
            for hit in re.finditer(r"(?<!\w)" + re.escape(m["text"]) + r"(?!\w)", text)
        ),
        key=lambda m: (m.start, -m.end),
    )
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _best(quotes: list[Quote], span: tuple[int, int]) -> Quote | None:
    overlaps = [(min(q.end, span[1]) - max(q.start, span[0]), q) for q in quotes]
    overlaps = [(o, q) for o, q in overlaps if o > 0]
    return max(overlaps, key=lambda p: p[0])[1] if overlaps else None


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es"])
def test_gold_sets_keep_their_floor(lang: str) -> None:
    found = speakers = entities = total = with_entity = 0
    for path in sorted(DATA.glob(f"{lang}*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text, mentions = row["text"], _mentions(row)
            quotes = extract_quotes(text, lang, mentions, row["descriptions"].get)
            for gold in row["quotes"]:
                start = text.index(gold["quote"])
                span = (start, start + len(gold["quote"]))
                total += 1
                best = _best(quotes, span)
                if best is None:
                    continue
                found += 1
                if gold["speaker"] is None:
                    speakers += best.speaker_text is None
                elif best.speaker_start is not None:
                    a, b = _find(text, gold["speaker"], span)
                    speakers += best.speaker_start < b and a < best.speaker_end
                if gold["entity"]:
                    with_entity += 1
                    m = best.speaker_mention
                    entities += m is not None and mentions[m].key == gold["entity"]
    assert total > 0
    assert found / total >= FLOORS["quotes"]
    assert speakers / total >= FLOORS["speakers"]
    assert entities / max(1, with_entity) >= FLOORS["entities"]
