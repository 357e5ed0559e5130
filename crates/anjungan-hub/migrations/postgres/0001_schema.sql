-- The hub's schema on PostgreSQL: the same tables and columns as the SQLite migrations end
-- with (a test compares them), written at once because PostgreSQL hubs start here. Integers
-- are BIGINT (what the shared queries bind), bytes BYTEA, and the documents' bytes live in
-- `blob_data` so every hub process reaches them.

CREATE TABLE kiosks (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    token_hash   TEXT NOT NULL UNIQUE,
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT,
    number       BIGINT,
    last_seen_at TEXT,
    app_version  TEXT
);
CREATE UNIQUE INDEX kiosks_number ON kiosks (number);

CREATE TABLE services (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    sla_working_days BIGINT,
    body             TEXT NOT NULL
);

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

CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY,
    size        BIGINT NOT NULL,
    received_at TEXT NOT NULL,
    kiosk_id    TEXT
);

-- The documents' bytes (on SQLite they are files under blobs/ in the data directory).
CREATE TABLE blob_data (
    sha256 TEXT PRIMARY KEY,
    bytes  BYTEA NOT NULL
);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE survey_responses (
    id           TEXT PRIMARY KEY,
    visit_id     TEXT UNIQUE,
    kiosk        TEXT,
    source       TEXT NOT NULL CHECK (source IN ('kiosk', 'import')),
    date         TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    u1  BIGINT CHECK (u1  BETWEEN 1 AND 4), u2  BIGINT CHECK (u2  BETWEEN 1 AND 4),
    u3  BIGINT CHECK (u3  BETWEEN 1 AND 4), u4  BIGINT CHECK (u4  BETWEEN 1 AND 4),
    u5  BIGINT CHECK (u5  BETWEEN 1 AND 4), u6  BIGINT CHECK (u6  BETWEEN 1 AND 4),
    u7  BIGINT CHECK (u7  BETWEEN 1 AND 4), u8  BIGINT CHECK (u8  BETWEEN 1 AND 4),
    u9  BIGINT CHECK (u9  BETWEEN 1 AND 4), u10 BIGINT CHECK (u10 BETWEEN 1 AND 4),
    suggestion   TEXT,
    sex          TEXT,
    age_band     TEXT,
    education    TEXT,
    occupation   TEXT,
    service_code TEXT,
    skm_code     TEXT
);
CREATE INDEX survey_responses_date ON survey_responses (date);
CREATE INDEX survey_responses_skm_code ON survey_responses (skm_code);

CREATE TABLE seal_keys (
    kid        TEXT PRIMARY KEY,
    secret     BYTEA NOT NULL,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_on TEXT
);

CREATE TABLE permits (
    number      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    holder      TEXT NOT NULL,
    issued      TEXT NOT NULL,
    valid_until TEXT,
    pdf_sha256  TEXT NOT NULL,
    kid         TEXT NOT NULL REFERENCES seal_keys (kid),
    issued_at   TEXT NOT NULL
);

CREATE TABLE revocations (
    number     TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    revoked_at TEXT NOT NULL
);

CREATE TABLE office_urls (
    base     TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
);

CREATE TABLE applications (
    tracking_number  TEXT PRIMARY KEY,
    item_id          TEXT UNIQUE,
    kiosk_id         TEXT REFERENCES kiosks (id),
    service_code     TEXT NOT NULL,
    kind             TEXT NOT NULL DEFAULT 'baru' CHECK (kind IN ('baru', 'perpanjangan', 'perubahan')),
    applicant_type   TEXT NOT NULL DEFAULT 'perorangan' CHECK (applicant_type IN ('perorangan', 'perusahaan')),
    previous_permit  TEXT,
    conditions       TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL CHECK (status IN
                        ('diterima', 'verifikasi_berkas', 'perlu_perbaikan', 'diproses', 'selesai', 'ditolak')),
    status_note      TEXT,
    missing          TEXT NOT NULL DEFAULT '[]',
    step             TEXT,
    submitted_on     TEXT NOT NULL,
    updated_on       TEXT NOT NULL,
    created_at       TEXT,
    skm_code         TEXT
);
CREATE INDEX applications_status ON applications (status, submitted_on);
CREATE UNIQUE INDEX applications_skm_code ON applications (skm_code);

CREATE TABLE applicants (
    tracking_number TEXT PRIMARY KEY REFERENCES applications (tracking_number),
    nik             TEXT NOT NULL,
    name            TEXT NOT NULL,
    sex             TEXT NOT NULL,
    birth_place     TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    address         TEXT NOT NULL,
    kelurahan_code  TEXT,
    phone           TEXT NOT NULL,
    email           TEXT,
    company_name    TEXT,
    nib             TEXT,
    npwp            TEXT,
    fields          TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE application_documents (
    tracking_number  TEXT NOT NULL REFERENCES applications (tracking_number),
    requirement_code TEXT NOT NULL,
    sha256           TEXT NOT NULL REFERENCES blobs (sha256),
    kind             TEXT NOT NULL,
    pages            BIGINT NOT NULL,
    size             BIGINT NOT NULL,
    PRIMARY KEY (tracking_number, requirement_code)
);

CREATE TABLE application_history (
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    tracking_number TEXT NOT NULL REFERENCES applications (tracking_number),
    status          TEXT NOT NULL,
    note            TEXT,
    missing         TEXT NOT NULL DEFAULT '[]',
    step            TEXT,
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX application_history_number ON application_history (tracking_number, id);

CREATE TABLE catalogue_versions (
    version        BIGINT PRIMARY KEY,
    effective_from TEXT NOT NULL,
    updated_on     TEXT NOT NULL,
    body           TEXT NOT NULL,
    imported_at    TEXT NOT NULL
);

CREATE TABLE calendar_days (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama', 'force_majeure')),
    note TEXT
);
CREATE TABLE calendar_meta (
    id     BIGINT PRIMARY KEY CHECK (id = 1),
    source TEXT,
    set_at TEXT NOT NULL
);

CREATE TABLE office_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE complaints (
    tracking_number TEXT PRIMARY KEY,
    item_id         TEXT UNIQUE,
    kiosk_id        TEXT REFERENCES kiosks (id),
    content_sha256  TEXT NOT NULL,
    submitted_on    TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'diterima' CHECK (status IN
                      ('diterima', 'diverifikasi', 'diteruskan', 'ditanggapi', 'selesai', 'ditolak')),
    response        TEXT,
    forwarded_to    TEXT,
    updated_at      TEXT NOT NULL,
    failed_pins     BIGINT NOT NULL DEFAULT 0,
    locked_until    TEXT
);

CREATE TABLE complaint_identities (
    tracking_number TEXT PRIMARY KEY REFERENCES complaints (tracking_number),
    sealed_sha256   TEXT NOT NULL
);

CREATE TABLE complaint_history (
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    tracking_number TEXT NOT NULL REFERENCES complaints (tracking_number),
    status          TEXT NOT NULL,
    note            TEXT,
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX complaint_history_number ON complaint_history (tracking_number, id);

CREATE TABLE complaint_keys (
    recipient  TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE root_keys (
    seq                BIGINT PRIMARY KEY,
    kid                TEXT NOT NULL UNIQUE,
    secret             BYTEA NOT NULL,
    public_key         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    retired_at         TEXT,
    handover_at        TEXT,
    handover_signature TEXT
);

CREATE TABLE trust_list_state (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    digest  TEXT NOT NULL
);

CREATE TABLE tls_pins (
    pin        TEXT PRIMARY KEY,
    noted_at   TEXT NOT NULL,
    served_at  TEXT,
    retired_at TEXT
);

CREATE TABLE register_permits (
    number           TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    holder           TEXT NOT NULL,
    issued           TEXT NOT NULL,
    valid_until      TEXT,
    status           TEXT NOT NULL CHECK (status IN ('berlaku', 'dicabut')),
    verification_url TEXT,
    imported_at      TEXT NOT NULL
);
CREATE INDEX register_permits_url ON register_permits (verification_url);

CREATE TABLE item_blobs (
    item_id TEXT NOT NULL REFERENCES items (id),
    sha256  TEXT NOT NULL,
    PRIMARY KEY (item_id, sha256)
);
CREATE INDEX item_blobs_sha256 ON item_blobs (sha256);

CREATE TABLE kiosk_heartbeats (
    kiosk_id    TEXT PRIMARY KEY REFERENCES kiosks (id),
    received_at TEXT NOT NULL,
    body        TEXT NOT NULL
);
