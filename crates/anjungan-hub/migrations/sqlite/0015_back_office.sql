-- The back office: one account per officer, their sessions and failed sign-ins, and the
-- hub's one audit log (append-only, each entry chained to the one before).

CREATE TABLE staff (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    -- Argon2id, PHC string.
    password_hash TEXT NOT NULL,
    -- Base32; required for admins.
    totp_secret   TEXT,
    -- The step of the last one-time code accepted: a code is good once.
    totp_step     INTEGER,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    changed_at    TEXT NOT NULL
);

-- Server-side sessions: the cookie holds a random id, the table its SHA-256.
CREATE TABLE staff_sessions (
    id_hash    TEXT PRIMARY KEY,
    name       TEXT NOT NULL REFERENCES staff (name),
    csrf       TEXT NOT NULL,
    address    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL
);
CREATE INDEX staff_sessions_name ON staff_sessions (name);

-- Failed sign-ins, per account name and address (a stranger's failures never lock an
-- officer out at their own desk).
CREATE TABLE staff_login_failures (
    name    TEXT NOT NULL,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX staff_login_failures_by_address ON staff_login_failures (address, name, at);

CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    address TEXT,
    action  TEXT NOT NULL,
    subject TEXT,
    detail  TEXT,
    prev    TEXT NOT NULL,
    hash    TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- The application's number in the office's own permit system (SiCantik's pendaftaran_id,
-- or an OSS reference).
ALTER TABLE applications ADD COLUMN office_reference TEXT;
CREATE INDEX applications_office_reference ON applications (office_reference);
CREATE INDEX applications_status_submitted ON applications (status, submitted_on);

-- The due date as Cek Status counts it, kept for the back office's inbox (late ones first
-- across every page); NULL until the file is complete.
ALTER TABLE applications ADD COLUMN due_on TEXT;
CREATE INDEX applications_due_on ON applications (due_on);

-- The permit the office issued for the application on finishing it (its number in `permits`).
ALTER TABLE applications ADD COLUMN permit_number TEXT;
