-- The office's existing permit register, imported (`permit import-register`): permits issued
-- before this hub, or by the national systems (SiCantik, OSS), found by number or by the
-- verification URL their QR carries.
CREATE TABLE register_permits (
    number           TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    holder           TEXT NOT NULL,
    issued           TEXT NOT NULL,
    valid_until      TEXT,
    status           TEXT NOT NULL CHECK (status IN ('berlaku', 'dicabut')),
    verification_url TEXT,
    imported_at      TEXT NOT NULL
);
CREATE INDEX register_permits_url ON register_permits (verification_url);
