"""Accuracy floor CI enforces for datelines (eval/datelines.py on examples/gold/datelines.jsonl).

The gold was committed before the parser it measures (9b2e815) and is pinned by
its sha256, so a floor cannot be kept by editing it. In-sample since the parser
was then changed against it: the held-back figures are the ones that matter.
Fast: the dateline reader needs no model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "examples" / "gold" / "datelines.jsonl"
FRESH = ROOT / "examples" / "gold" / "datelines.fresh.jsonl"
DIGESTS = {
    GOLD: "affffd14e03d30cf9598d8e65adb613bb1f0e53c27a04505608a991574e2019e",
    # 40 lines written after the parser change and scored once, untuned: 1.000 everywhere.
    FRESH: "f3bc4ac2e7b9ef50d9902e924d843181a4a870fa51400f1bb4c9c6870a4266ff",
}
# Measured when set (in-sample): place 1.000/0.976, agency 1.000/1.000, date 1.000/0.952,
# untouched 1.000. Before the parser change: place 0.984/0.484, agency 1.000/0.704,
# date 1.000/0.595.
FLOORS = {"place": (0.98, 0.93), "agency": (0.98, 0.95), "date": (0.98, 0.90)}


def _script(name: str):
    path = ROOT / "eval" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"eval_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_dateline_gold_is_the_one_the_floor_was_measured_on() -> None:
    for path, pinned in DIGESTS.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == pinned, f"{path.name} changed (sha256 {digest}): re-measure and re-pin"


@pytest.mark.parametrize("path", [GOLD, FRESH], ids=["gold", "fresh"])
def test_dateline_floor(path: Path) -> None:
    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x]
    figures = _script("datelines").evaluate(lines)["overall"]
    print(f"datelines: {figures}")
    for name, (precision, recall) in FLOORS.items():
        assert figures[name]["precision"] >= precision, (name, figures[name])
        assert figures[name]["recall"] >= recall, (name, figures[name])
    assert figures["untouched"] == 1.0  # no opening that is not a dateline is cut
