//! The staff window's session after a correct PIN: it ends after a quiet period, when the
//! window closes, or on "Keluar". A forgotten open staff window must not stay unlocked.

use crate::error::CoreError;
use std::sync::Mutex;
use time::{Duration, OffsetDateTime};

/// Quiet time after which staff must enter the PIN again.
pub const SESSION_IDLE: Duration = Duration::minutes(10);

#[derive(Debug, Default)]
pub struct StaffSession {
    expires_at: Mutex<Option<OffsetDateTime>>,
}

impl StaffSession {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<OffsetDateTime>> {
        self.expires_at.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn grant(&self, now: OffsetDateTime) {
        *self.slot() = Some(now + SESSION_IDLE);
    }

    pub fn end(&self) {
        *self.slot() = None;
    }

    /// Ok while the session lives; each use extends it.
    pub fn touch(&self, now: OffsetDateTime) -> Result<(), CoreError> {
        let mut slot = self.slot();
        match *slot {
            Some(until) if until > now => {
                *slot = Some(now + SESSION_IDLE);
                Ok(())
            }
            _ => {
                *slot = None;
                Err(CoreError::StaffLocked)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_session_slides_with_use_and_ends_when_quiet_or_closed() {
        let s = StaffSession::default();
        let t = datetime!(2026-11-29 09:00 UTC);
        assert!(s.touch(t).is_err(), "no session before a PIN");
        s.grant(t);
        assert!(s.touch(t + Duration::minutes(9)).is_ok());
        assert!(s.touch(t + Duration::minutes(18)).is_ok(), "use extends it");
        assert!(
            s.touch(t + Duration::minutes(29)).is_err(),
            "10 quiet minutes end it"
        );
        s.grant(t);
        s.end();
        assert!(s.touch(t).is_err());
    }
}
