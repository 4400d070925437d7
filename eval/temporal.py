"""Time expressions: TempEval-3 style extraction and normalisation scores.

    python eval/temporal.py                 # both dev files, a table per file
    python eval/temporal.py --json          # the same figures, machine-readable
    python eval/temporal.py --errors 20     # also the commonest error categories (local use)
    python eval/temporal.py --data DIR      # another folder with the same file names

Figures, as in TempEval-3: extraction precision/recall/F1 with strict
(exact span) and relaxed (any overlap) matching; type accuracy on relaxed
matches; value F1, where a system timex counts when it overlaps a gold one
and has its exact value (P over system timexes, R over gold ones); and time
per document. Labelled data is read at run time from ../shared/eval and is
never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from newsweave.model import PartialDate, Timex
from newsweave.timex import find_timexes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
FILES = {
    "te3_tbaq_en_dev.jsonl": "TempEval-3 TBAQ (en)",
    "fr_timebank_dev.jsonl": "French TimeBank",
}
HEIDELTIME = {
    "te3_tbaq_en_dev.jsonl": {"strict": 81.3, "relaxed": 90.3, "value": 77.6},
    "fr_timebank_dev.jsonl": {"strict": 86.0, "relaxed": 91.0, "value": 73.6},
}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * _f1(p, r), 1)}


def _pair(gold: list[dict], pred: list[Timex]) -> list[tuple[dict, Timex]]:
    """One-to-one pairs of overlapping gold and system spans, exact matches first."""
    pairs, used = [], set()
    by_span = {(t.start, t.end): k for k, t in enumerate(pred)}
    rest = []
    for g in gold:
        k = by_span.get((g["start"], g["end"]))
        if k is not None and k not in used:
            used.add(k)
            pairs.append((g, pred[k]))
        else:
            rest.append(g)
    for g in rest:
        for k, t in enumerate(pred):
            if k not in used and t.start < g["end"] and g["start"] < t.end:
                used.add(k)
                pairs.append((g, t))
                break
    return pairs


def timing(docs: list[dict], repeat: int = 5) -> float:
    """CPU seconds for one pass over the documents: the best of `repeat` passes.

    Process time, not wall time, so that other jobs on a shared machine count
    less; the best pass, so that a busy moment does not.
    """
    inputs = [(d["text"], d.get("lang", "en"), PartialDate.parse(d.get("dct") or "")) for d in docs]
    for lang in {lang for _, lang, _ in inputs}:
        find_timexes("", lang, None)  # builds the grammar once, outside the timing
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text, lang, dct in inputs:
            find_timexes(text, lang, dct)
        best = min(best, time.process_time() - started)
    return best


# 500 words with no time word: what the pre-filter costs an article it can skip.
PLAIN = (
    "Officials from several ministries attended the session and spoke to reporters about "
    "the proposal, which critics said would raise costs for families and small businesses. "
) * 20


def prefilter_cost(repeat: int = 200) -> float:
    """CPU milliseconds spent on a 500-word text without time words (best of 5)."""
    find_timexes(PLAIN, "en", None)
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(repeat):
            find_timexes(PLAIN, "en", None)
        best = min(best, (time.process_time() - started) / repeat)
    return round(1000 * best, 4)


def evaluate(path: Path, errors: int = 0) -> dict:
    """Scores for one JSONL file of documents with gold `timexes`."""
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    n_gold = n_pred = strict = relaxed = typed = valued = 0
    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for doc in docs:
        dct = PartialDate.parse(doc.get("dct") or "")
        pred = find_timexes(doc["text"], doc.get("lang", "en"), dct)
        gold = doc["timexes"]
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        pairs = _pair(gold, pred)
        relaxed += len(pairs)
        for g, t in pairs:
            strict += (g["start"], g["end"]) == (t.start, t.end)
            typed += g["type"] == t.type
            valued += g["value"] == t.value
        if errors:
            _collect(doc, gold, pred, pairs, kinds, examples)
    seconds = timing(docs)
    words = sum(len(doc["text"].split()) for doc in docs)
    result = {
        "documents": len(docs),
        "words": words,
        "gold": n_gold,
        "system": n_pred,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": _prf(relaxed, n_pred, n_gold),
        "type_accuracy": round(100 * typed / relaxed, 1) if relaxed else 0.0,
        "value": _prf(valued, n_pred, n_gold),
        "ms_per_doc": round(1000 * seconds / max(len(docs), 1), 3),
        "ms_per_500_words": round(1000 * seconds / max(words, 1) * 500, 3),
    }
    if errors:
        result["errors"] = {
            k: {"count": n, "examples": examples[k][:errors]} for k, n in kinds.most_common(40)
        }
    return result


def _collect(doc, gold, pred, pairs, kinds: Counter, examples: dict) -> None:
    """Error categories with short examples, to look at kinds of mistakes, not documents."""

    def note(kind: str, text: str) -> None:
        kinds[kind] += 1
        examples.setdefault(kind, []).append(text)

    paired_g = {id(g) for g, _ in pairs}
    paired_p = {id(t) for _, t in pairs}
    for g in gold:
        if id(g) not in paired_g:
            note(f"missed {g['type']}", f"{g['text']!r} {g['value']}")
    for t in pred:
        if id(t) not in paired_p:
            note(f"spurious {t.type}", f"{t.text!r} {t.value}")
    for g, t in pairs:
        if (g["start"], g["end"]) != (t.start, t.end):
            note("span", f"{g['text']!r} vs {t.text!r}")
        if g["type"] != t.type:
            note(f"type {g['type']}->{t.type}", f"{g['text']!r}")
        if g["value"] != t.value:
            note(
                f"value {g['type']}",
                f"{g['text']!r} gold {g['value']} got {t.value} dct {doc['dct']}",
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", type=Path, default=SHARED / "temporal", help="folder of the files"
    )
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--errors", type=int, default=0, help="show N examples per error kind")
    args = parser.parse_args(argv)
    results = {}
    for name, label in FILES.items():
        path = args.data / name
        if not path.is_file():
            print(f"skipped {label}: {path} is not present", file=sys.stderr)
            continue
        results[name] = evaluate(path, args.errors)
    if not results:
        print("no temporal evaluation data found; nothing to score", file=sys.stderr)
        return 0
    results["prefilter_ms_per_500_words_without_time_words"] = prefilter_cost()
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for name, r in results.items():
        if name not in FILES:
            continue
        ref = HEIDELTIME[name]
        print(f"{FILES[name]}  ({r['documents']} docs, {r['gold']} gold, {r['system']} found)")
        for key in ("strict", "relaxed", "value"):
            s = r[key]
            print(f"  {key:8s} P {s['p']:5.1f}  R {s['r']:5.1f}  F1 {s['f1']:5.1f}"
                  f"   (HeidelTime F1 {ref[key]})")  # fmt: skip
        print(f"  type accuracy {r['type_accuracy']:.1f}")
        print(
            f"  {r['ms_per_doc']:.3f} ms/doc ({r['words'] / r['documents']:.0f} words), "
            f"{r['ms_per_500_words']:.3f} ms per 500 words (CPU time, best of 5 passes)"
        )
        for kind, e in r.get("errors", {}).items():
            print(f"    {e['count']:4d} {kind}: " + " | ".join(e["examples"]))
    cost = results["prefilter_ms_per_500_words_without_time_words"]
    print(f"A 500-word text without time words: {cost:.4f} ms (the pre-filter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
