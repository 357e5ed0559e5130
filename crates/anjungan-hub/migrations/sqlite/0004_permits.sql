-- The office's Ed25519 seal keys. The newest key without `retired_on` signs new permits.
CREATE TABLE seal_keys (
    kid        TEXT PRIMARY KEY,
    secret     BLOB NOT NULL,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_on TEXT
);

-- Permits issued here (what their QR asserts, and which key signed it).
CREATE TABLE permits (
    number      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    holder      TEXT NOT NULL,
    issued      TEXT NOT NULL,
    valid_until TEXT,
    pdf_sha256  TEXT NOT NULL,
    kid         TEXT NOT NULL REFERENCES seal_keys (kid),
    issued_at   TEXT NOT NULL
);

CREATE TABLE revocations (
    number     TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    revoked_at TEXT NOT NULL
);
