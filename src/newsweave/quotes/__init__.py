"""Direct quotes and who said them, in English, French, German, Spanish and Italian.

    from newsweave.quotes import extract_quotes
    quotes = extract_quotes(doc.text, doc.lang, doc.mentions, describe=kb.describe)

Two steps, each cheap enough to run on every article (no parser; an article
without a quotation mark or dialogue dash returns at once): `extract` finds
the quoted spans from the typography, `attribute` finds the speech cue and
speaker phrase of each, and `speakers`/`coref` resolve the phrase to an
entity mention. Word lists live in `language/<code>/` (speech_verbs,
pronouns, titles, roles, institutions, function_words, first_names,
demonyms), found through the language registry; other languages get spans
without speakers.

Conventions of the returned `Quote`s:

- `text` is the quoted content without its marks (and without the comma of
  "…," he said); `text == article[start:end]`.
- A quote split by its attribution ("…," he said, "…", or « A, a-t-il dit,
  B ») is two quotes with the same speaker: a merged span would have to
  contain the attribution.
- A quote running over paragraphs is one quote per paragraph, all with the
  speaker found anywhere in the run.
- `how` is name, pronoun, role or institution. A dropped Spanish or Italian
  subject ("«…», dijo.", "«…», ha detto.") counts as a pronoun whose speaker offsets are those of the
  person it resolves to (no words of its own name the speaker).
- A bare quote that follows an attributed one in the same paragraph (or
  opens the next paragraph, nobody else named in between) continues it.
- Short quotes without a speaker (fewer than four words: scare quotes) and
  titles ("Face the Nation") are not returned; unattributed dialogue dashes
  neither, as dashes also open lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Mention, Quote
from .attribute import attribute_spans
from .extract import PREFILTER, QuoteSpan, find_spans

__all__ = ["QuoteSpan", "extract_quotes", "find_spans"]


def extract_quotes(
    text: str,
    lang: str,
    mentions: Sequence[Mention] = (),
    describe: Callable[[str], str | None] | None = None,
) -> list[Quote]:
    """Direct quotes of one article with their speakers, in text order.

    `mentions` are the article's entity mentions (code-point offsets);
    `Quote.speaker_mention` indexes into them. `describe(key)` may return a
    role description of an entity ("Secretary General of NATO") so that role
    speakers ("the alliance chief") can be matched to a person. A quote
    whose speaker cannot be found keeps `speaker_text=None`.
    """
    if not text or not PREFILTER.search(text):
        return []
    lang = (lang or "").lower().split("-")[0].split("_")[0]  # "en-GB", "fr_FR" -> en, fr
    spans = find_spans(text, lang)
    if not spans:
        return []
    return attribute_spans(text, lang, spans, mentions, describe)
