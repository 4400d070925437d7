"""What the knowledge-base readers share: the read report, opening (possibly
compressed) files, parsing one JSON object, and the id patterns.

Both `kb` (JSON lines, CSV, and the format sniffing) and `wikidata` (the dump
reader) build on it, so neither imports the other's internals: `kb` imports
`wikidata`, never the other way round.
"""

from __future__ import annotations

import bz2
import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import Skipped

MAX_EXAMPLES = 20  # skipped lines kept verbatim in a report; the rest are only counted
GZIP, BZIP2 = b"\x1f\x8b", b"BZh"
QID = re.compile(r"^Q[1-9]\d*$")
ISO2 = re.compile(r"^[A-Za-z]{2}$")


@dataclass
class KBReadReport:
    """What one read did: entries yielded, records left out on purpose, lines skipped.

    Pass one to a reader and look at it once the iterator is exhausted.
    `filtered` counts well-formed records the reader was told to leave out
    (a P31 class not asked for, no label in the requested languages);
    `skipped` counts lines it could not read. `reasons` counts both by cause.
    """

    path: str = ""
    format: str = ""  # wikidata | jsonl | csv
    read: int = 0
    filtered: int = 0
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    examples: list[Skipped] = field(default_factory=list)

    def skip(self, origin: str, reason: str) -> None:
        self.skipped += 1
        self.reasons[reason.split(":", 1)[0]] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(Skipped(origin, reason))

    def filter(self, reason: str) -> None:
        self.filtered += 1
        self.reasons[reason] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "read": self.read,
            "filtered": self.filtered,
            "skipped": self.skipped,
            "reasons": dict(self.reasons.most_common()),
            "examples": [{"origin": s.origin, "reason": s.reason} for s in self.examples],
        }


# --- public readers -------------------------------------------------------------------


def open_binary(path: Path) -> IO[bytes]:
    """The decompressed byte stream: gzip and bzip2 are told by magic bytes, not by name."""
    with path.open("rb") as probe:
        magic = probe.read(3)
    if magic.startswith(GZIP):
        return gzip.open(path, "rb")
    if magic.startswith(BZIP2):
        return bz2.open(path, "rb")
    return path.open("rb")


def json_object(line: bytes | str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except UnicodeDecodeError:
        raise InputError("invalid JSON: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}") from None
    except (ValueError, RecursionError):
        raise InputError("invalid JSON: nested too deeply or number too large") from None
    if not isinstance(value, dict):
        raise InputError(f"not a JSON object: {type(value).__name__}")
    return value


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
