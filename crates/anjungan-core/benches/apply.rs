//! Ajukan Izin benchmarks (`cargo bench -p anjungan-core --bench apply`). Prints markdown
//! tables for docs/benchmarks.md:
//! 1. a scanned file dropped into the watched folder → its document (with thumbnail) reported
//!    to the screen: p50/p95, with the settle time the watcher waits for a stable file, and
//!    the processing alone (sniff, limits, hash, thumbnail, durable write);
//! 2. "Kirim" with 20 MB of documents → durable (application, documents and outbox row in
//!    one transaction, synchronous=FULL): p50/p95;
//! 3. hub ingestion of 1,000 applications with 3 documents each (blob upload + batch ingest,
//!    in-process, as the HTTP handlers call them): applications/s.
//!
//! `ANJUNGAN_BENCH_QUICK=1` runs fewer samples.

mod support;

use anjungan_capture::folder::DEFAULT_SETTLE;
use anjungan_capture::{Inbox, Limits};

use anjungan_wire::api::ItemBatch;
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use std::collections::BTreeMap;
use std::sync::mpsc;
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

/// A valid PDF of about `bytes` bytes: one page, and random bytes (a scan's compressed
/// image), so it is not a compressible toy.
fn pdf(bytes: usize, rng: &mut StdRng) -> Vec<u8> {
    let mut filler = vec![0u8; bytes.saturating_sub(600)];
    rng.fill_bytes(&mut filler);
    anjungan_capture::fixtures::pdf(1, "bench", &filler)
}

/// A phone photo of an ID card: 1600×1000 RGB JPEG with some texture.
fn photo(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(1600, 1000, |x, y| {
        let v = ((x * 7 + y * 13 + seed) % 251) as u8;
        image::Rgb([v, v.wrapping_mul(3), 255 - v])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .expect("jpeg");
    out
}

fn scan_to_screen(samples: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let scan = dir.path().join("scanner");
    std::fs::create_dir(&scan).expect("scanner");
    let inbox = Inbox::open(&dir.path().join("inbox"), Limits::default()).expect("inbox");
    let (tx, rx) = mpsc::channel();
    let _watch = anjungan_capture::watch::watch(&scan, inbox.clone(), DEFAULT_SETTLE, move |r| {
        let _ = tx.send((Instant::now(), r));
    });
    let mut rng = StdRng::seed_from_u64(7);
    let mut rows = Vec::new();
    for (label, make) in [("JPEG photo 1600×1000", 0usize), ("PDF scan 2 MB", 1usize)] {
        let mut end_to_end = Vec::new();
        let mut processing = Vec::new();
        for i in 0..samples {
            let bytes = if make == 0 {
                photo(i as u32)
            } else {
                pdf(2 * 1024 * 1024, &mut rng)
            };
            // Processing alone, on a second inbox.
            let other = Inbox::open(
                &dir.path().join(format!("alone-{make}-{i}")),
                Limits::default(),
            )
            .expect("inbox");
            let t = Instant::now();
            other.admit("x", &bytes).expect("io").expect("accepted");
            processing.push(t.elapsed());
            // Through the folder: written, then reported once stable.
            let path = scan.join(format!("scan-{make}-{i}.bin"));
            std::fs::write(&path, &bytes).expect("write");
            let written = Instant::now();
            let (at, report) = rx.recv_timeout(Duration::from_secs(20)).expect("report");
            assert_eq!(report.accepted.len(), 1, "{report:?}");
            end_to_end.push(at - written);
        }
        end_to_end.sort();
        processing.sort();
        rows.push(format!(
            "| {label} | {} | {} | {} | {} |",
            ms(percentile(&end_to_end, 0.5)),
            ms(percentile(&end_to_end, 0.95)),
            ms(percentile(&processing, 0.5)),
            ms(percentile(&processing, 0.95)),
        ));
    }
    println!(
        "\n## Scanned file → document on screen ({samples} files each, settle {} ms)\n",
        DEFAULT_SETTLE.as_millis()
    );
    println!("| file | folder → report p50 (ms) | p95 | processing alone p50 (ms) | p95 |");
    println!("|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}

async fn submit_durable(samples: usize) {
    let (running, token, _hub_dir, pool) = support::hub().await;
    anjungan_hub::demo::load(&pool).await.expect("demo");
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = support::enrolled_kiosk(dir.path(), running.url(), token);
    kiosk.check_connection().await; // the catalogue
    running.stop().await; // offline, as at a kiosk whose hub is down
    let mut rng = StdRng::seed_from_u64(11);
    let codes = [
        "ktp",
        "pengantar-permohonan-lembaga",
        "proposal-penelitian",
        "pernyataan-menaati-peraturan",
    ];
    let mut times = Vec::new();
    for _ in 0..samples {
        let mut documents = BTreeMap::new();
        for code in codes {
            let doc = kiosk
                .inbox()
                .admit(code, &pdf(5 * 1024 * 1024, &mut rng))
                .expect("io")
                .expect("admitted");
            documents.insert(code.to_owned(), doc.sha256);
        }
        let d = support::draft(documents);
        let t = Instant::now();
        kiosk.submit_application(&d, &mut rng).expect("saved");
        times.push(t.elapsed());
    }
    times.sort();
    println!("\n## \"Kirim\" with 20 MB of documents → durable ({samples} applications, 4 × 5 MB PDFs, hub down)\n");
    println!("| p50 (ms) | p95 (ms) | max (ms) |");
    println!("|---|---|---|");
    println!(
        "| {} | {} | {} |",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().unwrap_or(&Duration::ZERO))
    );
}

async fn hub_ingestion(applications: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    anjungan_hub::demo::load(&pool).await.expect("demo");
    let token = anjungan_hub::kiosks::enrol(&pool, "bench", &mut StdRng::seed_from_u64(2))
        .await
        .expect("enrol");
    let kiosk = anjungan_hub::kiosks::authenticate(&pool, &token)
        .await
        .expect("kiosk");
    let mut rng = StdRng::seed_from_u64(5);
    // Prepared before the clock starts: what kiosks would send.
    let mut prepared = Vec::new();
    for i in 0..applications {
        let docs: Vec<Vec<u8>> = (0..3).map(|_| pdf(100 * 1024, &mut rng)).collect();
        let shas: Vec<String> = docs
            .iter()
            .map(|d| anjungan_core::outbox::sha256_hex(d))
            .collect();
        let number = anjungan_apply::TrackingNumber::new(2026, 1, i as u32 + 1)
            .expect("n")
            .to_string();
        let refs: Vec<serde_json::Value> = ["ktp", "pengantar-permohonan-lembaga", "proposal-penelitian"]
            .iter()
            .zip(&shas)
            .map(|(code, sha)| serde_json::json!({"requirement": code, "sha256": sha, "kind": "pdf", "pages": 1, "bytes": 100 * 1024}))
            .collect();
        let item = serde_json::json!({
            "id": anjungan_core::outbox::new_id(time::OffsetDateTime::now_utc(), &mut rng),
            "kind": "application", "created_at": "2026-11-29T09:00:00Z",
            "payload": {"tracking_number": number, "service": "skp-penelitian", "kind": "baru",
                        "applicant_type": "perorangan", "documents": refs, "submitted_on": "2026-11-29"},
            "personal": {"applicant": support::draft(BTreeMap::new()).applicant},
            "blobs": shas,
        });
        prepared.push((docs, shas, item));
    }
    let start = Instant::now();
    for chunk in prepared.chunks(50) {
        for (docs, shas, _) in chunk {
            for (d, sha) in docs.iter().zip(shas) {
                anjungan_hub::blobs::put(
                    &pool,
                    dir.path(),
                    &kiosk.id,
                    sha,
                    d,
                    &anjungan_hub::limits::Limits {
                        kiosk_bytes_per_day: i64::MAX,
                        ..anjungan_hub::limits::Limits::default()
                    },
                    time::OffsetDateTime::now_utc(),
                )
                .await
                .expect("blob");
            }
        }
        let batch: ItemBatch = serde_json::from_value(serde_json::json!({
            "items": chunk.iter().map(|(_, _, item)| item.clone()).collect::<Vec<_>>()
        }))
        .expect("batch");
        let result = anjungan_hub::items::ingest(
            &pool,
            &kiosk.id,
            &kiosk.name,
            batch,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("ingest");
        assert!(
            result
                .results
                .iter()
                .all(|r| r.outcome == anjungan_wire::api::ItemOutcome::Accepted),
            "{result:?}"
        );
    }
    let took = start.elapsed();
    let (stored,): (i64,) = sqlx::query_as("SELECT count(*) FROM applicants")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(stored as usize, applications);
    println!("\n## Hub ingestion of applications ({applications} applications × 3 documents of 100 KB, batches of 50)\n");
    println!("| total (s) | applications/s | documents/s |");
    println!("|---|---|---|");
    println!(
        "| {:.2} | {:.0} | {:.0} |",
        took.as_secs_f64(),
        applications as f64 / took.as_secs_f64(),
        3.0 * applications as f64 / took.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let q = quick();
    scan_to_screen(if q { 3 } else { 20 });
    submit_durable(if q { 3 } else { 20 }).await;
    hub_ingestion(if q { 100 } else { 1000 }).await;
}
