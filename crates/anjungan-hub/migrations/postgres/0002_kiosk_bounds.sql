-- What one kiosk token may do to others, and how long personal data stays (the third
-- security and privacy round).

-- The number printed on the citizen's receipt, when the hub had to file the item under
-- another (the receipt's number was already taken): the office sees both.
ALTER TABLE applications ADD COLUMN receipt_number TEXT;
ALTER TABLE complaints ADD COLUMN receipt_number TEXT;

-- The key a receipt's status QR carries: the public page shows an application only with it,
-- so that counting numbers tells nobody of others' applications or complaints.
ALTER TABLE applications ADD COLUMN status_key TEXT;

-- The per-number PIN count (read, then written: parallel guesses outran it) gives way to
-- complaint_pin_attempts below.
ALTER TABLE complaints DROP COLUMN failed_pins;
ALTER TABLE complaints DROP COLUMN locked_until;

-- Complaint PIN attempts, per number and per kiosk that asked: a kiosk that guesses locks
-- itself out of that number, never the citizen at another kiosk.
CREATE TABLE complaint_pin_attempts (
    tracking_number TEXT NOT NULL,
    kiosk_id        TEXT NOT NULL,
    attempts        BIGINT NOT NULL,
    locked_until    TEXT,
    PRIMARY KEY (tracking_number, kiosk_id)
);

-- Per kiosk and hour: PIN attempts across every number.
CREATE TABLE kiosk_pin_budget (
    kiosk_id TEXT NOT NULL,
    hour     TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    PRIMARY KEY (kiosk_id, hour)
);

-- Per kiosk and office day: items stored and document bytes taken (the kiosk's quotas).
CREATE TABLE kiosk_usage (
    kiosk_id TEXT NOT NULL,
    day      TEXT NOT NULL,
    items    BIGINT NOT NULL DEFAULT 0,
    bytes    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (kiosk_id, day)
);

-- When a record's personal part went (its retention period ended, or its subject asked).
ALTER TABLE applications ADD COLUMN purged_at TEXT;
ALTER TABLE complaints ADD COLUMN purged_at TEXT;

-- An application's personal part is kept once, in `applicants`: earlier hubs kept a copy
-- in the delivered item too.
UPDATE items SET personal = NULL WHERE kind = 'application';

-- Surveys given with a code the hub does not know yet, while the office requires codes: kept
-- apart from the figures until an application with the code arrives.
CREATE TABLE survey_waiting (
    id          TEXT PRIMARY KEY,
    skm_code    TEXT NOT NULL,
    kiosk       TEXT NOT NULL,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX survey_waiting_code ON survey_waiting (skm_code);
