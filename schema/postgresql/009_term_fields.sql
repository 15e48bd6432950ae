-- 009 search terms know their field (issue 16); see schema/009_term_fields.sql.
ALTER TABLE case_terms ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE case_terms DROP CONSTRAINT case_terms_pkey;
ALTER TABLE case_terms ADD PRIMARY KEY (term, case_id, field);
DROP INDEX case_terms_case;
CREATE INDEX case_terms_case ON case_terms(case_id, field);
