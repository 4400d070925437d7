-- The embedder a database was built with lives in `meta` (embedder.name,
-- embedder.dimension), written at the first ingest. A database from before this
-- record gets the dimension of its stored vectors (float16: two bytes a value),
-- so a later ingest with an embedder of another size is refused.
INSERT OR IGNORE INTO meta (key, value)
SELECT 'embedder.dimension', CAST(length(embedding) / 2 AS TEXT) FROM doc_features LIMIT 1
