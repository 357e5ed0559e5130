//! When to try again: capped exponential backoff with full jitter, never earlier than the
//! hub's `Retry-After` (which is clamped, so a confused server cannot park a kiosk for days).

use rand::{Rng, RngCore};
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
    /// The longest `Retry-After` honoured.
    pub max_retry_after: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(300),
            max_retry_after: Duration::from_secs(3600),
        }
    }
}

impl Backoff {
    /// The ceiling for the `attempt`-th retry (0-based): `min(cap, base · 2ⁿ)`.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        self.base
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(self.cap)
    }

    /// A delay drawn uniformly from `[0, ceiling(attempt)]`, raised to `Retry-After`.
    pub fn delay(
        &self,
        attempt: u32,
        retry_after: Option<Duration>,
        rng: &mut impl RngCore,
    ) -> Duration {
        let ceiling = self.ceiling(attempt).as_millis().min(u64::MAX as u128) as u64;
        let jittered = Duration::from_millis(rng.gen_range(0..=ceiling));
        match retry_after {
            Some(ra) => jittered.max(ra.min(self.max_retry_after)),
            None => jittered,
        }
    }
}

/// Parses `Retry-After`: delay-seconds or an HTTP-date (IMF-fixdate), relative to `now`.
/// A date in the past means "now".
pub fn parse_retry_after(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(value, format)
        .ok()?
        .assume_utc();
    let secs = (at - now).whole_seconds().max(0);
    Some(Duration::from_secs(secs.unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;
    use time::macros::datetime;

    /// Property: for random policies, attempts and Retry-After values, every delay lies in
    /// `[0, min(cap, base·2ⁿ)]`, or equals the clamped Retry-After when that is later.
    #[test]
    fn every_delay_is_within_the_ceiling_and_never_before_retry_after() {
        let mut rng = StdRng::seed_from_u64(2026);
        for _ in 0..20_000 {
            let policy = Backoff {
                base: Duration::from_millis(rng.gen_range(1..5_000)),
                cap: Duration::from_millis(rng.gen_range(1..600_000)),
                max_retry_after: Duration::from_millis(rng.gen_range(0..7_200_000)),
            };
            let attempt = rng.gen_range(0..80);
            let retry_after = rng
                .gen_bool(0.3)
                .then(|| Duration::from_millis(rng.gen_range(0..10_000_000)));
            let d = policy.delay(attempt, retry_after, &mut rng);
            let ceiling = policy
                .cap
                .min(policy.base.saturating_mul(2u32.saturating_pow(attempt)));
            assert_eq!(policy.ceiling(attempt), ceiling);
            match retry_after {
                Some(ra) => {
                    let floor = ra.min(policy.max_retry_after);
                    assert!(d >= floor, "{d:?} before Retry-After {floor:?}");
                    assert!(d <= ceiling.max(floor));
                }
                None => assert!(d <= ceiling, "{d:?} > {ceiling:?}"),
            }
        }
    }

    #[test]
    fn jitter_uses_the_whole_range() {
        let policy = Backoff::default();
        let mut rng = StdRng::seed_from_u64(1);
        let delays: Vec<Duration> = (0..2000).map(|_| policy.delay(3, None, &mut rng)).collect();
        let ceiling = Duration::from_secs(8);
        assert!(delays.iter().any(|d| *d < ceiling / 10));
        assert!(delays.iter().any(|d| *d > ceiling * 9 / 10));
    }

    #[test]
    fn retry_after_takes_seconds_and_http_dates_and_nothing_else() {
        let now = datetime!(2026-11-29 09:00:00 UTC);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 29 Nov 2026 09:01:30 GMT", now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_retry_after("Sun, 29 Nov 2026 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        for bad in ["", "-5", "soon", "1.5", "29 Nov 2026"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }
}
