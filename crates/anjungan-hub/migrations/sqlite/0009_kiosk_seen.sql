-- What the office sees of each kiosk without asking it: when it last reached the hub, and the
-- app version it ran then (from its User-Agent, `anjungan/<version>`).
ALTER TABLE kiosks ADD COLUMN last_seen_at TEXT;
ALTER TABLE kiosks ADD COLUMN app_version TEXT;
