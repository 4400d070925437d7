"""Accuracy floor CI enforces for the event stage (eval/events.py on tests/data/events).

Floors sit a few points under the figures measured when they were set, so a
model or dependency upgrade that shifts a mention or two passes, but a rule
that stops firing fails. The sets run the real entity stage (spaCy for en/fr),
hence the slow mark. The test first checks the sha256 digest of each gold set
against GOLD_DIGESTS, so a floor cannot be kept by editing its gold: a deliberate
gold change updates the digest and the measured figures in the same commit.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _script(name: str):
    """Import an eval/ script as a module (eval/ is not a package)."""
    path = ROOT / "eval" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"eval_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# (set, F1 floor, type accuracy floor). Measured F1 / type accuracy when set: en 0.940/1.00,
# fr 0.984/1.00, de 0.923/1.00, es 0.923/1.00 (overall 0.948/1.00); held out: en.fresh
# 0.968/1.00, fr.fresh 0.857/1.00, de.fresh 0.923/1.00, es.fresh 1.00/1.00 (overall 0.940/1.00).
# de.fresh and es.fresh hold 7 events each: one event more or less moves F1 by ~0.07.
FLOORS = [
    ("en", 0.90, 0.95),
    ("fr", 0.93, 0.95),
    ("de", 0.84, 0.90),
    ("es", 0.84, 0.90),
    ("en.fresh", 0.90, 0.95),
    ("fr.fresh", 0.78, 0.90),
    ("de.fresh", 0.84, 0.90),
    ("es.fresh", 0.90, 0.90),
]
# sha256 of each gold set in tests/data/events, pinned with the figures above.
GOLD_DIGESTS = {
    "de.fresh": "1e1e2e2124c4c8664b94e402d34876a1d16398410bb6a6b2768af69d6921b941",
    "de": "0cb0b099d55dd12275131e176452fcfec842281bc3191f5612fbefc9a6f01ed0",
    "en.fresh": "f6aa642ac60279ec7f909650a084354807b34d77cf271c5374ba1c963715f011",
    "en": "7f496566310c77789caa0c57870e2d6c170212610dad44603ca187e7608de875",
    "es.fresh": "435a124f19f6e251013d43545c6fb8eef644203c1db2ae686632f9123ce86562",
    "es": "de0346315fa2daf9779f62368df0c341272c3d2f49b79febb08e15eb43e08a7e",
    "fr.fresh": "00a21f799a3a8f4d627943f3edbd261aad59bf8c1c57afe6fa5d8d7645e156fa",
    "fr": "8b46891758281227c76e6b1c660992005bf0b3cd2c1c5eaad356437f2e23d91a",
}


def test_event_gold_sets_are_the_ones_the_floors_were_measured_on() -> None:
    gold = ROOT / "tests" / "data" / "events"
    assert {name for name, _, _ in FLOORS} == set(GOLD_DIGESTS)
    for name, pinned in GOLD_DIGESTS.items():
        digest = hashlib.sha256((gold / f"{name}.jsonl").read_bytes()).hexdigest()
        assert digest == pinned, (
            f"tests/data/events/{name}.jsonl changed (sha256 {digest}): re-measure the figures "
            "and update its pinned digest deliberately, in the same commit as the floor"
        )


def test_event_detection_and_type_floors(settings) -> None:
    test_event_gold_sets_are_the_ones_the_floors_were_measured_on()
    events = _script("events")
    tallies = events.evaluate([name for name, _, _ in FLOORS], settings, repeat=1)
    assert set(tallies) == {name for name, _, _ in FLOORS}
    total = events.Tally()
    for name, f1_floor, type_floor in FLOORS:
        result = tallies[name].result(name)
        assert result["f1"] >= f1_floor, (name, result, tallies[name].errors[:10])
        assert result["type_accuracy"] >= type_floor, (name, result)
        if "." not in name:
            total.add(tallies[name])
    overall = total.result("overall")  # development sets: measured 0.948, actors 0.900,
    assert overall["f1"] >= 0.91, overall  # claimed_by 0.982
    assert overall["actors_accuracy"] >= 0.85, overall
    assert overall["claimed_by_accuracy"] >= 0.93, overall


# Italian, in-sample: tests/data/events/it.jsonl was written before the Italian word lists,
# which were then tuned on it. Measured F1 0.933, type accuracy 1.00, actors 0.714 (dates
# 0.50 while Italian time expressions are not read).
ITALIAN_DIGEST = "8ebe3097c8d3907564f45f6610948b72aa9a9010019e2a1d60454ae25bc5d026"


def test_italian_event_floor(settings) -> None:
    path = ROOT / "tests" / "data" / "events" / "it.jsonl"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == ITALIAN_DIGEST, f"{path.name} changed (sha256 {digest}): re-measure"
    events = _script("events")
    result = events.evaluate(["it"], settings, repeat=1)["it"].result("it")
    assert result["f1"] >= 0.85, result
    assert result["type_accuracy"] >= 0.90, result
    assert result["actors_accuracy"] >= 0.60, result
