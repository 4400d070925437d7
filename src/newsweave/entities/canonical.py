"""Canonical entities: one identity per real-world entity across articles and languages.

Runs in the main process, one batch at a time, against the store. Workers
have already proposed a key per mention (`link`): a knowledge-base id, a
GeoNames id, or a folded local name. What is left to settle needs the whole
collection:

- a local key seen before is the same entity (exact transliteration key);
- a lone surname is the one person of that surname already known
  ("Stoltenberg" in an article that never gives the first name);
- an acronym is the organisation whose initials it spells;
- a misspelling ("Zelenksy", "Stoltenbreg") is an entity whose key is one
  edit away, **and** that shares context with this article (another entity
  mentioned in both), so two different people with similar names are kept
  apart unless the articles are about the same things;
- a full name arriving after its surname-only entity absorbs it.

Every decision keeps its reason, stored with the alias that triggered it, so
`newsweave show ENTITY` can say why two names were merged.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Sequence

from ..config import EntitySettings
from ..model import Document, EntityBatch, EntityRecord, Mention
from .names import edit_distance as _osa
from .names import fold, initials, is_acronym, phrase_key, tokens

_CACHE = 200_000


def deletion_variants(key: str) -> set[str]:
    """The key and every string one deletion away: a shared variant means <= 2 edits
    (substitution, transposition, insertion), found by exact lookups."""
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Edit distance (a swap of neighbours is one edit), cut off at `limit`."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    return min(_osa(a, b), limit)


class Canonicaliser:
    """Maps each mention's key to a canonical entity id, building the store's entity tables."""

    def __init__(self, store, settings: EntitySettings) -> None:
        self.store = store
        self.settings = settings
        self._keys: OrderedDict[tuple[str, str], list[str]] = OrderedDict()
        self._records: OrderedDict[str, EntityRecord | None] = OrderedDict()
        self._redirect: dict[str, str] = {}
        self._key_bodies: dict[str, set[str]] = {}  # entity id -> its local keys (all kinds)
        self._pending: dict[tuple[str, str], list[str]] = {}  # keys of this batch not looked up
        self._registered: dict[tuple, None] = {}
        self._doc: str | None = None  # the article being resolved: it caused any merge
        self.batch = EntityBatch()

    # -- public ------------------------------------------------------------
    def resolve(self, docs: Sequence[Document]) -> EntityBatch:
        """Fill `entity_id` on every mention; returns what to write with the batch."""
        self.batch = EntityBatch()
        self._pending.clear()  # the previous batch's keys are in the store now
        for doc in docs:
            self._doc = doc.id
            lang = doc.lang or doc.declared_lang or "unknown"
            # Known ids (KB, GeoNames) first: they are the context local names are judged by.
            order = sorted(range(len(doc.mentions)), key=lambda i: _is_local(doc.mentions[i]))
            context: set[str] = set()
            seen: dict[str, str] = {}  # within one article, one key is one entity
            for i in order:
                m = doc.mentions[i]
                key = m.key or ""
                if key in seen:
                    m.entity_id = seen[key]
                    m.evidence = m.evidence or "name"
                    # Every spelling is a lookup key (and typo anchor) for later articles.
                    self._register_name(m.entity_id, m.text, m.type, lang)
                    continue
                m.entity_id = self._resolve(m, lang, context)
                seen[key] = m.entity_id
                context.add(m.entity_id)
            self._count(doc, lang)
        return self.batch

    # -- resolution ----------------------------------------------------------
    def _resolve(self, m: Mention, lang: str, context: set[str]) -> str:
        key = m.key or f"{m.type.lower()}:{fold(m.text)}"
        if not _is_local(m):
            return self._known_entity(key, m, lang)
        words = tokens(m.text)
        found = list(dict.fromkeys(self._follow(e) for e in self._lookup(key, "key")))
        if found:
            if len(words) > 1 or is_acronym(m.text) or not context:
                return found[0]
            # One word alone ("Senate", "Johnson") names different things in different
            # news: join the namesake this article shares context with, else a new one.
            shared = [(len(context & self._context(e)), e) for e in found]
            best = max(shared, key=lambda x: x[0])
            if best[0] > 0:
                return best[1]
            if any(self._record(e) is not None and self._record(e).kb_id for e in found):
                return found[0]
            m.evidence = "name (a namesake: no entity in common with the others)"
            return self._create(key, m, lang)
        if len(words) == 1 and not is_acronym(m.text):
            # Any NER type: a lone surname is often tagged ORG or LOC.
            owners = self._lookup(_surname_key(words[0], lang), "surname")
            if len(owners) == 1:
                m.evidence = f"surname: the only known person named {words[0]}"
                m.type = "PER"
                return self._follow(owners[0])
        if m.type == "PER" and len(words) > 1:
            variant = self._first_name_variant(m, key, words, lang, context)
            if variant is not None:
                return variant
        if is_acronym(m.text):
            owners = self._lookup(m.text.replace(".", "").upper(), "acronym")
            if len(owners) == 1:
                m.evidence = f"acronym: the initials of {self._name(owners[0])}"
                return self._follow(owners[0])
        typo = self._typo(key, m, context)
        if typo is not None:
            return typo
        return self._create(key, m, lang)

    def _first_name_variant(
        self, m: Mention, key: str, words: list[str], lang: str, context: set[str]
    ) -> str | None:
        """Same surname, first name transliterated differently (Yevgeny / Evguéni / Jewgeni)."""
        first = key.partition(":")[2].split(" ")[0]
        surname = phrase_key(words[-1], lang)
        matches = []
        for eid in self._lookup(_surname_key(words[-1], lang), "surname"):
            eid = self._follow(eid)
            for body in self._bodies(eid):
                parts = body.partition(":")[2].split(" ")
                if len(parts) < 2 or parts[-1] != surname:
                    continue
                if _same_first_name(first, parts[0]):
                    matches.append(eid)
                    break
        matches = list(dict.fromkeys(matches))
        if len(matches) != 1:
            return None
        eid = matches[0]
        record = self._record(eid)
        shared = context & (set(record.context) | self._batch_context(eid)) if record else set()
        if not shared:
            return None
        self._register_name(eid, m.text, "PER", lang)
        m.evidence = f"same surname, first name spelled differently from {self._name(eid)}"
        return eid

    def _known_entity(self, eid: str, m: Mention, lang: str) -> str:
        eid = self._follow(eid)
        if self._record(eid) is None:
            kb = self.store.kb_entries([eid]).get(eid)
            record = EntityRecord(
                id=eid,
                type=kb.type if kb else m.type,
                name=kb.name if kb else (m.label or m.text),
                kb_id=kb.id if kb else None,
                wikidata=kb.wikidata if kb else None,
                description=kb.description if kb else None,
                country=(kb.country if kb else None) or m.country,
                lat=kb.lat if kb and kb.lat is not None else m.lat,
                lon=kb.lon if kb and kb.lon is not None else m.lon,
            )
            self._add(record)
            if kb is not None:
                self._register_name(eid, kb.name, kb.type, None)
        self._register_name(eid, m.text, m.type, lang)
        return eid

    def _typo(self, key: str, m: Mention, context: set[str]) -> str | None:
        prefix, _, body = key.partition(":")
        if len(body.replace(" ", "")) < self.settings.fuzzy_min_length or not context:
            return None
        # Own type first; NER types of a misspelt name are unreliable, so then any type.
        others = [p for p in ("per", "org", "loc", "misc") if p != prefix]
        for prefixes in ([prefix], others):
            best = self._closest(body, prefixes, context)
            if best is not None:
                break
        if best is None:
            return None
        distance, shared, eid = best
        record = self._record(eid)
        if record is not None:
            m.type = record.type
        m.evidence = (
            f"spelling: '{m.text}' is {distance} edit from {self._name(eid)}, "
            f"{-shared} entities mentioned with both"
        )
        self._register_name(eid, m.text, m.type, None)
        return eid

    def _closest(
        self, body: str, prefixes: list[str], context: set[str]
    ) -> tuple[int, int, str] | None:
        best: tuple[int, int, str] | None = None
        variants = deletion_variants(body)
        self._prefetch([(f"{p}:{v}", "typo") for p in prefixes for v in variants])
        for prefix in prefixes:
            for variant in variants:
                for eid in self._lookup(f"{prefix}:{variant}", "typo"):
                    eid = self._follow(eid)
                    record = self._record(eid)
                    if record is None or record.type.lower() != prefix:
                        continue
                    bodies = [k.partition(":")[2] for k in self._bodies(eid)]
                    distance = min((edit_distance(body, k) for k in bodies), default=3)
                    shared = len(context & self._context(eid))
                    if distance > self.settings.fuzzy_max_edits or shared == 0:
                        continue
                    rank = (distance, -shared, eid)
                    if best is None or rank < best:
                        best = rank
        return best

    def _create(self, key: str, m: Mention, lang: str) -> str:
        eid = self._new_id(m)
        record = EntityRecord(
            id=eid, type=m.type, name=m.text, country=m.country, lat=m.lat, lon=m.lon
        )
        self._add(record)
        self._register(key, "key", eid)
        self._register_name(eid, m.text, m.type, lang)
        words = tokens(m.text)
        if m.type == "PER" and len(words) > 1:
            # A surname-only entity made earlier is this person, if no one else has the name.
            owners = self._lookup(_surname_key(words[-1], lang), "surname")
            if owners == [eid]:
                for lone in self._lookup(_surname_key(words[-1], lang), "key"):
                    old = self._record(lone)
                    if (
                        old is not None
                        and old.id != eid
                        and old.kb_id is None
                        and old.merged_into is None
                        and len(tokens(old.name)) == 1
                    ):
                        self._merge(
                            lone, eid, f"surname: '{old.name}' first seen alone, then {m.text}"
                        )
        return eid

    def _new_id(self, m: Mention) -> str:
        """A readable id (`per:jens-stoltenberg`), made unique if a namesake took it."""
        slug = "-".join(fold(m.text).split())[:60] or "x"
        base = f"{m.type.lower()}:{slug}"
        eid, n = base, 1
        while self._record(eid) is not None:
            n += 1
            eid = f"{base}-{n}"
        return eid

    # -- keys and records ----------------------------------------------------
    def _register_name(self, eid: str, text: str, type_: str, lang: str | None) -> None:
        seen = (eid, text, type_, lang)
        if seen in self._registered:  # most mentions repeat a name already keyed
            return
        self._registered[seen] = None
        if len(self._registered) > _CACHE:
            self._registered.clear()
        local = f"{type_.lower()}:{phrase_key(text, lang) or fold(text)}"
        if is_acronym(text):
            local = f"{type_.lower()}:{text.replace('.', '').upper()}"
        self._register(local, "key", eid)
        words = tokens(text)
        if type_ == "PER" and len(words) > 1:
            self._register(_surname_key(words[-1], lang), "surname", eid)
        if type_ in {"ORG", "MISC"} and len(words) > 2:
            self._register(initials(text), "acronym", eid)
        prefix, _, body = local.partition(":")
        if len(body.replace(" ", "")) >= self.settings.fuzzy_min_length:
            for variant in deletion_variants(body):
                self._register(f"{prefix}:{variant}", "typo", eid)

    def _register(self, key: str, kind: str, eid: str) -> None:
        if kind == "key":
            self._bodies(eid).add(key)
        k = (key, kind)
        ids = self._keys.get(k)
        if ids is None:
            # Not looked up yet: no need to ask the store, the row is written with the
            # batch (INSERT OR IGNORE); lookups before then also see `_pending`.
            pending = self._pending.setdefault(k, [])
            if eid not in pending:
                pending.append(eid)
                self.batch.keys.append((key, kind, eid))
            return
        if eid not in ids:
            ids.append(eid)
            self.batch.keys.append((key, kind, eid))

    def _prefetch(self, keys: list[tuple[str, str]]) -> None:
        """One query for many keys (a typo search asks for ~40 deletion variants)."""
        missing = [k for k in keys if k not in self._keys]
        if not missing:
            return
        found = self.store.entity_lookup(missing)
        for k in missing:
            ids = found.get(k, [])
            for eid in self._pending.pop(k, ()):
                if eid not in ids:
                    ids.append(eid)
            self._keys[k] = ids
        while len(self._keys) > _CACHE:
            self._keys.popitem(last=False)

    def _lookup(self, key: str, kind: str) -> list[str]:
        k = (key, kind)
        if k in self._keys:
            self._keys.move_to_end(k)
            return self._keys[k]
        ids = self.store.entity_lookup([k]).get(k, [])
        for eid in self._pending.pop(k, ()):
            if eid not in ids:
                ids.append(eid)
        self._keys[k] = ids
        if len(self._keys) > _CACHE:
            self._keys.popitem(last=False)
        return ids

    def _record(self, eid: str) -> EntityRecord | None:
        if eid in self._records:
            return self._records[eid]
        record = self.store.entity_records([eid]).get(eid)
        self._records[eid] = record
        if len(self._records) > _CACHE:
            self._records.popitem(last=False)
        return record

    def _add(self, record: EntityRecord) -> None:
        self._records[record.id] = record
        self.batch.new.append(record)

    def _follow(self, eid: str) -> str:
        seen = 0
        while eid in self._redirect and seen < 10:
            eid = self._redirect[eid]
            seen += 1
        record = self._record(eid)
        if record is not None and record.merged_into:
            return self._follow(record.merged_into) if seen < 10 else record.merged_into
        return eid

    def _merge(self, source: str, target: str, evidence: str) -> None:
        self._redirect[source] = target
        self.batch.merges.append((source, target, evidence))
        if self._doc is not None:
            self.batch.merge_docs[source] = self._doc
        record = self._record(source)
        if record is not None:
            record.merged_into = target

    def _name(self, eid: str) -> str:
        record = self._record(eid)
        return record.name if record else eid

    def _bodies(self, eid: str) -> set[str]:
        """The local keys an entity is registered under (for exact edit distances)."""
        if eid not in self._key_bodies:
            if len(self._key_bodies) > _CACHE:
                self._key_bodies.clear()
            self._key_bodies[eid] = set(self.store.entity_keys_of(eid, "key"))
        return self._key_bodies[eid]

    def _context(self, eid: str) -> set[str]:
        record = self._record(eid)
        return (set(record.context) if record else set()) | self._batch_context(eid)

    def _batch_context(self, eid: str) -> set[str]:
        return set(self.batch.context.get(eid, ()))

    # -- bookkeeping -----------------------------------------------------------
    def _count(self, doc: Document, lang: str) -> None:
        per_entity = Counter(m.entity_id for m in doc.mentions if m.entity_id)
        for eid, n in per_entity.items():
            mentions, docs = self.batch.counts.get(eid, (0, 0))
            self.batch.counts[eid] = (mentions + n, docs + 1)
        for m in doc.mentions:
            if m.entity_id is None:
                continue
            k = (m.entity_id, m.text, lang)
            n, evidence = self.batch.aliases.get(k, (0, m.evidence or "name"))
            self.batch.aliases[k] = (n + 1, evidence)
        top = [eid for eid, _ in per_entity.most_common(self.settings.context_per_doc)]
        for eid in top:
            ctx = self.batch.context.setdefault(eid, {})
            for other in top:
                if other != eid:
                    ctx[other] = ctx.get(other, 0) + 1
            record = self._record(eid)
            if record is not None:
                for other in top:
                    if other != eid:
                        record.context[other] = record.context.get(other, 0) + 1


def _is_local(m: Mention) -> bool:
    key = m.key or ""
    return key.split(":", 1)[0] in {"per", "org", "loc", "misc"}


def _same_first_name(a: str, b: str) -> bool:
    """Initials, or spellings of one first name across transliterations."""
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return edit_distance(a, b) <= 2 and (a[0] == b[0] or a[1:3] == b[1:3] or a[:2] in b[:3])


def _surname_key(word: str, lang: str | None) -> str:
    return f"per:{phrase_key(word, lang)}"
