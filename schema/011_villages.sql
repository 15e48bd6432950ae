-- 011 villages (thôn, xóm, tổ dân phố) per commune, as its administrator configures them (issue
-- 19). The intake picks from this list, so the statistics by village are not split by spellings
-- ("Thôn Đông", "thon dong", "Th. Đông"). A commune without rows takes free text, as before.
CREATE TABLE villages (
    commune  TEXT NOT NULL,
    position INTEGER NOT NULL,  -- the order the administrator gave
    name     TEXT NOT NULL,
    PRIMARY KEY (commune, position)
);
