-- Everything kiosks deliver. `id` is the kiosk's UUIDv7: the idempotency key, forever.
CREATE TABLE items (
    id          TEXT PRIMARY KEY,
    kiosk_id    TEXT NOT NULL REFERENCES kiosks (id),
    kind        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    payload     TEXT NOT NULL,
    personal    TEXT,
    blobs       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX items_kind ON items (kind, created_at);

-- Documents, content-addressed. The bytes live in files under blobs/.
CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    received_at TEXT NOT NULL
);

-- Monotonic counters (e.g. how often an already-stored item was sent again).
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
