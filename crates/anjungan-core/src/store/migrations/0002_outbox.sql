-- The outbox: every citizen action (and kiosk record) waiting for, or done with, delivery.
-- `id` is a UUIDv7 and the hub's idempotency key, forever. Times are Unix milliseconds so
-- that comparisons are exact; `created_at` keeps the RFC 3339 text that is sent.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN
                        ('application', 'survey_response', 'complaint', 'outage', 'verification')),
    created_at      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    -- Personal fields, purged once the hub has acknowledged the item.
    personal        TEXT,
    blobs           TEXT NOT NULL DEFAULT '[]',
    state           TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_ms INTEGER NOT NULL,
    lease_until_ms  INTEGER,
    delivered_ms    INTEGER,
    last_error      TEXT,
    CHECK ((state = 'in_flight') = (lease_until_ms IS NOT NULL)),
    CHECK ((state = 'delivered') = (delivered_ms IS NOT NULL)),
    CHECK (state != 'delivered' OR personal IS NULL)
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_ms, id) WHERE state = 'pending';
CREATE INDEX outbox_leased ON outbox (lease_until_ms) WHERE state = 'in_flight';
CREATE INDEX outbox_state_kind ON outbox (state, kind);

-- Documents referenced by outbox items, content-addressed. Deleted once no undelivered
-- item refers to them.
CREATE TABLE documents (
    sha256   TEXT PRIMARY KEY,
    bytes    BLOB NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1))
) STRICT;

-- The sync worker's memory across restarts: at most one row.
CREATE TABLE sync_state (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_success_ms      INTEGER,
    last_failure_ms      INTEGER,
    last_error           TEXT,
    next_try_ms          INTEGER,
    current_backoff_ms   INTEGER
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- Pasal 29: every interval in which the hub could not be reached.
CREATE TABLE outages (
    id         TEXT PRIMARY KEY,
    started_ms INTEGER NOT NULL,
    ended_ms   INTEGER,
    cause      TEXT NOT NULL CHECK (cause IN
                   ('dns', 'refused', 'timeout', 'tls', 'http_5xx', 'throttled', 'other')),
    failures   INTEGER NOT NULL DEFAULT 1,
    CHECK (ended_ms IS NULL OR ended_ms >= started_ms)
) STRICT;
CREATE UNIQUE INDEX outages_one_open ON outages ((ended_ms IS NULL)) WHERE ended_ms IS NULL;
