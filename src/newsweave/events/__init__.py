"""Time expressions, dated events and claims."""

from .timex import find_timexes

__all__ = ["find_timexes"]
