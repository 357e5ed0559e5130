-- e-SKM responses from every kiosk; the same table as the kiosk's (anjungan_skm::store).
CREATE TABLE survey_responses (
    id           TEXT PRIMARY KEY,
    visit_id     TEXT UNIQUE,
    kiosk        TEXT,
    source       TEXT NOT NULL CHECK (source IN ('kiosk', 'import')),
    date         TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    u1  INTEGER CHECK (u1  BETWEEN 1 AND 4), u2  INTEGER CHECK (u2  BETWEEN 1 AND 4),
    u3  INTEGER CHECK (u3  BETWEEN 1 AND 4), u4  INTEGER CHECK (u4  BETWEEN 1 AND 4),
    u5  INTEGER CHECK (u5  BETWEEN 1 AND 4), u6  INTEGER CHECK (u6  BETWEEN 1 AND 4),
    u7  INTEGER CHECK (u7  BETWEEN 1 AND 4), u8  INTEGER CHECK (u8  BETWEEN 1 AND 4),
    u9  INTEGER CHECK (u9  BETWEEN 1 AND 4), u10 INTEGER CHECK (u10 BETWEEN 1 AND 4),
    suggestion   TEXT,
    sex          TEXT,
    age_band     TEXT,
    education    TEXT,
    occupation   TEXT,
    service_code TEXT
);
CREATE INDEX survey_responses_date ON survey_responses (date);
