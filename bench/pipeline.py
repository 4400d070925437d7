"""Throughput of the full ingest path: read -> language -> dedup -> embed -> cluster -> store.

    python bench/pipeline.py --n 1000 --n 10000 [--workers 2] [--lengths short]

Generates N synthetic articles (en, fr, de, es; events of a few articles each
spread over weeks, some wire copies), writes them as JSONL,
ingests them into a fresh SQLite database and prints articles/s, CPU ms per
article (all processes, start-up included: the figure to compare before/after on
a machine other jobs share), peak RSS and the cost per article of each stage.
Stage costs are summed over processes, so with worker processes they can add up
to more than the wall time.

With `--cpu-clock` everything runs in this one process (no workers, the
shipped models loaded first, as the workers' fork server loads them) and the
stage costs are CPU seconds (`time.process_time`), not wall seconds: the
per-stage figures to compare before/after while other jobs share the machine.

Article lengths: `realistic` (the default) draws words from a log-normal with
a median of 650 words (about 4,000 characters, the median of real crisis
coverage) and a long tail past 40,000 characters (capped at 9,000 words);
`short` is the earlier 250-450 words, kept to compare with older figures.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from multiprocessing import forkserver
from pathlib import Path

from newsweave.config import load_settings
from newsweave.pipeline import ingest_paths
from newsweave.store import open_store

PEOPLE = ["Anna Kovalenko", "Marc Dubois", "Jürgen Weber", "Lucía Fernández", "Oleksii Marchenko",
          "Claire Martin", "Hans Becker", "Pablo Ortega", "Ivan Petrenko", "Sofia Rossi",
          "Thomas Keller", "Elena Vidal", "Pierre Lambert", "Karin Vogel", "Diego Morales"]  # fmt: skip
PLACES = ["Kharkiv", "Lyon", "Hamburg", "Sevilla", "Odesa", "Marseille", "Dresden", "Valencia",
          "Dnipro", "Bordeaux", "Leipzig", "Bilbao", "Zaporizhzhia", "Nantes", "Bremen"]  # fmt: skip
ORGS = ["NATO", "the European Commission", "the Red Cross", "the IMF", "the UN", "Reuters"]

TEMPLATES = {
    "en": ["{p} said on {d} that the situation in {l} remained {adj}.",
           "At least {n} people were affected after the {ev} near {l}, officials said.",
           "“We will not accept this,” {p} told reporters in {l}.",
           "{o} announced a package worth {n} million euros for {l}.",
           "Residents of {l} described a {adj} night as the {ev} continued.",
           "Analysts expect the {ev} to weigh on talks between {p} and {q}."],
    "fr": ["{p} a déclaré {d} que la situation à {l} restait {adj}.",
           "Au moins {n} personnes ont été touchées après {ev} près de {l}, selon les autorités.",
           "« Nous ne l'accepterons pas », a affirmé {p} à {l}.",
           "{o} a annoncé une enveloppe de {n} millions d'euros pour {l}.",
           "Les habitants de {l} ont décrit une nuit {adj} alors que {ev} se poursuivait.",
           "Les analystes estiment que {ev} pèsera sur les discussions entre {p} et {q}."],
    "de": ["{p} sagte am {d}, die Lage in {l} bleibe {adj}.",
           "Mindestens {n} Menschen waren nach {ev} bei {l} betroffen, teilten Behörden mit.",
           "„Das werden wir nicht hinnehmen“, sagte {p} in {l}.",
           "{o} kündigte ein Paket von {n} Millionen Euro für {l} an.",
           "Bewohner von {l} berichteten von einer {adj} Nacht, während {ev} andauerte.",
           "Beobachter erwarten, dass {ev} die Gespräche zwischen {p} und {q} belastet."],
    "es": ["{p} afirmó el {d} que la situación en {l} seguía siendo {adj}.",
           "Al menos {n} personas resultaron afectadas tras {ev} cerca de {l}, según las autoridades.",
           "«No lo aceptaremos», dijo {p} en {l}.",
           "{o} anunció un paquete de {n} millones de euros para {l}.",
           "Los vecinos de {l} describieron una noche {adj} mientras {ev} continuaba.",
           "Los analistas creen que {ev} pesará en las conversaciones entre {p} y {q}."],
}  # fmt: skip
WORDS = {
    "en": (["tense", "difficult", "calm", "chaotic"], ["flooding", "strike", "shelling", "blackout"], ["Monday", "Tuesday", "Friday"]),
    "fr": (["tendue", "difficile", "calme", "chaotique"], ["l'inondation", "la grève", "le bombardement", "la panne"], ["lundi", "mardi", "vendredi"]),
    "de": (["angespannt", "schwierig", "ruhig", "chaotisch"], ["das Hochwasser", "der Streik", "der Beschuss", "der Stromausfall"], ["Montag", "Dienstag", "Freitag"]),
    "es": (["tensa", "difícil", "tranquila", "caótica"], ["la inundación", "la huelga", "el bombardeo", "el apagón"], ["lunes", "martes", "viernes"]),
}  # fmt: skip


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "tre",
    "vos",
    "ant",
    "pel",
    "dor",
    "sun",
    "gri",
    "bal",
    "ter",
    "nox",
    "fia",
    "rum",
    "tek",
    "osa",
    "lin",
    "mar",
    "quo",
]


def pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))


def article_words(rng: random.Random, lengths: str) -> int:
    """How many words the next article has."""
    if lengths == "short":
        return rng.randint(250, 450)
    return max(80, min(9000, round(rng.lognormvariate(math.log(650), 0.9))))


def article(rng: random.Random, lang: str, event: dict, lengths: str = "realistic") -> str:
    adjs, events, days = WORDS[lang]
    sentences = []
    target = article_words(rng, lengths)
    words = 0
    while words < target:
        if rng.random() < 0.6:  # event-specific vocabulary keeps events apart
            filler = " ".join(rng.choice(event["vocabulary"]) for _ in range(rng.randint(8, 14)))
            sentences.append(filler.capitalize() + ".")
            words += len(sentences[-1].split())
            continue
        template = rng.choice(TEMPLATES[lang])
        sentence = template.format(
            p=rng.choice(event["people"]), q=rng.choice(PEOPLE), l=rng.choice(event["places"]),
            o=rng.choice(ORGS), n=rng.choice(event["numbers"]), adj=rng.choice(adjs),
            ev=events[event["kind"]], d=rng.choice(days),
        )  # fmt: skip
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def generate(n: int, path: Path, seed: int = 7, lengths: str = "realistic") -> list[int]:
    """Write the corpus; returns the length in characters of each article."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    written = 0
    event_id = 0
    sizes: list[int] = []
    with path.open("w", encoding="utf-8") as out:
        while written < n:
            event_id += 1
            event = {
                "people": [f"{rng.choice(PEOPLE).split()[0]} {pseudo_word(rng).title()}ski"
                           for _ in range(2)],
                "places": [f"{pseudo_word(rng).title()}{rng.choice(['grad', 'ville', 'burg'])}"
                           for _ in range(2)],
                "numbers": [str(rng.randint(12, 5000)) for _ in range(3)], "kind": rng.randrange(4),
                "vocabulary": [pseudo_word(rng) for _ in range(40)],
            }  # fmt: skip
            day = start + timedelta(days=int(written / max(1, n / 60)))  # ~60 days in all
            for k in range(rng.randint(3, 8)):
                if written >= n:
                    break
                lang = rng.choice(list(TEMPLATES))
                text = article(rng, lang, event, lengths)
                if k and rng.random() < 0.1:  # a wire copy with a swapped word
                    text = text.replace(event["places"][0], event["places"][1], 1) + " (AFP)"
                record = {
                    "id": f"bench-{written}", "title": f"{event['places'][0]} {event_id} {k}",
                    "text": text, "source": rng.choice(["AFP", "Reuters", "dpa", "EFE"]),
                    "published": (day + timedelta(hours=rng.randint(0, 47))).isoformat(), "lang": lang,
                }  # fmt: skip
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                sizes.append(len(text))
                written += 1
    return sizes


def _cpu_seconds() -> float:
    """CPU time of this process and its ended workers: unlike wall time, a fair
    before/after comparison on a machine other jobs share."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime


def _stop_fork_server() -> None:
    """Workers fork from a server process (`pipeline.worker_context`), which reaps them:
    their CPU time reaches this process's RUSAGE_CHILDREN only when the server ends.
    Stopping it also makes each `--n` pay its own start-up, as a separate run would."""
    stop = getattr(forkserver._forkserver, "_stop", None)  # private, but stable since 3.8
    if stop is not None:
        stop()


def run(n: int, workers: int, batch_size: int, lengths: str = "realistic") -> dict:
    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        sizes = sorted(generate(n, corpus, lengths=lengths))
        settings = load_settings(environ={}, db=str(Path(tmp) / "bench.db"), workers=workers,
                                 batch_size=batch_size)  # fmt: skip
        store = open_store(settings.db)
        cpu = _cpu_seconds()
        t = time.perf_counter()
        report = ingest_paths([corpus], store, settings)
        wall = time.perf_counter() - t
        _stop_fork_server()
        cpu = _cpu_seconds() - cpu
        stories = store.count("stories")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per_article = {k: round(1000 * v / max(1, report.stored), 3) for k, v in report.timings.items()}
    return {
        "n": n, "lengths": lengths, "chars_median": sizes[len(sizes) // 2],
        "chars_mean": round(sum(sizes) / len(sizes)), "chars_max": sizes[-1],
        "workers": workers, "stored": report.stored, "stories": stories,
        "near_duplicates": report.near_duplicates, "seconds": round(wall, 2),
        "articles_per_second": round(report.stored / wall, 1),
        "cpu_ms_per_article": round(1000 * cpu / max(1, report.stored), 1),
        "peak_rss_mb_main": round(peak_self), "peak_rss_mb_worker": round(peak_children),
        "ms_per_article_by_stage": per_article,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, action="append", help="articles (repeatable)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--cpu-clock", action="store_true",
                        help="no workers; stage costs in CPU seconds (see above)")  # fmt: skip
    parser.add_argument("--lengths", choices=("realistic", "short"), default="realistic",
                        help="article length distribution (see above)")  # fmt: skip
    args = parser.parse_args()
    workers = args.workers
    if args.cpu_clock:
        # Every stage times itself with `time.perf_counter()`, read at call time.
        time.perf_counter = time.process_time
        workers = 0
        import newsweave.warm  # noqa: F401  (models loaded before timing, as workers find them)
    for n in args.n or [1000]:
        print(json.dumps(run(n, workers, args.batch_size, args.lengths)), flush=True)


if __name__ == "__main__":
    main()
