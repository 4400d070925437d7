"""A page's publication date, chosen from what the page states, its address and the
date trafilatura reads.

`read_page` collects, from the parsed page, the dates it states for itself
(structured data, meta tags); `choose` weighs them against the date in the
address and trafilatura's reading. `html.parse_html` calls both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsweave.model import PartialDate

from .datereaders import parse_date

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
_URL_DATE = re.compile(
    r"[/_-](?P<y>(?:19|20)\d\d)[/_-]?(?P<m>0[1-9]|1[0-2])[/_-]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


@dataclass
class PageDates:
    """What a page states about its own dates, strongest first."""

    stated: list[str] = field(default_factory=list)


def read_page(root: Any, metas: dict[str, str], ld: dict[str, str]) -> PageDates:
    """The dates a parsed page states for itself: structured data's datePublished, the
    meta tags, then structured data's dateCreated. A date in the page's text (a menu, a
    list of other articles) never outranks them."""
    stated = [ld.get("datepublished"), *(metas.get(k) for k in PUBLISHED_META),
              ld.get("datecreated")]  # fmt: skip
    return PageDates(stated=[s for s in stated if s])


def choose(
    dates: PageDates | None, *, extracted: str | None, url: str | None
) -> PartialDate | None:
    """The publication date of a page: the first date it states, else trafilatura's;
    a full date in the address wins over either when they disagree."""
    published = None
    for raw in dates.stated if dates else []:
        published = parse_date(raw)
        if published is not None:
            break
    published = published or parse_date(extracted or "")
    in_url = url_date(url)
    day = (published.year, published.month, published.day) if published else None
    if in_url is not None and day != (in_url.year, in_url.month, in_url.day):
        # A full date in the address is the day the site filed the article under; a
        # datePublished that disagrees is most often a later update.
        published = in_url
    return published


def json_ld(root: Any) -> dict[str, str]:
    """datePublished / dateCreated / headline of the first article-like object in the
    page's JSON-LD blocks (keys lower-cased)."""
    found: dict[str, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for obj in _ld_objects(data, depth=0):
            for key in ("datePublished", "dateCreated", "headline"):
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
    return parse_date(f"{m.group('y')}-{m.group('m')}-{m.group('d')}")
