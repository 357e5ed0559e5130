-- Pengaduan. The complaint and the complainant's identity arrive sealed to the office's
-- complaint key (age) and stay sealed at rest as two documents: the identity apart, so the
-- officer handling an anonymous complaint never sees it. Only the number, the dates and the
-- office's own handling are kept in the clear.
CREATE TABLE complaints (
    tracking_number TEXT PRIMARY KEY,
    item_id         TEXT UNIQUE,
    kiosk_id        TEXT REFERENCES kiosks (id),
    content_sha256  TEXT NOT NULL,
    submitted_on    TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'diterima' CHECK (status IN
                      ('diterima', 'diverifikasi', 'diteruskan', 'ditanggapi', 'selesai', 'ditolak')),
    response        TEXT,
    forwarded_to    TEXT,
    updated_at      TEXT NOT NULL,
    -- Wrong PINs in a row, and until when the number is locked after too many.
    failed_pins     INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT
);

CREATE TABLE complaint_identities (
    tracking_number TEXT PRIMARY KEY REFERENCES complaints (tracking_number),
    sealed_sha256   TEXT NOT NULL
);

CREATE TABLE complaint_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_number TEXT NOT NULL REFERENCES complaints (tracking_number),
    status          TEXT NOT NULL,
    note            TEXT,
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX complaint_history_number ON complaint_history (tracking_number, id);

-- The public halves of the office's complaint keys, newest last; the secrets are in
-- complaint-keys.txt in the hub's data directory.
CREATE TABLE complaint_keys (
    recipient  TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
