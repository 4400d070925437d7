-- Lines each source repeats across its articles (see clustering/boilerplate.py):
-- how many articles of a source were counted, and per line key (a 63-bit hash of
-- the normalised line) how many of them hold it. Written in each batch's transaction.
CREATE TABLE boilerplate_sources (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    articles INTEGER NOT NULL
);
CREATE TABLE boilerplate_lines (
    source_id INTEGER NOT NULL REFERENCES boilerplate_sources (id),
    key INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (source_id, key)
) WITHOUT ROWID
