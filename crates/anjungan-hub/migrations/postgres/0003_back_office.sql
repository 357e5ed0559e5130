-- The back office: one account per officer, their sessions and failed sign-ins, and the
-- hub's one audit log (append-only, each entry chained to the one before).

CREATE TABLE staff (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret   TEXT,
    totp_step     BIGINT,
    disabled      BIGINT NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    changed_at    TEXT NOT NULL
);

CREATE TABLE staff_sessions (
    id_hash    TEXT PRIMARY KEY,
    name       TEXT NOT NULL REFERENCES staff (name),
    csrf       TEXT NOT NULL,
    address    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL
);
CREATE INDEX staff_sessions_name ON staff_sessions (name);

CREATE TABLE staff_login_failures (
    name    TEXT NOT NULL,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX staff_login_failures_by_address ON staff_login_failures (address, name, at);

CREATE TABLE audit_log (
    seq     BIGINT PRIMARY KEY,
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
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

ALTER TABLE applications ADD COLUMN office_reference TEXT;
CREATE INDEX applications_office_reference ON applications (office_reference);
CREATE INDEX applications_status_submitted ON applications (status, submitted_on);

ALTER TABLE applications ADD COLUMN due_on TEXT;
CREATE INDEX applications_due_on ON applications (due_on);

ALTER TABLE applications ADD COLUMN permit_number TEXT;
