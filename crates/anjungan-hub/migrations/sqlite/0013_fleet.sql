-- Each kiosk's latest heartbeat (queue, disk, lists, printer): the fleet view reads it.
CREATE TABLE kiosk_heartbeats (
    kiosk_id    TEXT PRIMARY KEY REFERENCES kiosks (id),
    received_at TEXT NOT NULL,
    body        TEXT NOT NULL
);
