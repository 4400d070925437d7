"""A spaCy pipeline run on a related language, its function words read as its own.

No Italian or Portuguese pipeline installs here; the Spanish one does. Its names are
written the same way in all three languages (capitals, "de"/"di"/"da" inside names),
but the words around them are not, and the model's context features (each token's
form, prefix, suffix and shape, hashed) have never seen "della", "nel" or "pelo".
`TransferRecogniser` tokenises the text with the model's own tokenizer, replaces each
listed word of the text's language by its counterpart in the model's language, one
token for one token (`language/<code>/transfer_<model code>.txt`: "della|de"), runs the
model on those tokens, and maps its entities back to the original offsets. Names are
never replaced (only lower-case words, and a capitalised one opening a sentence), so a
span's text is always the text's own.

Measured on the Italian and Portuguese dev files (raw model, exact span, PER/LOC/ORG):
Italian 32.9 -> 38.8 F1, Portuguese 45.8 -> 48.6 (docs/ner.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ..language.registry import find_language
from ..model import Mention
from .geocode import zipf
from .ner import _LABELS, SpacyRecogniser, blank_long_runs

_OPENERS = frozenset('.!?:;"«»“”()')
# A capitalised word of a noun-capitalising language read as a common noun: at least this
# frequent in its language (Zipf), and this much more frequent there than in any of
# `_OTHERS`; names are frequent in every language's news.
NOUN_ZIPF = 1.0
NOUN_MARGIN = 1.5
COMPOUND_ZIPF = 3.5  # the last part of a compound noun, "-vergleich" in "Monatsvergleich"
_OTHERS = ("en", "fr", "es", "it")


@cache
def transfer_words(lang: str | None, model_lang: str) -> dict[str, str]:
    """`lang`'s words and their counterparts in `model_lang`; empty when none are listed."""
    language = find_language(lang)
    if language is None or lang == model_lang:
        return {}
    out = {}
    for line in language.lines(f"transfer_{model_lang}.txt"):
        word, sep, other = line.partition("|")
        if sep and word.strip() and other.strip():
            out[word.strip().casefold()] = other.strip()
    return out


def common_noun(form: str, lang: str | None) -> bool:
    """A capitalised word that is a common word of `lang` and of no other (German
    "Kinder", "Regierung"), where names ("Berlin", "Merkel") are frequent in every
    language's news; or a compound ending in one ("Monatsvergleich")."""
    if not form[:1].isupper() or form.isupper() or not form.isalpha():
        return False
    own = zipf(form, lang)
    if own >= NOUN_ZIPF and own - max(zipf(form, other) for other in _OTHERS) >= NOUN_MARGIN:
        return True
    for cut in range(3, len(form) - 4):
        tail = form[cut:]
        if zipf(tail, lang) >= COMPOUND_ZIPF and common_noun(tail.capitalize(), lang):
            return True
    return False


def _inside_name(tokens: Any, i: int) -> bool:
    """The token at `i` stands between two capitalised words."""
    return (
        0 < i < len(tokens) - 1
        and tokens[i - 1].text[:1].isupper()
        and tokens[i + 1].text[:1].isupper()
    )


class TransferRecogniser:
    """`base`'s pipeline on texts of a related language (see the module's docstring)."""

    def __init__(
        self, base: SpacyRecogniser, words: dict[str, str], lang: str | None = None
    ) -> None:
        self.base = base
        self.words = words
        self.lang = lang
        language = find_language(lang)
        # German capitalises its nouns; the model reads a capital as a name.
        self.nouns = language is not None and language.capitalised_nouns

    def _noun(self, form: str) -> bool:
        return common_noun(form, self.lang)

    def _read_as_model(self, text: str) -> object:
        from spacy.tokens import Doc

        tokens = self.base.nlp.tokenizer(text)
        forms = []
        opens = True
        for i, token in enumerate(tokens):
            form = token.text
            other = self.words.get(form.casefold())
            if other is not None and _inside_name(tokens, i):
                other = None  # "Pieter de Wolff", "Lula da Silva": a particle of the name
            if other is not None and (form.islower() or (opens and form[:1].isupper())):
                form = other if form.islower() else other[:1].upper() + other[1:]
            elif self.nouns and self._noun(form):
                form = form.lower()
            forms.append(form)
            opens = token.text in _OPENERS or (opens and token.is_space)
        spaces = [bool(t.whitespace_) for t in tokens]
        return tokens, Doc(self.base.nlp.vocab, words=forms, spaces=spaces)

    def recognise(self, texts: Sequence[str]) -> list[list[Mention]]:
        cut = [blank_long_runs(t[: self.base.max_chars]) for t in texts]
        read = [self._read_as_model(t) for t in cut]
        docs = self.base.nlp.pipe((doc for _, doc in read), batch_size=self.base.batch_size)
        out: list[list[Mention]] = []
        for text, (tokens, _), doc in zip(cut, read, docs, strict=True):
            mentions = []
            for ent in doc.ents:
                kind = _LABELS.get(ent.label_)
                if kind is None:
                    continue
                first, last = tokens[ent.start], tokens[ent.end - 1]
                start, end = first.idx, last.idx + len(last.text)
                mentions.append(Mention(text[start:end], start, end, kind, "ner"))
            out.append(mentions)
        return out
