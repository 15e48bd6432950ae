-- PostgreSQL dialect of ../004_workflow.sql (issue 11): the same tables, columns and constraints.
-- Differences: BIGINT for every integer, BYTEA for BLOB, identity columns for ids the database
-- assigns, no WITHOUT ROWID.
-- 004 coordination workflow (DESIGN.md §2; issue 5): the timeline of events, referrals between
-- agencies, consent as a record, contact prohibitions, stage completions and the history of a
-- case's status. Plaintext columns hold only workflow and statistics values (types, statuses,
-- dates, measure kinds); every free-text value (event details, reasons, summaries) is sealed
-- under the case's data key (service/CaseSealer), bound to the field name given in each comment,
-- so destroying the case key erases them with the case.

-- The timeline (API.md "Events"). `details` is the whole details object, sealed as
-- "event.<id>.details".
CREATE TABLE events (
    id          BIGINT PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    type        TEXT NOT NULL,            -- "police.report", … (core/workflow/EventCatalogue)
    at          TEXT NOT NULL,            -- when it happened, RFC 3339 UTC
    recorded_at TEXT NOT NULL,            -- when it was entered
    author_id   BIGINT NOT NULL REFERENCES users(id),
    author_role TEXT NOT NULL,            -- the agency (or leader) that owns it
    due         TEXT,                     -- YYYY-MM-DD in Vietnam, or NULL
    done_at     TEXT,
    done_by     BIGINT REFERENCES users(id),
    details     BYTEA NOT NULL
);
CREATE INDEX events_case ON events(case_id, id);
CREATE INDEX events_open_due ON events(author_role, due) WHERE due IS NOT NULL AND done_at IS NULL;

-- The measure kinds of each event in clear, for statistics (issue 7): every details field that
-- is not free text — choices (intervention action, legal-aid kind and eligibility, support kind,
-- mediation outcome, report channel, protection measure, who requested, who was notified),
-- flags (granted), dates and times (session date, order start and end), event references.
-- A list (notified) has one row per value.
CREATE TABLE event_measures (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (event_id, name, value)
);
CREATE INDEX event_measures_name ON event_measures(name, value);

-- Contact-prohibition requests (Law 13/2022 art. 25): the 12-hour decision window.
CREATE TABLE protection_requests (
    event_id       BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    case_id        BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    requested_at   TEXT NOT NULL,   -- the request event's time: the window starts here
    deadline       TEXT NOT NULL,   -- requested_at + 12 hours
    decision_event BIGINT          -- the decision, once made (each request is decided once)
);
CREATE INDEX protection_requests_case ON protection_requests(case_id);

-- Decisions on those requests; a granted one is an order of at most 3 days.
CREATE TABLE protection_decisions (
    event_id      BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    case_id       BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    request_event BIGINT NOT NULL UNIQUE REFERENCES protection_requests(event_id),
    leader_id     BIGINT NOT NULL REFERENCES users(id),  -- only they may revoke it
    decided_at    TEXT NOT NULL,
    late          BIGINT NOT NULL CHECK (late IN (0, 1)),  -- after the 12-hour deadline
    granted       BIGINT NOT NULL CHECK (granted IN (0, 1)),
    starts        TEXT,
    ends          TEXT,
    notified      TEXT NOT NULL,   -- comma-separated: perpetrator, survivor, police_head, …
    revoke_event  BIGINT,
    revoked_at    TEXT
);
CREATE INDEX protection_decisions_case ON protection_decisions(case_id);

-- Referrals between agencies (API.md "Referrals"). The reasons are sealed as
-- "referral.<id>.reason" and "referral.<id>.decline_reason".
CREATE TABLE referrals (
    id                BIGINT PRIMARY KEY,
    case_id           BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    from_agency       TEXT NOT NULL,
    to_agency         TEXT NOT NULL CHECK (to_agency IN ('police', 'justice', 'union', 'school')),
    referred_by       BIGINT NOT NULL REFERENCES users(id),
    referred_at       TEXT NOT NULL,
    mandatory         BIGINT NOT NULL CHECK (mandatory IN (0, 1)),  -- a report the law requires
    survivor_informed BIGINT CHECK (survivor_informed IN (0, 1)),   -- told first; NULL: not said
    consent_covered   BIGINT NOT NULL CHECK (consent_covered IN (0, 1)),
    status            TEXT NOT NULL
                      CHECK (status IN ('waiting', 'accepted', 'declined', 'withdrawn')),
    decided_by        BIGINT REFERENCES users(id),
    decided_at        TEXT,
    reason            BYTEA NOT NULL,
    decline_reason    BYTEA
);
CREATE UNIQUE INDEX referrals_one_waiting ON referrals(case_id, to_agency) WHERE status = 'waiting';
CREATE INDEX referrals_incoming ON referrals(to_agency, status);

-- Consent as a record (DESIGN.md §2): who gave it, for which agencies, when, recorded by whom.
-- The newest row is the case's current consent (also copied to cases.consent_*). The reason for
-- a change is sealed as "consent.<id>.reason" (NULL for the record made when the case opened).
CREATE TABLE consent_records (
    id            BIGINT PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    given         BIGINT NOT NULL CHECK (given IN (0, 1)),
    given_by      TEXT NOT NULL CHECK (given_by IN ('survivor', 'guardian')),
    agencies      TEXT NOT NULL,   -- comma-separated
    statistics    BIGINT NOT NULL CHECK (statistics IN (0, 1)),
    recorded_at   TEXT NOT NULL,
    recorded_by   BIGINT NOT NULL REFERENCES users(id),
    recorded_role TEXT NOT NULL,
    withdrawn     TEXT NOT NULL DEFAULT '',  -- agencies this record stopped covering
    reason        BYTEA
);
CREATE INDEX consent_records_case ON consent_records(case_id, id);

-- An agency's own stage completions; the summary is sealed as "stage_completion.<id>.summary".
CREATE TABLE stage_completions (
    id           BIGINT PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    agency       TEXT NOT NULL,
    completed_at TEXT NOT NULL,
    completed_by BIGINT NOT NULL REFERENCES users(id),
    summary      BYTEA NOT NULL
);
CREATE INDEX stage_completions_case ON stage_completions(case_id);

-- Closing and reopening (the reason sealed as "case_status.<id>.reason"). cases.closure_reason
-- stays NULL: the reason is free text, so it lives here, sealed.
CREATE TABLE case_status_changes (
    id         BIGINT PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('closed', 'reopened')),
    at         TEXT NOT NULL,
    by_user    BIGINT NOT NULL REFERENCES users(id),
    by_role    TEXT NOT NULL,
    reason     BYTEA NOT NULL
);
CREATE INDEX case_status_changes_case ON case_status_changes(case_id, id);
