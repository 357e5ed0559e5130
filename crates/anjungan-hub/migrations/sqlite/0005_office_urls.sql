-- The addresses this office's permit QR codes point at (recorded when a permit is issued, and
-- for older systems by an administrator). A plain-URL QR is looked up in the register only
-- when it starts with one of these.
CREATE TABLE office_urls (
    base     TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
);
