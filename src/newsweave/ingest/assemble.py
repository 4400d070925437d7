"""Turning a reader's text and known fields into a `Document`.

Every reader ends here, so the rules are the same for all formats: the
metadata written in the text is moved out of the body; fields a container
states (JSON keys, feed elements, page meta) win over what the text says,
except that a more precise date that agrees with them refines them.

Every date a container states passes `metadata.valid_date`, as the dates
read from the text do. A body with too little language-bearing text (one
character, `<<<<>>>>`, a row of emoji) is not an article: it needs at least
MIN_LETTERS letters, a word of two letters or more, and letters making at
least MIN_LETTER_SHARE of its visible characters.
"""

from __future__ import annotations

import re
from typing import Any

from newsweave.errors import InputError
from newsweave.ingest import metadata
from newsweave.model import Document, PartialDate

_LANG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*", re.I)
# The least text that makes an article. "Talks resumed." passes; "x", "<<<<>>>>",
# "🔥🔥🔥" and a page of symbols with a word in it do not.
MIN_LETTERS = 4
MIN_LETTER_SHARE = 0.1
# Letters are counted in the first characters only: the verdict needs no more.
_JUNK_SAMPLE_CHARS = 100_000
_WORD = re.compile(r"[^\W\d_]{2}")


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
    problem = junk(body)
    if problem:
        raise InputError(problem)
    extra: dict[str, Any] = {}
    published = metadata.merge_published(metadata.valid_date(published), found.get("published"))
    month_day = metadata.valid_month_day(month_day) or found.get("month_day")
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


def junk(body: str) -> str | None:
    """Why `body` is too little language-bearing text to be an article; None if it is not."""
    sample = body[:_JUNK_SAMPLE_CHARS]
    letters = sum(map(str.isalpha, sample))  # map: 3x a generator on long pages
    if letters == 0:
        return "not an article: no letters, only symbols, digits or emoji"
    if letters < MIN_LETTERS:
        return f"not an article: {letters} letter{'s' if letters > 1 else ''}, too little text"
    if not _WORD.search(sample):
        return "not an article: no word of two letters or more"
    visible = len(sample) - sum(map(str.isspace, sample))
    if letters < MIN_LETTER_SHARE * visible:
        return (
            f"not an article: {letters} letters in {visible} characters, "
            "mostly symbols, digits or emoji"
        )
    return None


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
