"""Time expressions, dated events and claims."""

from .claims import extract_events
from .timex import find_timexes

__all__ = ["extract_events", "find_timexes"]
