-- Documents downloaded from the hub and kept for offline use, each with its ETag:
-- the service catalogue and the signed trust and revocation lists.
CREATE TABLE hub_documents (
    name       TEXT PRIMARY KEY CHECK (name IN ('catalogue', 'trust_lists')),
    etag       TEXT,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;
