"""The main-process side: speakers become canonical entities, quotes become statements.

A statement is one thing someone said, however many outlets reported it and
in whichever language. A new quote joins a stored statement when

- both have the same speaker entity and their embeddings are close (the
  multilingual embedder places a translation or a paraphrase of the same
  words near the original: "nous ne pouvons pas exclure que Bakhmout tombe"
  and "we cannot rule out that Bakhmut will fall"), or
- they share most of their word trigrams (the same words, or a fragment of
  them: "in the next few days"), and the speakers do not contradict; or
- one side has no speaker and the embeddings are very close;

and they were reported within `window_days` of each other. Candidates come
from two indexed lookups (the speaker's most recent statements, statements
sharing a word trigram), never from a scan of all statements. Each batch is
stored before the next is grouped, so loading candidates per batch sees
everything earlier batches decided.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from ..config import StatementSettings
from ..entities.names import fold
from ..model import Document, Quote, Statement, StatementBatch


def word_keys(text: str) -> set[int]:
    """Hashes of the folded word trigrams of a quote (the whole quote when shorter)."""
    words = fold(text).split()
    if len(words) < 3:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2)}


def resolve_speakers(doc: Document) -> None:
    """A quote's speaker is the canonical entity of the mention naming it."""
    for quote in doc.quotes:
        i = quote.speaker_mention
        if i is not None and 0 <= i < len(doc.mentions):
            quote.speaker = doc.mentions[i].entity_id
        else:
            quote.speaker = None


def _why_folded(doc: Document, quote: Quote, kept: Statement, other: Statement) -> str:
    """The reason recorded when a stored statement is folded into another."""
    n = next((i for i, q in enumerate(doc.quotes) if q is quote), None)
    who = f"speaker {kept.speaker}" if kept.speaker else "no speaker named"
    return (
        f"the quote {doc.id}#q{n} reports the words of statement {kept.id} and of "
        f"statement {other.id} ({who}): they are one statement, kept as {kept.id}"
    )


class StatementGrouper:
    """Assigns every quote of a batch to a statement, opening new ones as needed."""

    def __init__(self, store, settings: StatementSettings) -> None:
        self.store = store
        self.settings = settings
        self.next_id = store.max_statement_id() + 1

    def assign(self, docs: Sequence[Document]) -> StatementBatch:
        for doc in docs:
            resolve_speakers(doc)
        # Longest first: a full quote should open the statement its fragments then join.
        quotes = sorted(
            ((doc, q, word_keys(q.text)) for doc in docs for q in doc.quotes),
            key=lambda item: -len(item[1].text),
        )
        if not quotes:
            return StatementBatch()
        speakers = sorted({q.speaker for _, q, _ in quotes if q.speaker})
        keys = sorted({k for _, _, ks in quotes for k in ks})
        pool: dict[int, Statement] = {
            s.id: s
            for s in self.store.statement_candidates(
                speakers, keys, self.settings.candidates_per_speaker
            )
        }
        by_speaker: dict[str, list[int]] = {}
        by_key: dict[int, set[int]] = {}
        for s in pool.values():
            self._index(s, by_speaker, by_key)
        touched: dict[int, Statement] = {}
        counted: set[tuple[int, str]] = set()
        merges: list[tuple[int, int]] = []
        notes: dict[int, tuple[str, str]] = {}
        for doc, quote, qkeys in quotes:
            ids = set(by_speaker.get(quote.speaker, ())) if quote.speaker else set()
            for k in qkeys:
                ids |= by_key.get(k, set())
            matches = self._matches(doc, quote, qkeys, [pool[i] for i in ids if i in pool])
            best = matches[0] if matches else None
            for other in matches[1:]:
                # Earlier batches split what this quote shows to be one statement
                # (a fragment stored before the full quote): fold them together.
                if other.speaker is None or other.speaker == best.speaker:
                    self._absorb(best, other)
                    merges.append((other.id, best.id))
                    notes[other.id] = (_why_folded(doc, quote, best, other), doc.id)
                    touched.pop(other.id, None)
                    del pool[other.id]
            if best is None:
                best = Statement(self.next_id, quote.speaker, quote.text, doc.lang, new=True)
                best.vector = quote.vector
                self.next_id += 1
                pool[best.id] = best
            elif best.speaker is None and quote.speaker:
                best.speaker = quote.speaker
            self._add(best, doc, quote, qkeys, (best.id, doc.id) not in counted)
            counted.add((best.id, doc.id))
            self._index(best, by_speaker, by_key, qkeys)
            quote.statement_id = best.id
            touched[best.id] = best
        return StatementBatch(list(touched.values()), merges, notes)

    # -- matching --------------------------------------------------------
    def _matches(
        self, doc: Document, quote: Quote, qkeys: set[int], candidates: list[Statement]
    ) -> list[Statement]:
        """Statements this quote reports, best first (the oldest of equals)."""
        cfg = self.settings
        day = doc.published.ordinal() if doc.published else None
        scored: list[tuple[float, int, Statement]] = []
        for s in candidates:
            if (
                day is not None
                and s.first_day is not None
                and s.last_day is not None
                and not s.first_day - cfg.window_days <= day <= s.last_day + cfg.window_days
            ):
                continue
            if quote.speaker and s.speaker and quote.speaker != s.speaker:
                continue  # two people saying the same words are two statements
            same = bool(quote.speaker) and quote.speaker == s.speaker
            shared = len(qkeys & s.keys)
            overlap = shared / min(len(qkeys), len(s.keys)) if qkeys and s.keys else 0.0
            cosine = (
                float(quote.vector @ s.vector)
                if quote.vector is not None and s.vector is not None
                else 0.0
            )
            lexical = overlap >= cfg.word_overlap and (
                shared >= cfg.min_shared_keys or len(qkeys) == 1
            )
            semantic = cosine >= (cfg.same_speaker_cosine if same else cfg.other_speaker_cosine)
            if lexical or semantic:
                bonus = cfg.same_speaker_bonus if same else 0.0
                scored.append((max(overlap, cosine) + bonus, -s.id, s))
        scored.sort(key=lambda item: item[:2], reverse=True)
        return [s for _, _, s in scored]

    def _absorb(self, keep: Statement, other: Statement) -> None:
        keep.quotes += other.quotes
        keep.documents += other.documents  # the store recounts distinct articles
        keep.languages |= other.languages
        keep.sources |= other.sources
        keep.keys |= set(sorted(other.keys)[: max(0, self.settings.max_keys - len(keep.keys))])
        if keep.speaker is None:
            keep.speaker = other.speaker
        if len(other.text) > len(keep.text):
            keep.text, keep.lang, keep.vector = other.text, other.lang, other.vector
        for day, iso in ((other.first_day, other.first_published),
                         (other.last_day, other.last_published)):  # fmt: skip
            if day is None:
                continue
            if keep.first_day is None or day < keep.first_day:
                keep.first_day, keep.first_published = day, iso
            if keep.last_day is None or day > keep.last_day:
                keep.last_day, keep.last_published = day, iso

    def _add(
        self, s: Statement, doc: Document, quote: Quote, qkeys: set[int], new_doc: bool
    ) -> None:
        s.quotes += 1
        if new_doc:
            s.documents += 1
        if doc.lang:
            s.languages.add(doc.lang)
        if doc.source:
            s.sources.add(doc.source)
        # The longest quote stands for the statement: a fragment ("in the next few
        # days") says too little to match the next outlet's full quote.
        if quote.vector is not None and (s.vector is None or len(quote.text) > len(s.text)):
            s.vector = quote.vector
        if len(quote.text) > len(s.text):
            s.text, s.lang = quote.text, doc.lang
        if len(s.keys) < self.settings.max_keys:
            s.keys |= set(sorted(qkeys)[: self.settings.max_keys - len(s.keys)])
        if doc.published is not None:
            day = doc.published.ordinal()
            iso = doc.published.isoformat()
            if s.first_day is None or day < s.first_day:
                s.first_day, s.first_published = day, iso
            if s.last_day is None or day > s.last_day:
                s.last_day, s.last_published = day, iso

    @staticmethod
    def _index(
        s: Statement,
        by_speaker: dict[str, list[int]],
        by_key: dict[int, set[int]],
        keys: set[int] | None = None,
    ) -> None:
        if s.speaker and s.id not in by_speaker.setdefault(s.speaker, []):
            by_speaker[s.speaker].append(s.id)
        for k in s.keys if keys is None else keys:
            by_key.setdefault(k, set()).add(s.id)
