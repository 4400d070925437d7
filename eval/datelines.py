"""Wire datelines: place, agency and date read from an article's opening line.

    python eval/datelines.py               # per language, then overall
    python eval/datelines.py --errors 30   # also print the lines read wrong
    python eval/datelines.py --json

The gold, examples/gold/datelines.jsonl, was written for this evaluation and
committed before any change to the dateline parser: 179 opening lines in
seven languages in the shapes real wires and papers use (city in capitals or
not, a region or country after a comma or in parentheses, an agency or none,
a date or none, hyphen, en dash, em dash, double hyphen, "(EFE).-", ANSA's
"(ANSA) - ROMA, 08 MAR -"), and 55 openings that are not datelines (labels
such as "BREAKING:" and "EN DIRECT -", bylines, acronyms before a dash,
quotes). The sentences are invented.

Gold format: {"id", "lang", "text", "place": str | null (as printed),
"agency": str | null (as printed), "date": "YYYY-MM-DD" | null,
"month_day": "MM-DD" | null (a day the line gives without its year)}.

What is scored, through `newsweave.ingest.metadata.extract(text, lang)`:

- place and agency: precision and recall, a prediction right when it equals
  the gold after case folding and collapsing spaces;
- date: a predicted day is right when it is the gold day (or the gold month
  and day, predicted without a year); a prediction with only the gold's year
  or month is "partial" (kept at its precision: not wrong, not counted as
  found); anything else is wrong, including a year invented for a month-day;
- untouched: the share of non-dateline openings whose text is left whole.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsweave.ingest.metadata import extract
from newsweave.model import PartialDate

GOLD = Path(__file__).resolve().parent.parent / "examples" / "gold" / "datelines.jsonl"


def _norm(value: str | None) -> str | None:
    return " ".join(value.casefold().split()).strip(" .") if value else None


def _date_verdict(gold: dict[str, Any], meta: dict[str, Any]) -> str | None:
    """right | partial | wrong | None (nothing predicted)."""
    published: PartialDate | None = meta.get("published")
    month_day: tuple[int, int] | None = meta.get("month_day")
    if published is None and month_day is None:
        return None
    if gold["date"]:
        y, m, d = (int(x) for x in gold["date"].split("-"))
        if published is not None:
            got = (published.year, published.month, published.day)
            if got == (y, m, d):
                return "right"
            if got in ((y, None, None), (y, m, None)):
                return "partial"
            return "wrong"
        return "right" if month_day == (m, d) else "wrong"
    if gold["month_day"]:
        m, d = (int(x) for x in gold["month_day"].split("-"))
        if published is None and month_day == (m, d):
            return "right"
        return "wrong"  # a year nobody gave, or another day
    return "wrong"


class Score:
    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)

    def field(self, name: str, gold: str | None, got: str | None) -> bool:
        g, p = _norm(gold), _norm(got)
        self.counts[f"{name}_gold"] += g is not None
        self.counts[f"{name}_pred"] += p is not None
        right = g is not None and g == p
        self.counts[f"{name}_right"] += right
        return right or (g is None and p is None)

    def figures(self) -> dict[str, Any]:
        c = self.counts
        out: dict[str, Any] = {"lines": c["lines"]}
        for name in ("place", "agency", "date"):
            pred = c[f"{name}_pred"] - c.get(f"{name}_partial", 0)
            p = c[f"{name}_right"] / pred if pred else 1.0
            r = c[f"{name}_right"] / c[f"{name}_gold"] if c[f"{name}_gold"] else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                         "gold": c[f"{name}_gold"], "predicted": c[f"{name}_pred"]}  # fmt: skip
        out["date"]["partial"] = c.get("date_partial", 0)
        negatives = c["negatives"]
        out["untouched"] = round(c["untouched"] / negatives, 3) if negatives else 1.0
        return out


def evaluate(lines: list[dict[str, Any]], errors: int = 0) -> dict[str, Any]:
    by_lang: dict[str, Score] = defaultdict(Score)
    total = Score()
    shown = 0
    for gold in lines:
        body, meta = extract(gold["text"], gold["lang"])
        ok = True
        for score in (by_lang[gold["lang"]], total):
            score.counts["lines"] += 1
            ok &= score.field("place", gold["place"], meta.get("dateline"))
            ok &= score.field("agency", gold["agency"], meta.get("source"))
            verdict = _date_verdict(gold, meta)
            has_gold_date = bool(gold["date"] or gold["month_day"])
            score.counts["date_gold"] += has_gold_date
            score.counts["date_pred"] += verdict is not None
            score.counts["date_right"] += verdict == "right"
            score.counts["date_partial"] += verdict == "partial"
            ok &= verdict in ("right", "partial") or (verdict is None and not has_gold_date)
            if not (gold["place"] or gold["agency"] or gold["date"] or gold["month_day"]):
                score.counts["negatives"] += 1
                score.counts["untouched"] += body.strip() == " ".join(gold["text"].split())
        if not ok and shown < errors:
            shown += 1
            found = {k: str(v) for k, v in meta.items()}
            print(f"  {gold['id']}: {gold['text'][:70]!r}\n      gold place={gold['place']!r} "
                  f"agency={gold['agency']!r} date={gold['date'] or gold['month_day']!r}; "
                  f"read {found}")  # fmt: skip
    return {"overall": total.figures(), "by_language": {k: v.figures() for k, v in by_lang.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", type=int, default=0, help="print up to N lines read wrong")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    lines = [json.loads(x) for x in args.gold.read_text(encoding="utf-8").splitlines() if x]
    result = evaluate(lines, args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'set':8} {'lines':>5}  {'place P/R':>11}  {'agency P/R':>11}  {'date P/R':>11}  "
          f"{'partial':>7}  {'untouched':>9}")  # fmt: skip
    rows = [*sorted(result["by_language"].items()), ("overall", result["overall"])]
    for name, fig in rows:
        cells = [
            f"{fig[k]['precision']:.3f}/{fig[k]['recall']:.3f}" for k in ("place", "agency", "date")
        ]
        print(f"{name:8} {fig['lines']:>5}  {cells[0]:>11}  {cells[1]:>11}  {cells[2]:>11}  "
              f"{fig['date']['partial']:>7}  {fig['untouched']:>9.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
