"""Which real articles the events-and-speakers gold annotates, chosen reproducibly.

    python eval/realsample.py            # print file, language, id, length, sha256
    python eval/realsample.py --n 20     # more per language

How: for each language, the ids of that language in its source file are
sorted, shuffled with a fresh `random.Random(12)`, and read in that order;
an article is taken unless its text is longer than 8,000 characters (so
that one person can annotate every event and quote in it completely) or
empty. The first `n` taken (15 by default) are the sample. English comes
from clustering/giveme5w1h_news_cluster.jsonl, French and Spanish from
clustering/mlcrisis_articles_dev.jsonl (both in ../shared/eval/, never
copied into the repository). Adding articles later (`--n 20`) keeps the
first 15: the order does not depend on n.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SOURCES = {
    "en": "clustering/giveme5w1h_news_cluster.jsonl",
    "fr": "clustering/mlcrisis_articles_dev.jsonl",
    "es": "clustering/mlcrisis_articles_dev.jsonl",
}
SEED = 12
MAX_CHARS = 8000
PER_LANGUAGE = 15


def digest(text: str) -> str:
    """sha256 of the UTF-8 text: the gold stores this, never the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(lang: str, shared: Path = SHARED) -> dict[str, dict]:
    """The source file's articles of one language, by id."""
    rows = {}
    with (shared / SOURCES[lang]).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                if row.get("lang", lang) == lang:
                    rows[row["id"]] = row
    return rows


def order(ids: Sequence[str]) -> list[str]:
    """The seeded reading order: sorted ids shuffled by random.Random(12)."""
    chosen = sorted(ids)
    random.Random(SEED).shuffle(chosen)
    return chosen


def sample(lang: str, n: int = PER_LANGUAGE, shared: Path = SHARED) -> Iterator[dict]:
    """The first n articles of the reading order that are short enough to annotate in full."""
    rows = read(lang, shared)
    taken = 0
    for article_id in order(list(rows)):
        text = rows[article_id].get("text") or ""
        if not text.strip() or len(text) > MAX_CHARS:
            continue
        yield rows[article_id]
        taken += 1
        if taken == n:
            return


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=PER_LANGUAGE, help="articles per language")
    parser.add_argument("--lang", action="append", choices=sorted(SOURCES))
    args = parser.parse_args(argv)
    for lang in args.lang or list(SOURCES):
        for row in sample(lang, args.n):
            text = row["text"]
            print(f"{SOURCES[lang]}\t{lang}\t{row['id']}\t{len(text)}\t{digest(text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
