"""The date a page prints by its headline: its byline or date line.

A page's head often carries a template's, a first draft's or an update's
date; the day printed by the headline is the one the site shows its readers
(`pagedate.choose` lets it win). The headline is the heading that repeats the
page's title (`<title>`, `og:title`, the structured data's headline), at any
level (`<h2>` and `<h6>` headlines are common in older templates), else the
first `<h1>` of two words or more. Read around it:

- after it, the first full date in a short run of text within _AFTER
  characters: a byline ("von Anna Muster, 8. Mai 2022") or a date line, or a
  date opening a paragraph ("(21. November 2022) Die Stadt ...");
- before it, a date in the few lines (_BEFORE characters) just above it, not
  in a menu (a date line set over the headline), used when none follows it.

An update line by the headline ("Aktualisiert: 20.10.2021", "Updated Mar 12,
2020") counts: it is the date the page shows its readers, and the one the
labelled pages of ../shared/eval/html give (as htmldate does); a byline
printing both dates gives the first. Not read: dates in prose (an
event's), under a label naming another date ("Erscheinungsdatum:",
"Termin:"), in quoted posts, in an element marked as a modification date in
the markup (a hidden machine field), and in teasers of other articles (a
block that also holds a link of a headline's length).
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

import lxml.etree

from newsweave.model import PartialDate

from .datereaders import parse_date, patterns

Day = tuple[int, int, int]

# A numeric or ISO day (`8.5.2022`, `08. 05. 2022`, `2022-05-08`).
SHOWN = re.compile(r"(?<!\d)(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d\d-\d\d)(?!\d)")
# Characters of text read after the headline, and before it.
_AFTER = 1000
_BEFORE = 200
# A byline or date line is a short run of text; a date inside a longer one is prose,
# unless it opens it (a date line at the head of the first paragraph).
_PIECE = 100
_PROSE_WORDS = 10
_SENTENCE_WORDS = 5
_OPENING = re.compile(r"^[(\[]?\s*$|^[^\W\d_][^\d,;:.!?]{0,30}[,–—-]\s*\(?$")
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "head", "title"})
_MENUS = frozenset({"nav", "aside", "footer", "form", "ul", "ol", "menu"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MARKED_MODIFIED = re.compile(r"modif|updat", re.I)
_MARKED_PUBLISHED = re.compile(r"publi", re.I)
# A label before a date ("Erscheinungsdatum: 14.08.2017", "Termin: 21.02.2020") names the
# date; only one naming the publication makes it the page's.
_LABEL = re.compile(r"([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2})[ \t]*:[ \t]*$")
_PUBLISHED_LABEL = re.compile(
    r"publi|ver[öo]ffentlicht|erschienen|erstellt|eingestellt|geschrieben|posted|written|"
    r"aktualisiert|updated|actualiz|mis à jour|aggiornat|änderung|geändert|stand|modifi|edited|"
    r"^(?:\w+\s+)?(?:datum|date|dated|fecha|data|am|on|le|el|il|vom|du|del)$",
    re.I,
)
# Quoted material (an embedded post) carries its own dates.
_QUOTED = frozenset({"blockquote", "q"})
_OTHER_VERSION = re.compile(r"[?&](?:oldid|diff|rev|revision|version)=", re.I)
# A link of this many words is a headline: a small block (at most _TEASER_CHARS of text)
# holding one beside a date is another article's teaser.
_TEASER_LINK_WORDS = 6
_WORD = re.compile(r"[^\W\d_]{2,}")
_TEASER_CHARS = 400
_CONTAINER_DEPTH = 2
_MAX_HEADINGS = 80


def byline_day(root: Any, titles: list[str] | tuple[str, ...] = ()) -> Day | None:
    """The date printed by the page's headline (see the module's docstring); None when
    there is no headline or no such date."""
    headline = find_headline(root, titles)
    if headline is None:
        return None
    before: deque[tuple[str, Any]] = deque(maxlen=4)
    above: Day | None = None
    size, previous = None, ""
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start" and element is headline:
            above = _above(before)
            size = 0
        # Document order: an element's text at its start, its tail at its end.
        if event == "start":
            piece, owner = (element.text if tag and tag not in _NOT_TEXT else None), element
        else:
            piece, owner = element.tail, element.getparent()
        piece = " ".join((piece or "").split())
        if not piece or owner is None:
            continue
        if size is None:
            before.append((piece, owner))
            continue
        size += len(piece) + 1
        day = _piece_day(piece, owner, previous)
        if day is not None:
            return day
        previous = piece
        if size > _AFTER:
            break
    return above


def find_headline(root: Any, titles: list[str] | tuple[str, ...] = ()) -> Any | None:
    """The heading that repeats the page's title (one contains the other, the shorter at
    least half the longer), else the first `<h1>` of two words or more."""
    keys = [t for t in (" ".join(t.split()).casefold() for t in titles if t) if len(t.split()) >= 2]
    first_h1 = None
    for i, element in enumerate(root.iter(*_HEADINGS)):
        if i >= _MAX_HEADINGS:
            break
        text = " ".join(element.text_content().split()).casefold()
        if len(text.split()) < 2:
            continue
        if first_h1 is None and element.tag == "h1":
            first_h1 = element
        for key in keys:
            short, long = sorted((text, key), key=len)
            if short in long and 2 * len(short) >= len(long):
                return element
    return first_h1


def _above(before: deque[tuple[str, Any]]) -> Day | None:
    """A date in the short lines just above the headline, not in a menu."""
    size = 0
    for piece, owner in reversed(before):
        size += len(piece) + 1
        if size > _BEFORE or _in_menu(owner):
            return None
        day = _piece_day(piece, owner, "")
        if day is not None:
            return day
    return None


def _in_menu(element: Any) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _MENUS
               for a in (element, *element.iterancestors()))  # fmt: skip


def _piece_day(piece: str, owner: Any, previous: str) -> Day | None:
    """The first date of a byline-like piece of text, if it is one."""
    found = dates_in(piece)
    words = len(piece.split())
    sentence = words >= _SENTENCE_WORDS and piece.rstrip()[-1:] in ".!?"
    if len(piece) > _PIECE or words > _PROSE_WORDS or sentence:
        found = [(at, day) for at, day in found if _OPENING.match(piece[:at])]
    found = [(at, day) for at, day in found if _labelled_published(f"{previous} {piece[:at]}")]
    if not found or _marked_modified(owner) or _in_teaser(owner) or _quoted(owner):
        return None
    day = found[0][1]
    return None if _links_elsewhere(owner, day) else day


def _links_elsewhere(element: Any, day: Day) -> bool:
    """The date is the text of a link to another version of the page (a wiki's "Revision
    as of 28 March 2020", `?oldid=...`): that version's date. Links to the day's archive
    (the address holds the date) or to the page itself (rel="bookmark") are the page's
    own, and so is any other dated link, as permalinks are."""
    link = next((a for a in [element, *element.iterancestors()] if a.tag == "a"), None)
    if link is None or "bookmark" in (link.get("rel") or ""):
        return False
    href = link.get("href") or ""
    digits = re.sub(r"\D", "", href)
    year, month, dd = day
    if f"{year}{month:02d}{dd:02d}" in digits or f"{year}{month}{dd}" in digits:
        return False
    return bool(_OTHER_VERSION.search(href))


def _labelled_published(before: str) -> bool:
    """False when a label just before the date names another date than the publication."""
    m = _LABEL.search(before.rstrip()[-60:])
    return m is None or bool(_PUBLISHED_LABEL.search(m.group(1).strip()))


def _quoted(element: Any) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _QUOTED for a in element.iterancestors())


def _marked_modified(element: Any) -> bool:
    """An element (or its parent) marked in the markup as the modification date
    (itemprop="dateModified"): a machine field, often hidden, not a line shown by the
    headline."""
    for e in (element, element.getparent()):
        marks = (e.get("itemprop") or "") if e is not None else ""
        if _MARKED_MODIFIED.search(marks) and not _MARKED_PUBLISHED.search(marks):
            return True
    return False


def _in_teaser(element: Any) -> bool:
    """In a block that also links another article by its headline (a list of related
    articles with their dates)."""
    own = {id(a) for a in element.iterancestors("a")} | {id(element)}
    for _ in range(_CONTAINER_DEPTH):
        element = element.getparent()
        if element is None:
            return False
        if len(element.text_content()) > _TEASER_CHARS:
            return False
        for link in element.iter("a"):
            words = _WORD.findall(link.text_content())
            if id(link) not in own and len(words) >= _TEASER_LINK_WORDS:
                return True
    return False


def dates_in(text: str) -> list[tuple[int, Day]]:
    """(offset, day) of the full dates in `text`, in order."""
    spans = [(m.start(), m.group(0).replace(" ", "")) for m in SHOWN.finditer(text)]
    for name in ("day_first", "month_first"):
        spans += [(m.start(), m.group(0)) for m in patterns()[name].finditer(text) if m.group("y")]
    found = []
    for at, raw in sorted(spans):
        day = _day(parse_date(raw))
        if day is not None:
            found.append((at, day))
    return found


def _day(value: PartialDate | None) -> Day | None:
    if value is None or value.month is None or value.day is None:
        return None
    return (value.year, value.month, value.day)
