//! CPU and memory of the processes under load (the hub, and PostgreSQL's server processes),
//! read from /proc: each watched process with all its descendants.

use std::collections::BTreeSet;
use std::time::Instant;

/// Clock ticks per second of /proc's CPU times (100 on Linux).
const TICKS: f64 = 100.0;

#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Usage {
    /// Cores busy on average over the run (1.0 = one core all the time).
    pub cpu_cores: f64,
    /// Memory at the end (MiB): the processes' proportional set size summed, so pages they
    /// share (PostgreSQL's shared buffers) count once.
    pub pss_mib: f64,
    /// Highest sum seen (sampled each second), MiB.
    pub peak_pss_mib: f64,
}

fn children_of(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| stat(*p).is_some_and(|s| s.ppid == pid))
        .collect()
}

struct Stat {
    ppid: u32,
    ticks: u64,
}

fn stat(pid: u32) -> Option<Stat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses: state, ppid, … utime (14th), stime (15th).
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    Some(Stat {
        ppid: fields.get(1)?.parse().ok()?,
        ticks: fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?,
    })
}

/// PSS from smaps_rollup; the resident size where that cannot be read.
fn pss_kib(pid: u32) -> u64 {
    let field = |file: &str, name: &str| {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
    };
    field("smaps_rollup", "Pss:")
        .or_else(|| field("status", "VmRSS:"))
        .unwrap_or(0)
}

/// The watched processes and all their descendants, now.
fn tree(roots: &[u32]) -> BTreeSet<u32> {
    let mut all = BTreeSet::new();
    let mut todo: Vec<u32> = roots.to_vec();
    while let Some(p) = todo.pop() {
        if all.insert(p) {
            todo.extend(children_of(p));
        }
    }
    all
}

/// Samples the process trees rooted at `roots` from [`Watch::start`] to [`Watch::finish`].
pub struct Watch {
    roots: Vec<u32>,
    started: Instant,
    ticks_at_start: u64,
    peak_kib: u64,
}

impl Watch {
    pub fn start(roots: Vec<u32>) -> Self {
        let ticks_at_start = tree(&roots)
            .iter()
            .filter_map(|p| stat(*p))
            .map(|s| s.ticks)
            .sum();
        Self {
            roots,
            started: Instant::now(),
            ticks_at_start,
            peak_kib: 0,
        }
    }

    /// Called about once a second during the run.
    pub fn sample(&mut self) {
        let kib = tree(&self.roots).iter().map(|p| pss_kib(*p)).sum();
        self.peak_kib = self.peak_kib.max(kib);
    }

    pub fn finish(mut self) -> Usage {
        self.sample();
        let procs = tree(&self.roots);
        let ticks: u64 = procs.iter().filter_map(|p| stat(*p)).map(|s| s.ticks).sum();
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let kib: u64 = procs.iter().map(|p| pss_kib(*p)).sum();
        Usage {
            // Processes that ended during the run take their ticks with them: a lower bound.
            cpu_cores: ticks.saturating_sub(self.ticks_at_start) as f64 / TICKS / secs,
            pss_mib: kib as f64 / 1024.0,
            peak_pss_mib: self.peak_kib as f64 / 1024.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_seen_using_cpu_and_memory() {
        let mut w = Watch::start(vec![std::process::id()]);
        let mut x = 0u64;
        let t = Instant::now();
        while t.elapsed().as_millis() < 300 {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        std::hint::black_box(x);
        w.sample();
        let u = w.finish();
        assert!(u.cpu_cores > 0.2, "{u:?}");
        assert!(
            u.pss_mib > 1.0 && u.peak_pss_mib >= u.pss_mib * 0.5,
            "{u:?}"
        );
    }
}
