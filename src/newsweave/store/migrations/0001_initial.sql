-- newsweave schema v1: documents, their vectors and features, LSH buckets,
-- stories and threads with their running state, name frequencies, skipped input.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,              -- arrival order, for reproducible replays
    hash TEXT NOT NULL UNIQUE,         -- normalised content hash: never ingest twice
    title TEXT,
    text TEXT NOT NULL,
    url TEXT,
    source TEXT,
    author TEXT,
    published TEXT,                    -- ISO, partial dates stay partial (2023-02)
    published_ord REAL,                -- sort and window key (days)
    dateline TEXT,
    declared_lang TEXT,
    lang TEXT,
    lang_score REAL,
    origin TEXT,
    duplicate_of TEXT,
    duplicate_score REAL,
    story_id INTEGER,
    thread_id INTEGER,
    evidence TEXT,                     -- JSON: why the document joined its story
    ingested_at TEXT NOT NULL,
    extra TEXT                         -- JSON: reader metadata without a column (agency, month-day)
);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_thread ON documents(thread_id);
CREATE INDEX documents_published ON documents(published_ord);
CREATE UNIQUE INDEX documents_seq ON documents(seq);

CREATE TABLE doc_features (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    embedding BLOB NOT NULL,           -- float16, L2-normalised
    names TEXT NOT NULL,               -- JSON {key: surface}
    numbers TEXT NOT NULL,             -- JSON [..]
    quotes BLOB NOT NULL               -- uint32 trigram hashes
);

CREATE TABLE lsh (
    key INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX lsh_key ON lsh(key);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER,
    title TEXT,
    size INTEGER NOT NULL,
    languages TEXT NOT NULL,           -- JSON {lang: count}
    first_published TEXT,
    last_published TEXT,
    first_ord REAL,
    last_ord REAL,
    vector_sum BLOB NOT NULL,
    names TEXT NOT NULL,
    numbers TEXT NOT NULL,
    quotes BLOB NOT NULL,
    members INTEGER NOT NULL DEFAULT 0,
    updated_seq INTEGER NOT NULL,
    date_sum REAL NOT NULL DEFAULT 0,  -- sum of members' date ordinals: mean date
    dated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_span ON stories(last_ord, first_ord);
CREATE INDEX stories_updated ON stories(updated_seq);
CREATE INDEX stories_thread ON stories(thread_id);

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER,                 -- unused; same shape as stories
    title TEXT,
    size INTEGER NOT NULL,
    languages TEXT NOT NULL,
    first_published TEXT,
    last_published TEXT,
    first_ord REAL,
    last_ord REAL,
    vector_sum BLOB NOT NULL,
    names TEXT NOT NULL,
    numbers TEXT NOT NULL,
    quotes BLOB NOT NULL,
    members INTEGER NOT NULL DEFAULT 0,
    updated_seq INTEGER NOT NULL,
    date_sum REAL NOT NULL DEFAULT 0,  -- sum of members' date ordinals: mean date
    dated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threads_span ON threads(last_ord, first_ord);
CREATE INDEX threads_updated ON threads(updated_seq);

CREATE TABLE name_df (
    key TEXT PRIMARY KEY,
    df INTEGER NOT NULL
);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE skipped (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
