-- 014 evidence files and earlier cases (issue 21).
-- attachments: one row per file, its bytes sealed under the case key (crypto/AttachmentCipher)
-- in data.dir/attachments/<case id>/<id>.baf on SQLite, in attachment_parts on PostgreSQL.
-- A row is 'pending' while its upload streams in (a crash leaves it, and the start-up removes
-- it), 'stored' once complete, 'removed' after a soft removal (kept until the case is erased).
CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,     -- core::attachmentKinds()
    media_type       TEXT NOT NULL,     -- image/jpeg | image/png | application/pdf
    filename         BLOB,              -- sealed "attachment.<id>.filename"
    size             INTEGER NOT NULL DEFAULT 0,  -- bytes as served (after metadata removal)
    metadata_removed INTEGER NOT NULL DEFAULT 0,
    state            TEXT NOT NULL DEFAULT 'pending',
    added_by         INTEGER NOT NULL REFERENCES users(id),
    added_role       TEXT NOT NULL,
    added_at         TEXT NOT NULL,
    removed_by       INTEGER REFERENCES users(id),
    removed_at       TEXT,
    remove_reason    BLOB               -- sealed "attachment.<id>.remove_reason"
);
CREATE INDEX attachments_case ON attachments(case_id, state);

-- A request to the agency holding a possible earlier case of the same survivor to refer it.
CREATE TABLE earlier_requests (
    id            INTEGER PRIMARY KEY,
    from_case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,  -- the earlier case
    from_agency   TEXT NOT NULL,
    agency        TEXT NOT NULL,
    requested_by  INTEGER NOT NULL REFERENCES users(id),
    requested_at  TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'waiting',  -- waiting | accepted | declined
    decided_by    INTEGER REFERENCES users(id),
    decided_at    TEXT,
    reason        BLOB,                             -- sealed under the earlier case's key
    UNIQUE (from_case_id, case_id)
);
CREATE INDEX earlier_requests_agency ON earlier_requests(agency, status);

-- Two cases of one survivor, linked by the chair or by an accepted earlier-case request.
CREATE TABLE case_links (
    case_a    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    case_b    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    linked_by INTEGER NOT NULL REFERENCES users(id),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (case_a, case_b),
    CHECK (case_a < case_b)
);
CREATE INDEX case_links_b ON case_links(case_b);
