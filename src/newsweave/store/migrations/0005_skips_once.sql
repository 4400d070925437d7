-- Skipped input is recorded once per item and reason: a rerun over the same files
-- used to add every skip again (7 rows, then 14). Older databases keep the first row
-- of each (origin, reason) and its time; `INSERT OR IGNORE` does the rest.
DELETE FROM skipped WHERE id NOT IN (SELECT min(id) FROM skipped GROUP BY origin, reason);
CREATE UNIQUE INDEX skipped_item ON skipped(origin, reason)
