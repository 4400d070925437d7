"""The day a time stated in UTC (or another zone) falls on where the page is published.

Sites often state `2022-11-06T23:00Z` for an article their readers saw dated
7 November: the day the source meant is the day in its own zone. The zone is
guessed from evidence, strongest first: the country of the address's
country-code domain, the offset the page writes with most of its other
times, the region in the page's language tag (`de-AT`, `es_VE`; a weaker
hint, as publishing software fills in `en-US` by default), then the
countries where the page's language is the main official one. A country
counts only when all its zones put the time on the same day (Germany does;
the United States does not for 02:00Z), and a set of countries only when they
all agree; otherwise the time stays as the source wrote it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsweave.model import PartialDate

# Country-code domains sold as generic names (.io, .tv, .co ...): no country evidence.
_GENERIC_CC = frozenset(
    {"io", "co", "tv", "me", "fm", "ai", "ly", "to", "cc", "ws", "eu", "am", "gg", "la",
     "nu", "tk", "ml", "ga", "cf", "gq", "sh", "ac", "im", "vc", "so", "st", "xyz", "app"}
)  # fmt: skip
_CC_ALIASES = {"uk": "GB"}
# A language is a country's main one when this share of its people speak it.
_MAIN_LANGUAGE_SHARE = 50.0


def local_time(
    value: PartialDate,
    *,
    url: str | None = None,
    lang: str | None = None,
    offsets: list[int] | tuple[int, ...] = (),
) -> PartialDate:
    """`value` (a time with an offset) in the page's own zone when the evidence agrees
    on one local day; `value` unchanged otherwise. The result keeps an offset, so the
    instant is the same; only the day and clock time are the page's."""
    if value.hour is None or value.offset is None:
        return value
    if value.offset == 0 and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value  # midnight UTC is how many sites write a bare day
    instant = datetime(value.year, value.month or 1, value.day or 1, value.hour,
                       value.minute or 0, value.second or 0,
                       tzinfo=UTC) - timedelta(minutes=value.offset)  # fmt: skip
    for zones in _evidence(url, lang, offsets):
        local = _agreed(instant, zones)
        if local is not None:
            return local
    return value


def _evidence(
    url: str | None, lang: str | None, offsets: list[int] | tuple[int, ...]
) -> Iterator[list[str | int]]:
    """Candidate zone sets, strongest evidence first."""
    country = _domain_country(url)
    if country:
        yield _country_zones(country)
    stated = Counter(o for o in offsets if o)
    if stated:
        offset, n = stated.most_common(1)[0]
        if n * 2 > sum(stated.values()):  # one offset dominates the page's other times
            yield [offset]
    if country:
        return  # the language tag says less than the domain: no guess against it
    region = _lang_region(lang)
    if region:
        yield _country_zones(region)
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    if base:
        countries = _main_countries(base)
        if countries:
            yield [z for c in countries for z in _country_zones(c)]


def _agreed(instant: datetime, zones: list[str | int]) -> PartialDate | None:
    """The local time in the first zone when every zone gives the same local day."""
    days = set()
    first = None
    for zone in zones:
        if isinstance(zone, int):
            local = instant + timedelta(minutes=zone)
            offset = zone
        else:
            try:
                local = instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
            except (ZoneInfoNotFoundError, ValueError):
                return None
            offset = int((local - instant.replace(tzinfo=None)).total_seconds() // 60)
        days.add(local.date())
        if first is None:
            first = PartialDate(local.year, local.month, local.day, local.hour, local.minute,
                                local.second, offset)  # fmt: skip
    return first if first is not None and len(days) == 1 else None


def _domain_country(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _GENERIC_CC:
        return None
    return _CC_ALIASES.get(tld, tld.upper())


def _lang_region(lang: str | None) -> str | None:
    parts = (lang or "").replace("_", "-").split("-")
    region = parts[1] if len(parts) > 1 else ""
    return region.upper() if len(region) == 2 and region.isalpha() else None


@cache
def _country_zones(country: str) -> list[str | int]:
    import pytz

    return list(pytz.country_timezones.get(country, []))


@cache
def _main_countries(lang: str) -> tuple[str, ...]:
    """Countries where `lang` is official and spoken by most people (babel's CLDR data)."""
    from babel.core import get_global

    found = []
    for country, spoken in get_global("territory_languages").items():
        info = spoken.get(lang)
        if (
            info
            and info.get("official_status") in ("official", "de_facto_official")
            and info.get("population_percent", 0) >= _MAIN_LANGUAGE_SHARE
        ):
            found.append(country)
    return tuple(sorted(found))
