-- 003 cases (DESIGN.md §2–3). Plaintext columns hold only what workflow and statistics need;
-- every identifying or narrative value is a sealed row of case_fields, encrypted under the case's
-- own data key (AES-256-GCM, bound to case id and field name). The data key is stored only
-- wrapped by the master key; destroying it (data_key = NULL) erases the case for good.
CREATE TABLE cases (
    id                      INTEGER PRIMARY KEY,
    commune                 TEXT NOT NULL REFERENCES communes(code),
    code                    TEXT NOT NULL UNIQUE,
    year                    INTEGER NOT NULL,
    number                  INTEGER NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('open', 'active', 'closed', 'reopened')),
    risk                    TEXT NOT NULL,
    incident_date           TEXT NOT NULL,
    incident_village        TEXT NOT NULL,
    place                   TEXT NOT NULL,
    types                   TEXT NOT NULL,  -- comma-separated forms of violence
    survivor_sex            TEXT NOT NULL,
    survivor_age_band       TEXT NOT NULL,
    survivor_village        TEXT NOT NULL,
    survivor_disability     INTEGER NOT NULL,
    child                   INTEGER NOT NULL,
    crime                   INTEGER NOT NULL,
    administrative_sanction INTEGER NOT NULL,
    consent_given           INTEGER NOT NULL,
    consent_given_by        TEXT NOT NULL,
    consent_agencies        TEXT NOT NULL,  -- comma-separated
    consent_statistics      INTEGER NOT NULL,
    opened_by               INTEGER NOT NULL REFERENCES users(id),
    opened_agency           TEXT NOT NULL,
    data_key                BLOB,           -- wrapped case key; NULL once erased
    data_key_version        INTEGER,        -- master key version that wrapped it
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    closed_at               TEXT,
    closure_reason          TEXT,
    erased_at               TEXT,
    UNIQUE (commune, year, number)
);
CREATE INDEX cases_status ON cases(status);

CREATE TABLE case_fields (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    field   TEXT NOT NULL,   -- "survivor.full_name", "perpetrators[0].phone", …
    value   BLOB NOT NULL,   -- docs/formats.md "Field ciphertext"
    PRIMARY KEY (case_id, field)
) WITHOUT ROWID;

-- Statistics about perpetrators (no identity).
CREATE TABLE case_perpetrators (
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    sex          TEXT NOT NULL,
    relationship TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
) WITHOUT ROWID;

-- Blind-index terms (keyed HMAC of normalised phone, ID number, names).
CREATE TABLE case_terms (
    term    TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('exact', 'word')),
    PRIMARY KEY (term, case_id)
) WITHOUT ROWID;
CREATE INDEX case_terms_case ON case_terms(case_id);

-- One stage track per agency involved.
CREATE TABLE stages (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    agency  TEXT NOT NULL CHECK (agency IN ('police', 'justice', 'union', 'school')),
    status  TEXT NOT NULL CHECK (status IN ('referred', 'accepted', 'declined', 'active', 'completed')),
    since   TEXT NOT NULL,
    reason  TEXT,  -- why declined or ended; workflow words only, no personal data
    PRIMARY KEY (case_id, agency)
) WITHOUT ROWID;
CREATE INDEX stages_agency ON stages(agency, status);

-- Users recused from a case (they get 404 for it). The reason is sealed in case_fields.
CREATE TABLE recusals (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    recused_by  INTEGER NOT NULL REFERENCES users(id),
    at          TEXT NOT NULL,
    PRIMARY KEY (case_id, user_id)
) WITHOUT ROWID;

-- A leader's emergency access; the reason is sealed in case_fields.
CREATE TABLE break_glass (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users(id),
    starts_at INTEGER NOT NULL,  -- Unix seconds
    ends_at   INTEGER NOT NULL
);
CREATE INDEX break_glass_case_user ON break_glass(case_id, user_id);

-- Cases with a protection request (a contact-prohibition request shows the case to the leader).
-- Filled by the workflow when a protection.request event is added.
CREATE TABLE case_protection_requests (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (case_id, event_id)
) WITHOUT ROWID;
