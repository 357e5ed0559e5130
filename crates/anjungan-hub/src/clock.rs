//! The hub's clock, passed in: the server runs on the system clock, tests fix "now" so a
//! check against the hub's calendar does not turn into a test that fails next year.

use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Clone)]
pub struct HubClock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl HubClock {
    pub fn system() -> Self {
        Self(Arc::new(OffsetDateTime::now_utc))
    }

    /// A clock that asks `now` (a test's clock shared with a kiosk).
    pub fn from_fn(now: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// A clock that always says `at`.
    pub fn fixed(at: OffsetDateTime) -> Self {
        Self(Arc::new(move || at))
    }

    pub fn now(&self) -> OffsetDateTime {
        (self.0)()
    }
}

impl Default for HubClock {
    fn default() -> Self {
        Self::system()
    }
}

impl std::fmt::Debug for HubClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HubClock({})", self.now())
    }
}
