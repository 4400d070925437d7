"""A page's publication date, chosen from what the page states, its address and the
date trafilatura reads.

`read_page` collects, from the parsed page, the dates it states for itself
(structured data, meta tags, `<time>` tags), the date printed in a byline by
its headline, and the zone offsets it writes; `choose` weighs them against
the date in the address and trafilatura's reading, and moves a time stated in
UTC to the page's own day (`pagezone`). `html.parse_html` calls both.

Measured on real labelled pages by `eval/ingest.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsweave.model import PartialDate, zone_offset

from .byline import SHOWN, byline_day
from .datereaders import parse_date, patterns
from .pagezone import local_time

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "citation_publication_date",
    "sailthru.date",
)
_ARTICLE_TYPE = re.compile(r"Article|BlogPosting|Report|WebPage|Posting", re.I)
_DATE_KEY = re.compile(r"date|time|publi|modif|updat|creat|issued")
_MODIFIED = re.compile(r"modif|updat|expir")
# A time with its zone written in a script: 2020-05-01T23:00:00-04:00 (ISO 8601) or
# Fri, 01 May 2020 23:00:00 -0400 (RFC 822); not a range such as 10:30-11:30.
_STAMP_ZONE = re.compile(
    r"(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?|\d\d:\d\d:\d\d\s)"
    r"([+-]\d\d:?\d\d)(?!\d)"
)
_URL_DATE = re.compile(
    r"[/_-](?P<y>(?:19|20)\d\d)[/_-]?(?P<m>0[1-9]|1[0-2])[/_-]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    # /2017/7/12/: months and days unpadded, between slashes only
    r"|/(?P<y2>(?:19|20)\d\d)/(?P<m2>[1-9]|1[0-2])/(?P<d2>[1-9]|[12]\d|3[01])(?=/|$)"
)
_VISIBLE_TEXT = "//body//text()[not(ancestor::script) and not(ancestor::style)]"
# At most this many <time> tags and scripts are read for dates and offsets.
_MAX_ELEMENTS = 50

Day = tuple[int, int, int]


@dataclass
class PageDates:
    """What a page states about its own dates."""

    # The publication dates it states, strongest first (raw values).
    stated: list[str] = field(default_factory=list)
    # Every day it states in its head, structured data and <time> tags, modification
    # dates included: a reading that matches none of them came from the page's text.
    days: set[Day] = field(default_factory=set)
    # The times it states with an offset, and the offsets written in its scripts: the
    # evidence of the site's own zone.
    times: list[PartialDate] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    # The day a <time> tag shows for the time in its `datetime` ("Oct 10, 2023" for
    # 2023-10-10T23:25:44+00:00): how the site itself dates that time.
    shown: dict[str, Day] = field(default_factory=dict)
    # The first full date written by the headline (a byline "von Anna Muster, 8. Mai
    # 2022"), not in menus or lists further down; update dates ("Aktualisiert:") skipped.
    byline: Day | None = None
    # Days it states only as a modification or update time (og:updated_time, dateModified).
    modified: set[Day] = field(default_factory=set)
    # Days it states as a publication date (head, structured data, <time> tags).
    published: set[Day] = field(default_factory=set)
    # The parsed page, for the days its text prints (read only when a date is in doubt).
    root: Any = field(default=None, repr=False, compare=False)

    def printed(self) -> set[Day]:
        """Days the visible text prints in numeric form (`01.11.2023`, `2023-11-01`),
        whose order is not in doubt: they settle a `11/01/2023` read the other way."""
        return _printed_days(self.root) if self.root is not None else set()


def read_page(
    root: Any, metas: dict[str, str], ld: dict[str, str], titles: list[str] | None = None
) -> PageDates:
    """The dates a parsed page states for itself. Publication dates, strongest first:
    structured data's datePublished, the meta tags, structured data's dateCreated. A
    date in the page's text (a menu, a list of other articles) never outranks them."""
    stated = [ld.get("datepublished"), *(metas.get(k) for k in PUBLISHED_META),
              ld.get("datecreated")]  # fmt: skip
    found = PageDates(stated=[s for s in stated if s])
    others = [v for k, v in metas.items() if _DATE_KEY.search(k) and not _MODIFIED.search(k)]
    changed = [v for k, v in metas.items() if _MODIFIED.search(k)] + [ld.get("datemodified")]
    read: dict[str, PartialDate | None] = {}  # each value parsed once

    def parse(raw: str | None) -> PartialDate | None:
        if raw and raw not in read:
            read[raw] = parse_date(raw)
        return read.get(raw or "")

    for tag in _first(root.iter("time")):
        raw = tag.get("datetime")
        others.append(raw)
        value, shown = parse(raw), _shown_day(tag.text_content() or "")
        if value is not None and value.hour is not None and shown is not None:
            found.shown.setdefault(value.isoformat(), shown)
    found.byline = byline_day(root, titles or [])
    found.root = root
    published_days = {_day(parse(raw)) for raw in [*found.stated, *others]}
    found.published = {day for day in published_days if day is not None}
    for raw in changed:
        day = _day(parse(raw))
        if day is not None and day not in published_days:
            found.modified.add(day)
    for raw in [*found.stated, *others, *changed]:
        value = parse(raw)
        day = _day(value)
        if value is None or day is None:
            continue
        found.days.add(day)
        if value.hour is not None and value.offset is not None:
            found.times.append(value)
            found.offsets.append(value.offset)
    for script in _first(root.iter("script")):
        for m in _STAMP_ZONE.finditer(script.text or ""):
            offset = zone_offset(m.group(1))
            if offset is not None:
                found.offsets.append(offset)
    return found


def choose(
    dates: PageDates | None,
    *,
    extracted: str | None,
    url: str | None,
    lang: str | None = None,
) -> tuple[PartialDate | None, PartialDate | None]:
    """(the publication date of a page, the time as the page stated it when the date is
    that time moved to the page's own zone, else None).

    trafilatura's reading (htmldate's rules over the head, then the text) is the
    base. It is set aside when it matches no date the page states and the page
    states a publication date (it came from a menu or a list of other articles),
    or when it is a bare 1 January (a year, such as a copyright line, read as a
    day), or when it came from an update time alone and the page states an earlier
    day. The date printed in a byline by the headline wins over all of these, and
    a full date in the address over that. A time on the chosen day given in UTC or
    another zone is moved to the page's zone, unless a <time> tag shows it on its
    UTC day.
    """
    dates = dates or PageDates()
    stated = next((v for raw in dates.stated if (v := parse_date(raw)) is not None), None)
    published = parse_date(extracted or "")
    from_text = published is not None and _day(published) not in dates.days
    if from_text and (stated is not None or (published.month, published.day) == (1, 1)):
        published = stated
    published = published or stated
    published = _in_printed_order(published, dates)
    day = _day(published)
    if day is not None and day in dates.modified and day not in dates.published:
        # trafilatura read an update time; the page states when it was published.
        earlier = [d for d in dates.published if d < day]
        if stated is not None and _day(stated) != day:
            published = stated
        elif earlier:
            published = PartialDate(*max(earlier))
    if dates.byline is not None and (published is None or _day(published) != dates.byline):
        # The date printed by the headline is the one the site shows its readers; the
        # head's is often a template's, a first draft's or an update's.
        published = PartialDate(*dates.byline)
    in_url = url_date(url)
    # A full date in the address is the day the site filed the article under; a
    # datePublished that disagrees is most often a later update, unless the byline
    # prints the same day (the address then holds a draft's or the day before's).
    confirmed = stated is not None and dates.byline is not None and _day(stated) == dates.byline
    if (
        in_url is not None
        and (published is None or _day(published) != _day(in_url))
        and not (confirmed and _day(published) == dates.byline)
    ):
        published = in_url
    if published is None or published.day is None:
        return published, None
    if published.hour is None:
        # The same day stated with its time: keep the time and its offset.
        same = (t for t in dates.times if _day(t) == _day(published))
        published = next(same, published)
    if published.hour is None or published.offset is None:
        return published, None
    shown = dates.shown.get(published.isoformat())
    if _day(published) in (shown, dates.byline):
        return published, None  # the site shows this time on its own day
    local = local_time(published, url=url, lang=lang, offsets=dates.offsets)
    if _day(local) == _day(published) or (in_url is not None and _day(local) != _day(in_url)):
        return published, None
    return local, published


def json_ld(root: Any) -> dict[str, str]:
    """datePublished / dateCreated / dateModified / headline of the first article-like
    object in the page's JSON-LD blocks (keys lower-cased)."""
    found: dict[str, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for obj in _ld_objects(data, depth=0):
            for key in ("datePublished", "dateCreated", "dateModified", "headline"):
                value = obj.get(key)
                if isinstance(value, str) and key.lower() not in found:
                    found[key.lower()] = value
        if "datepublished" in found:
            break
    return found


def _ld_objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-LD document, articles first; nested @graph lists included."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds):
            yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _ld_objects(data[key], depth + 1)


def url_date(url: str | None) -> PartialDate | None:
    """A full date written in a page's address (/2020/04/27/, /20200427/, -2020-04-27-)."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if m is None:
        return None
    year, month, day = (m.group(k) or m.group(f"{k}2") for k in ("y", "m", "d"))
    return parse_date(f"{year}-{int(month):02d}-{int(day):02d}")


def _printed_days(root: Any) -> set[Day]:
    """Days printed in the page's visible text as `d.m.yyyy` or `yyyy-mm-dd`."""
    days = set()
    for text in root.xpath(_VISIBLE_TEXT):
        for m in SHOWN.finditer(text):
            day = _day(parse_date(m.group(0).replace(" ", "")))
            if day is not None:
                days.add(day)
    return days


def _in_printed_order(value: PartialDate | None, dates: PageDates) -> PartialDate | None:
    """`value` with day and month swapped when only the swapped day is printed on the
    page and the page states neither: a `11/01/2023` read day first on a page that
    prints `01.11.2023` (a US-format machine field on a Swiss page)."""
    day = _day(value)
    if value is None or day is None:
        return value
    year, month, dom = day
    if month == dom or dom > 12 or day in dates.days:
        return value
    printed = dates.printed()
    if day in printed or (year, dom, month) not in printed:
        return value
    return PartialDate(year, dom, month)


def _shown_day(text: str) -> Day | None:
    """The full date written in a <time> tag's text (`Oct 10, 2023`, `6. November
    2023, 15:25 Uhr`, `10.10.2023`), if any."""
    text = " ".join(text.split())[:80]
    if not text:
        return None
    found = [m.group(0).replace(" ", "") for m in SHOWN.finditer(text)]
    for name in ("day_first", "month_first"):
        m = patterns()[name].search(text)
        if m and m.group("y"):
            found.append(m.group(0))
    for raw in found:
        day = _day(parse_date(raw))
        if day is not None:
            return day
    return None


def _day(value: PartialDate | None) -> Day | None:
    if value is None or value.month is None or value.day is None:
        return None
    return (value.year, value.month, value.day)


def _first(elements: Iterable[Any], n: int = _MAX_ELEMENTS) -> Iterator[Any]:
    for i, element in enumerate(elements):
        if i >= n:
            return
        yield element
