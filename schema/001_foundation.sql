-- 001 foundation: communes and users. Every user and (later) every case belongs to a commune,
-- from the first migration, so a province-level deployment needs no data migration (DESIGN.md §2).
CREATE TABLE communes (
    code       TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 16),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    commune       TEXT NOT NULL REFERENCES communes(code),
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('police', 'justice', 'union', 'school', 'social',
                                                'leader', 'oversight', 'admin')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
