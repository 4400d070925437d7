"""What the per-language event tests share: mentions placed by name, events read back."""

from __future__ import annotations

import re

from newsweave.events import extract_events
from newsweave.model import Mention, PartialDate
from newsweave.quotes import extract_quotes
from newsweave.timex import find_timexes

DCT = PartialDate(2023, 3, 8)  # a Wednesday


def mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type), as the entity stage gives them."""
    out = [
        Mention(name, m.start(), m.end(), kind)
        for name, kind in names
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
    ]
    return sorted(out, key=lambda m: m.start)


def events(text: str, names: list[tuple[str, str]], lang: str) -> list[tuple]:
    """(type, action, actors, targets, place, date, claimed by, negated) of each event."""
    ms = mentions(text, names)
    found = extract_events(
        text, lang, ms, find_timexes(text, lang, DCT), extract_quotes(text, lang, ms)
    )

    def name(k: int | None) -> str | None:
        return None if k is None else ms[k].text

    return [
        (
            e.type,
            e.action,
            [ms[k].text for k in e.actors],
            [ms[k].text for k in e.targets],
            name(e.place),
            e.date,
            name(e.claimed_by) if e.claimed_by is not None else e.claimed_by_text,
            e.negated,
        )
        for e in found
    ]
