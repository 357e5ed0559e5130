-- What the enrolment code pinned: the office's root key (its fingerprint) and the hub's TLS
-- key (its SPKI pin). NULL for a kiosk enrolled before codes: it keeps working, and the
-- staff window asks for an enrolment with a code.
ALTER TABLE enrolment ADD COLUMN root_fingerprint TEXT;
ALTER TABLE enrolment ADD COLUMN tls_pin TEXT;
