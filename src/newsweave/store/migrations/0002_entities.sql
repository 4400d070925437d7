-- Entities: the knowledge base, canonical entities and their mentions.

-- Knowledge base: curated and imported entries (Wikidata dumps, CSV).
CREATE TABLE kb_entities (
    id TEXT PRIMARY KEY,          -- Wikidata id when certain, else kb:<slug> / gn:<geonameid>
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    wikidata TEXT,
    labels TEXT NOT NULL,         -- JSON {lang: label}
    aliases TEXT NOT NULL,        -- JSON [alias]
    description TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    geonames INTEGER,
    population INTEGER,
    source TEXT NOT NULL
);
CREATE INDEX kb_entities_geonames ON kb_entities(geonames);

-- Every label and alias, folded (kind 'fold') and as a transliteration key (kind 'key').
CREATE TABLE kb_aliases (
    alias TEXT NOT NULL,
    kind TEXT NOT NULL,
    kb_id TEXT NOT NULL REFERENCES kb_entities(id) ON DELETE CASCADE,
    PRIMARY KEY (alias, kind, kb_id)
) WITHOUT ROWID;
CREATE INDEX kb_aliases_kb ON kb_aliases(kb_id);

-- Canonical entities: one per real-world entity seen in the articles.
CREATE TABLE entities (
    id TEXT PRIMARY KEY,          -- kb id, gn:<geonameid>, or per:/org:/loc:/misc:<key>
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    kb_id TEXT,
    wikidata TEXT,
    description TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    mentions INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0,
    merged_into TEXT,             -- set when a later merge redirected this entity
    context TEXT NOT NULL DEFAULT '{}'  -- JSON {entity_id: co-mention count}, top ones only
);
CREATE INDEX entities_type ON entities(type);

-- Lookup keys that lead to an entity: its own key, surnames, acronyms, deletion variants.
CREATE TABLE entity_keys (
    key TEXT NOT NULL,
    kind TEXT NOT NULL,           -- key | surname | acronym | typo
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, kind, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

-- Surface forms seen for an entity, per language, with why they were merged.
CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    lang TEXT NOT NULL,
    count INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias, lang)
) WITHOUT ROWID;

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT,
    source TEXT NOT NULL,
    evidence TEXT,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id);
