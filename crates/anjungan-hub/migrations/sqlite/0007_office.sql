-- The office calendar (days off besides weekends), edited with `anjungan-hub calendar set`.
-- Empty means "never set": the national calendar this build ships is used.
CREATE TABLE calendar_days (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama', 'force_majeure')),
    note TEXT
);
CREATE TABLE calendar_meta (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    source TEXT,
    set_at TEXT NOT NULL
);

-- Office-wide settings kiosks follow (e-SKM rules), as key and JSON value.
CREATE TABLE office_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The receipt's one-time e-SKM code of each application.
ALTER TABLE applications ADD COLUMN skm_code TEXT;
CREATE UNIQUE INDEX applications_skm_code ON applications (skm_code);

-- The code a survey response was given with.
ALTER TABLE survey_responses ADD COLUMN skm_code TEXT;
CREATE INDEX survey_responses_skm_code ON survey_responses (skm_code);
