"""Geoparsing on real news: toponym detection, then how far each place lands from gold.

    python eval/geo.py                   # lgl, geowebnews, trnews: newsweave and the peer
    python eval/geo.py --set lgl --limit 50
    python eval/geo.py --errors 30       # newsweave's misses, wrong places and false places
    python eval/geo.py --json

Two systems on the same texts:

- newsweave: the entity stage as the pipeline runs it (spaCy NER plus listed
  names, then linking and joint geocoding, with the dateline read as ingest
  reads it). A predicted toponym is a mention typed LOC or given coordinates.
- peer: what a user would write in ten lines: spaCy GPE/LOC spans (the same
  shipped pipeline), each resolved to the most populous GeoNames place of that
  name (exact or transliterated match in the same gazetteer index).

Measures (Gritta et al., "What's missing in geoparsing?", 2018):

- detection precision/recall: a prediction is right when it overlaps a gold
  toponym (each gold toponym matched once);
- on detected toponyms with gold coordinates: the share within 161 km (100
  miles), the median error and the AUC of the log error curve (0 is perfect, 1
  is every point on the antipode). A detected toponym left without coordinates
  counts as the largest error (20,039 km): "found but not placed" is a miss.
  A country or first-level region counts as right (0 km) when the prediction is
  that country or region (same code): gold puts such names on a centroid, and
  any one point for a country is arbitrary;
- GeoWebNews `non_toponyms` that get coordinates (demonyms, languages,
  homonyms, organisation names, common nouns), all of them and proper names only.

Labelled data is read at run time from ../shared/eval/geo (never copied).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsweave.config import Settings
from newsweave.entities.extract import recognise, resources
from newsweave.entities.gazetteer import Gazetteer, Place, distance_km
from newsweave.entities.knowledge import ensure_curated
from newsweave.ingest import metadata
from newsweave.model import Document
from newsweave.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = {"lgl": "geo/lgl.jsonl", "geowebnews": "geo/geowebnews.jsonl", "trnews": "geo/trnews.jsonl"}
WITHIN_KM = 161.0
MAX_KM = 20039.0  # half the Earth's circumference: the error of a place not placed
_COUNTRY_CODES = ("PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR")
_EXPRESSIONS = ("Literal_Expression", "Non_Lit_Expression")


# A prediction: (start, end, text, lat, lon, place or None)
Pred = tuple[int, int, str, float | None, float | None, Place | None]


def newsweave_predictions(
    texts: list[str], titles: list[str], settings: Settings
) -> list[list[Pred]]:
    """The entity stage's place mentions, as the pipeline stores them."""
    linker, _ = resources(settings)
    gaz = linker.geocoder.gazetteer  # type: ignore[attr-defined]
    found = recognise(texts, "en", settings)
    out = []
    for i, (text, mentions) in enumerate(zip(texts, found, strict=True)):
        # The texts open with their headline; ingest reads the dateline after it.
        title = titles[i]
        body = text[len(title) :].lstrip(" .\n") if title and text.startswith(title) else text
        _, meta = metadata.extract(body)
        doc = Document(f"g{i}", text, lang="en", dateline=meta.get("dateline"))
        preds = []
        for m in linker.link(doc, mentions):
            if m.type != "LOC" and m.lat is None:
                continue
            place = _place_of(m.key, linker, gaz)
            preds.append((m.start, m.end, m.text, m.lat, m.lon, place))
        out.append(preds)
    return out


def _place_of(key: str | None, linker: Any, gaz: Gazetteer) -> Place | None:
    if not key:
        return None
    if key.startswith("gn:"):
        return gaz.get(int(key[3:]))
    entry = linker.kb.entry(key)
    return gaz.get(entry.geonames) if entry is not None and entry.geonames else None


def peer_predictions(texts: list[str], package: str, gaz: Gazetteer) -> list[list[Pred]]:
    """spaCy GPE/LOC spans, each the most populous GeoNames place of its name."""
    import spacy

    nlp = spacy.load(package, disable=["tagger", "parser", "lemmatizer", "attribute_ruler"])
    out = []
    for doc in nlp.pipe(texts, batch_size=16):
        preds = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            found = gaz.matches(ent.text)
            place = max(found, key=lambda m: m.place.population).place if found else None
            lat, lon = (place.lat, place.lon) if place else (None, None)
            preds.append((ent.start_char, ent.end_char, ent.text, lat, lon, place))
        out.append(preds)
    return out


def _gold_area(t: dict, gaz: Gazetteer) -> tuple[str, str, str] | None:
    """("country", cc, "") or ("admin1", cc, admin1) when gold is a country or region."""
    code = t.get("feature_code") or ""
    place = gaz.get(t["geonameid"]) if t.get("geonameid") else None
    if place is not None and place.kind in ("country", "admin1"):
        return place.kind, place.country, place.admin1 if place.kind == "admin1" else ""
    if code in _COUNTRY_CODES or code == "ADM1":
        near = gaz.nearest(t["lat"], t["lon"], 300.0)
        if near is None:
            return None
        if code == "ADM1":
            return "admin1", near.country, near.admin1
        return "country", near.country, ""
    return None


def error_km(t: dict, pred: Pred, gaz: Gazetteer) -> float:
    """Distance from gold; 0 for the right country or region; MAX_KM when not placed."""
    _, _, _, lat, lon, place = pred
    if lat is None or lon is None:
        return MAX_KM
    area = _gold_area(t, gaz)
    if area is not None and place is not None and place.kind == area[0]:
        mine = (place.kind, place.country, place.admin1 if place.kind == "admin1" else "")
        if mine == area:
            return 0.0
    return distance_km(lat, lon, t["lat"], t["lon"])


def auc(errors: list[float]) -> float:
    """Area under the sorted log-error curve, scaled to [0, 1] (lower is better)."""
    if len(errors) < 2:
        return float("nan")
    scaled = sorted(math.log(1 + e) / math.log(1 + MAX_KM) for e in errors)
    width = 1 / (len(scaled) - 1)
    return sum((a + b) / 2 * width for a, b in itertools.pairwise(scaled))


def score(rows: list[dict], preds: list[list[Pred]], gaz: Gazetteer) -> dict[str, Any]:
    tp = n_pred = n_gold = 0
    errors: list[float] = []
    misses: list[str] = []
    wrong: list[str] = []
    false: list[str] = []
    non_total, non_names, non_hit, non_hit_names = 0, 0, Counter(), 0
    for row, mine in zip(rows, preds, strict=True):
        gold = row["toponyms"]
        n_gold += len(gold)
        n_pred += len(mine)
        used: set[int] = set()
        for p in mine:
            hit = next((i for i, t in enumerate(gold) if i not in used and _overlap(t, p)), None)
            if hit is None:
                if not any(_overlap(t, p) for t in gold):
                    false.append(f"{row['id']}: {_ctx(row['text'], p[0], p[1])}")
                continue
            used.add(hit)
            tp += 1
            t = gold[hit]
            if t.get("lat") is None:
                continue
            err = error_km(t, p, gaz)
            errors.append(err)
            if err > WITHIN_KM:
                where = f"{p[5].name} ({p[5].country})" if p[5] else "no coordinates"
                wrong.append(
                    f"{row['id']}: {_ctx(row['text'], t['start'], t['end'])} -> {where}, "
                    f"gold {t.get('gazetteer_name')} {t.get('country', '')}"
                )
        for i, t in enumerate(gold):
            if i not in used:
                misses.append(f"{row['id']}: {_ctx(row['text'], t['start'], t['end'])}")

        def explained(p: Pred, gold: list[dict] = gold) -> bool:
            return any(_overlap(t, p) for t in gold)

        for n in row.get("non_toponyms", []):
            non_total += 1
            name = n["type"] not in _EXPRESSIONS
            non_names += name
            # A place inside an organisation's name ("[Syrian] Arab Red Crescent") is a
            # toponym of its own: only a prediction no gold toponym explains counts.
            if any(p[3] is not None and _overlap(n, p) and not explained(p) for p in mine):
                non_hit[n["type"]] += 1
                non_hit_names += name
                false.append(f"{row['id']}: non-toponym {_ctx(row['text'], n['start'], n['end'])}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    out = {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "within_161km": round(sum(e <= WITHIN_KM for e in errors) / len(errors), 4)
        if errors
        else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "auc": round(auc(errors), 4),
        "placed": len(errors),
        "predicted": n_pred,
        "gold": n_gold,
        "_misses": misses,
        "_wrong": wrong,
        "_false": false,
    }
    if non_total:
        out["non_toponyms_geocoded"] = round(sum(non_hit.values()) / non_total, 4)
        out["non_toponym_names_geocoded"] = round(non_hit_names / non_names, 4) if non_names else 0
        out["non_toponyms"] = {"all": non_total, "names": non_names, "geocoded": dict(non_hit)}
    return out


def _overlap(t: dict, p: Pred) -> bool:
    return t["start"] < p[1] and p[0] < t["end"]


def _ctx(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def run(name: str, path: Path, limit: int | None, settings: Settings) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = rows[:limit] if limit else rows
    texts = [r["text"] for r in rows]
    linker, _ = resources(settings)
    gaz = linker.geocoder.gazetteer
    t = time.perf_counter()
    mine = newsweave_predictions(texts, [r.get("title") or "" for r in rows], settings)
    seconds = time.perf_counter() - t
    peer = peer_predictions(texts, settings.entities.models()["en"], gaz)
    return {
        "set": name,
        "file": str(path.relative_to(path.parents[2])),
        "articles": len(rows),
        "newsweave": score(rows, mine, gaz),
        "peer": score(rows, peer, gaz),
        "newsweave_ms_per_article": round(1000 * seconds / max(len(rows), 1), 1),
    }


def _line(label: str, s: dict[str, Any]) -> str:
    line = (
        f"  {label:<10} P {s['precision'] * 100:5.1f}  R {s['recall'] * 100:5.1f}  "
        f"F1 {s['f1'] * 100:5.1f}  <=161km {(s['within_161km'] or 0) * 100:5.1f}%  "
        f"median {s['median_km']:>7} km  AUC {s['auc']:.3f}  (placed {s['placed']})"
    )
    if "non_toponyms" in s:
        nt = s["non_toponyms"]
        line += (
            f"  non-toponyms geocoded {s['non_toponyms_geocoded'] * 100:.1f}% of {nt['all']}, "
            f"names {s['non_toponym_names_geocoded'] * 100:.1f}% of {nt['names']}"
        )
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", type=int, default=0, help="print N of each kind of miss")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="newsweave-eval-") as tmp:
        settings = Settings(db=str(Path(tmp) / "kb.db"))
        store = open_store(settings.db)
        ensure_curated(store)
        for name in args.set or list(SETS):
            path = args.data / SETS[name]
            if not path.exists():
                print(f"skipped {name}: {path} not found", file=sys.stderr)
                continue
            results.append(run(name, path, args.limit, settings))
        store.close()
    if args.json:
        clean = [
            {k: {a: b for a, b in v.items() if not a.startswith("_")} if isinstance(v, dict)
             else v for k, v in r.items()}
            for r in results
        ]  # fmt: skip
        print(json.dumps(clean, indent=2))
        return 0
    for res in results:
        print(f"{res['file']} ({res['articles']} articles)")
        for system in ("newsweave", "peer"):
            print(_line(system, res[system]))
        print(f"  time: newsweave {res['newsweave_ms_per_article']} ms/article")
        if args.errors:
            for kind, title in (("_misses", "missed"), ("_false", "false"), ("_wrong", "wrong")):
                items = res["newsweave"][kind]
                print(f"  newsweave {title} ({len(items)}):")
                for item in items[: args.errors]:
                    print(f"    {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
