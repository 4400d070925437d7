"""Accuracy floors on the hand-written gold sets (tests/data/quotes), per language.

The full figures come from `python eval/quotes.py`; this gate only fails when a
change loses quotes, speakers or entities that used to be found. It first checks
the sha256 digest of each gold set against GOLD_DIGESTS, so a floor cannot be kept
by editing its gold: a deliberate gold change updates the digest in the same commit.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from newsweave.model import Mention, Quote
from newsweave.quotes import extract_quotes

DATA = Path(__file__).resolve().parents[1] / "data" / "quotes"
FLOORS = {"quotes": 0.9, "speakers": 0.85, "entities": 0.8}
GOLD_DIGESTS = {
    "de.fresh.jsonl": "9480308c8048e93f3d8650f2d4d2a7101bffef3f33f7e10e98835cb8ba4cc897",
    "de.jsonl": "1a5d4a153f73191a337ee3ba2e72d2d1a9538b714b0fdfb4792ce5a3902ca48c",
    "en.fresh.jsonl": "3a6adb00fc3318832df953563e2bd500bb0e77582ad06bf5182c0d79f9366b67",
    "en.jsonl": "0424b6ca7d0fb9826a81b42e65ec17e0019c5ed3adf4878e7e5ebbaf57889494",
    "es.fresh.jsonl": "ad76ad80dba98ecc335203095051285577bef6f26a8849bec9a1a8d10e5dcd36",
    "es.jsonl": "b08b2e9fabd2950e4f572e9149ea70edcab2882eb34da583a992b351212f5261",
    "fr.fresh.jsonl": "978d06abb13d0d67d601e99246903c7870b86a9a2ba6c34fced21eb00464be3e",
    "fr.jsonl": "fa6e0d97f990ae4c3a1001e728b547a779e245e0627ea6d603187a96c4b33aa3",
}


def _pinned(path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == GOLD_DIGESTS.get(path.name), (
        f"tests/data/quotes/{path.name} changed (sha256 {digest}): re-measure and update its "
        "pinned digest in GOLD_DIGESTS deliberately, in the same commit as the floor"
    )


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
        _pinned(path)
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
