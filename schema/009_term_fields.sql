-- 009 search terms know their field (issue 16). A blind-index term now records the field it was
-- computed from ("survivor.phone", "perpetrators.full_name", …), so a search counts a term only
-- when the caller may read that field on that case (core/Policy's field table): a search never
-- confirms a value the caller's field view hides. Terms written before this migration have the
-- field '' and match nobody until `binhan serve` re-indexes their case at start
-- (service/SearchTermReindexer); the same term may now appear once per field.
-- The key's columns come first, in key order: SQLite 3.40's integrity_check reports false
-- "NULL value" errors for a WITHOUT ROWID table whose key columns are not its leading ones.
CREATE TABLE case_terms_009 (
    term    TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    field   TEXT NOT NULL DEFAULT '',
    kind    TEXT NOT NULL CHECK (kind IN ('exact', 'word')),
    PRIMARY KEY (term, case_id, field)
) WITHOUT ROWID;
INSERT INTO case_terms_009 (term, case_id, kind, field)
    SELECT term, case_id, kind, '' FROM case_terms;
DROP TABLE case_terms;
ALTER TABLE case_terms_009 RENAME TO case_terms;
CREATE INDEX case_terms_case ON case_terms(case_id, field);
