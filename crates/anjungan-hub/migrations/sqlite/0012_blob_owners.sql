-- Who uploaded a document: the per-kiosk quota counts the documents no item references yet.
ALTER TABLE blobs ADD COLUMN kiosk_id TEXT;

-- Which item references which document, so documents no item references can be removed
-- after a grace period (an interrupted upload, an application never sent).
CREATE TABLE item_blobs (
    item_id TEXT NOT NULL REFERENCES items (id),
    sha256  TEXT NOT NULL,
    PRIMARY KEY (item_id, sha256)
);
CREATE INDEX item_blobs_sha256 ON item_blobs (sha256);
INSERT INTO item_blobs (item_id, sha256)
    SELECT items.id, j.value FROM items, json_each(items.blobs) AS j;
