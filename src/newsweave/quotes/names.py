"""Speakers named in the attribution but missed by NER become mentions.

Outside English and French the recogniser finds mostly the names its lists
hold, so "dijo Spicer", "sagte Kogler", "ha detto Mancino" leave a quote
with a speaker phrase and no mention to point at: the quote counts as
unattributed, and the pronouns after it ("er", "ha aggiunto") find no
antecedent either. The words right next to a speech verb are the strongest
evidence a text gives that they name someone (the EMM rule: a capitalised
name as the subject of a reporting verb is a person), so such a phrase is
added as a mention, and the quotes are attributed again with it.

Precision first: only phrases the attribution already classed as a name
(not a role, pronoun or institution) are used, and only their run of
capitalised words, so "anoche Saleh" gives "Saleh" and "Schmid der Welt"
gives "Schmid". A phrase that the knowledge base knows as exactly one
person or organisation takes that entry's key; otherwise the name is a
person with a local key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..entities.knowledge import KnowledgeBase
from ..entities.link import local_key
from ..model import Mention, Quote
from . import extract_quotes
from .resources import Resources, load

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
# Lower-case words that stay inside a name: "Tariq al Shami", "Ludwig van Beethoven".
_PARTICLES_WORDS = "al el bin ben ibn de del della di da dos du van von le la"
PARTICLES = frozenset(_PARTICLES_WORDS.split())
MAX_NAME_WORDS = 5
# A name after these is governed by them, so it cannot be the speech verb's subject.
_AGENT_WORDS = "by da par por von vom durch with con avec mit from"
AGENT_WORDS = frozenset(_AGENT_WORDS.split())
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def name_run(phrase: str, res: Resources) -> tuple[int, int] | None:
    """Offsets in `phrase` of the run of capitalised name words it ends in, or None.

    A word is a name word when it starts with a capital, holds a lower-case
    letter (an acronym is an organisation, left to the institution rules)
    and is no determiner, title, role word or country. Only determiners,
    titles and time words may stand before the run: "la capotreno del
    Trenord" describes someone by a company and names no one. After a role
    ("el secretario de Defensa Jim Mattis") the run must open with a known
    first name and hold two words.
    """
    run: list[re.Match[str]] = []
    described = False
    for m in _TOKEN.finditer(phrase):
        word = m.group()
        low = word.lower().rstrip(".")
        role = bool(res.roles.match([low], 0))
        named = (
            word[0].isupper()
            and any(c.islower() for c in word)
            and low not in res.determiners
            and low not in res.titles
            and low not in res.countries
            and not role
        )
        if run:
            if named or (low in PARTICLES and not word[0].isupper()):
                run.append(m)
                continue
            break
        if named and (not described or low in res.first_names):
            run.append(m)
        elif role or low in res.connectors or named:
            described = True
        elif low not in res.determiners and low not in res.titles and low not in res.time:
            return None
    while run and run[-1].group().lower() in PARTICLES and not run[-1].group()[0].isupper():
        run.pop()
    if not run or len(run) > MAX_NAME_WORDS or (described and len(run) < 2):
        return None
    return run[0].start(), run[-1].end()


def speaker_mentions(
    text: str,
    lang: str,
    quotes: Sequence[Quote],
    mentions: Sequence[Mention],
    res: Resources,
    kb: KnowledgeBase | None,
) -> list[Mention]:
    """New mentions for name speakers that no mention covers (none when all resolved)."""
    taken = {(m.start, m.end) for m in mentions}
    added: list[Mention] = []
    for q in quotes:
        if q.how != "name" or q.speaker_mention is not None or q.speaker_start is None:
            continue
        phrase = q.speaker_text or ""
        found = name_run(phrase, res)
        if found is None:
            continue
        start, end = q.speaker_start + found[0], q.speaker_start + found[1]
        if text[start:end] != phrase[found[0] : found[1]] or (start, end) in taken:
            continue
        if any(m.start < end and start < m.end for m in mentions):
            continue  # a mention already covers part of it: the resolver chose not to use it
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if before and (before.group(1) in res.connectors or before.group(1) in AGENT_WORDS):
            continue  # "gestito da Trenord, la capotreno ... ha annunciato": not the subject
        name = text[start:end]
        entries = kb.candidates(name, lang)[0] if kb is not None else []
        known = [e for e in entries if e.type in ("PER", "ORG")]
        if len(known) == 1:
            e = known[0]
            m = Mention(name, start, end, e.type, source="rule", key=e.id,
                        evidence="speaker", label=e.name, country=e.country)  # fmt: skip
        else:
            m = Mention(name, start, end, "PER", source="rule", key=local_key("PER", name, lang),
                        evidence="speaker")  # fmt: skip
        added.append(m)
        taken.add((start, end))
    return added


def quotes_naming_speakers(
    text: str,
    lang: str,
    mentions: Sequence[Mention],
    describe: Callable[[str], str | None] | None = None,
    kb: KnowledgeBase | None = None,
) -> tuple[list[Quote], list[Mention]]:
    """The article's quotes, and its mentions with the speakers NER missed added (in start
    order): the quotes are attributed again when a name was added, so that pronouns and
    continued quotes after it find it too."""
    lang = (lang or "").lower().split("-")[0].split("_")[0]
    quotes = extract_quotes(text, lang, mentions, describe)
    res = load(lang) if quotes else None
    added = speaker_mentions(text, lang, quotes, mentions, res, kb) if res else []
    if not added:
        return quotes, list(mentions)
    merged = sorted([*mentions, *added], key=lambda m: m.start)
    return extract_quotes(text, lang, merged, describe), merged
