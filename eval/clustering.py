"""Clustering quality: pair similarity, story and thread B-cubed scores.

    python eval/clustering.py pairs      # Pearson vs SemEval-2022 Task 8 dev pairs, per language pair
    python eval/clustering.py corpus     # B-cubed P/R/F1 of stories and threads on examples/corpus
    python eval/clustering.py mlcrisis   # thread B-cubed F1 on ML-Crisis dev articles (topic = thread)
    python eval/clustering.py giveme     # story B-cubed on news-please articles of 30 events, with
                                         # and without learning each site's boilerplate
    python eval/clustering.py all

Labelled data is read at run time from ../shared/eval (never copied into the repo).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from newsweave.clustering.online import OnlineClusterer
from newsweave.config import load_settings
from newsweave.export import build_export
from newsweave.model import Document, Group, PartialDate
from newsweave.pipeline import enrich, ingest_documents, ingest_paths
from newsweave.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"


def bcubed(predicted: dict[str, object], gold: dict[str, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items present in both mappings."""
    items = [i for i in gold if i in predicted]
    by_pred: dict[object, set[str]] = defaultdict(set)
    by_gold: dict[object, set[str]] = defaultdict(set)
    for i in items:
        by_pred[predicted[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        same_pred, same_gold = by_pred[predicted[i]], by_gold[gold[i]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _prf(values: tuple[float, float, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in zip("prf", values, strict=True)}


def pairs(path: Path, settings) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs: dict[str, Document] = {}
    for row in rows:
        for k in ("1", "2"):
            doc_id = row["id" + k]
            if doc_id not in docs:
                docs[doc_id] = Document(id=doc_id, text=row["text" + k] or " ")
    ordered = list(docs.values())
    for start in range(0, len(ordered), 64):
        enrich(ordered[start : start + 64], settings)
    clusterer = OnlineClusterer(settings.cluster)
    clusterer.doc_count = len(ordered)
    clusterer.name_df = Counter(k for d in ordered for k in d.features.names)
    scores, cosines, gold, same, langs = [], [], [], [], []
    for row in rows:
        a, b = docs[row["id1"]], docs[row["id2"]]
        group = Group(0, np.zeros_like(b.embedding))
        group.add(b)
        ev = clusterer.score(a, group, float("inf"))
        scores.append(ev.score)
        cosines.append(ev.cosine)
        gold.append(-row["overall"])  # higher = more similar
        same.append(bool(row["same_story"]))
        langs.append(f"{row['lang1']}-{row['lang2']}")
    scores_a, cos_a, gold_a = np.array(scores), np.array(cosines), np.array(gold)
    out = {
        "n": len(rows),
        "pearson": _pearson(scores_a, gold_a),
        "pearson_cosine": _pearson(cos_a, gold_a),
    }
    out["same_story_accuracy"] = _best_accuracy(scores_a, np.array(same))
    out["per_language_pair"] = {}
    for pair in sorted(set(langs)):
        idx = [i for i, lp in enumerate(langs) if lp == pair]
        out["per_language_pair"][pair] = {
            "n": len(idx),
            "pearson": _pearson(scores_a[idx], gold_a[idx]),
            "pearson_cosine": _pearson(cos_a[idx], gold_a[idx]),
        }
    return out


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    return round(float(np.corrcoef(x, y)[0, 1]), 4)


def _best_accuracy(scores: np.ndarray, labels: np.ndarray) -> dict:
    best = (0.0, 0.0)
    for t in np.unique(scores):
        acc = float(((scores >= t) == labels).mean())
        best = max(best, (acc, float(t)))
    return {"accuracy": round(best[0], 4), "threshold": round(best[1], 4)}


def corpus(settings) -> dict:
    gold_rows = [json.loads(line) for f in sorted((ROOT / "examples/gold").glob("stories-*.jsonl"))
                 for line in f.open(encoding="utf-8") if line.strip()]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "eval.db")
        report = ingest_paths([ROOT / "examples/corpus"], store, settings.replace(db=str(tmp)))
        export = build_export(store)
    by_id = {d["id"]: d for d in export["documents"]}
    gold_story = {r["id"]: r["story"] for r in gold_rows if r["id"] in by_id}
    gold_thread = {r["id"]: r["thread"] for r in gold_rows if r["id"] in by_id}
    story = {i: by_id[i]["story_id"] for i in gold_story}
    thread = {i: by_id[i]["thread_id"] for i in gold_thread}
    dup_gold = {r["id"] for r in gold_rows if r.get("duplicate_of")}
    return {
        "documents": len(export["documents"]),
        "gold_documents": len(gold_rows),
        "missing_from_store": sorted(r["id"] for r in gold_rows if r["id"] not in by_id)[:20],
        "stories": len(export["stories"]),
        "gold_stories": len(set(gold_story.values())),
        "threads": len(export["threads"]),
        "story_bcubed": _prf(bcubed(story, gold_story)),
        "thread_bcubed": _prf(bcubed(thread, gold_thread)),
        "near_duplicates": report.near_duplicates,
        "exact_duplicates": report.duplicates,
        "gold_duplicates": len(dup_gold),
    }


def mlcrisis(path: Path, settings) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = [
        Document(id=r["id"], text=r["text"], title=r.get("title"),
                 published=PartialDate.parse(r["date"]) if r.get("date") else None)
        for r in rows
    ]  # fmt: skip
    gold = {r["id"]: r["cluster_id"] for r in rows}
    langs = {r["id"]: r["lang"] for r in rows}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "eval.db")
        ingest_documents(docs, store, settings)
        export = build_export(store)
    thread = {d["id"]: d["thread_id"] for d in export["documents"]}
    out = {"articles": len(rows), "threads": len(export["threads"])}
    out["thread_bcubed"] = _prf(bcubed(thread, gold))
    for lang in ("fr", "es"):
        sub = {i: g for i, g in gold.items() if langs[i] == lang}
        out[f"thread_bcubed_{lang}"] = round(bcubed(thread, sub)[2], 4)
    return out


def giveme(path: Path, settings) -> dict:
    """Story B-cubed on real news-please output (52 outlets, some texts keep site
    boilerplate); the gold `event` runs from one-day incidents to long stories, so
    story recall is bounded by events that are really several stories."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows.sort(key=lambda r: (r.get("published") or "", r["id"]))  # arrival order
    gold = {r["id"]: r["event"] for r in rows}
    out: dict = {"articles": len(rows), "gold_events": len(set(gold.values()))}
    for label, enabled in (("learned_boilerplate", True), ("no_boilerplate_learning", False)):
        docs = [
            Document(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"),
                     source=r.get("source"), declared_lang=r.get("lang"),
                     published=PartialDate.parse(r["published"][:19]) if r.get("published")
                     else None)
            for r in rows
        ]  # fmt: skip
        run = settings.replace(boilerplate=replace(settings.boilerplate, enabled=enabled))
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "eval.db")
            report = ingest_documents(docs, store, run.replace(db=str(Path(tmp) / "eval.db")))
            export = build_export(store)
        story = {d["id"]: d["story_id"] for d in export["documents"]}
        out[label] = {
            "stories": len(export["stories"]),
            "story_bcubed": _prf(bcubed(story, gold)),
            "near_duplicates": report.near_duplicates,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("task", choices=["pairs", "corpus", "mlcrisis", "giveme", "all"])
    parser.add_argument("--config", help="TOML settings to evaluate")
    args = parser.parse_args()
    settings = load_settings(args.config, environ={}, workers=2)
    results = {}
    if args.task in ("pairs", "all"):
        path = SHARED / "clustering/semeval2022_pairs_dev.jsonl"
        results["semeval_pairs"] = (
            pairs(path, settings) if path.exists() else "missing: " + str(path)
        )
    if args.task in ("corpus", "all"):
        results["corpus"] = corpus(settings)
    if args.task in ("mlcrisis", "all"):
        path = SHARED / "clustering/mlcrisis_articles_dev.jsonl"
        results["mlcrisis"] = mlcrisis(path, settings) if path.exists() else "missing: " + str(path)
    if args.task in ("giveme", "all"):
        path = SHARED / "clustering/giveme5w1h_news_cluster.jsonl"
        results["giveme"] = giveme(path, settings) if path.exists() else "missing: " + str(path)
    json.dump(results, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
