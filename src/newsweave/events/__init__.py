"""Dated events and claims (time expressions are `newsweave.timex`)."""

from ..timex import find_timexes  # kept importable from here for one release; use newsweave.timex
from .claims import extract_events

__all__ = ["extract_events", "find_timexes"]
