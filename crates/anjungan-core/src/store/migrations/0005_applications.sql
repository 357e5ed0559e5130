-- The kiosk's number at its hub: part of every tracking number it issues offline.
ALTER TABLE enrolment ADD COLUMN kiosk_number INTEGER;

-- The last tracking-number sequence used in each year. Taken in the same transaction as
-- the application it numbers, so a number is never given twice, power cut or not.
CREATE TABLE tracking_sequence (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL CHECK (last BETWEEN 1 AND 99999)
) STRICT;

-- Applications saved here, without personal data: for reprinting a receipt and for staff.
CREATE TABLE applications (
    tracking_number TEXT PRIMARY KEY,
    item_id         TEXT NOT NULL UNIQUE,
    service_code    TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;
