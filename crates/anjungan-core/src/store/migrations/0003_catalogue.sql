-- The hub's service catalogue as last downloaded (with its ETag): at most one row.
CREATE TABLE catalogue (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    etag       TEXT,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;
