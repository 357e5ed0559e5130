//! The `anjungan-loadgen` command line:
//! `anjungan-loadgen --hub URL --tokens FILE --kiosks N --duration-s S [--json]`.

use anjungan_loadgen::{kiosk::Habits, run, text, Config};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "anjungan-loadgen",
    version,
    about = "Simulate N kiosks against a hub and measure it"
)]
struct Cli {
    /// The hub's base URL (http://127.0.0.1:8730).
    #[arg(long)]
    hub: String,
    /// `name token` per line, as `anjungan-hub enrol --kiosk PREFIX --count N` prints.
    #[arg(long)]
    tokens: PathBuf,
    /// How many kiosks (the first N lines of --tokens).
    #[arg(long)]
    kiosks: usize,
    /// How long to run, in seconds.
    #[arg(long)]
    duration_s: u64,
    /// One JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// Citizens' items per kiosk per minute.
    #[arg(long, default_value_t = 0.5)]
    items_per_min: f64,
    /// Items each kiosk holds at the start (an hour of backlog after an outage); all kiosks
    /// then start at once: the reconnect storm.
    #[arg(long, default_value_t = 0)]
    backlog_items: usize,
    /// Seconds between check-ins; default: the hub's pacing setting, else 30.
    #[arg(long)]
    check_every_s: Option<u64>,
    /// Up to this many seconds added at random to each wait; default: the hub's, else 10.
    #[arg(long)]
    jitter_s: Option<u64>,
    /// Items per POST /v1/items.
    #[arg(long, default_value_t = 25)]
    batch_size: usize,
    /// A process whose tree's CPU and memory are reported (the hub; PostgreSQL's
    /// postmaster). Repeatable.
    #[arg(long)]
    watch_pid: Vec<u32>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = Config {
        hub: cli.hub,
        tokens: cli.tokens,
        kiosks: cli.kiosks,
        duration: Duration::from_secs(cli.duration_s),
        habits: Habits {
            check_every: cli.check_every_s.map(Duration::from_secs),
            jitter: cli.jitter_s.map(Duration::from_secs),
            items_per_min: cli.items_per_min,
            backlog: cli.backlog_items,
            batch_size: cli.batch_size.max(1),
        },
        watch: cli.watch_pid,
        seed: cli.seed,
    };
    match run(config).await {
        Ok(report) => {
            if cli.json {
                match serde_json::to_string(&report) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("anjungan-loadgen: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                print!("{}", text(&report));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("anjungan-loadgen: {e}");
            ExitCode::FAILURE
        }
    }
}
