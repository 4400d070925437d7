"""Events and speakers on real news: the pipeline scored on the hand-annotated real-text gold.

    python eval/realtext.py                # en, fr, es, de, it, then overall
    python eval/realtext.py --lang fr      # one language
    python eval/realtext.py --errors 20    # also print misses, extras and speaker errors
    python eval/realtext.py --json
    python eval/events.py --real           # the same

The gold (examples/gold/real/, guide in its README.md) annotates every event
of the seven types and every direct quote of 15 real articles per language,
chosen by eval/realsample.py. It stores offsets, trigger words, names and a
sha256 of each text, never the text: the articles are read here from
../shared/eval/ and the run stops if a text's digest is not the gold's.

The pipeline is the real one: the worker stages language, entities, timex,
quotes and events (settings.stages, embedding left out: no stage scored here
reads it), with the shipped knowledge base, on each article with its date.
Whatever falls in a gold `ignore` range (teaser lists, comments: page
furniture, not the article) is dropped before scoring, right or wrong.

What is scored, per language:

- Events, detection P/R/F1: a predicted event matches a gold one when its
  sentence holds the gold trigger and its action overlaps the trigger (or one
  of the gold's `also` words); one-to-one, same type first.
- Type accuracy: the share of matched events with the gold type.
- With actor: the share of predicted events that name an actor (the figure
  an analyst sees; the issue's target is 60%). Actor right: over matched
  gold events that have actors, the share where some predicted actor is one
  of them (names compared as below).
- Date: the share of matched events whose date equals the gold value (both
  null counts as right).
- Quotes: detection P/R by overlap with the gold content spans. Speaker
  precision: of the matched quotes we attribute to a named speaker (a
  mention), the share whose speaker is the gold one; a speaker given where
  the gold has none (the text names nobody) is wrong. Attributed: the share
  of gold quotes with a named speaker that we attribute to some mention.
  Speaker recall: the share of those we attribute rightly.

Names: the gold writes canonical English names ("Syrian Army", "Kofi Annan"),
the text writes "l'armée", "M. Annan". A predicted mention is that name when
its text, its knowledge-base label, name, labels or aliases fold to it, or
when it shares the gold's last distinctive word ("Annan", "Assad"; a country and
its people's adjective count as one word, as the hand-written gold writes "Russian"
for "Russian missiles"): words such as "government", "army" or "Syrian" do not
count on their own. This
errs towards calling a right name wrong (a Spanish "Tantaui" for "Tantawi").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realsample import SHARED, digest, read

from newsweave.config import Settings, load_settings
from newsweave.entities.extract import knowledge_base
from newsweave.entities.knowledge import ensure_curated
from newsweave.entities.names import fold
from newsweave.model import Document, Event, PartialDate, Quote
from newsweave.stages import build_stages, run_stages
from newsweave.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold" / "real"
LANGS = ("en", "fr", "es", "de", "it")
STAGES = ("language", "entities", "timex", "quotes", "events")
# Words that name no one on their own: "Syrian Army" and "Syrian Observatory" are not one
# speaker, "Egyptian police" and "Berlin Police" neither.
_GENERIC_WORDS = (
    "the of and for de la le les el los las del army government forces force ministry "
    "police council national united states state nations president minister office air "
    "general command coalition opposition rebels movement committees embassy television "
    "syrian libyan egyptian iraqi russian french british american yemeni iranian israeli "
    "defence defense foreign affairs human rights security"
)
GENERIC = frozenset(_GENERIC_WORDS.split())


class DigestError(RuntimeError):
    """The shared text is not the one the gold was written on."""


@dataclass
class Article:
    id: str
    lang: str
    text: str
    published: PartialDate | None
    events: list[dict]
    quotes: list[dict]
    ignore: list[tuple[int, int]]
    doc: Document | None = None


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load(lang: str, gold: Path = GOLD, shared: Path = SHARED) -> list[Article]:
    """The gold of one language joined to its texts; DigestError when a text changed."""
    events = _rows(gold / f"events-{lang}.jsonl")
    quotes = {r["id"]: r for r in _rows(gold / f"quotes-{lang}.jsonl")}
    source = read(lang, shared)
    articles = []
    for row in events:
        art = source.get(row["id"])
        if art is None or digest(art["text"]) != row["sha256"]:
            raise DigestError(f"{lang} {row['id']}: text missing or changed (sha256 differs)")
        if quotes[row["id"]]["sha256"] != row["sha256"]:
            raise DigestError(f"{lang} {row['id']}: events and quotes gold disagree on the text")
        date = art.get("date") or art.get("published")
        articles.append(
            Article(
                row["id"],
                lang,
                art["text"],
                PartialDate.parse(date[:10]) if date else None,
                row["events"],
                quotes[row["id"]]["quotes"],
                [(a, b) for a, b in row["ignore"]],
            )
        )
    return articles


def settings_for(db: str) -> Settings:
    """The worker stages this scorer reads, one process, quotes not embedded."""
    return load_settings(db=db, workers=0, stages=STAGES, statements={"min_quote_words": 10**9})


def annotate(articles: Sequence[Article], settings: Settings) -> None:
    """Run the real worker stages on the articles."""
    store = open_store(settings.db)
    ensure_curated(store)
    store.close()
    docs = [Document(a.id, a.text, lang=a.lang, published=a.published) for a in articles]
    run_stages(docs, build_stages(settings))
    for article, doc in zip(articles, docs, strict=True):
        article.doc = doc


# --- names --------------------------------------------------------------------------


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", fold(name)) if w]


def _distinctive(name: str) -> str | None:
    words = [w for w in _words(name) if w not in GENERIC and len(w) > 2]
    return words[-1] if words else None


def predicted_names(article: Article, k: int, kb_names: dict[str, list[str]]) -> list[str]:
    """What mention k is called: its words, its KB label, the entry's names."""
    m = article.doc.mentions[k]  # type: ignore[union-attr]
    names = [m.text] + ([m.label] if m.label else [])
    return names + kb_names.get(m.key or "", [])


def same_name(gold: str, names: Sequence[str]) -> bool:
    """Whether one of the predicted names is the gold name (see the module docstring)."""
    g = fold(gold).replace(" ", "")
    if any(fold(n).replace(" ", "") == g for n in names):
        return True
    want = _distinctive(gold)
    pred = {w for n in names for w in _words(n)}
    if want is not None and any(_akin(want, w) for w in pred):
        return True
    own = _distinctive(names[0]) if names else None
    return own is not None and any(_akin(own, w) for w in _words(gold))


def _akin(a: str, b: str) -> bool:
    """The same word, or a country and its people ("Israel", "Israeli"; "Russia", "Russian")."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 5 and long.startswith(short) and len(long) - len(short) <= 2)


def _kb_names(articles: Sequence[Article], settings: Settings) -> dict[str, list[str]]:
    kb = knowledge_base(settings)
    found: dict[str, list[str]] = {}
    for a in articles:
        for m in a.doc.mentions:  # type: ignore[union-attr]
            if m.key and m.key not in found:
                entry = kb.entry(m.key)
                found[m.key] = [entry.name, *entry.labels.values(), *entry.aliases] if entry else []
    return found


# --- scoring ------------------------------------------------------------------------


@dataclass
class Tally:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    typed: int = 0
    with_actor: int = 0
    gold_actors: int = 0
    actor_right: int = 0
    dated: int = 0
    q_gold: int = 0
    q_named: int = 0
    q_predicted: int = 0
    q_found: int = 0
    q_right_spans: int = 0
    attributed: int = 0
    attributed_named: int = 0
    speaker_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)

    def result(self, name: str) -> dict[str, object]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        p, r = share(self.matched, self.predicted), share(self.matched, self.gold)
        return {
            "set": name,
            "articles": self.articles,
            "events_gold": self.gold,
            "events_predicted": self.predicted,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "type_accuracy": share(self.typed, self.matched),
            "with_actor": share(self.with_actor, self.predicted),
            "actor_right": share(self.actor_right, self.gold_actors),
            "date_accuracy": share(self.dated, self.matched),
            "quotes_gold": self.q_gold,
            "quotes_predicted": self.q_predicted,
            "quote_precision": share(self.q_right_spans, self.q_predicted),
            "quote_recall": share(self.q_found, self.q_gold),
            "speaker_precision": share(self.speaker_right, self.attributed),
            "attributed": share(self.attributed_named, self.q_named),
            "speaker_recall": share(self.speaker_right, self.q_named),
        }


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _spans(g: dict) -> list[tuple[int, int]]:
    return [(g["start"], g["end"]), *((a, b) for a, b, _ in g.get("also", []))]


def pair_events(gold: Sequence[dict], events: Sequence[Event]) -> list[tuple[dict, Event]]:
    """One-to-one matches: the gold trigger in the event's sentence, overlapping its action."""
    pairs: list[tuple[dict, Event]] = []
    used: set[int] = set()
    for same_type in (True, False):
        for g in gold:
            if any(g is p for p, _ in pairs):
                continue
            for k, e in enumerate(events):
                if k in used or (same_type and e.type != g["type"]):
                    continue
                if not e.sentence_start <= g["start"] < e.sentence_end:
                    continue
                if any(e.action_start < b and a < e.action_end for a, b in _spans(g)):
                    used.add(k)
                    pairs.append((g, e))
                    break
    return pairs


def _overlap(q: Quote, g: dict) -> int:
    return max(0, min(q.end, g["end"]) - max(q.start, g["start"]))


def _speaker_ok(g: dict, names: list[str]) -> bool:
    if g["speaker"] is None:
        return False
    return any(same_name(w, names) for w in [g["speaker"], *g.get("speaker_also", [])])


def score_events(a: Article, kb_names: dict[str, list[str]], tally: Tally) -> None:
    events = [e for e in a.doc.events if not _inside(e.action_start, a.ignore)]  # type: ignore[union-attr]
    tally.gold += len(a.events)
    tally.predicted += len(events)
    tally.with_actor += sum(bool(e.actors) for e in events)
    pairs = pair_events(a.events, events)
    tally.matched += len(pairs)
    for g, e in pairs:
        tally.typed += g["type"] == e.type
        tally.dated += g["date"] == e.date
        names = [predicted_names(a, k, kb_names) for k in e.actors]
        if g["actors"]:
            tally.gold_actors += 1
            ok = any(same_name(w, n) for w in g["actors"] for n in names)
            tally.actor_right += ok
            if not ok:
                got = [n[0] for n in names]
                tally.errors.append(f"{a.id} actor [{e.action}] gold={g['actors']} got={got}")
        if g["type"] != e.type:
            tally.errors.append(f"{a.id} type [{e.action}] gold={g['type']} got={e.type}")
    matched_g = {id(g) for g, _ in pairs}
    matched_e = {id(e) for _, e in pairs}
    tally.errors += [
        f"{a.id} missed {g['type']} [{g['trigger']}] @{g['start']}"
        for g in a.events
        if id(g) not in matched_g
    ]
    tally.errors += [
        f"{a.id} extra {e.type} [{e.action}] @{e.action_start}"
        for e in events
        if id(e) not in matched_e
    ]


def score_quotes(a: Article, kb_names: dict[str, list[str]], tally: Tally) -> None:
    quotes = [q for q in a.doc.quotes if not _inside(q.start, a.ignore)]  # type: ignore[union-attr]
    tally.q_gold += len(a.quotes)
    tally.q_named += sum(g["speaker"] is not None for g in a.quotes)
    tally.q_predicted += len(quotes)
    tally.q_right_spans += sum(any(_overlap(q, g) for g in a.quotes) for q in quotes)
    for g in a.quotes:
        found = [q for q in quotes if _overlap(q, g)]
        if not found:
            tally.errors.append(f"{a.id} missed quote @{g['start']} speaker={g['speaker']}")
            continue
        tally.q_found += 1
        q = max(found, key=lambda q: _overlap(q, g))
        if q.speaker_mention is None:
            if g["speaker"] is not None:
                got = q.speaker_text
                tally.errors.append(
                    f"{a.id} unattributed @{g['start']} gold={g['speaker']} ({got})"
                )
            continue
        tally.attributed += 1
        tally.attributed_named += g["speaker"] is not None
        names = predicted_names(a, q.speaker_mention, kb_names)
        if _speaker_ok(g, names):
            tally.speaker_right += 1
        else:
            tally.errors.append(
                f"{a.id} speaker @{g['start']} gold={g['speaker']} got={names[0]!r} ({q.how})"
            )


def evaluate(langs: Sequence[str], settings: Settings) -> dict[str, Tally]:
    """Tallies per language."""
    tallies = {}
    for lang in langs:
        articles = load(lang)
        annotate(articles, settings)
        kb_names = _kb_names(articles, settings)
        tally = Tally(articles=len(articles))
        for a in articles:
            score_events(a, kb_names, tally)
            score_quotes(a, kb_names, tally)
        tallies[lang] = tally
    return tallies


def _print(r: dict[str, object]) -> None:
    def pct(key: str) -> str:
        value = r[key]
        assert isinstance(value, float)
        return f"{100 * value:5.1f}"

    print(
        f"{r['set']:<8} {r['articles']:3d} art  events {r['events_gold']:3d} gold "
        f"{r['events_predicted']:3d} pred  P {pct('precision')} R {pct('recall')} "
        f"F1 {pct('f1')}  type {pct('type_accuracy')}  with actor {pct('with_actor')}  "
        f"actor right {pct('actor_right')}  date {pct('date_accuracy')}"
    )
    print(
        f"{'':<8}          quotes {r['quotes_gold']:3d} gold {r['quotes_predicted']:3d} pred  "
        f"P {pct('quote_precision')} R {pct('quote_recall')}  speaker P "
        f"{pct('speaker_precision')}  attributed {pct('attributed')}  "
        f"speaker R {pct('speaker_recall')}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--lang", action="append", choices=LANGS)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per language")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    langs = args.lang or list(LANGS)
    try:
        with tempfile.TemporaryDirectory(prefix="newsweave-real-") as tmp:
            tallies = evaluate(langs, settings_for(str(Path(tmp) / "kb.db")))
    except DigestError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    results = [t.result(lang) for lang, t in tallies.items()]
    if len(tallies) > 1:
        total = Tally()
        for t in tallies.values():
            total.add(t)
        results.append(total.result("overall"))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for r in results:
        _print(r)
        tally = tallies.get(str(r["set"]))
        if args.errors and tally:
            for line in tally.errors[: args.errors]:
                print("    " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
