//! Camera-to-verdict latency: replayed 1280×720 frames of a freshly issued permit's QR go
//! through the kiosk's whole camera path (capture thread, preview, newest-frame decode
//! worker, signature and list check, the statistic written to the outbox) and the time from
//! a frame's capture to its verdict is measured, 100 times.
//!
//! `cargo bench -p anjungan-core --bench camera`

mod support;

use anjungan_core::camera_check::{CameraCheck, CheckSink};
use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::ipc::{Verdict, VerifyEvent};
use image::{imageops, GrayImage, Luma};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CHECKS: usize = 100;

#[derive(Default)]
struct Events {
    verdicts: Mutex<Vec<Verdict>>,
    previews: Mutex<Vec<Duration>>,
    last_preview: Mutex<Option<Instant>>,
}

impl CheckSink for Events {
    fn preview(&self, bytes: Vec<u8>) {
        assert!(bytes.len() > 16);
        let now = Instant::now();
        let mut last = self.last_preview.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(prev) = last.replace(now) {
            self.previews
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(now - prev);
        }
    }
    fn event(&self, event: VerifyEvent) {
        if let VerifyEvent::Verdict { check } = event {
            self.verdicts
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(check.verdict);
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// A permit held up to the camera: the QR at a few sizes and places on a noisy page-grey
/// background, as a 720p camera frame sees it.
fn frames(qr: &GrayImage, dir: &std::path::Path) {
    let mut rng = StdRng::seed_from_u64(7);
    for i in 0..20u32 {
        let side = 220 + (i % 5) * 40;
        let code = imageops::resize(qr, side, side, imageops::FilterType::Triangle);
        let mut frame = GrayImage::from_fn(1280, 720, |_, _| Luma([rng.gen_range(150..190)]));
        let x = 200 + i64::from((i * 37) % 600);
        let y = 40 + i64::from((i * 23) % (700 - side).max(1));
        imageops::overlay(&mut frame, &code, x, y);
        frame
            .save(dir.join(format!("{i:04}.png")))
            .expect("write frame");
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (running, token, hub_dir, pool) = support::hub().await;
    let issued = anjungan_hub::permits::issue(
        &pool,
        &anjungan_hub::permits::PermitInput {
            number: "503/0100/SIUP/2026".into(),
            kind: "Surat Izin Usaha Perdagangan".into(),
            holder_name: "Toko Maju Jaya".into(),
            nib: Some("9120009876543".into()),
            nik: None,
            issued: "2026-11-01".into(),
            valid_until: Some("2031-11-01".into()),
        },
        &hub_dir.path().join("out"),
        &running.url(),
        &mut StdRng::seed_from_u64(3),
    )
    .await
    .expect("issue");

    let dir = tempfile::tempdir().expect("kiosk dir");
    let kiosk = Arc::new(Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk"));
    let code = anjungan_hub::trust::enrolment_code(&pool, token, &mut StdRng::seed_from_u64(4))
        .await
        .expect("code")
        .to_string();
    kiosk
        .enrol(&running.url(), &code)
        .await
        .expect("enrol kiosk");
    kiosk.check_connection().await; // downloads the trust lists
    let frame_dir = dir.path().join("frames");
    std::fs::create_dir_all(&frame_dir).expect("frames dir");
    let qr = image::open(&issued.qr_png).expect("qr png").into_luma8();
    frames(&qr, &frame_dir);

    let events = Arc::new(Events::default());
    let check = CameraCheck::start(
        Arc::clone(kiosk.context()),
        anjungan_camera::SourceSpec::Replay(frame_dir),
        Arc::clone(&events) as Arc<dyn CheckSink>,
        tokio::runtime::Handle::current(),
    )
    .expect("camera");
    let started = Instant::now();
    for n in 1..=CHECKS {
        while events
            .verdicts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
            < n
        {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        check.resume();
    }
    let elapsed = started.elapsed();
    let verdicts = events
        .verdicts
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    assert!(verdicts.iter().all(|v| *v == Verdict::Asli), "{verdicts:?}");
    let mut latencies = check.latencies();
    latencies.sort();
    let mut gaps = events
        .previews
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    gaps.sort();
    let stats = check.stats();
    println!(
        "## Camera to verdict: replayed 1280×720 frames at {} fps, {CHECKS} checks\n",
        anjungan_core::camera_check::REPLAY_FPS
    );
    println!("| | p50 ms | p95 ms | max ms |\n|---|---|---|---|");
    println!(
        "| frame captured → verdict (decode, check, outbox write) | {:.1} | {:.1} | {:.1} |",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        percentile(&latencies, 1.0)
    );
    println!(
        "| preview interval (Rust side) | {:.1} | {:.1} | {:.1} |",
        percentile(&gaps, 0.5),
        percentile(&gaps, 0.95),
        percentile(&gaps, 1.0)
    );
    println!(
        "\n{} frames captured in {:.1} s ({:.1} fps), {} decoded, {} replaced unread, {} decoder panics",
        stats.frames,
        elapsed.as_secs_f64(),
        stats.frames as f64 / elapsed.as_secs_f64(),
        stats.decoded,
        stats.skipped,
        stats.panics
    );
    drop(check);
    running.stop().await;
}
