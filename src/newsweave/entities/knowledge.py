"""The knowledge base as the linker sees it: names in, candidate entries out.

Entries live in the store (`kb_entities`, `kb_aliases`), so an imported
Wikidata dump of millions of entries costs the workers nothing until a name
is looked up; lookups go through indexed SQL and a per-process cache, so a
name seen in thousands of articles is looked up once.

The curated base shipped with newsweave is loaded into every store on first
use, and reloaded when a new release changes it (`ensure_curated`).
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from ..model import KBEntry
from ..store.base import AliasedEntry, KnowledgeBaseStore
from .names import fold, phrase_key

_CACHE = 50_000
_META_KEY = "kb.curated.version"


def alias_rows(entry: KBEntry) -> set[tuple[str, str]]:
    """(alias, kind) pairs under which an entry is found: folded names and translit keys."""
    rows: set[tuple[str, str]] = set()
    names = [(entry.name, None), *((v, k) for k, v in entry.labels.items())]
    names += [(a, None) for a in entry.aliases]
    for name, lang in names:
        f = fold(name)
        if f:
            rows.add((f, "fold"))
        for code in {lang, None}:
            k = phrase_key(name, code)
            if len(k) >= 4:
                rows.add((k, "key"))
    return rows


def with_aliases(entries: Iterable[KBEntry]) -> Iterator[AliasedEntry]:
    """Entries with the alias rows the store indexes them under."""
    for entry in entries:
        yield entry, alias_rows(entry)


def import_entries(store: KnowledgeBaseStore, entries: Iterable[KBEntry]) -> int:
    """Insert or replace knowledge-base entries; returns how many were written."""
    return store.import_kb(with_aliases(entries))


def ensure_curated(store) -> int:
    """Load (or refresh) the shipped curated base into `store`; returns entries written."""
    from .kb import load_curated

    entries = load_curated()
    version = hashlib.sha1(
        json.dumps([asdict(e) for e in entries], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:16]
    if store.get_meta(_META_KEY) == version:
        return 0
    # What a user imported wins over the shipped base for the same id.
    written = store.replace_kb_source("curated", with_aliases(entries))
    with store.transaction():
        store.set_meta(_META_KEY, version)
    return written


class KnowledgeBase:
    """Cached name lookups over a store's knowledge-base tables."""

    def __init__(self, store: KnowledgeBaseStore) -> None:
        self.store = store
        self._names: OrderedDict[tuple[str, str], list[str]] = OrderedDict()
        self._entries: OrderedDict[str, KBEntry | None] = OrderedDict()
        self._geonames: dict[int, str | None] = {}
        self._types: dict[tuple[str, str], str | None] = {}

    def candidates(self, name: str, lang: str | None = None) -> tuple[list[KBEntry], str]:
        """Entries named `name`, and how they were found: 'alias' (exact, folded) or
        'transliteration' (same translit key); ([], '') when none."""
        f = fold(name)
        if not f:
            return [], ""
        ids = self._lookup(f, "fold")
        how = "alias"
        if not ids:
            key = phrase_key(name, lang)
            if len(key.replace(" ", "")) >= 5:  # short keys collide too easily
                ids = self._lookup(key, "key")
                how = "transliteration"
        entries = [e for e in (self.entry(i) for i in ids) if e is not None]
        if how == "transliteration":
            # Names of people and places are transliterated; organisations are translated,
            # and their short names collide ("Senate" and "Sénat" share a key).
            entries = [e for e in entries if e.type in {"PER", "LOC"}]
        return entries, how if entries else ""

    def entry(self, kb_id: str) -> KBEntry | None:
        if kb_id in self._entries:
            self._entries.move_to_end(kb_id)
            return self._entries[kb_id]
        found = self.store.kb_entries([kb_id]).get(kb_id)
        self._entries[kb_id] = found
        if len(self._entries) > _CACHE:
            self._entries.popitem(last=False)
        return found

    def by_geonames(self, geonameid: int) -> str | None:
        if geonameid not in self._geonames:
            if len(self._geonames) > _CACHE:
                self._geonames.clear()
            self._geonames[geonameid] = self.store.kb_by_geonames([geonameid]).get(geonameid)
        return self._geonames[geonameid]

    def type_of(self, name: str, lang: str | None = None) -> str | None:
        """The type of a known name, when all its entries agree (for name-list NER).

        Cached like the lookups under it: the name-list recogniser asks about every
        run of capitalised words, and long articles repeat them."""
        key = (name, lang or "")
        if key in self._types:
            return self._types[key]
        entries, _ = self.candidates(name, lang)
        types = {e.type for e in entries}
        found = types.pop() if len(types) == 1 else None
        if len(self._types) > _CACHE:
            self._types.clear()
        self._types[key] = found
        return found

    def _lookup(self, alias: str, kind: str) -> list[str]:
        key = (alias, kind)
        if key in self._names:
            self._names.move_to_end(key)
            return self._names[key]
        ids = self.store.kb_lookup([alias], kind).get(alias, [])
        self._names[key] = ids
        if len(self._names) > _CACHE:
            self._names.popitem(last=False)
        return ids
