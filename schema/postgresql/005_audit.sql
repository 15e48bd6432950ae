-- PostgreSQL dialect of ../005_audit.sql (issue 11): the same tables, columns and constraints.
-- Differences: BIGINT for every integer, BYTEA for BLOB, identity columns for ids the database
-- assigns, no WITHOUT ROWID.
-- 005 audit log (DESIGN.md §3 "Audit"): append-only, hash-chained. Each row's hash is
-- HMAC-SHA-256(chain key, previous hash || canonical entry bytes) (docs/formats.md). No case
-- content, no names: ids, role, action, outcome. No foreign keys: the log outlives erasure.
CREATE TABLE audit_log (
    sequence       BIGINT PRIMARY KEY,
    time           TEXT NOT NULL,
    actor_id       BIGINT NOT NULL,
    role           TEXT NOT NULL,
    action         TEXT NOT NULL,
    case_id        BIGINT NOT NULL,
    source_address TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    detail         TEXT NOT NULL,
    hash           BYTEA NOT NULL
);
CREATE INDEX audit_log_case ON audit_log(case_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
