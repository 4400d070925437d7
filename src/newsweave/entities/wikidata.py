"""Wikidata JSON dumps: the streamed, one-entity-per-line format, read without loading it.

Split from `kb` because a dump's structure (claims, snaks, qualifiers) is its
own small world; `kb.read_wikidata_dump` is the public entry point. Shared
reading helpers come from `kbio`, so `kb` imports this module and not the
other way round.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from newsweave.entities.names import fold
from newsweave.errors import ConfigError, InputError
from newsweave.model import ENTITY_TYPES, KBEntry

from .kbio import ISO2, QID, KBReadReport, is_number, json_object, open_binary

# P31 ("instance of") classes kept from a Wikidata dump, and the type each gives.
# Only direct classes are checked: an item whose P31 is a narrower class
# ("city of Ukraine") is skipped unless that class is added here. Computing the
# subclass closure needs the whole dump, so callers who want it pass their own map.
_CLASSES = """
PER Q5 human
ORG Q43229 organization, Q4830453 business, Q783794 company, Q891723 public company,
ORG Q484652 international organization, Q7278 political party, Q7210356 political organization,
ORG Q327333 government agency, Q2659904 government organization, Q192350 ministry, Q7188 government,
ORG Q163740 nonprofit organization, Q15911314 association, Q31855 research institute, Q3918 university,
ORG Q176799 military unit, Q17127659 terrorist organization, Q192283 news agency, Q11032 newspaper,
ORG Q1616075 television station, Q476028 association football club
LOC Q6256 country, Q3624078 sovereign state, Q515 city, Q1549591 big city, Q5119 capital,
LOC Q200250 metropolis, Q7930989 city or town, Q1093829 city in the United States, Q3957 town,
LOC Q486972 human settlement, Q532 village, Q15284 municipality, Q35657 state of the United States,
LOC Q10864048 first-level administrative country subdivision, Q13220204 second-level one,
LOC Q82794 geographic region, Q165 sea, Q4022 river, Q23397 lake, Q23442 island, Q34763 peninsula,
LOC Q8502 mountain, Q46831 mountain range
"""
WIKIDATA_TYPES: dict[str, str] = {
    qid: line[:3] for line in _CLASSES.strip().splitlines() for qid in re.findall(r"Q\d+", line)
}

# Country items to ISO 3166-1 alpha-2, so that P17 ("country") becomes a code
# even when the dump holds the entity before its country (dumps are roughly in
# id order, so most country items, and their P297, come early and extend this).
_COUNTRY_QIDS = dict(
    re.findall(
        r"(Q\d+):([A-Z]{2})",
        """
    Q16:CA Q17:JP Q20:NO Q27:IE Q28:HU Q29:ES Q30:US Q31:BE Q32:LU Q33:FI Q34:SE Q35:DK Q36:PL
    Q37:LT Q38:IT Q39:CH Q40:AT Q41:GR Q43:TR Q45:PT Q55:NL Q79:EG Q96:MX Q114:KE Q115:ET
    Q142:FR Q145:GB Q148:CN Q155:BR Q159:RU Q183:DE Q184:BY Q189:IS Q191:EE Q211:LV Q212:UA
    Q213:CZ Q214:SK Q215:SI Q217:MD Q218:RO Q219:BG Q221:MK Q222:AL Q223:GL Q224:HR Q225:BA
    Q227:AZ Q229:CY Q230:GE Q232:KZ Q233:MT Q236:ME Q237:VA Q241:CU Q252:ID Q258:ZA Q262:DZ
    Q265:UZ Q334:SG Q399:AM Q403:RS Q408:AU Q414:AR Q423:KP Q657:TD Q664:NZ Q668:IN Q711:MN
    Q717:VE Q739:CO Q790:HT Q794:IR Q796:IQ Q801:IL Q805:YE Q810:JO Q813:KG Q822:LB Q836:MM
    Q842:OM Q843:PK Q846:QA Q851:SA Q858:SY Q863:TJ Q865:TW Q869:TH Q874:TM Q878:AE Q881:VN
    Q884:KR Q889:AF Q902:BD Q912:ML Q928:PH Q948:TN Q958:SS Q965:BF Q974:CD Q1016:LY Q1028:MA
    Q1032:NE Q1033:NG Q1045:SO Q1049:SD Q1246:XK Q219060:PS
    """,
    )
)


def _check_types(types: Mapping[str, str]) -> dict[str, str]:
    for qid, kind in types.items():
        if not QID.match(qid) or kind not in ENTITY_TYPES:
            raise ConfigError(
                f"Wikidata class map entry {qid!r}: {kind!r} must map a Q-id to one of "
                f"{', '.join(ENTITY_TYPES)}"
            )
    return dict(types)


def _wikidata_entries(
    path: Path, types: dict[str, str], langs: tuple[str, ...], report: KBReadReport
) -> Iterator[KBEntry]:
    countries = dict(_COUNTRY_QIDS)
    number = 0
    with open_binary(path) as raw:
        try:
            for number, line in enumerate(raw, start=1):
                text = line.strip()
                if text in (b"", b"[", b"]", b"],"):
                    continue
                where = f"{path}:{number}"
                try:
                    obj = json_object(text.removesuffix(b","))
                    entry = _from_wikidata(obj, types, langs, countries, report)
                except InputError as error:
                    report.skip(where, error.message)
                    continue
                except (TypeError, KeyError, AttributeError, ValueError, IndexError):
                    report.skip(where, "unexpected entity structure")
                    continue
                if entry is not None:
                    report.read += 1
                    yield entry
        except (OSError, EOFError, zlib.error) as error:
            # A cut download: what was read stands, the rest is reported once.
            report.skip(f"{path}:{number + 1}", f"unreadable after line {number}: {error}")


def _from_wikidata(
    obj: dict[str, Any],
    types: dict[str, str],
    langs: tuple[str, ...],
    countries: dict[str, str],
    report: KBReadReport,
) -> KBEntry | None:
    qid = obj.get("id")
    if obj.get("type") != "item" or not isinstance(qid, str) or not QID.match(qid):
        report.filter("not an item")
        return None
    claims = obj.get("claims") or {}
    iso = _string_value(claims, "P297")
    if iso and ISO2.match(iso):
        countries[qid] = iso.upper()  # a country item: remember its code for later entities
    kind = next((types[c] for c in _item_values(claims, "P31") if c in types), None)
    if kind is None:
        report.filter("no P31 class asked for")
        return None
    labels = {lang: v for lang in langs if (v := _text(obj.get("labels"), lang))}
    fallback = _text(obj.get("labels"), "mul")  # Wikidata's label for all languages
    name = labels.get("en") or fallback or next(iter(labels.values()), None)
    if not name:
        report.filter("no label in the requested languages")
        return None
    seen = {fold(name), *(fold(v) for v in labels.values())}
    aliases = []
    listed = obj.get("aliases") or {}
    for alias in [
        fallback,
        *(a.get("value") for g in (*langs, "mul") for a in listed.get(g) or []),
    ]:
        if isinstance(alias, str) and alias.strip() and fold(alias) not in seen:
            seen.add(fold(alias))
            aliases.append(alias.strip())
    coords = _coordinates(claims)
    country = iso.upper() if iso and ISO2.match(iso) else None
    places = _item_values(claims, "P17")  # country
    if not places and kind == "PER":
        places = _item_values(claims, "P27")  # citizenship
    country = country or countries.get(next(iter(places), ""))
    geonames = _string_value(claims, "P1566")
    return KBEntry(
        id=qid,
        type=kind,
        name=name,
        wikidata=qid,
        labels=labels,
        aliases=aliases,
        description=next(
            (d for lang in ("en", *langs) if (d := _text(obj.get("descriptions"), lang))), None
        ),
        country=country,
        lat=coords[0] if coords else None,
        lon=coords[1] if coords else None,
        geonames=int(geonames) if geonames and geonames.isascii() and geonames.isdigit() else None,
        population=_population(claims),
        source="wikidata",
    )


def _text(values: Any, lang: str) -> str | None:
    value = (values or {}).get(lang)
    text = value.get("value") if isinstance(value, dict) else None
    return text.strip() if isinstance(text, str) and text.strip() else None


def _statements(claims: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """Non-deprecated statements with a value, preferred rank first."""
    found = [s for s in claims.get(prop) or [] if s.get("rank") != "deprecated"]
    found = [s for s in found if (s.get("mainsnak") or {}).get("snaktype", "value") == "value"]
    return sorted(found, key=lambda s: s.get("rank") != "preferred")


def _value(statement: dict[str, Any]) -> Any:
    return ((statement.get("mainsnak") or {}).get("datavalue") or {}).get("value")


def _item_values(claims: dict[str, Any], prop: str) -> list[str]:
    values = (_value(s) for s in _statements(claims, prop))
    return [v["id"] for v in values if isinstance(v, dict) and isinstance(v.get("id"), str)]


def _string_value(claims: dict[str, Any], prop: str) -> str | None:
    return next((v for s in _statements(claims, prop) if isinstance(v := _value(s), str)), None)


def _coordinates(claims: dict[str, Any]) -> tuple[float, float] | None:
    for statement in _statements(claims, "P625"):
        value = _value(statement)
        if not isinstance(value, dict) or not str(value.get("globe", "Q2")).endswith("Q2"):
            continue  # coordinates on the Moon or Mars are not places on a news map
        lat, lon = value.get("latitude"), value.get("longitude")
        if is_number(lat) and is_number(lon) and abs(lat) <= 90 and abs(lon) <= 180:
            return float(lat), float(lon)
    return None


def _population(claims: dict[str, Any]) -> int | None:
    """The preferred figure, else the one with the latest point in time (P585)."""
    best: tuple[bool, str, int] | None = None
    for statement in _statements(claims, "P1082"):
        value = _value(statement)
        try:
            amount = int(Decimal(str(value.get("amount"))))
        except (InvalidOperation, ValueError, AttributeError):
            continue
        when = (statement.get("qualifiers") or {}).get("P585") or [{}]
        time = str(((when[0].get("datavalue") or {}).get("value") or {}).get("time", ""))
        key = (statement.get("rank") == "preferred", time, amount)
        if amount >= 0 and (best is None or key[:2] > best[:2]):
            best = key
    return best[2] if best else None
