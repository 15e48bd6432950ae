-- 002 identity: sessions, login throttling, TOTP second factor (DESIGN.md §3 "Identity",
-- "Sessions"). Everything several server instances must share lives here, not in memory.

-- TOTP: the secret is stored encrypted (AES-256-GCM under a key derived from the master key);
-- last_step makes every code single-use (RFC 6238 §5.2).
ALTER TABLE users ADD COLUMN totp_secret BLOB;
ALTER TABLE users ADD COLUMN totp_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (totp_confirmed IN (0, 1));
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- A session is known by the SHA-256 of its token only; the token itself is never stored.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   BLOB NOT NULL UNIQUE,
    csrf_hash    BLOB NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    limited      INTEGER NOT NULL DEFAULT 0 CHECK (limited IN (0, 1)),  -- must enrol TOTP first
    created_at   INTEGER NOT NULL,  -- Unix seconds
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL   -- absolute end
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins per account name, known or not (keyed by a hash of the folded username, so
-- unknown names lock exactly like real ones and no typed name is stored).
CREATE TABLE login_lockouts (
    name_hash    BLOB PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0,
    lockouts     INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0
);

-- Failed sign-ins per source address, for the per-address throttle.
CREATE TABLE login_failures_by_address (
    address TEXT NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX login_failures_by_address_at ON login_failures_by_address(address, at);
