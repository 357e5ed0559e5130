//! The staff window's session after a correct PIN. It ends after a quiet period measured on
//! staff input (the screens' own polling does not count), after an absolute maximum however
//! busy, when the window closes, or on "Keluar". A forgotten open staff window must not stay
//! unlocked, and a window closed and opened again asks for the PIN.

use crate::error::CoreError;
use std::sync::Mutex;
use time::{Duration, OffsetDateTime};

/// Quiet time (no tap or key in the staff window) after which staff must enter the PIN.
pub const SESSION_IDLE: Duration = Duration::minutes(10);
/// The longest a session lasts, however busy: half a counter shift.
pub const SESSION_MAX: Duration = Duration::hours(4);

#[derive(Debug, Clone, Copy)]
struct Live {
    granted: OffsetDateTime,
    last_input: OffsetDateTime,
}

#[derive(Debug, Default)]
pub struct StaffSession {
    live: Mutex<Option<Live>>,
}

impl StaffSession {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Live>> {
        self.live.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn grant(&self, now: OffsetDateTime) {
        *self.slot() = Some(Live {
            granted: now,
            last_input: now,
        });
    }

    pub fn end(&self) {
        *self.slot() = None;
    }

    /// Ok while the session lives. Reading does not extend it: a screen that refreshes
    /// itself keeps nobody signed in.
    pub fn check(&self, now: OffsetDateTime) -> Result<(), CoreError> {
        let mut slot = self.slot();
        match *slot {
            Some(live)
                if now < live.last_input + SESSION_IDLE && now < live.granted + SESSION_MAX =>
            {
                Ok(())
            }
            _ => {
                *slot = None;
                Err(CoreError::StaffLocked)
            }
        }
    }

    /// Staff touched or typed in the staff window: the quiet period starts again (never past
    /// the maximum).
    pub fn input(&self, now: OffsetDateTime) -> Result<(), CoreError> {
        self.check(now)?;
        if let Some(live) = self.slot().as_mut() {
            live.last_input = now;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_session_slides_with_staff_input_and_ends_when_quiet_or_closed() {
        let s = StaffSession::default();
        let t = datetime!(2026-11-29 09:00 UTC);
        assert!(s.check(t).is_err(), "no session before a PIN");
        s.grant(t);
        assert!(s.input(t + Duration::minutes(9)).is_ok());
        assert!(
            s.check(t + Duration::minutes(18)).is_ok(),
            "input extends it"
        );
        assert!(
            s.check(t + Duration::minutes(19) + Duration::seconds(1))
                .is_err(),
            "10 quiet minutes end it"
        );
        s.grant(t);
        s.end();
        assert!(s.check(t).is_err());
    }

    #[test]
    fn polling_does_not_keep_a_forgotten_window_open() {
        let s = StaffSession::default();
        let t = datetime!(2026-11-29 09:00 UTC);
        s.grant(t);
        // The overview refreshes every 2 seconds, and nobody is there.
        let mut now = t;
        while now < t + Duration::minutes(9) {
            assert!(s.check(now).is_ok());
            now += Duration::seconds(2);
        }
        assert!(s.check(t + Duration::minutes(11)).is_err());
    }

    #[test]
    fn a_busy_session_still_ends_at_the_maximum() {
        let s = StaffSession::default();
        let t = datetime!(2026-11-29 08:00 UTC);
        s.grant(t);
        let mut now = t;
        while now < t + SESSION_MAX - Duration::minutes(1) {
            assert!(s.input(now).is_ok());
            now += Duration::minutes(5);
        }
        assert!(
            s.input(t + SESSION_MAX).is_err(),
            "four hours, however busy"
        );
        assert!(s.check(t + SESSION_MAX).is_err());
    }
}
