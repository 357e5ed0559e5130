-- How the staff PIN is hashed: `argon2id` (a PHC string in `hash`; `salt` and `rounds` are
-- inside it) or, for a PIN set by an earlier version, `pbkdf2-sha256`, upgraded to Argon2id
-- at the next correct sign-in.
ALTER TABLE staff_pin ADD COLUMN algorithm TEXT NOT NULL DEFAULT 'pbkdf2-sha256';
