-- 011 villages per commune (issue 19); see schema/011_villages.sql.
CREATE TABLE villages (
    commune  TEXT NOT NULL,
    position INTEGER NOT NULL,  -- the order the administrator gave
    name     TEXT NOT NULL,
    PRIMARY KEY (commune, position)
);
