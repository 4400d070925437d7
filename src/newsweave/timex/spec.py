"""What a matched time expression means, before it is anchored to a date.

Handlers (`dates`, `relative`, `durations`) read a rule match into a `Spec`;
`resolve` turns a Spec into a TIMEX3 value. Neither side needs the other's
module, so this one holds the shared vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

# Units a relative expression moves by ("last week": W), and those of clock time.
SHIFT_UNITS = ("D", "W", "M", "Q", "Y", "DE", "CE", "WE", "HALF")
TIME_UNITS = ("H", "MIN", "S")


@dataclass
class Spec:
    """The meaning of one expression before anchoring; None fields were not said.

    `unit`/`shift` describe a move from the anchor ("last month": M, -1);
    `gran` is the granularity of the result when it differs from the unit
    ("a year ago" in a quarterly report is a quarter; "=" takes the anchor's).
    `when` is "last", "next" or "this" when the words say so, "" when the
    tense decides. `anchor` is "dct", "prev" (the last date the text named) or
    "prevq" (that date if it is a quarter or a half-year, else the dct).
    """

    type: str = "DATE"
    value: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    weekday: int | None = None  # 0 = Monday
    when: str = ""
    unit: str | None = None
    shift: int | None = None
    gran: str | None = None
    part: str | None = None  # MO MI AF EV NI
    hour: int | None = None
    minute: int | None = None
    anchor: str = "dct"

    @property
    def clock_only(self) -> bool:
        """A time of day with no date of its own ("at 10 a.m.", "ce soir" is not one)."""
        dateless = self.year is None and self.month is None and self.weekday is None
        return (self.hour is not None or self.part is not None) and dateless and self.unit is None
