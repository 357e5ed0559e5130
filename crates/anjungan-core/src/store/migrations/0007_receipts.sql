-- Receipts issued here: what was printed (no NIK; the name masked), for reprinting at the
-- counter. Written in the application's own transaction; purged after 14 days.
CREATE TABLE receipts (
    tracking_number TEXT PRIMARY KEY,
    item_id         TEXT NOT NULL,
    body            TEXT NOT NULL,
    issued_at       TEXT NOT NULL
) STRICT;

-- Every print attempt and how it ended, for staff (the printer's own words in detail).
CREATE TABLE print_log (
    id              INTEGER PRIMARY KEY,
    tracking_number TEXT,
    at              TEXT NOT NULL,
    printer         TEXT NOT NULL,
    state           TEXT NOT NULL,
    detail          TEXT
) STRICT;

-- Settings staff set on this kiosk (the printer).
CREATE TABLE kiosk_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The hub's last answer per tracking number, shown with its age when the hub is away.
-- Status answers carry no personal data.
CREATE TABLE status_cache (
    tracking_number TEXT PRIMARY KEY,
    body            TEXT NOT NULL,
    fetched_at      TEXT NOT NULL
) STRICT;

-- The office's calendar and e-SKM rules are a third document kept from the hub.
CREATE TABLE hub_documents_new (
    name       TEXT PRIMARY KEY CHECK (name IN ('catalogue', 'trust_lists', 'office')),
    etag       TEXT,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;
INSERT INTO hub_documents_new SELECT name, etag, body, fetched_at FROM hub_documents;
DROP TABLE hub_documents;
ALTER TABLE hub_documents_new RENAME TO hub_documents;
