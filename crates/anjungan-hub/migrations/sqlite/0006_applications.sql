-- Applications become records: the application, its applicant, its documents and the
-- history of its status. Statuses follow the office's steps (verifikasi_berkas replaces
-- the earlier diverifikasi).
ALTER TABLE applications RENAME TO applications_old;

CREATE TABLE applications (
    tracking_number  TEXT PRIMARY KEY,
    -- The kiosk's outbox id (the idempotency key); NULL for records made at the hub.
    item_id          TEXT UNIQUE,
    kiosk_id         TEXT REFERENCES kiosks (id),
    service_code     TEXT NOT NULL,
    kind             TEXT NOT NULL DEFAULT 'baru' CHECK (kind IN ('baru', 'perpanjangan', 'perubahan')),
    applicant_type   TEXT NOT NULL DEFAULT 'perorangan' CHECK (applicant_type IN ('perorangan', 'perusahaan')),
    previous_permit  TEXT,
    conditions       TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL CHECK (status IN
                        ('diterima', 'verifikasi_berkas', 'perlu_perbaikan', 'diproses', 'selesai', 'ditolak')),
    status_note      TEXT,
    missing          TEXT NOT NULL DEFAULT '[]',
    step             TEXT,
    submitted_on     TEXT NOT NULL,
    updated_on       TEXT NOT NULL,
    created_at       TEXT
);
INSERT INTO applications (tracking_number, service_code, status, submitted_on, updated_on)
     SELECT tracking_number, service_code,
            CASE status WHEN 'diverifikasi' THEN 'verifikasi_berkas' ELSE status END,
            submitted_on, updated_on
       FROM applications_old;
DROP TABLE applications_old;
CREATE INDEX applications_status ON applications (status, submitted_on);

-- Personal data, one row per application; never served by the status endpoint.
CREATE TABLE applicants (
    tracking_number TEXT PRIMARY KEY REFERENCES applications (tracking_number),
    nik             TEXT NOT NULL,
    name            TEXT NOT NULL,
    sex             TEXT NOT NULL,
    birth_place     TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    address         TEXT NOT NULL,
    kelurahan_code  TEXT,
    phone           TEXT NOT NULL,
    email           TEXT,
    company_name    TEXT,
    nib             TEXT,
    npwp            TEXT,
    fields          TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE application_documents (
    tracking_number  TEXT NOT NULL REFERENCES applications (tracking_number),
    requirement_code TEXT NOT NULL,
    sha256           TEXT NOT NULL REFERENCES blobs (sha256),
    kind             TEXT NOT NULL,
    pages            INTEGER NOT NULL,
    size             INTEGER NOT NULL,
    PRIMARY KEY (tracking_number, requirement_code)
);

-- Every status an application has had, with who set it and when.
CREATE TABLE application_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_number TEXT NOT NULL REFERENCES applications (tracking_number),
    status          TEXT NOT NULL,
    note            TEXT,
    missing         TEXT NOT NULL DEFAULT '[]',
    step            TEXT,
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX application_history_number ON application_history (tracking_number, id);
INSERT INTO application_history (tracking_number, status, changed_by, changed_at)
     SELECT tracking_number, status, 'migration', updated_on || 'T00:00:00Z' FROM applications;

-- Each kiosk's number, part of the tracking numbers it issues offline.
ALTER TABLE kiosks ADD COLUMN number INTEGER;
UPDATE kiosks SET number = (SELECT count(*) FROM kiosks k WHERE k.rowid <= kiosks.rowid);
CREATE UNIQUE INDEX kiosks_number ON kiosks (number);

-- Every imported catalogue, kept; the highest version is the one served.
CREATE TABLE catalogue_versions (
    version        INTEGER PRIMARY KEY,
    effective_from TEXT NOT NULL,
    updated_on     TEXT NOT NULL,
    body           TEXT NOT NULL,
    imported_at    TEXT NOT NULL
);
