-- Kiosks enrolled with this hub. Only the SHA-256 of a token is kept.
CREATE TABLE kiosks (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    token_hash  TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT
);

-- The service catalogue as offices edit it; `body` is the full JSON entry.
CREATE TABLE services (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    sla_working_days INTEGER,
    body             TEXT NOT NULL
);

-- Applications and where they stand. No personal data is needed to answer a status check.
CREATE TABLE applications (
    tracking_number TEXT PRIMARY KEY,
    service_code    TEXT NOT NULL REFERENCES services (code),
    status          TEXT NOT NULL CHECK (status IN
                        ('diterima', 'diverifikasi', 'perlu_perbaikan', 'diproses', 'selesai', 'ditolak')),
    submitted_on    TEXT NOT NULL,
    updated_on      TEXT NOT NULL
);
