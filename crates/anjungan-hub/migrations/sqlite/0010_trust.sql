-- The office's root keys: they sign the trust lists, never permits. The newest one without
-- `retired_at` signs; each later one carries the handover its predecessor signed, which
-- every envelope repeats so a kiosk that slept through rotations can follow them.
CREATE TABLE root_keys (
    seq                INTEGER PRIMARY KEY,
    kid                TEXT NOT NULL UNIQUE,
    secret             BLOB NOT NULL,
    public_key         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    retired_at         TEXT,
    handover_at        TEXT,
    handover_signature TEXT
);

-- A hub made before roots signed its lists with its first seal key, which its kiosks trust:
-- that key becomes the first root, so they follow without re-enrolment.
INSERT INTO root_keys (seq, kid, secret, public_key, created_at)
    SELECT 1, kid, secret, public_key, created_at FROM seal_keys ORDER BY rowid LIMIT 1;

-- The lists' version: it grows whenever their content changes (digest of the unsigned lists).
CREATE TABLE trust_list_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    digest  TEXT NOT NULL
);

-- TLS keys (SPKI pins) the hub serves with, or announced before a certificate change; the
-- lists carry those not retired. `served_at`: the last start that served with it.
CREATE TABLE tls_pins (
    pin        TEXT PRIMARY KEY,
    noted_at   TEXT NOT NULL,
    served_at  TEXT,
    retired_at TEXT
);
