//! Receipt benchmarks (`cargo bench -p anjungan-core --bench receipt`). Prints markdown
//! tables for docs/benchmarks.md:
//! 1. "Kirim" → receipt bytes ready: the application saved (with its receipt, in one
//!    transaction), then the bytes for the printer rendered — ESC/POS for a thermal printer
//!    and, side by side in the same run, the A4 PDF for a CUPS queue;
//! 2. thermal print time on a loopback TCP printer: connect, paper-status query, send —
//!    for a printer that answers the paper query and one that stays silent (the kiosk waits
//!    0.4 s for an answer).
//!
//! `ANJUNGAN_BENCH_QUICK=1` runs fewer samples.

mod support;

use anjungan_receipt::printer::{self, Patience};
use anjungan_receipt::{Paper, PrinterConfig};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn quick() -> bool {
    std::env::var_os("ANJUNGAN_BENCH_QUICK").is_some()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn row(label: &str, times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "| {label} | {} | {} |",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.95))
    )
}

async fn submit_to_bytes(samples: usize) {
    let (running, token, _hub_dir, pool) = support::hub().await;
    anjungan_hub::demo::load(&pool).await.expect("demo");
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = support::enrolled_kiosk(dir.path(), running.url(), token);
    kiosk.check_connection().await; // the catalogue and the calendar
    running.stop().await; // offline: receipts do not wait for the hub
    let mut rng = StdRng::seed_from_u64(21);
    let (mut saved, mut escpos, mut pdf) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..samples {
        let d = support::application_with_documents(&kiosk, &i.to_string());
        let t = Instant::now();
        let receipt = kiosk
            .submit_application(&d, &mut rng)
            .expect("saved")
            .receipt;
        let at_saved = t.elapsed();
        let e = Instant::now();
        anjungan_receipt::escpos::render(&receipt, Paper::Mm80).expect("escpos");
        escpos.push(at_saved + e.elapsed());
        let p = Instant::now();
        anjungan_receipt::pdf::render(&receipt, time::OffsetDateTime::now_utc()).expect("pdf");
        pdf.push(at_saved + p.elapsed());
        saved.push(at_saved);
    }
    println!("\n## \"Kirim\" → receipt bytes ready ({samples} applications, hub down)\n");
    println!("| until | p50 (ms) | p95 (ms) |");
    println!("|---|---|---|");
    println!("{}", row("saved with its receipt (durable)", &mut saved));
    println!("{}", row("+ ESC/POS 80 mm bytes", &mut escpos));
    println!("{}", row("+ A4 PDF bytes (peer: the CUPS path)", &mut pdf));
}

/// A loopback network printer; `answer` is its reply to the paper query, if any.
fn sink(answer: Option<u8>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut q = [0u8; 3];
            if s.read_exact(&mut q).is_err() {
                continue;
            }
            if let Some(b) = answer {
                let _ = s.write_all(&[b]);
            }
            let _ = std::io::copy(&mut s, &mut std::io::sink());
        }
    });
    addr
}

async fn thermal_print(samples: usize) {
    let receipt = {
        let dir = tempfile::tempdir().expect("dir");
        let (running, token, _hub_dir, pool) = support::hub().await;
        anjungan_hub::demo::load(&pool).await.expect("demo");
        let kiosk = support::enrolled_kiosk(dir.path(), running.url(), token);
        kiosk.check_connection().await;
        let mut rng = StdRng::seed_from_u64(5);
        let d = support::application_with_documents(&kiosk, "print");
        let r = kiosk
            .submit_application(&d, &mut rng)
            .expect("saved")
            .receipt;
        running.stop().await;
        r
    };
    let bytes = anjungan_receipt::escpos::render(&receipt, Paper::Mm80).expect("escpos");
    println!(
        "\n## Thermal print on a loopback TCP printer ({samples} prints, {} KB each)\n",
        bytes.len() / 1024
    );
    println!("| printer | p50 (ms) | p95 (ms) |");
    println!("|---|---|---|");
    for (label, answer) in [
        ("answers the paper query (paper OK)", Some(0x12u8)),
        ("silent (no status support)", None),
    ] {
        let config = PrinterConfig::EscposTcp {
            address: sink(answer),
            paper: Paper::Mm80,
        };
        let mut times = Vec::new();
        for _ in 0..samples {
            let t = Instant::now();
            let out = printer::print(
                &config,
                bytes.clone(),
                &receipt.tracking_number,
                Patience::default(),
                time::OffsetDateTime::now_utc(),
            )
            .await;
            times.push(t.elapsed());
            assert_eq!(out.state, anjungan_receipt::PrintState::Printed, "{out:?}");
        }
        println!("{}", row(label, &mut times));
    }
}

#[tokio::main]
async fn main() {
    let n = if quick() { 5 } else { 50 };
    submit_to_bytes(n).await;
    thermal_print(if quick() { 5 } else { 30 }).await;
}
