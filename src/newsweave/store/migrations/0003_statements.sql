-- Who said what, who did what, and when: time expressions, quotes, statements, events.

-- One thing someone said, however many articles (and languages) reported it.
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    speaker TEXT,                 -- canonical entity id, NULL when no article names the speaker
    text TEXT NOT NULL,           -- the words of its longest quote
    lang TEXT,
    first_published TEXT,
    last_published TEXT,
    first_day REAL,               -- PartialDate.ordinal(), for the matching window
    last_day REAL,
    quotes INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0,
    languages TEXT NOT NULL DEFAULT '[]',  -- JSON [lang]
    sources TEXT NOT NULL DEFAULT '[]',    -- JSON [outlet]
    vector BLOB                   -- float16 embedding of its longest quote
);
CREATE INDEX statements_speaker ON statements(speaker, id);

-- Word-trigram hashes of a statement's quotes: finds reuse of the same words by any outlet.
CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    PRIMARY KEY (key, statement_id)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,          -- <doc id>#q<n>
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,                 -- canonical entity id
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    how TEXT,                     -- name | pronoun | role | institution
    statement_id INTEGER
);
CREATE INDEX quotes_doc ON quotes(doc_id, idx);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_statement ON quotes(statement_id);

CREATE TABLE timexes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,           -- DATE | TIME | DURATION | SET
    value TEXT,                   -- TIMEX3 value; NULL when it could not be resolved
    resolved INTEGER NOT NULL,
    anchor TEXT,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    id TEXT PRIMARY KEY,          -- <doc id>#e<n>
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    action TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    action_start INTEGER NOT NULL,
    action_end INTEGER NOT NULL,
    actors TEXT NOT NULL,         -- JSON [entity id]
    targets TEXT NOT NULL,        -- JSON [entity id]
    place TEXT,                   -- entity id
    date TEXT,                    -- TIMEX3 value
    date_text TEXT,
    claimed_by TEXT,              -- entity id of who claims it, when a mention names them
    claimed_by_text TEXT,
    negated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_doc ON events(doc_id, idx);
CREATE INDEX events_type_date ON events(type, date);

-- Which entities an event involves, and how: for "events involving X" without a scan.
CREATE TABLE event_entities (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL,           -- actor | target | place | claimed_by
    PRIMARY KEY (entity_id, role, event_id)
) WITHOUT ROWID;
CREATE INDEX event_entities_event ON event_entities(event_id)
