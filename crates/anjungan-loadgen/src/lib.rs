//! `anjungan-loadgen`: how many kiosks one hub serves, measured.
//!
//! N simulated kiosks ([`kiosk`]), each with its own token from
//! `anjungan-hub enrol --kiosk PREFIX --count N`, do what kiosks do against a running hub for
//! a while; the run reports requests and items per second, latency per route (p50, p99,
//! max), errors, and the CPU and memory of the hub's processes ([`process`]).
//!
//! The simulation is light on purpose (no per-kiosk database): the generator shares the
//! machine with the hub it measures, and what it must reproduce is the kiosk's traffic, not
//! its storage.

pub mod kiosk;
pub mod latency;
pub mod mix;
pub mod process;

use latency::RouteFigures;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: {1}")]
    Tokens(PathBuf, String),
    #[error("the tokens file has {have} kiosks; --kiosks asks for {want}")]
    TooFewTokens { have: usize, want: usize },
    #[error("HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

/// One run.
#[derive(Debug, Clone)]
pub struct Config {
    pub hub: String,
    pub tokens: PathBuf,
    pub kiosks: usize,
    pub duration: Duration,
    pub habits: kiosk::Habits,
    /// Processes whose trees' CPU and memory are reported (the hub; PostgreSQL's postmaster).
    pub watch: Vec<u32>,
    pub seed: u64,
}

/// The storm's figures: how long kiosks took to deliver an hour of backlog each.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Storm {
    pub backlog_items_per_kiosk: usize,
    pub kiosks_drained: usize,
    pub drained_p50_s: f64,
    pub drained_max_s: f64,
}

/// What a run measured; `--json` prints it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub kiosks: usize,
    pub duration_s: f64,
    pub requests: u64,
    /// Items the hub confirmed (accepted, or already held).
    pub items: u64,
    /// Answers a kiosk could not use: transport failures, 5xx, 429, refusals.
    pub errors: u64,
    /// Items the hub refused for good (a realistic mix has none).
    pub items_refused: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub requests_per_s: f64,
    pub items_per_s: f64,
    pub routes: BTreeMap<String, RouteFigures>,
    /// The watched processes (the hub and its database server), if any were named.
    pub hub: Option<process::Usage>,
    /// This generator itself: it shares the machine with the hub.
    pub loadgen: process::Usage,
    pub storm: Option<Storm>,
}

/// `name token` per line; blank lines and `#` comments skipped.
pub fn read_tokens(path: &std::path::Path) -> Result<Vec<(String, String)>, LoadError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::Tokens(path.to_owned(), e.to_string()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| {
            let mut parts = l.split_whitespace();
            match (parts.next(), parts.next(), parts.next()) {
                (Some(name), Some(token), None) => Ok((name.to_owned(), token.to_owned())),
                _ => Err(LoadError::Tokens(
                    path.to_owned(),
                    format!("line {}: expected `name token`", i + 1),
                )),
            }
        })
        .collect()
}

pub async fn run(config: Config) -> Result<Report, LoadError> {
    let tokens = read_tokens(&config.tokens)?;
    if tokens.len() < config.kiosks {
        return Err(LoadError::TooFewTokens {
            have: tokens.len(),
            want: config.kiosks,
        });
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(config.seed);
    let check = config.habits.check_every.unwrap_or(Duration::from_secs(30));
    let mut watch = (!config.watch.is_empty()).then(|| process::Watch::start(config.watch.clone()));
    let mut me = process::Watch::start(vec![std::process::id()]);
    let started = Instant::now();
    let deadline = started + config.duration;
    let mut runs = Vec::with_capacity(config.kiosks);
    for (_, token) in tokens.iter().take(config.kiosks) {
        let sim = kiosk::SimKiosk::new(
            &config.hub,
            token,
            rand::rngs::StdRng::seed_from_u64(rng.gen()),
        )?;
        // In steady state kiosks are spread over a check interval; after an outage
        // (a backlog) they all come back at once.
        let delay = if config.habits.backlog > 0 {
            Duration::ZERO
        } else {
            check.mul_f64(rng.gen_range(0.0..1.0))
        };
        runs.push(tokio::spawn(sim.run(
            config.habits.clone(),
            delay,
            deadline,
        )));
    }
    let sampler = async {
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if let Some(w) = watch.as_mut() {
                w.sample();
            }
            me.sample();
        }
    };
    let (outcomes, ()) = tokio::join!(futures_all(runs), sampler);
    let elapsed = started.elapsed().as_secs_f64();
    let mut recorder = latency::Recorder::default();
    let (mut items, mut refused, mut drained) = (0, 0, Vec::new());
    for o in outcomes {
        recorder.merge(o.recorder);
        items += o.items_delivered;
        refused += o.items_refused;
        drained.extend(o.drained_after.map(|d| d.as_secs_f64()));
    }
    let (routes, all) = recorder.figures();
    drained.sort_by(f64::total_cmp);
    let storm = (config.habits.backlog > 0).then(|| Storm {
        backlog_items_per_kiosk: config.habits.backlog,
        kiosks_drained: drained.len(),
        drained_p50_s: drained.get(drained.len() / 2).copied().unwrap_or(0.0),
        drained_max_s: drained.last().copied().unwrap_or(0.0),
    });
    Ok(Report {
        kiosks: config.kiosks,
        duration_s: elapsed,
        requests: all.requests,
        items,
        errors: all.errors,
        items_refused: refused,
        p50_ms: all.p50_ms,
        p99_ms: all.p99_ms,
        max_ms: all.max_ms,
        requests_per_s: all.requests as f64 / elapsed,
        items_per_s: items as f64 / elapsed,
        routes,
        hub: watch.map(process::Watch::finish),
        loadgen: me.finish(),
        storm,
    })
}

async fn futures_all(runs: Vec<tokio::task::JoinHandle<kiosk::Outcome>>) -> Vec<kiosk::Outcome> {
    let mut out = Vec::with_capacity(runs.len());
    for r in runs {
        if let Ok(o) = r.await {
            out.push(o);
        }
    }
    out
}

/// The report as the table a person reads.
pub fn text(r: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} kiosks, {:.0} s: {} requests ({:.1}/s), {} items ({:.2}/s), {} errors, {} items refused",
        r.kiosks, r.duration_s, r.requests, r.requests_per_s, r.items, r.items_per_s, r.errors,
        r.items_refused
    );
    let _ = writeln!(
        s,
        "latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        r.p50_ms, r.p99_ms, r.max_ms
    );
    if let Some(h) = &r.hub {
        let _ = writeln!(
            s,
            "hub: {:.2} cores, {:.0} MiB PSS (peak {:.0} MiB)",
            h.cpu_cores, h.pss_mib, h.peak_pss_mib
        );
    }
    let _ = writeln!(s, "load generator: {:.2} cores", r.loadgen.cpu_cores);
    if let Some(st) = &r.storm {
        let _ = writeln!(
            s,
            "storm: {} of {} kiosks delivered {} backlog items each; p50 {:.1} s, max {:.1} s",
            st.kiosks_drained,
            r.kiosks,
            st.backlog_items_per_kiosk,
            st.drained_p50_s,
            st.drained_max_s
        );
    }
    let _ = writeln!(
        s,
        "{:<28} {:>9} {:>7} {:>9} {:>9} {:>9}",
        "route", "requests", "errors", "p50 ms", "p99 ms", "max ms"
    );
    for (route, f) in &r.routes {
        let _ = writeln!(
            s,
            "{:<28} {:>9} {:>7} {:>9.1} {:>9.1} {:>9.1}",
            route, f.requests, f.errors, f.p50_ms, f.p99_ms, f.max_ms
        );
    }
    s
}
