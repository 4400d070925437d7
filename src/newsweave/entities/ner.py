"""Named-entity recognisers: spaCy pipelines where a shipped model exists, name lists elsewhere.

A recogniser turns a batch of texts into raw `Mention`s (surface, offsets,
coarse type). Deciding *which* entity a mention is belongs to `link`; here we
only find spans. spaCy runs NER only: the tagger, parser and lemmatizer cost
more than half the time and nothing downstream needs them.

Which languages get which recogniser is configuration (`entities.ner_models`);
any installed spaCy pipeline can be named, so a user with a larger model
(`en_core_web_trf`) swaps it in without code changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol

from ..errors import MissingDependency
from ..model import Mention

# spaCy label sets (OntoNotes for English, WikiNER for French and others) -> ours.
_LABELS = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "MISC": "MISC",
}
# Everything a NER-only run can skip; whichever of these a pipeline has is excluded.
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer",
               "senter", "trainable_lemmatizer"]  # fmt: skip


class Recogniser(Protocol):
    """Finds entity spans in a batch of texts of one language."""

    def recognise(self, texts: Sequence[str]) -> list[list[Mention]]: ...


class NullRecogniser:
    """For languages with neither a model nor a name list: no mentions."""

    def recognise(self, texts: Sequence[str]) -> list[list[Mention]]:
        return [[] for _ in texts]


class SpacyRecogniser:
    """A spaCy pipeline run NER-only, in batches through `nlp.pipe`."""

    def __init__(self, package: str, batch_size: int = 32, max_chars: int = 20_000) -> None:
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
            raise MissingDependency(
                "spaCy is not installed: pip install 'spacy>=3.8,<3.9'"
            ) from exc
        try:
            # `exclude` skips loading the weights too, not just running them.
            self.nlp = spacy.load(package, exclude=_NOT_NEEDED)
        except OSError as exc:
            raise MissingDependency(
                f"[E003] spaCy pipeline '{package}' is not installed. Install it "
                f"(`make install` installs the shipped ones), or change entities.ner_models"
            ) from exc
        self.package = package
        self.batch_size = batch_size
        self.max_chars = max_chars

    def recognise(self, texts: Sequence[str]) -> list[list[Mention]]:
        out: list[list[Mention]] = []
        cut = [t[: self.max_chars] for t in texts]
        for doc in self.nlp.pipe(cut, batch_size=self.batch_size):
            mentions = []
            for ent in doc.ents:
                kind = _LABELS.get(ent.label_)
                if kind is None:
                    continue
                mentions.append(Mention(ent.text, ent.start_char, ent.end_char, kind, "ner"))
            out.append(mentions)
        return out


# A candidate name: capitalised words, optionally joined by short lower-case
# particles (Institute for the Study of War, Organisation des Nations unies,
# Jean-Yves Le Drian, Bundesamt für Verfassungsschutz), or an acronym.
_CAP = r"[^\W\d_][\w'’\-.]*"
_PARTICLE = r"(?:of|for|the|and|de|du|des|la|le|les|d'|l'|von|van|der|die|für|del|de la|y|el|al|bin|da|do|dos)"
_CANDIDATE = re.compile(rf"(?<![\w])(?:{_CAP})(?:\s+(?:{_PARTICLE}\s+)*(?:{_CAP}))*", re.UNICODE)
_MAX_WORDS = 6


class NameListRecogniser:
    """Mentions from knowledge-base and gazetteer names, for languages without a model.

    Every run of capitalised words is looked up whole, then by its longest
    sub-spans; `lookup(text)` returns the type of a known name or None. This
    finds only names someone has listed, which is the point: precision over
    recall where no statistical model exists.
    """

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        self.lookup = lookup

    def recognise(self, texts: Sequence[str]) -> list[list[Mention]]:
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> list[Mention]:
        mentions: list[Mention] = []
        for m in _CANDIDATE.finditer(text):
            if not any(c.isupper() for c in m.group(0)[:1]):
                continue
            words = list(re.finditer(r"\S+", m.group(0)))
            mentions.extend(self._spans(text, m.start(), words))
        return mentions

    def _spans(self, text: str, base: int, words: list[re.Match[str]]) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        while i < len(words):
            hit = None
            for j in range(min(len(words), i + _MAX_WORDS), i, -1):
                start, end = base + words[i].start(), base + words[j - 1].end()
                surface = text[start:end].rstrip(".,;:’'")
                if not surface[:1].isupper():
                    break
                kind = self.lookup(surface)
                if kind:
                    hit = Mention(surface, start, start + len(surface), kind, "kb")
                    i = j
                    break
            if hit:
                found.append(hit)
            else:
                i += 1
        return found


@cache
def spacy_recogniser(package: str, batch_size: int, max_chars: int) -> SpacyRecogniser:
    """One pipeline per process and package, loaded on first use."""
    return SpacyRecogniser(package, batch_size, max_chars)
