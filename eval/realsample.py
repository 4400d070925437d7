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

German comes from clustering/semeval2022_pairs_dev.jsonl: every `text1` or
`text2` whose `lang1`/`lang2` is "de", keyed by its `id1`/`id2`, the first
occurrence of an id kept (an article appears in several pairs). These
articles carry no date.

Italian has no article set. The only Italian news text is
ner/kind_wikinews_it.jsonl: Wikinews sentences in file order, one article
after the other, each opening with its headline. `italian_articles` groups
them back: a sentence of at most 20 words without final punctuation
(. ! ? » " ” ; :) opens an article (a longer one is a body sentence that
lost its full stop), and a short line ending in ":" right before it belongs to it
("Ischia :" + "sospettati 3 ragazzi ..." is one split headline). A section
heading inside an article ("Traffico di prostitute") therefore opens a new
one; a group becomes an article only with at least three sentences after
its headline and 400 characters, so heading-only fragments and source
lists drop out. The article's id is its first sentence's id. The headline
is set apart by a blank line; the body sentences are joined by spaces, and
the tokenisation of the file is undone only for spaces before , . ; : ! ? )
and after ( and an elided article ("l' insetto" -> "l'insetto").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SOURCES = {
    "en": "clustering/giveme5w1h_news_cluster.jsonl",
    "fr": "clustering/mlcrisis_articles_dev.jsonl",
    "es": "clustering/mlcrisis_articles_dev.jsonl",
    "de": "clustering/semeval2022_pairs_dev.jsonl",
    "it": "ner/kind_wikinews_it.jsonl",
}
# What ends a sentence in the Italian Wikinews file; a line without it is a headline.
_FINAL = (".", "!", "?", "»", '"', "”", ";", ":", "…")
MIN_BODY_SENTENCES = 3
MIN_ITALIAN_CHARS = 400
MAX_HEADLINE_WORDS = 20
SEED = 12
MAX_CHARS = 8000
PER_LANGUAGE = 15


def digest(text: str) -> str:
    """sha256 of the UTF-8 text: the gold stores this, never the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lines(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read(lang: str, shared: Path = SHARED) -> dict[str, dict]:
    """The source file's articles of one language, by id."""
    path = shared / SOURCES[lang]
    if lang == "de":
        return semeval_articles(_lines(path), lang)
    if lang == "it":
        return italian_articles(_lines(path))
    return {row["id"]: row for row in _lines(path) if row.get("lang", lang) == lang}


def semeval_articles(pairs: Iterable[dict], lang: str) -> dict[str, dict]:
    """The articles of one language in SemEval pairs, by article id, first occurrence kept."""
    rows: dict[str, dict] = {}
    for pair in pairs:
        for side in ("1", "2"):
            if pair.get(f"lang{side}") == lang and pair[f"id{side}"] not in rows:
                rows[pair[f"id{side}"]] = {
                    "id": pair[f"id{side}"],
                    "lang": lang,
                    "text": pair.get(f"text{side}") or "",
                }
    return rows


def _detokenise(sentence: str) -> str:
    sentence = re.sub(r" ([,.;:!?)])", r"\1", sentence)
    sentence = re.sub(r"\( ", "(", sentence)
    return re.sub(r"(\b\w+['’]) (?=\w)", r"\1", sentence)


def italian_articles(sentences: Iterable[dict]) -> dict[str, dict]:
    """Wikinews sentences grouped back into articles (rule in the module docstring)."""
    groups: list[list[dict]] = []
    rows = list(sentences)
    for k, row in enumerate(rows):
        text = row["text"].strip()
        if text and not text.endswith(_FINAL) and len(text.split()) <= MAX_HEADLINE_WORDS:
            prev = rows[k - 1]["text"].strip() if k else ""
            split_head = prev.endswith(":") and len(prev.split()) <= 4 and groups
            if split_head and groups[-1] and groups[-1][-1] is rows[k - 1]:
                groups[-1].pop()
                groups.append([rows[k - 1], row])
            else:
                groups.append([row])
        elif groups:
            groups[-1].append(row)
    articles: dict[str, dict] = {}
    for group in groups:
        head = 2 if len(group) > 1 and not group[1]["text"].strip().endswith(_FINAL) else 1
        head = head if group[0]["text"].strip().endswith(":") else 1
        title = " ".join(_detokenise(r["text"].strip()) for r in group[:head])
        body = " ".join(_detokenise(r["text"].strip()) for r in group[head:])
        if len(group) - head < MIN_BODY_SENTENCES or len(title) + len(body) < MIN_ITALIAN_CHARS:
            continue
        articles[group[0]["id"]] = {
            "id": group[0]["id"],
            "lang": "it",
            "text": f"{title}\n\n{body}",
        }
    return articles


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
