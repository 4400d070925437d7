"""Coded errors that say what happened and what to do next.

Library code raises these; only the CLI and API edges turn them into exit
codes or HTTP responses.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base error. `code` is stable so users can search for it."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Raised in a worker process, an error is pickled back to the main one: rebuild it
        # from its message, whatever the subclass's own arguments, with its code once.
        return _rebuild, (type(self), self.message)


def _rebuild(cls: type[NewsweaveError], message: str) -> NewsweaveError:
    error = cls.__new__(cls)
    Exception.__init__(error, f"[{cls.code}] {message}")
    error.message = message
    return error


class InputError(NewsweaveError):
    """An input item cannot be read (binary, empty, malformed, truncated)."""

    code = "E001"


class ConfigError(NewsweaveError):
    """A setting names something that does not exist or has a bad value."""

    code = "E002"


class MissingDependency(NewsweaveError):
    """An optional component was asked for but its package is not installed."""

    code = "E003"

    def __init__(self, component: str, install: str, message: str | None = None) -> None:
        super().__init__(message or f"{component} needs an optional package: run `{install}`.")


class StoreError(NewsweaveError):
    """The database is unreadable, from a newer schema, or locked."""

    code = "E004"


class NotFound(NewsweaveError):
    """A story, thread or document id does not exist in the store."""

    code = "E005"


class EmbedderMismatch(NewsweaveError):
    """The database holds vectors of another embedder than the one configured."""

    code = "E007"


class OutputError(NewsweaveError):
    """An output file cannot be written (its folder is missing, not writable, or full)."""

    code = "E011"
