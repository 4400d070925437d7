"""The shared vocabulary: what flows between stages.

A document flows one way: readers yield `Document`s (or `Skipped` records),
each stage fills its own fields, the store keeps them, and stories are built
from stored documents. Stages never import each other's internals; they
exchange these types.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np

from .textcut import cut_text, drop_spans, few_words, first_words

_PARTIAL = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?"
    r"(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month, day or second precision.

    News metadata is often partial (`date 2023-02`); keeping the precision
    avoids inventing a day that the source never gave.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    # Minutes east of UTC the source gave with a time ("-03:00" is -180): the time stays
    # the source's local time, so its day is the day the source meant.
    offset: int | None = None

    @classmethod
    def parse(cls, value: str) -> PartialDate | None:
        """Read `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]`;
        None otherwise."""
        m = _PARTIAL.match(value.strip())
        if not m:
            return None
        parts: list[int | None] = [int(g) if g is not None else None for g in m.groups()[:6]]
        parts.append(zone_offset(m.group(7)))
        if 0 in parts[1:3]:
            return None  # month or day 00 is no date (start() would read it as 01)
        try:
            result = cls(*parts)
            result.start()  # validates month/day ranges
        except ValueError:
            return None
        return result

    @classmethod
    def from_datetime(cls, value: datetime | date) -> PartialDate:
        """A date, or a time with the offset it carries (none for a naive datetime)."""
        if isinstance(value, datetime):
            delta = value.utcoffset()
            offset = None if delta is None else int(delta.total_seconds() // 60)
            return cls(value.year, value.month, value.day, value.hour, value.minute,
                       value.second, offset)  # fmt: skip
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        if self.hour is not None:
            return "second"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def start(self) -> datetime:
        """The earliest instant the value can denote."""
        return datetime(
            self.year,
            self.month or 1,
            self.day or 1,
            self.hour or 0,
            self.minute or 0,
            self.second or 0,
        )

    def ordinal(self) -> float:
        """Days since 0001-01-01 at the middle of the period: a sort and distance key
        (a time with an offset counts in UTC, so sources in two zones compare)."""
        start = self.start()
        base = start.toordinal() + (start.hour * 3600 + start.minute * 60 + start.second) / 86400
        if self.hour is not None and self.offset:
            base -= self.offset / 1440
        if self.day is not None:
            return base + (0 if self.hour is not None else 0.5)
        if self.month is not None:
            return base + 14.5
        return base + 182

    def uncertainty_days(self) -> float:
        """Half the width of the period the value denotes."""
        return {"second": 0.0, "day": 0.5, "month": 15.0, "year": 182.0}[self.precision]

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
            if self.offset is not None:
                sign = "-" if self.offset < 0 else "+"
                text += f"{sign}{abs(self.offset) // 60:02d}:{abs(self.offset) % 60:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()


def zone_offset(zone: str | None) -> int | None:
    """Minutes east of UTC of `Z`, `UTC`, `GMT`, `+01:00`, `-0300`; None when absent or
    not a zone anyone uses."""
    if not zone:
        return None
    if zone.upper() in ("Z", "UTC", "GMT"):
        return 0
    digits = zone[1:].replace(":", "")
    if zone[0] not in "+-" or len(digits) != 4 or not digits.isdigit():
        return None
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        return None
    return (-1 if zone[0] == "-" else 1) * (hours * 60 + minutes)


def content_hash(text: str) -> str:
    """Hash of the normalised body: the same article re-ingested gets the same key."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = " ".join(folded.split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One article. Readers fill the metadata; later stages fill the rest."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    dateline: str | None = None
    declared_lang: str | None = None
    origin: str | None = None  # where it was read: path, path:line, path#record
    # Set when the text is longer than the model stages read (`Settings.max_model_chars`):
    # they read `text[:truncated_at]`, so no mention, quote or event lies beyond it.
    truncated_at: int | None = None
    # filled by stages
    lang: str | None = None
    lang_score: float | None = None
    hash: str | None = None
    duplicate_of: str | None = None
    duplicate_score: float | None = None
    features: Features | None = None
    embedding: np.ndarray | None = None
    story_id: int | None = None
    thread_id: int | None = None
    evidence: Evidence | None = None
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Spans of `text` its source repeats in many articles (menus, notices): kept in the
    # text, left out of what clustering and dedup compare (`content`).
    boilerplate: list[tuple[int, int]] = field(default_factory=list)

    def ensure_hash(self) -> str:
        if self.hash is None:
            self.hash = content_hash(self.text)
        return self.hash

    def content(self) -> str:
        """The text without its source's boilerplate lines: what clustering compares."""
        return drop_spans(self.text, self.boilerplate)

    def head(self, words: int = 200, max_chars: int | None = None) -> str:
        """Title and the first words of the content: what the embedder sees.

        At most `words` words of each (from the first `max_chars` of the content), and
        no word longer than `HEAD_WORD_CHARS`: one unbroken million-character "word"
        costs the embedder what a word does.
        """
        content = self.content()
        body = first_words(content if max_chars is None else cut_text(content, max_chars), words)
        title = few_words(self.title, words) if self.title else self.title
        return f"{title}. {body}" if title else body

    def model_text(self, limit: int) -> str:
        """The part of the body model stages read: at most `limit` code points (see
        `cut_text`). A longer body is marked: `truncated_at` is where the cut fell."""
        text = cut_text(self.text, limit)
        if len(text) < len(self.text):
            self.truncated_at = len(text)
        return text


ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass
class Mention:
    """A name in one article, with code-point offsets into `Document.text` (end-exclusive).

    `key` is the worker's proposal for its identity (a knowledge-base id, a
    GeoNames id or a folded name); `entity_id` is the canonical entity the
    main process settles on, shared across articles and languages.
    """

    text: str
    start: int
    end: int
    type: str  # one of ENTITY_TYPES
    source: str = "ner"  # ner | kb (alias match) | rule
    key: str | None = None
    entity_id: str | None = None
    evidence: str | None = None  # why key/entity_id were chosen: alias, gazetteer, surname...
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    label: str | None = None  # the name of the KB entry or place `key` points at


@dataclass
class KBEntry:
    """One knowledge-base entity: what linking and geocoding resolve names to.

    `id` is the Wikidata id when known for certain, otherwise a stable local
    id (`kb:<slug>`, `gn:<geonameid>`). `labels` maps language codes to the
    preferred name in that language; `aliases` are other names in any language.
    """

    id: str
    type: str  # PER | ORG | LOC | MISC
    name: str
    wikidata: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    population: int | None = None
    source: str = "curated"


@dataclass
class Timex:
    """A time expression with its TIMEX3-style normalised value.

    `value` follows TIMEX3: "2023-03-08", "2023-W10", "2023-03", "P1W",
    "PT2H", "XXXX-XX-XXTMO"; None when it cannot be normalised, for example a
    relative expression in an article without a publication date
    (`resolved` is then False and `anchor` says what was missing).
    """

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None = None
    resolved: bool = True
    anchor: str | None = None  # what a relative value was resolved against, e.g. "dct"


@dataclass
class Quote:
    """A direct quote and who said it.

    Speaker offsets point at the words that name the speaker in this article
    ("the Ukrainian minister", "il", "Stoltenberg"); `speaker_mention` is the
    index into `Document.mentions` of the mention it resolves to, when found.
    """

    text: str
    start: int
    end: int
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_mention: int | None = None
    speaker: str | None = None  # canonical entity id, filled in the main process
    cue: str | None = None  # the speech verb or "selon"/"according to"
    how: str | None = None  # how the speaker was found: name, pronoun, role, institution
    # The same words reported elsewhere (or translated) share a statement, settled in the
    # main process; `vector` is the quote's embedding, used for that and then dropped.
    statement_id: int | None = None
    vector: np.ndarray | None = field(default=None, repr=False, compare=False)


EVENT_TYPES = ("attack", "capture", "casualties", "statement", "meeting", "aid", "legal")


@dataclass
class Event:
    """A sentence-level record of who did what to whom, where and when.

    Offsets are code points into `Document.text`; `actors`, `targets`,
    `place` and `claimed_by` index `Document.mentions`, `timex` indexes
    `Document.timexes`. A claim made by someone ("Wagner says it took the
    east of Bakhmut", "selon Moscou") keeps who made it in `claimed_by`
    (a mention) or `claimed_by_text` (the words, when no mention names them):
    it is reported, not stated as fact. Entity ids are filled from the
    mentions in the main process.
    """

    type: str  # one of EVENT_TYPES
    action: str  # the trigger words as written ("shelled", "a revendiqué la prise")
    sentence_start: int
    sentence_end: int
    action_start: int
    action_end: int
    actors: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    place: int | None = None
    timex: int | None = None
    date: str | None = None  # TIMEX3 value: "2023-03-08", "2023-W10", "2023-03"
    date_text: str | None = None
    claimed_by: int | None = None
    claimed_by_text: str | None = None
    negated: bool = False  # "denied capturing", "n'a pas pris"


@dataclass
class Features:
    """Cheap lexical evidence an embedding misses (names, numbers, quoted words)."""

    names: dict[str, str] = field(default_factory=dict)  # key -> surface form seen first
    numbers: set[str] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)  # hashes of word trigrams inside quotes
    minhash: np.ndarray | None = None  # uint32 signature for near-duplicate search


@dataclass
class Evidence:
    """Why a document joined its story: kept so a user can see the reasons."""

    story_id: int
    score: float
    cosine: float
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    quotes: int = 0
    days: float | None = None
    opened: bool = False  # True when the document opened the story
    nearest: Evidence | None = None  # for an opened story: the closest one not joined

    def as_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "score": round(self.score, 4),
            "cosine": round(self.cosine, 4),
            "shared_names": self.names,
            "shared_numbers": self.numbers,
            "shared_quote_trigrams": self.quotes,
            "days_apart": None if self.days is None else round(self.days, 2),
            "opened_story": self.opened,
            "nearest_story": self.nearest.as_dict() if self.nearest else None,
        }


@dataclass
class Skipped:
    """An input item that could not be read, and why."""

    origin: str
    reason: str


@dataclass
class Story:
    id: int
    title: str | None
    thread_id: int | None
    size: int
    languages: list[str]
    first_published: PartialDate | None
    last_published: PartialDate | None
    documents: list[str] = field(default_factory=list)


@dataclass
class Thread:
    id: int
    title: str | None
    stories: list[int] = field(default_factory=list)
    first_published: PartialDate | None = None
    last_published: PartialDate | None = None


@dataclass
class IngestReport:
    """Counts for one ingest run, printed by the CLI and returned by the library."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0  # exact: same content already stored or seen in this run
    near_duplicates: int = 0
    skipped: int = 0
    stories_opened: int = 0
    truncated: int = 0  # stored articles the model stages read only the start of
    skipped_items: list[Skipped] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": self.skipped,
            "stories_opened": self.stories_opened,
            "truncated": self.truncated,
            "skipped_items": [{"origin": s.origin, "reason": s.reason} for s in self.skipped_items],
        }


# -- what the main-process stages hand to the store ------------------------------


@dataclass
class Group:
    """Running state of a story or a thread: enough to score and to persist."""

    id: int
    vector_sum: np.ndarray
    size: int = 0
    names: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    quotes: set[int] = field(default_factory=set)
    languages: Counter[str] = field(default_factory=Counter)
    first: PartialDate | None = None
    last: PartialDate | None = None
    title: str | None = None
    parent: int | None = None  # thread id for a story
    members: int = 0  # stories in a thread
    date_sum: float = 0.0  # sum of ordinals of dated members, for the mean date
    dated: int = 0
    dirty: bool = False

    @property
    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def add(self, doc: Document) -> None:
        assert doc.embedding is not None and doc.features is not None
        self.vector_sum = self.vector_sum + doc.embedding.astype(np.float32)
        self.size += 1
        self.names.update(doc.features.names.keys())
        self.numbers.update(doc.features.numbers)
        if len(self.quotes) < 5000:
            self.quotes |= doc.features.quotes
        if doc.lang:
            self.languages[doc.lang] += 1
        if doc.published is not None:
            if doc.published.day is not None:
                self.date_sum += doc.published.ordinal()
                self.dated += 1
            if self.first is None or doc.published.ordinal() < self.first.ordinal():
                self.first = doc.published
            if self.last is None or doc.published.ordinal() > self.last.ordinal():
                self.last = doc.published
        if self.title is None and doc.title:
            self.title = doc.title
        self.dirty = True

    def days_from(self, when: PartialDate | None, month_day: str | None = None) -> float | None:
        """Days between a date and the group's mean date, less the date's vagueness.

        The mean, not the span: a span grows with every article that joins,
        which would let a story drift day by day into a week-long chain. Only
        dates precise to the day set the mean. A dateline without a year
        (`KYIV, March 8`) is placed in the year nearest to the mean.
        """
        if self.dated == 0:
            return None
        mean = self.date_sum / self.dated
        if when is None and month_day:
            when = _nearest_year(month_day, mean)
        if when is None:
            return None
        gap = abs(when.ordinal() - mean)
        return max(0.0, gap - when.uncertainty_days())


def _nearest_year(month_day: str, mean: float) -> PartialDate | None:
    """`--03-08` in the year that puts it nearest to the ordinal `mean`."""
    try:
        month, day = int(month_day[2:4]), int(month_day[5:7])
        year = date.fromordinal(int(mean)).year
        options = [PartialDate(y, month, day) for y in (year - 1, year, year + 1)]
        return min(options, key=lambda d: abs(d.ordinal() - mean))
    except (ValueError, IndexError):
        return None


@dataclass
class EntityRecord:
    """A canonical entity as stored: one per real-world entity seen in the articles."""

    id: str
    type: str
    name: str
    kb_id: str | None = None
    wikidata: str | None = None
    description: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    documents: int = 0
    merged_into: str | None = None
    context: dict[str, int] = field(default_factory=dict)


@dataclass
class EntityBatch:
    """What the canonicaliser decided for one batch, written in the batch's transaction."""

    new: list[EntityRecord] = field(default_factory=list)
    keys: list[tuple[str, str, str]] = field(default_factory=list)  # key, kind, entity id
    aliases: dict[tuple[str, str, str], tuple[int, str]] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> mentions, docs
    context: dict[str, dict[str, int]] = field(default_factory=dict)
    merges: list[tuple[str, str, str]] = field(default_factory=list)  # source, target, evidence
    merge_docs: dict[str, str] = field(default_factory=dict)  # source -> article that merged it

    def __bool__(self) -> bool:
        return bool(self.new or self.keys or self.aliases or self.counts or self.merges)


@dataclass
class Statement:
    """One thing someone said, however many articles (and languages) reported it."""

    id: int
    speaker: str | None
    text: str
    lang: str | None
    vector: np.ndarray | None = None
    keys: set[int] = field(default_factory=set)
    first_day: float | None = None
    last_day: float | None = None
    first_published: str | None = None
    last_published: str | None = None
    quotes: int = 0
    documents: int = 0
    languages: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    new: bool = False


@dataclass
class StatementBatch:
    """Statements a batch opened or extended, written in the batch's transaction."""

    statements: list[Statement] = field(default_factory=list)
    merges: list[tuple[int, int]] = field(default_factory=list)  # (absorbed id, kept id)
    # absorbed id -> (why, the article whose quote joined the two): the store's id_changes
    merge_notes: dict[int, tuple[str, str]] = field(default_factory=dict)


@dataclass
class BatchResult:
    """Everything one batch adds to the store, written in one transaction."""

    docs: list[Document] = field(default_factory=list)
    lsh_keys: dict[str, list[int]] = field(default_factory=dict)  # doc id -> LSH band keys
    stories: list[Group] = field(default_factory=list)  # changed stories
    threads: list[Group] = field(default_factory=list)  # changed threads
    skipped: list[Skipped] = field(default_factory=list)
    name_df: Counter[str] = field(default_factory=Counter)  # name key -> documents naming it
    entities: EntityBatch | None = None
    statements: StatementBatch | None = None
    # source -> (articles added, line key -> articles holding it): boilerplate counts.
    boilerplate: dict[str, tuple[int, Counter[int]]] = field(default_factory=dict)
