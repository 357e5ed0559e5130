//! The staff PIN: Argon2id, and a lockout that survives restarts so that pulling the plug
//! does not buy an attacker fresh attempts.
//!
//! Who can reach the PIN screen decides the lockout: a citizen at the kiosk can, so five
//! wrong taps must not lock staff out for long. Locks are short (one minute, doubling to at
//! most five) — a 6-digit PIN still takes years to guess at that pace — and a correct PIN
//! after one ends is let in at once.

use crate::clock::rfc3339;
use crate::store::{Store, StoreError};
use anjungan_wire::ipc::StaffLoginResult;
use rand::RngCore;
use rusqlite::{params, OptionalExtension};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

/// Wrong PINs allowed before the window locks.
pub const MAX_FAILURES: u32 = 5;
/// First lockout; each further lockout doubles it, up to [`MAX_LOCK`].
pub const FIRST_LOCK: Duration = Duration::minutes(1);
pub const MAX_LOCK: Duration = Duration::minutes(5);
/// PINs set by earlier versions: PBKDF2-SHA256 with this many rounds (kept in the row).
#[cfg(test)]
const LEGACY_ROUNDS: u32 = 100_000;
const ARGON2ID: &str = "argon2id";
const LEGACY: &str = "pbkdf2-sha256";
const MIN_PIN_LEN: usize = 6;
const MAX_PIN_LEN: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("a staff PIN has 6 to 12 digits")]
    BadFormat,
    #[error("no staff PIN has been set on this kiosk (anjungan-cli init)")]
    NotSet,
    #[error("the PIN could not be hashed: {0}")]
    Hash(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for PinError {
    fn from(e: rusqlite::Error) -> Self {
        PinError::Store(e.into())
    }
}

fn check_format(pin: &str) -> Result<(), PinError> {
    let ok =
        (MIN_PIN_LEN..=MAX_PIN_LEN).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(PinError::BadFormat)
    }
}

fn derive_legacy(pin: &str, salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt, rounds.max(1), &mut out);
    out
}

/// Argon2id with OWASP's parameters for a login (19 MiB, 2 passes): tens of milliseconds
/// here, which the app spends off its UI thread.
fn argon2() -> argon2::Argon2<'static> {
    let params = argon2::Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// The PHC string of `pin` (`$argon2id$v=19$m=…$salt$hash`).
fn hash_argon2(pin: &str, salt: &[u8; 16]) -> Result<String, PinError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::encode_b64(salt).map_err(|e| PinError::Hash(e.to_string()))?;
    argon2()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PinError::Hash(e.to_string()))
}

fn verify_argon2(pin: &str, phc: &[u8]) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let Some(parsed) = std::str::from_utf8(phc)
        .ok()
        .and_then(|s| PasswordHash::new(s).ok())
    else {
        return false;
    };
    argon2().verify_password(pin.as_bytes(), &parsed).is_ok()
}

/// Constant-time comparison: the time taken must not reveal how many bytes matched.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A random PIN of 6 digits, for `init` without `--pin`.
pub fn generate_pin(rng: &mut impl RngCore) -> String {
    (0..MIN_PIN_LEN)
        .map(|_| char::from(b'0' + (rng.next_u32() % 10) as u8))
        .collect()
}

/// Sets (or replaces) the PIN and clears any lockout.
pub fn set_pin(
    store: &Store,
    pin: &str,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<(), PinError> {
    check_format(pin)?;
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let phc = hash_argon2(pin, &salt)?;
    // `salt` and `rounds` stay for the table's shape; the PHC string carries both.
    store.conn().execute(
        "INSERT INTO staff_pin (id, salt, hash, rounds, failures, lockouts, locked_until, updated_at, algorithm)
         VALUES (1, ?1, ?2, 1, 0, 0, NULL, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash,
             rounds = excluded.rounds, failures = 0, lockouts = 0, locked_until = NULL,
             updated_at = excluded.updated_at, algorithm = excluded.algorithm",
        params![salt.as_slice(), phc.as_bytes(), rfc3339(now), ARGON2ID],
    )?;
    Ok(())
}

pub fn is_set(store: &Store) -> Result<bool, PinError> {
    Ok(store
        .conn()
        .query_row("SELECT EXISTS(SELECT 1 FROM staff_pin)", [], |r| r.get(0))?)
}

fn lock_length(lockouts: u32) -> Duration {
    let factor = 1i32 << lockouts.min(8);
    (FIRST_LOCK * factor).min(MAX_LOCK)
}

struct PinRow {
    salt: Vec<u8>,
    hash: Vec<u8>,
    rounds: u32,
    failures: u32,
    lockouts: u32,
    locked_until: Option<String>,
    algorithm: String,
}

/// Checks a PIN attempt and records its outcome. A correct PIN hashed the old way is
/// hashed again with Argon2id (`rng` for its salt).
pub fn attempt(
    store: &Store,
    pin: &str,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<StaffLoginResult, PinError> {
    let row = store
        .conn()
        .query_row(
            "SELECT salt, hash, rounds, failures, lockouts, locked_until, algorithm FROM staff_pin WHERE id = 1",
            [],
            |r| {
                Ok(PinRow {
                    salt: r.get(0)?,
                    hash: r.get(1)?,
                    rounds: r.get(2)?,
                    failures: r.get(3)?,
                    lockouts: r.get(4)?,
                    locked_until: r.get(5)?,
                    algorithm: r.get(6)?,
                })
            },
        )
        .optional()?;
    let PinRow {
        salt,
        hash,
        rounds,
        failures,
        lockouts,
        locked_until,
        algorithm,
    } = row.ok_or(PinError::NotSet)?;
    let locked_until = locked_until.and_then(|t| {
        OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).ok()
    });
    if let Some(until) = locked_until.filter(|u| *u > now) {
        let secs = (until - now).whole_seconds().max(1);
        return Ok(StaffLoginResult::Locked {
            retry_after_s: secs.unsigned_abs(),
        });
    }
    // Checked after the lockout so that a locked window gives no oracle at all.
    let correct = check_format(pin).is_ok()
        && match algorithm.as_str() {
            ARGON2ID => verify_argon2(pin, &hash),
            LEGACY => same(&derive_legacy(pin, &salt, rounds), &hash),
            _ => false,
        };
    if correct {
        if algorithm == ARGON2ID {
            store.conn().execute(
                "UPDATE staff_pin SET failures = 0, lockouts = 0, locked_until = NULL, updated_at = ?1 WHERE id = 1",
                [rfc3339(now)],
            )?;
        } else {
            // Hashed again with Argon2id; setting a PIN also clears the failures.
            set_pin(store, pin, now, rng)?;
        }
        return Ok(StaffLoginResult::Granted);
    }
    // After a lockout has run out, one more wrong PIN locks again, for longer.
    let failures = if locked_until.is_some() {
        MAX_FAILURES
    } else {
        failures + 1
    };
    if failures >= MAX_FAILURES {
        let length = lock_length(lockouts);
        store.conn().execute(
            "UPDATE staff_pin SET failures = ?1, lockouts = lockouts + 1, locked_until = ?2, updated_at = ?3 WHERE id = 1",
            params![failures, rfc3339(now + length), rfc3339(now)],
        )?;
        return Ok(StaffLoginResult::Locked {
            retry_after_s: length.whole_seconds().unsigned_abs(),
        });
    }
    store.conn().execute(
        "UPDATE staff_pin SET failures = ?1, updated_at = ?2 WHERE id = 1",
        params![failures, rfc3339(now)],
    )?;
    Ok(StaffLoginResult::Denied {
        attempts_left: MAX_FAILURES - failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;
    use time::macros::datetime;

    fn rng() -> StdRng {
        StdRng::seed_from_u64(11)
    }

    fn store_with_pin(pin: &str) -> Store {
        let store = Store::open_in_memory().expect("store");
        set_pin(
            &store,
            pin,
            datetime!(2026-11-29 08:00 UTC),
            &mut StdRng::seed_from_u64(7),
        )
        .expect("set");
        store
    }

    #[test]
    fn the_right_pin_is_granted_and_a_wrong_one_counts_down() {
        let store = store_with_pin("246810");
        let t = datetime!(2026-11-29 09:00 UTC);
        assert_eq!(
            attempt(&store, "246810", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Granted
        );
        assert_eq!(
            attempt(&store, "111111", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Denied { attempts_left: 4 }
        );
        assert_eq!(
            attempt(&store, "abc", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Denied { attempts_left: 3 }
        );
    }

    #[test]
    fn five_failures_lock_even_the_right_pin_out_until_the_time_passes() {
        let store = store_with_pin("246810");
        let t = datetime!(2026-11-29 09:00 UTC);
        for left in (1..MAX_FAILURES).rev() {
            assert_eq!(
                attempt(&store, "000000", t, &mut rng()).expect("attempt"),
                StaffLoginResult::Denied {
                    attempts_left: left
                }
            );
        }
        assert_eq!(
            attempt(&store, "000000", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Locked { retry_after_s: 60 }
        );
        assert_eq!(
            attempt(&store, "246810", t + Duration::seconds(50), &mut rng()).expect("attempt"),
            StaffLoginResult::Locked { retry_after_s: 10 }
        );
        assert_eq!(
            attempt(&store, "246810", t + Duration::minutes(1), &mut rng()).expect("attempt"),
            StaffLoginResult::Granted
        );
    }

    #[test]
    fn a_wrong_pin_right_after_a_lockout_locks_again_for_twice_as_long() {
        let store = store_with_pin("246810");
        let t = datetime!(2026-11-29 09:00 UTC);
        for _ in 0..MAX_FAILURES {
            attempt(&store, "000000", t, &mut rng()).expect("attempt");
        }
        let later = t + Duration::minutes(2);
        assert_eq!(
            attempt(&store, "000000", later, &mut rng()).expect("attempt"),
            StaffLoginResult::Locked { retry_after_s: 120 }
        );
    }

    #[test]
    fn a_citizen_cannot_lock_staff_out_for_more_than_five_minutes() {
        assert_eq!(lock_length(0), Duration::minutes(1));
        assert_eq!(lock_length(2), Duration::minutes(4));
        assert_eq!(lock_length(3), MAX_LOCK);
        assert_eq!(lock_length(30), Duration::minutes(5));
        // Someone tapping wrong PINs all morning: staff wait at most five minutes.
        let store = store_with_pin("246810");
        let mut now = datetime!(2026-11-29 08:00 UTC);
        for _ in 0..40 {
            if let StaffLoginResult::Locked { retry_after_s } =
                attempt(&store, "999999", now, &mut rng()).expect("attempt")
            {
                assert!(retry_after_s <= 300, "{retry_after_s}");
                now += Duration::seconds(i64::try_from(retry_after_s).unwrap_or(300));
            }
        }
        assert_eq!(
            attempt(&store, "246810", now, &mut rng()).expect("attempt"),
            StaffLoginResult::Granted
        );
    }

    #[test]
    fn the_pin_is_kept_as_argon2id_and_an_old_pbkdf2_pin_is_upgraded_at_sign_in() {
        let store = store_with_pin("246810");
        let (algorithm, hash): (String, Vec<u8>) = store
            .conn()
            .query_row("SELECT algorithm, hash FROM staff_pin", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("row");
        assert_eq!(algorithm, "argon2id");
        assert!(String::from_utf8(hash)
            .expect("phc")
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        // A PIN from an earlier version.
        let salt = [7u8; 16];
        let old = derive_legacy("135790", &salt, LEGACY_ROUNDS);
        store
            .conn()
            .execute(
                "UPDATE staff_pin SET salt = ?1, hash = ?2, rounds = ?3, algorithm = 'pbkdf2-sha256'",
                params![salt.as_slice(), old.as_slice(), LEGACY_ROUNDS],
            )
            .expect("legacy");
        let t = datetime!(2026-11-29 09:00 UTC);
        assert_eq!(
            attempt(&store, "000000", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Denied { attempts_left: 4 }
        );
        assert_eq!(
            attempt(&store, "135790", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Granted
        );
        let algorithm: String = store
            .conn()
            .query_row("SELECT algorithm FROM staff_pin", [], |r| r.get(0))
            .expect("row");
        assert_eq!(algorithm, "argon2id", "upgraded");
        assert_eq!(
            attempt(&store, "135790", t, &mut rng()).expect("attempt"),
            StaffLoginResult::Granted
        );
    }

    #[test]
    fn the_lockout_survives_a_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let t = datetime!(2026-11-29 09:00 UTC);
        {
            let store = Store::open(dir.path()).expect("open");
            set_pin(&store, "246810", t, &mut StdRng::seed_from_u64(1)).expect("set");
            for _ in 0..MAX_FAILURES {
                attempt(&store, "000000", t, &mut rng()).expect("attempt");
            }
        }
        let store = Store::open(dir.path()).expect("reopen");
        assert!(matches!(
            attempt(&store, "246810", t + Duration::seconds(10), &mut rng()).expect("attempt"),
            StaffLoginResult::Locked { .. }
        ));
    }

    #[test]
    fn pins_must_be_six_to_twelve_digits() {
        let store = Store::open_in_memory().expect("store");
        let mut rng = StdRng::seed_from_u64(3);
        let t = datetime!(2026-11-29 09:00 UTC);
        for bad in ["12345", "1234567890123", "12345a", ""] {
            assert!(
                matches!(set_pin(&store, bad, t, &mut rng), Err(PinError::BadFormat)),
                "{bad}"
            );
        }
        assert!(matches!(
            attempt(&store, "123456", t, &mut rng),
            Err(PinError::NotSet)
        ));
        let generated = generate_pin(&mut rng);
        assert_eq!(generated.len(), 6);
        set_pin(&store, &generated, t, &mut rng).expect("generated PIN is valid");
    }
}
