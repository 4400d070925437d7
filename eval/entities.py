"""Entity canonicalisation and geocoding, in-sample and on held-out articles.

    python eval/entities.py            # both sets below
    python eval/entities.py --json
    python eval/entities.py --corpus DIR --gold DIR   # one other set

Two sets are scored, each ingested into its own empty store:

- in-sample: `examples/corpus` against `examples/gold`. The curated knowledge
  base's aliases were written from this gold (tests/entities/test_kb.py requires
  every gold variant to be an alias), so these figures are circular: they show
  the pipeline keeps what was put in, not how it does on new names.
- held-out: `examples/heldout` against `examples/gold/heldout`, articles on
  events the corpus does not cover, written (with their gold) before any look
  at the knowledge base; no entry, alias, rule or test is written from them.

Gold (`entities-*.jsonl`) lists each real-world entity with the
names it goes by in the articles and the articles that mention it. A stored
mention is labelled with a gold entity when its text is one of that entity's
names and its article is one of that entity's articles. Over those labelled
mentions (one per distinct article and name):

- pairwise merge precision: of the pairs newsweave put in one entity, the
  share that are one gold entity; recall: of the gold pairs, the share
  newsweave put in one entity;
- coverage: the share of gold (entity, article) pairs with a mention found;
- geocoding: the share of gold places whose entity has coordinates within
  25 km of the gold coordinates (no coordinates counts as a miss).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from newsweave.config import load_settings
from newsweave.entities.names import fold
from newsweave.pipeline import ingest_paths
from newsweave.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load_gold(folder: Path) -> list[dict]:
    """Gold entities; one real-world entity listed in two threads' files is one entity
    (same Wikidata id, or same type and name)."""
    gold = []
    for path in sorted(folder.glob("entities-*.jsonl")):
        for line in path.open(encoding="utf-8"):
            entry = json.loads(line)
            entry["gid"] = entry.get("wikidata") or f"{entry['type']}:{entry['name']}"
            gold.append(entry)
    return gold


def score(store, gold: list[dict]) -> dict:
    by_name: dict[tuple[str, str], str] = {}  # (doc, folded name) -> gold id
    for g in gold:
        for doc in g["docs"]:
            for name in {g["name"], *g["variants"]}:
                by_name.setdefault((doc, fold(name)), g["gid"])
    labelled: dict[tuple[str, str], tuple[str, str]] = {}  # item -> (gold, predicted)
    for r in store.entity_mentions():
        item = (r["doc_id"], fold(r["text"]))
        gid = by_name.get(item)
        if gid is not None and r["entity_id"]:
            labelled.setdefault(item, (gid, r["entity_id"]))
    tp = fp = fn = 0
    for (_, (g1, p1)), (_, (g2, p2)) in combinations(labelled.items(), 2):
        if p1 == p2 and g1 == g2:
            tp += 1
        elif p1 == p2:
            fp += 1
        elif g1 == g2:
            fn += 1
    found = {(g, doc) for (doc, _), (g, _) in labelled.items()}
    wanted = {(g["gid"], doc) for g in gold for doc in g["docs"]}

    # Geocoding: the entity most of a gold place's mentions went to.
    predicted_for: dict[str, Counter[str]] = defaultdict(Counter)
    for gid, eid in labelled.values():
        predicted_for[gid][eid] += 1
    records = store.entity_records([e for c in predicted_for.values() for e in c])
    places = list(
        {g["gid"]: g for g in gold if g["type"] == "LOC" and g.get("lat") is not None}.values()
    )
    within, misses = 0, []
    for g in places:
        eid = predicted_for[g["gid"]].most_common(1)[0][0] if predicted_for[g["gid"]] else None
        rec = records.get(eid) if eid else None
        if rec is not None and rec.lat is not None:
            km = haversine_km(g["lat"], g["lon"], rec.lat, rec.lon)
            if km <= 25:
                within += 1
                continue
            misses.append(f"{g['name']} -> {rec.name} ({km:.0f} km)")
        else:
            misses.append(f"{g['name']} -> {eid or 'not found'} (no coordinates)")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "merge_precision": round(p, 4),
        "merge_recall": round(r, 4),
        "merge_f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "coverage": round(len(found & wanted) / len(wanted), 4),
        "labelled_mentions": len(labelled),
        "places": len(places),
        "geocoded_within_25km": round(within / len(places), 4) if places else None,
        "geocoding_misses": misses,
        "wrong_merges": _wrong_merges(labelled, gold),
        "splits": _splits(labelled, gold),
    }


def _wrong_merges(labelled, gold) -> list[str]:
    names = {g["gid"]: g["name"] for g in gold}
    by_pred: dict[str, set[str]] = defaultdict(set)
    for gid, eid in labelled.values():
        by_pred[eid].add(names[gid])
    return sorted(f"{eid}: {' + '.join(sorted(v))}" for eid, v in by_pred.items() if len(v) > 1)


SETS = {
    "in_sample": (
        "in-sample: the KB aliases were written from this gold",
        ROOT / "examples" / "corpus",
        ROOT / "examples" / "gold",
    ),
    "heldout": (
        "held-out: articles and gold no KB entry, alias or rule was written from",
        ROOT / "examples" / "heldout",
        ROOT / "examples" / "gold" / "heldout",
    ),
}


def run(corpus: Path, gold: Path, config: Path | None = None) -> dict:
    """Ingest `corpus` into a fresh store and score it against the gold in `gold`."""
    with tempfile.TemporaryDirectory(prefix="newsweave-eval-") as tmp:
        settings = load_settings(config, environ={}, db=str(Path(tmp) / "e.db"), workers=0)
        store = open_store(settings.db)
        ingest_paths([corpus], store, settings)
        result = score(store, load_gold(gold))
        store.close()
    return result


def report(label: str, result: dict) -> None:
    print(label)
    print(
        f"  canonicalisation: pairwise merge P {result['merge_precision']:.3f} "
        f"R {result['merge_recall']:.3f} F1 {result['merge_f1']:.3f}; "
        f"coverage {result['coverage']:.3f} of gold (entity, article) pairs"
    )
    print(
        f"  geocoding: {result['geocoded_within_25km']:.3f} of {result['places']} gold places "
        "within 25 km"
    )
    for line in result["wrong_merges"]:
        print(f"    merged wrongly: {line}")
    for line in result["splits"]:
        print(f"    split: {line}")
    for line in result["geocoding_misses"]:
        print(f"    geocoding miss: {line}")


def _splits(labelled, gold) -> list[str]:
    """Gold entities whose mentions went to more than one stored entity (recall misses)."""
    names = {g["gid"]: g["name"] for g in gold}
    by_gold: dict[str, set[str]] = defaultdict(set)
    for gid, eid in labelled.values():
        by_gold[gid].add(eid)
    return sorted(f"{names[g]}: {' + '.join(sorted(v))}" for g, v in by_gold.items() if len(v) > 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="score only this folder (with --gold)")
    parser.add_argument("--gold", type=Path, help="gold folder for --corpus")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if (args.corpus is None) != (args.gold is None):
        parser.error("--corpus and --gold go together")
    if args.corpus is not None:
        sets = {"custom": (f"{args.corpus} against {args.gold}", args.corpus, args.gold)}
    else:
        sets = SETS
    results = {key: run(corpus, gold, args.config) for key, (_, corpus, gold) in sets.items()}
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for key, (label, _, _) in sets.items():
        report(label, results[key])
    return 0


if __name__ == "__main__":
    sys.exit(main())
