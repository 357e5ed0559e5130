//! The staff PIN: salted PBKDF2, and a lockout that survives restarts so that pulling the
//! plug does not buy an attacker fresh attempts.

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
pub const FIRST_LOCK: Duration = Duration::minutes(5);
pub const MAX_LOCK: Duration = Duration::minutes(60);
const ROUNDS: u32 = 100_000;
const MIN_PIN_LEN: usize = 6;
const MAX_PIN_LEN: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("a staff PIN has 6 to 12 digits")]
    BadFormat,
    #[error("no staff PIN has been set on this kiosk (anjungan-cli init)")]
    NotSet,
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

fn derive(pin: &str, salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt, rounds, &mut out);
    out
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
    let hash = derive(pin, &salt, ROUNDS);
    store.conn().execute(
        "INSERT INTO staff_pin (id, salt, hash, rounds, failures, lockouts, locked_until, updated_at)
         VALUES (1, ?1, ?2, ?3, 0, 0, NULL, ?4)
         ON CONFLICT (id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash,
             rounds = excluded.rounds, failures = 0, lockouts = 0, locked_until = NULL,
             updated_at = excluded.updated_at",
        params![salt.as_slice(), hash.as_slice(), ROUNDS, rfc3339(now)],
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
}

/// Checks a PIN attempt and records its outcome.
pub fn attempt(
    store: &Store,
    pin: &str,
    now: OffsetDateTime,
) -> Result<StaffLoginResult, PinError> {
    let row = store
        .conn()
        .query_row(
            "SELECT salt, hash, rounds, failures, lockouts, locked_until FROM staff_pin WHERE id = 1",
            [],
            |r| {
                Ok(PinRow {
                    salt: r.get(0)?,
                    hash: r.get(1)?,
                    rounds: r.get(2)?,
                    failures: r.get(3)?,
                    lockouts: r.get(4)?,
                    locked_until: r.get(5)?,
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
    if check_format(pin).is_ok() && same(&derive(pin, &salt, rounds), &hash) {
        store.conn().execute(
            "UPDATE staff_pin SET failures = 0, lockouts = 0, locked_until = NULL, updated_at = ?1 WHERE id = 1",
            [rfc3339(now)],
        )?;
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
            attempt(&store, "246810", t).expect("attempt"),
            StaffLoginResult::Granted
        );
        assert_eq!(
            attempt(&store, "111111", t).expect("attempt"),
            StaffLoginResult::Denied { attempts_left: 4 }
        );
        assert_eq!(
            attempt(&store, "abc", t).expect("attempt"),
            StaffLoginResult::Denied { attempts_left: 3 }
        );
    }

    #[test]
    fn five_failures_lock_even_the_right_pin_out_until_the_time_passes() {
        let store = store_with_pin("246810");
        let t = datetime!(2026-11-29 09:00 UTC);
        for left in (1..MAX_FAILURES).rev() {
            assert_eq!(
                attempt(&store, "000000", t).expect("attempt"),
                StaffLoginResult::Denied {
                    attempts_left: left
                }
            );
        }
        assert_eq!(
            attempt(&store, "000000", t).expect("attempt"),
            StaffLoginResult::Locked { retry_after_s: 300 }
        );
        assert_eq!(
            attempt(&store, "246810", t + Duration::minutes(4)).expect("attempt"),
            StaffLoginResult::Locked { retry_after_s: 60 }
        );
        assert_eq!(
            attempt(&store, "246810", t + Duration::minutes(5)).expect("attempt"),
            StaffLoginResult::Granted
        );
    }

    #[test]
    fn a_wrong_pin_right_after_a_lockout_locks_again_for_twice_as_long() {
        let store = store_with_pin("246810");
        let t = datetime!(2026-11-29 09:00 UTC);
        for _ in 0..MAX_FAILURES {
            attempt(&store, "000000", t).expect("attempt");
        }
        let later = t + Duration::minutes(6);
        assert_eq!(
            attempt(&store, "000000", later).expect("attempt"),
            StaffLoginResult::Locked { retry_after_s: 600 }
        );
    }

    #[test]
    fn lockouts_are_capped_at_an_hour() {
        assert_eq!(lock_length(0), Duration::minutes(5));
        assert_eq!(lock_length(3), Duration::minutes(40));
        assert_eq!(lock_length(4), MAX_LOCK);
        assert_eq!(lock_length(30), MAX_LOCK);
    }

    #[test]
    fn the_lockout_survives_a_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let t = datetime!(2026-11-29 09:00 UTC);
        {
            let store = Store::open(dir.path()).expect("open");
            set_pin(&store, "246810", t, &mut StdRng::seed_from_u64(1)).expect("set");
            for _ in 0..MAX_FAILURES {
                attempt(&store, "000000", t).expect("attempt");
            }
        }
        let store = Store::open(dir.path()).expect("reopen");
        assert!(matches!(
            attempt(&store, "246810", t + Duration::seconds(10)).expect("attempt"),
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
            attempt(&store, "123456", t),
            Err(PinError::NotSet)
        ));
        let generated = generate_pin(&mut rng);
        assert_eq!(generated.len(), 6);
        set_pin(&store, &generated, t, &mut rng).expect("generated PIN is valid");
    }
}
