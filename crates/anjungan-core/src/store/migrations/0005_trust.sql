-- The hub's signed trust and revocation lists as last downloaded: at most one row.
CREATE TABLE trust_lists (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    etag       TEXT,
    envelope   TEXT NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;
