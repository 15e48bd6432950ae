-- 015 notifications (issue 22): an outbox written in the transaction of the event that causes it,
-- routed to the people who may see the case, and sent by one dispatcher per deployment.
-- Nothing here holds a name, a phone or a narrative of a case: a notice is its kind, the case,
-- a deadline and who is to be told (core/notify/Notice.h renders the words).
CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,       -- core::notify::noticeKinds()
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    deadline       TEXT,                -- RFC 3339 instant or YYYY-MM-DD, NULL when none
    audience_roles TEXT NOT NULL,       -- comma-separated roles of the case's commune
    audience_user  INTEGER NOT NULL DEFAULT 0,  -- or one user (0: none)
    created_at     TEXT NOT NULL,
    dedup_key      TEXT UNIQUE,         -- a notice of a deadline is made once ("overdue:<event>")
    routed_at      TEXT                 -- recipients resolved (NULL: the dispatcher's to do)
);
CREATE INDEX notifications_unrouted ON notifications(id) WHERE routed_at IS NULL;

-- One row per recipient: the in-app notification, read or not.
CREATE TABLE notification_inbox (
    id              INTEGER PRIMARY KEY,
    notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    read_at         TEXT,
    UNIQUE (notification_id, user_id)
);
CREATE INDEX notification_inbox_user ON notification_inbox(user_id, id);

-- What goes out by e-mail or the webhook, with its retries (core::notify::retryDelaySeconds).
CREATE TABLE notification_deliveries (
    id              INTEGER PRIMARY KEY,
    inbox_id        INTEGER NOT NULL REFERENCES notification_inbox(id) ON DELETE CASCADE,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,   -- Unix seconds
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    UNIQUE (inbox_id, channel)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries(state, next_attempt_at);

-- Every attempt, for the admin's view of what failed and why.
CREATE TABLE notification_attempts (
    id          INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES notification_deliveries(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
    error       TEXT
);
CREATE INDEX notification_attempts_delivery ON notification_attempts(delivery_id);

-- An officer's own addresses and choices (nothing is sent to a survivor, ever).
ALTER TABLE users ADD COLUMN notify_email TEXT;
ALTER TABLE users ADD COLUMN notify_phone TEXT;
CREATE TABLE notification_choices (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    PRIMARY KEY (user_id, kind, channel)
);

-- Leases: which instance runs a deployment-wide job (the notification dispatcher) until when.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL   -- Unix seconds
);
