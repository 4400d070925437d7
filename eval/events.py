"""Events and claims: detection, type and argument accuracy on hand-written articles.

    python eval/events.py                 # development sets (en, fr, de, es), then overall
    python eval/events.py --fresh         # the held-out sets as well (<lang>.fresh.jsonl)
    python eval/events.py --set fr        # one set: en | fr | de | es | it | en.fresh ...
    python eval/events.py --errors 20     # also print misses, extras and argument errors
    python eval/events.py --json
    python eval/events.py --real          # real news instead: eval/realtext.py (its options follow)

The articles in tests/data/events/ were written for this evaluation (invented
prose in the style of war and politics news). <lang>.jsonl were used while
writing the rules; <lang>.fresh.jsonl were written at the same time, before
any rule, and are scored only to check that the figures hold on text the
rules never saw.

The pipeline is the real one up to this stage: mentions from the entity stage
(spaCy for en/fr, knowledge-base names for de/es), time expressions from
find_timexes anchored on the gold publication date, quotes from
extract_quotes. So an argument the entity stage does not name (French
lower-case demonyms: "les forces russes") counts as an error here.

What is scored:

- Detection P/R/F1: a predicted event matches a gold one when its sentence
  holds the gold trigger and its action overlaps the trigger (or one of the
  listed alternative words for the same act). Matching is one-to-one, same
  type first.
- Type accuracy: the share of matched events with the gold type.
- Argument accuracy, over matched events: actors and targets are right when
  every gold string shares a content word with some predicted mention and
  every predicted mention with some gold string (both empty is right); place
  and claimed_by when the predicted words share a content word with the gold
  string (or one of its alternatives), or both are empty; date when the
  TIMEX3 value is equal; negated when equal.
- Time: extract_events alone, CPU time, fastest of --repeat passes, per 500
  words of article text.

Gold format (one article per line): {"id", "lang", "published", "text",
"events": [{"type", "trigger": words or [words, alternatives...], "n": which
occurrence of the trigger (default 0), "actors": [..], "targets": [..],
"place": str | [alternatives] | null, "date": value | null, "claimed_by": str
| [alternatives] | null, "negated": bool (default false)}]}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.config import Settings, load_settings
from newsweave.entities.extract import extract_entities
from newsweave.entities.knowledge import ensure_curated
from newsweave.events import extract_events
from newsweave.model import Document, Event, Mention, PartialDate
from newsweave.quotes import extract_quotes
from newsweave.store import open_store
from newsweave.timex import find_timexes

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "events"
LANGS = ("en", "fr", "de", "es")
ARGUMENTS = ("actors", "targets", "place", "date", "claimed_by", "negated")
_WORD = re.compile(r"\w+")
# Words that do not identify a participant: "the defence ministry" and "Russia's defence
# ministry" share "defence ministry", not "the".
_STOP_WORDS = (
    "the a an of in at on to for and s le la les l de du des d et à au aux en der die das "
    "den dem des von und im am el los las del y en al un una il lo gli i di da dal dalla dello "
    "della delle dei degli dell nel nella"
)
STOP = frozenset(_STOP_WORDS.split())


@dataclass
class Gold:
    type: str
    spans: list[tuple[int, int]]  # the trigger, then alternative words for the same act
    actors: list[str]
    targets: list[str]
    place: list[str]  # alternatives; empty when none
    date: str | None
    claimed_by: list[str]
    negated: bool


@dataclass
class Article:
    id: str
    lang: str
    text: str
    published: PartialDate | None
    gold: list[Gold]
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    seconds: float = 0.0


def _find(text: str, needle: str, n: int = 0, near: int | None = None) -> tuple[int, int]:
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    hits = [m.start() for m in re.finditer(pattern, text)]
    if not hits:
        raise ValueError(f"{needle!r} is not in the text")
    start = hits[n] if near is None else min(hits, key=lambda h: abs(h - near))
    return start, start + len(needle)


def _alternatives(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def load(path: Path) -> list[Article]:
    articles = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        gold = []
        for g in row["events"]:
            words = _alternatives(g["trigger"])
            first = _find(text, words[0], g.get("n", 0))
            spans = [first] + [_find(text, w, near=first[0]) for w in words[1:]]
            gold.append(
                Gold(
                    g["type"],
                    spans,
                    g.get("actors", []),
                    g.get("targets", []),
                    _alternatives(g.get("place")),
                    g.get("date"),
                    _alternatives(g.get("claimed_by")),
                    bool(g.get("negated", False)),
                )
            )
        published = PartialDate.parse(row["published"]) if row.get("published") else None
        articles.append(Article(row["id"], row["lang"], text, published, gold))
    return articles


def prepare(settings: Settings) -> None:
    """The entity stage needs the shipped knowledge base in the settings' database."""
    store = open_store(settings.db)
    ensure_curated(store)
    store.close()


def annotate(articles: list[Article], settings: Settings, repeat: int) -> None:
    """Run the stages before ours for real, then time extract_events alone."""
    docs = [Document(a.id, a.text, lang=a.lang, published=a.published) for a in articles]
    extract_entities(docs, settings)
    for article, doc in zip(articles, docs, strict=True):
        article.mentions = doc.mentions
        timexes = find_timexes(article.text, article.lang, article.published)
        quotes = extract_quotes(article.text, article.lang, doc.mentions)
        best = float("inf")
        for _ in range(max(1, repeat)):  # the fastest pass: the machine is shared
            started = time.process_time()
            events = extract_events(article.text, article.lang, doc.mentions, timexes, quotes)
            best = min(best, time.process_time() - started)
        article.events, article.seconds = events, best


# --- scoring -----------------------------------------------------------------------


def _content(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").casefold()) if w not in STOP}


def _same(pred: str | None, gold: list[str]) -> bool:
    if not gold or pred is None:
        return not gold and pred is None
    words = _content(pred)
    return any(words & _content(g) for g in gold)


def _pair(article: Article) -> list[tuple[Gold, Event]]:
    """One-to-one matches: the gold trigger in the event's sentence, overlapping its action."""
    pairs: list[tuple[Gold, Event]] = []
    used: set[int] = set()
    for same_type in (True, False):
        for g in article.gold:
            if any(g is p for p, _ in pairs):
                continue
            for k, e in enumerate(article.events):
                if k in used or (same_type and e.type != g.type):
                    continue
                if not e.sentence_start <= g.spans[0][0] < e.sentence_end:
                    continue
                if any(e.action_start < b and a < e.action_end for a, b in g.spans):
                    used.add(k)
                    pairs.append((g, e))
                    break
    return pairs


def _predicted(article: Article, e: Event) -> dict[str, object]:
    def name(k: int | None) -> str | None:
        return None if k is None else article.mentions[k].text

    return {
        "actors": [article.mentions[k].text for k in e.actors],
        "targets": [article.mentions[k].text for k in e.targets],
        "place": name(e.place),
        "date": e.date,
        "claimed_by": name(e.claimed_by) if e.claimed_by is not None else e.claimed_by_text,
        "negated": e.negated,
    }


def _right(arg: str, g: Gold, pred: dict[str, object]) -> bool:
    got = pred[arg]
    if arg in ("actors", "targets"):
        want: list[str] = getattr(g, arg)
        assert isinstance(got, list)
        return all(any(_same(p, [w]) for p in got) for w in want) and all(
            _same(p, want) for p in got
        )
    if arg in ("place", "claimed_by"):
        return _same(got if isinstance(got, str) else None, getattr(g, arg))
    return got == getattr(g, arg)


@dataclass
class Tally:
    articles: int = 0
    words: int = 0
    seconds: float = 0.0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    typed: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ARGUMENTS, 0))
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("articles", "words", "seconds", "gold", "predicted", "matched", "typed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for arg in ARGUMENTS:
            self.right[arg] += other.right[arg]

    def result(self, name: str) -> dict[str, object]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        m = self.matched or 1
        return {
            "set": name,
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "type_accuracy": self.typed / m,
            **{f"{arg}_accuracy": self.right[arg] / m for arg in ARGUMENTS},
            "ms_per_500_words": 1000 * self.seconds / max(1, self.words) * 500,
        }


def score(articles: Sequence[Article]) -> Tally:
    tally = Tally()
    for a in articles:
        tally.articles += 1
        tally.words += len(a.text.split())
        tally.seconds += a.seconds
        tally.gold += len(a.gold)
        tally.predicted += len(a.events)
        pairs = _pair(a)
        tally.matched += len(pairs)
        for g, e in pairs:
            tally.typed += g.type == e.type
            pred = _predicted(a, e)
            wrong = []
            for arg in ARGUMENTS:
                ok = _right(arg, g, pred)
                tally.right[arg] += ok
                if not ok:
                    wrong.append(f"{arg} gold={getattr(g, arg)!r} got={pred[arg]!r}")
            if g.type != e.type:
                wrong.insert(0, f"type gold={g.type} got={e.type}")
            if wrong:
                tally.errors.append(f"{a.id} [{e.action}] " + "; ".join(wrong))
        matched_gold = {id(g) for g, _ in pairs}
        matched_pred = {id(e) for _, e in pairs}
        for g in a.gold:
            if id(g) not in matched_gold:
                s, t = g.spans[0]
                tally.errors.append(f"{a.id} missed {g.type} [{a.text[s:t]}]")
        for e in a.events:
            if id(e) not in matched_pred:
                tally.errors.append(f"{a.id} extra {e.type} [{e.action}]")
    return tally


# --- running -----------------------------------------------------------------------


def evaluate(names: Sequence[str], settings: Settings, repeat: int = 5) -> dict[str, Tally]:
    """Tallies per set name ("en", "fr.fresh"...), for the sets present in tests/data/events."""
    prepare(settings)
    tallies = {}
    for name in names:
        path = GOLD / f"{name}.jsonl"
        if not path.is_file():
            continue
        articles = load(path)
        annotate(articles, settings, repeat)
        tallies[name] = score(articles)
    return tallies


def _print(r: dict[str, object]) -> None:
    def pct(key: str) -> str:
        value = r[key]
        assert isinstance(value, float)
        return f"{100 * value:5.1f}"

    args = "  ".join(f"{a} {pct(a + '_accuracy')}" for a in ARGUMENTS)
    print(
        f"{r['set']:<12} {r['articles']:3d} art {r['gold']:3d} gold {r['predicted']:3d} pred  "
        f"P {pct('precision')} R {pct('recall')} F1 {pct('f1')}  type {pct('type_accuracy')}  "
        f"{r['ms_per_500_words']:.3f} ms/500w"
    )
    print(f"{'':<12} {args}")


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if "--real" in args_in:  # the real-text gold has its own scorer (this file stays small)
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import realtext

        return realtext.main([a for a in args_in if a != "--real"])
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--set", action="append", help="en | fr | de | es | en.fresh ...")
    parser.add_argument("--fresh", action="store_true", help="also score the held-out sets")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per set")
    parser.add_argument("--repeat", type=int, default=5, help="timing passes per article")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--real", action="store_true", help="score the real-text gold instead")
    args = parser.parse_args(args_in)
    names = args.set or [*LANGS, *([f"{lang}.fresh" for lang in LANGS] if args.fresh else [])]
    with tempfile.TemporaryDirectory(prefix="newsweave-eval-") as tmp:
        settings = load_settings(db=str(Path(tmp) / "kb.db"), workers=0)
        tallies = evaluate(names, settings, args.repeat)
    results = [t.result(name) for name, t in tallies.items()]
    for label, keep in (("overall", lambda n: "." not in n), ("overall.fresh", lambda n: "." in n)):
        chosen = [t for n, t in tallies.items() if keep(n)]
        if len(chosen) > 1:
            total = Tally()
            for t in chosen:
                total.add(t)
            results.append(total.result(label))
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
