//! Latencies per route, merged from every simulated kiosk at the end of a run.

use std::collections::BTreeMap;

/// What one route (`GET /v1/trust`, …) saw.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RouteFigures {
    pub requests: u64,
    pub errors: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Answers by HTTP status (`"200"`, `"304"`, `"429"`, …; `"transport"` for no answer).
    pub statuses: BTreeMap<String, u64>,
}

/// One kiosk's record of its requests: microseconds per route, and answers by status.
#[derive(Debug, Default)]
pub struct Recorder {
    samples: BTreeMap<&'static str, Vec<u32>>,
    statuses: BTreeMap<(&'static str, String), u64>,
    errors: BTreeMap<&'static str, u64>,
}

impl Recorder {
    /// Notes one request: how long until its answer was read, and what it was. `ok` is
    /// false for an answer the kiosk cannot use (5xx, 429, a refusal, no answer at all).
    pub fn note(&mut self, route: &'static str, micros: u64, status: &str, ok: bool) {
        self.samples
            .entry(route)
            .or_default()
            .push(u32::try_from(micros).unwrap_or(u32::MAX));
        *self.statuses.entry((route, status.to_owned())).or_default() += 1;
        if !ok {
            *self.errors.entry(route).or_default() += 1;
        }
    }

    pub fn merge(&mut self, other: Recorder) {
        for (route, mut v) in other.samples {
            self.samples.entry(route).or_default().append(&mut v);
        }
        for (k, n) in other.statuses {
            *self.statuses.entry(k).or_default() += n;
        }
        for (k, n) in other.errors {
            *self.errors.entry(k).or_default() += n;
        }
    }

    /// Per route, and over every request.
    pub fn figures(&self) -> (BTreeMap<String, RouteFigures>, RouteFigures) {
        let mut routes = BTreeMap::new();
        let mut all: Vec<u32> = Vec::new();
        for (route, samples) in &self.samples {
            let mut sorted = samples.clone();
            sorted.sort_unstable();
            all.extend_from_slice(&sorted);
            let statuses = self
                .statuses
                .iter()
                .filter(|((r, _), _)| r == route)
                .map(|((_, s), n)| (s.clone(), *n))
                .collect();
            routes.insert(
                (*route).to_owned(),
                RouteFigures {
                    requests: sorted.len() as u64,
                    errors: self.errors.get(route).copied().unwrap_or(0),
                    statuses,
                    ..percentiles(&sorted)
                },
            );
        }
        all.sort_unstable();
        let total = RouteFigures {
            requests: all.len() as u64,
            errors: self.errors.values().sum(),
            ..percentiles(&all)
        };
        (routes, total)
    }
}

/// p50, p99 and max of sorted microseconds, in milliseconds (nearest rank).
fn percentiles(sorted: &[u32]) -> RouteFigures {
    let at = |p: f64| -> f64 {
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        f64::from(sorted[rank - 1]) / 1000.0
    };
    RouteFigures {
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        max_ms: at(1.0),
        ..RouteFigures::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_per_route_and_overall() {
        let mut a = Recorder::default();
        for ms in 1..=100u64 {
            a.note("GET /x", ms * 1000, "200", true);
        }
        let mut b = Recorder::default();
        b.note("POST /y", 500_000, "503", false);
        a.merge(b);
        let (routes, all) = a.figures();
        let x = &routes["GET /x"];
        assert_eq!((x.p50_ms, x.p99_ms, x.max_ms), (50.0, 99.0, 100.0));
        assert_eq!(routes["POST /y"].errors, 1);
        assert_eq!(routes["POST /y"].statuses["503"], 1);
        assert_eq!((all.requests, all.errors, all.max_ms), (101, 1, 500.0));
    }
}
