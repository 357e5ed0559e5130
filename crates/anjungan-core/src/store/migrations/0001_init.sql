-- The kiosk's enrolment with its hub: at most one row.
CREATE TABLE enrolment (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    hub_url     TEXT NOT NULL,
    kiosk_id    TEXT NOT NULL,
    kiosk_name  TEXT NOT NULL,
    token       TEXT NOT NULL,
    enrolled_at TEXT NOT NULL
) STRICT;

-- The staff PIN (PBKDF2-HMAC-SHA256) and its lockout state: at most one row.
CREATE TABLE staff_pin (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    salt          BLOB NOT NULL,
    hash          BLOB NOT NULL,
    rounds        INTEGER NOT NULL CHECK (rounds > 0),
    failures      INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    lockouts      INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    locked_until  TEXT,
    updated_at    TEXT NOT NULL
) STRICT;
