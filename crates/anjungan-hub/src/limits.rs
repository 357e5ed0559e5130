//! Limits that keep one client from starving the others: token buckets per client address
//! on the public pages (`/p/`, `/s/`, `/t/`) and per kiosk on the API. A client over its limit
//! is answered 429 with `Retry-After`; the kiosk's sync backs off by it, and nothing is lost.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Bytes of documents one kiosk may have on the hub that no item references yet: an
/// application's documents are uploaded just before it, so this is far above any one
/// application and far below what fills a disk.
pub const KIOSK_QUOTA_BYTES: i64 = 512 * 1024 * 1024;

/// Token buckets, one per key: `capacity` requests at once, refilled at `per_second`.
#[derive(Debug)]
pub struct Buckets {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

/// Beyond this many keys, full buckets (idle clients) are forgotten.
const PRUNE_ABOVE: usize = 50_000;

impl Buckets {
    pub fn new(capacity: u32, per_second: f64) -> Self {
        Self {
            capacity: f64::from(capacity.max(1)),
            per_second: per_second.max(0.001),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` has a token now, without taking it: for limits on failures, checked
    /// before the work and taken only when it failed.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match buckets.get(key) {
            Some((tokens, at)) => {
                let tokens = (*tokens
                    + now.saturating_duration_since(*at).as_secs_f64() * self.per_second)
                    .min(self.capacity);
                if tokens >= 1.0 {
                    Ok(())
                } else {
                    Err(Duration::from_secs_f64((1.0 - tokens) / self.per_second))
                }
            }
            None => Ok(()),
        }
    }

    /// Takes one request's token for `key`; without one, how long until the next.
    pub fn take(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > PRUNE_ABOVE {
            let (capacity, rate) = (self.capacity, self.per_second);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate < capacity
            });
        }
        let (tokens, at) = buckets
            .entry(key.to_owned())
            .or_insert((self.capacity, now));
        *tokens = (*tokens + now.saturating_duration_since(*at).as_secs_f64() * self.per_second)
            .min(self.capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / self.per_second))
        }
    }
}

/// The hub's limits.
#[derive(Debug)]
pub struct Limits {
    /// Per client address on the public pages: a phone opening a page, not a crawler.
    pub public: Buckets,
    /// Per kiosk on the API: a sync every few seconds with its uploads, not a runaway loop.
    pub kiosk: Buckets,
    /// Bytes of documents one kiosk may hold on the hub that no item references yet.
    pub kiosk_unreferenced_bytes: i64,
    /// Items one kiosk may have stored per office day: far above a busy counter's day
    /// (a few hundred), far below what floods the register.
    pub kiosk_items_per_day: i64,
    /// Document bytes one kiosk may upload per office day.
    pub kiosk_bytes_per_day: i64,
    /// Complaint PIN attempts one kiosk may make per hour, across every number.
    pub kiosk_pin_attempts_per_hour: i64,
    /// Wrong tokens per client address, checked before any token is looked up: a stranger's
    /// guesses cost no database connection once past the burst.
    pub wrong_tokens: Buckets,
}

/// Items one kiosk may deliver per office day, unless the office sets otherwise.
pub const KIOSK_ITEMS_PER_DAY: i64 = 20_000;
/// Document bytes one kiosk may upload per office day (about 4,000 scanned pages).
pub const KIOSK_BYTES_PER_DAY: i64 = 2 * 1024 * 1024 * 1024;
/// Complaint PIN attempts per kiosk and hour. With ten-digit PINs a token that spends every
/// attempt for a year finds a given complaint's PIN with odds of about 1 in 38,000.
pub const KIOSK_PIN_ATTEMPTS_PER_HOUR: i64 = 30;

impl Default for Limits {
    fn default() -> Self {
        Self {
            public: Buckets::new(30, 1.0),
            kiosk: Buckets::new(300, 20.0),
            kiosk_unreferenced_bytes: KIOSK_QUOTA_BYTES,
            kiosk_items_per_day: KIOSK_ITEMS_PER_DAY,
            kiosk_bytes_per_day: KIOSK_BYTES_PER_DAY,
            kiosk_pin_attempts_per_hour: KIOSK_PIN_ATTEMPTS_PER_HOUR,
            // A kiosk whose token was revoked asks every few seconds at most.
            wrong_tokens: Buckets::new(20, 0.2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate_and_keeps_clients_apart() {
        let b = Buckets::new(3, 2.0);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(b.take("a", t0), Ok(()));
        }
        let wait = b.take("a", t0).expect_err("over the burst");
        assert!(
            wait <= Duration::from_millis(500) && wait > Duration::ZERO,
            "{wait:?}"
        );
        assert_eq!(b.take("b", t0), Ok(()), "another client has its own bucket");
        assert_eq!(
            b.take("a", t0 + Duration::from_millis(500)),
            Ok(()),
            "refilled"
        );
        assert!(b.take("a", t0 + Duration::from_millis(500)).is_err());
        // Long idle refills only up to the burst.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(b.take("a", later), Ok(()));
        }
        assert!(b.take("a", later).is_err());
    }
}
