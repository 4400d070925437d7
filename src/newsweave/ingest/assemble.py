"""Turning a reader's text and known fields into a `Document`.

Every reader ends here, so the rules are the same for all formats: the
metadata written in the text is moved out of the body; fields a container
states (JSON keys, feed elements, page meta) win over what the text says,
except that a more precise date that agrees with them refines them.
"""

from __future__ import annotations

import re
from typing import Any

from newsweave.errors import InputError
from newsweave.ingest import metadata
from newsweave.model import Document, PartialDate

_LANG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*", re.I)


def make_document(
    text: str,
    *,
    id: str,
    origin: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    author: str | None = None,
    published: PartialDate | None = None,
    dateline: str | None = None,
    month_day: tuple[int, int] | None = None,
    declared_lang: str | None = None,
) -> Document:
    """A Document from body text; `InputError` when no body is left."""
    body, found = metadata.extract(text, lang=lang_code(declared_lang))
    if not body:
        raise InputError("no body text" if text.strip() else "no text")
    extra: dict[str, Any] = {}
    published = metadata.merge_published(published, found.get("published"))
    month_day = month_day or found.get("month_day")
    if month_day is not None:
        resolved = metadata.resolve_month_day(month_day, published)
        if resolved is not None:
            published = resolved
        elif published is None:
            # Kept for later stages that may know the year; never guessed here.
            extra["dateline_month_day"] = f"--{month_day[0]:02d}-{month_day[1]:02d}"
    agency = found.get("source")
    if source and agency and agency.casefold() != source.casefold():
        extra["agency"] = agency
    return Document(
        id=id,
        text=body,
        title=clean(title),
        url=clean(url),
        source=clean(source) or agency,
        author=clean(author),
        published=published,
        dateline=dateline or found.get("dateline"),
        declared_lang=lang_code(declared_lang),
        origin=origin,
        extra=extra,
    )


def clean(value: Any) -> str | None:
    """A one-line string, or None for missing, blank and non-string values."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def lang_code(value: Any) -> str | None:
    """Primary subtag of a declared language (`fr-FR` -> `fr`); None if it is not a tag."""
    if not isinstance(value, str):
        return None
    m = _LANG.fullmatch(value.strip())
    return m.group(1).lower() if m else None
