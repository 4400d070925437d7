-- Where the model stages stopped reading a long article (NULL: they read all of it),
-- and every later change of an id an analyst may have saved: an entity merged into
-- another (its mentions, quotes and events re-pointed), a statement folded into another.
ALTER TABLE documents ADD COLUMN truncated_at INTEGER;

CREATE TABLE id_changes (
    id INTEGER PRIMARY KEY,       -- order of the changes
    kind TEXT NOT NULL,           -- entity | statement
    old_id NOT NULL,              -- no affinity: entity ids are text, statement ids integers
    new_id NOT NULL,
    reason TEXT NOT NULL,         -- why, in words: the evidence of the merge
    doc_id TEXT,                  -- the article whose ingest made the change
    moved INTEGER NOT NULL,       -- stored mentions (entity) or quotes (statement) re-pointed
    at TEXT NOT NULL              -- when (UTC, ISO 8601)
);
CREATE INDEX id_changes_old ON id_changes(kind, old_id)
