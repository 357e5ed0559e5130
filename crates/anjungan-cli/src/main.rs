//! `anjungan-cli`: the kiosk core without a window. Every subcommand takes `--data DIR`,
//! the same directory the desktop app uses, so an admin can prepare or inspect a kiosk
//! from a shell.

use anjungan_camera::SourceSpec;
use anjungan_core::backoff::Backoff;
use anjungan_core::camera_check::{CameraCheck, CheckSink};
use anjungan_core::outbox::{self, NewItem};
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::api::ItemKind;
use anjungan_wire::ipc::{PermitCheck, VerifyEvent};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(name = "anjungan-cli", version, about = "Headless Anjungan kiosk")]
struct Cli {
    /// The kiosk's data directory (holds kiosk.sqlite3).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum TrustCmd {
    /// Confirm the office's root fingerprint (as `anjungan-hub enrol` prints it) on a kiosk
    /// enrolled before enrolment codes carried it: until then it takes no trust lists.
    ConfirmRoot { fingerprint: String },
}

#[derive(Subcommand)]
enum Command {
    /// Create the store and set the staff PIN (a random one is generated and printed once
    /// when no PIN is given and none is set yet). The PIN is never taken on the command line:
    /// give a file with --pin-file, or `--pin -` and the PIN on stdin.
    Init {
        /// `-`: read the PIN (6–12 digits) from stdin.
        #[arg(long, conflicts_with = "pin_file")]
        pin: Option<String>,
        /// A file holding the PIN.
        #[arg(long)]
        pin_file: Option<PathBuf>,
    },
    /// Enrol this kiosk with a hub, using the enrolment code from `anjungan-hub enrol` (its
    /// last line). The code is a secret, so it is never taken on the command line: give a
    /// file with --token-file, or `--token -` and the code on stdin.
    Enrol {
        #[arg(long)]
        hub: String,
        /// A file holding the enrolment code.
        #[arg(long, conflicts_with = "token", required_unless_present = "token")]
        token_file: Option<PathBuf>,
        /// `-`: read the enrolment code from stdin.
        #[arg(long)]
        token: Option<String>,
    },
    /// Show the store, PIN and enrolment state.
    Status {
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// An application's status: the hub's, this kiosk's queue, or the last known (with its
    /// age); with the timeline and the due date in office working days.
    CheckStatus {
        /// A tracking number, or a receipt's status QR text.
        tracking_number: String,
        /// One JSON object: tracking_number, status, steps, received_complete_at, due_date,
        /// working_days_left, late, source (hub, local, cached), as_of.
        #[arg(long)]
        json: bool,
    },
    /// Pengaduan: check, seal and save a complaint (exit status 2 and every problem, one
    /// per line, when it cannot be sent). Prints the number and the PIN.
    Complaint {
        /// The complaint (schema in docs/complaints.md).
        #[arg(long)]
        json: PathBuf,
        /// A photo or document (PDF, JPEG, PNG); repeat for each (at most 5).
        #[arg(long = "attach", value_name = "FILE")]
        attach: Vec<PathBuf>,
    },
    /// Cek Pengaduan: the status and the office's answer, for the number and PIN together.
    ComplaintStatus {
        #[arg(long)]
        number: String,
        #[arg(long)]
        pin: String,
        #[arg(long)]
        json: bool,
    },
    /// A receipt issued here: write it as PDF (A4) or ESC/POS bytes, or print it.
    Receipt {
        #[arg(long)]
        tracking: String,
        /// The A4 PDF, as the CUPS queue gets it.
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The exact bytes a thermal printer gets (80 mm unless --paper 58mm).
        #[arg(long)]
        escpos: Option<PathBuf>,
        #[arg(long, default_value = "80mm")]
        paper: String,
        /// Print it on the configured printer.
        #[arg(long)]
        print: bool,
    },
    /// The receipt printer: show the setting, set it, or ask the printer how it is.
    Printer {
        /// none, usb:/dev/usb/lp0, tcp:HOST:9100 (optionally ?paper=58mm), or
        /// ipp://localhost:631/printers/QUEUE.
        #[arg(long)]
        set: Option<String>,
        #[arg(long)]
        check: bool,
    },
    /// The office's trust lists on this kiosk.
    Trust {
        #[command(subcommand)]
        cmd: TrustCmd,
    },
    /// Enqueue N synthetic items, cycling through every kind (every fifth application
    /// carries a document); prints each id as soon as its enqueue has committed.
    EnqueueDemo {
        #[arg(long)]
        count: usize,
        /// Size of each synthetic document.
        #[arg(long, default_value_t = 4096)]
        doc_bytes: usize,
    },
    /// Deliver the outbox.
    Sync {
        /// Deliver what is due now, once, and stop at the first failure.
        #[arg(long, conflicts_with = "until_empty")]
        once: bool,
        /// Keep delivering (with backoff) until nothing is pending or in flight.
        #[arg(long)]
        until_empty: bool,
        /// Give up after this many seconds (exit status 1).
        #[arg(long)]
        timeout_s: Option<u64>,
        /// "Kirim sekarang": what waits (held for its size, or in backoff) is due at once.
        #[arg(long)]
        now: bool,
        #[command(flatten)]
        tuning: Tuning,
    },
    /// e-SKM: import past paper surveys, show the kiosk's IKM.
    Skm {
        #[command(subcommand)]
        skm: Skm,
    },
    /// Cek Keaslian Izin: verify a permit from a photo/scan or from recorded camera frames.
    Verify {
        /// One image file (PNG or JPEG).
        #[arg(long, conflicts_with = "frames")]
        image: Option<PathBuf>,
        /// A directory of frames, read in name order like a camera; the first QR found counts.
        #[arg(long)]
        frames: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// QR decoding: decode one image, or measure the pipeline on a corpus.
    Qr {
        #[command(subcommand)]
        qr: Qr,
    },
    /// Show the outbox: counts per state and kind, oldest pending age, outages.
    Queue {
        #[arg(long)]
        json: bool,
        /// Only the number of items the hub has not confirmed (pending, in flight or dead):
        /// what removing the kiosk's data would lose. The package's purge checks it.
        #[arg(long, conflicts_with = "json")]
        undelivered: bool,
    },
    /// The cached service catalogue.
    Catalogue {
        #[arg(long)]
        json: bool,
    },
    /// Ajukan Izin: check and save an application (exit status 2 and every problem, one
    /// per line, when it cannot be submitted).
    Apply {
        /// The application (schema in docs/application.md).
        #[arg(long)]
        json: PathBuf,
        /// A requirement's document, `CODE=FILE`; repeat for each.
        #[arg(long = "document", value_name = "CODE=FILE")]
        documents: Vec<String>,
    },
    /// The scanner folder: take what is complete into the kiosk's inbox.
    Inbox {
        /// The scanner folder.
        #[arg(long)]
        dir: PathBuf,
        /// One pass (look, wait until sizes settle, look again), then stop.
        #[arg(long)]
        once: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum Qr {
    /// Print the text of the QR code in FILE (PNG or JPEG).
    Decode { file: PathBuf },
    /// Write TEXT as a QR code PNG (level M, 8 pixels a module, the quiet zone included):
    /// test prints and demo camera frames.
    Encode {
        text: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Decode rate and time on a tree of `N.<png|jpg>` + `N.txt` pairs.
    Bench {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        json: bool,
        /// `full` (files and scans), `camera` (live frames), `zxing`, `rqrr` or `rxing` alone.
        #[arg(long, default_value = "full")]
        pipeline: String,
        /// Fit each image into a 1280×720 frame first, as a camera delivers it.
        #[arg(long)]
        frame_720p: bool,
        /// Fit each image into a 1920×1080 frame first, as a 1080p camera delivers it.
        #[arg(long, conflicts_with = "frame_720p")]
        frame_1080p: bool,
        /// Decode each image this many times and keep its fastest time.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
}

#[derive(Subcommand)]
enum Skm {
    /// Import a CSV of past surveys (header u1…u10 [, service, sex, age, education,
    /// occupation, date]); nothing is imported from a file with errors.
    ImportCsv { file: PathBuf },
    /// The kiosk's IKM and per-element NRR for a period (dates YYYY-MM-DD, inclusive).
    Ikm {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Service recipients in the period, for the sample adequacy.
        #[arg(long)]
        population: Option<u64>,
    },
}

/// Sync worker tuning (defaults are the production values).
#[derive(clap::Args)]
struct Tuning {
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
    #[arg(long, default_value_t = 1000)]
    backoff_base_ms: u64,
    #[arg(long, default_value_t = 300_000)]
    backoff_cap_ms: u64,
    #[arg(long, default_value_t = 150)]
    lease_s: u64,
}

impl Tuning {
    fn config(&self) -> SyncConfig {
        SyncConfig {
            batch_size: self
                .batch_size
                .clamp(1, anjungan_wire::api::MAX_BATCH_ITEMS),
            backoff: Backoff {
                base: Duration::from_millis(self.backoff_base_ms.max(1)),
                cap: Duration::from_millis(self.backoff_cap_ms.max(1)),
                ..Backoff::default()
            },
            lease: Duration::from_secs(self.lease_s.max(1)),
            ..SyncConfig::default()
        }
    }
}

/// QR commands need no kiosk store.
fn qr(cmd: Qr) -> Result<(), String> {
    use anjungan_qr::bench::{run_repeated, Framing};
    use anjungan_qr::Pipeline;
    match cmd {
        Qr::Encode { text, out } => {
            let code =
                qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
                    .map_err(|e| format!("cannot make a QR code of this text: {e}"))?;
            code.render::<image::Luma<u8>>()
                .module_dimensions(8, 8)
                .build()
                .save(&out)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        }
        Qr::Decode { file } => {
            match anjungan_qr::decode_file(&file, Pipeline::Full).map_err(|e| e.to_string())? {
                Some(d) => println!("{}", d.text),
                None => return Err("no QR code found".into()),
            }
        }
        Qr::Bench {
            corpus,
            json,
            pipeline,
            frame_720p,
            frame_1080p,
            repeat,
        } => {
            let pipeline = match pipeline.as_str() {
                "full" => Pipeline::Full,
                "camera" => Pipeline::Camera,
                "rqrr" => Pipeline::RqrrOnly,
                "rxing" => Pipeline::RxingOnly,
                "zxing" => Pipeline::ZxingOnly,
                other => {
                    return Err(format!(
                        "unknown pipeline {other:?}: full, camera, rqrr, rxing or zxing"
                    ))
                }
            };
            let framing = match (frame_720p, frame_1080p) {
                (true, _) => Framing::Frame720p,
                (_, true) => Framing::Frame1080p,
                _ => Framing::AsIs,
            };
            let r = run_repeated(&corpus, pipeline, framing, repeat);
            if r.total == 0 {
                return Err(format!("no N.png + N.txt pairs under {}", corpus.display()));
            }
            if json {
                println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?);
            } else {
                println!(
                    "{}/{} decoded, {} wrong, median {:.2} ms, p95 {:.2} ms",
                    r.decoded, r.total, r.wrong, r.median_ms, r.p95_ms
                );
            }
        }
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<(), String> {
    if let Command::Qr { qr: cmd } = cli.command {
        return qr(cmd);
    }
    let data = cli
        .data
        .ok_or("--data DIR is required: the kiosk's data directory")?;
    let kiosk = Kiosk::open(&data, Arc::new(SystemClock)).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Init { pin, pin_file } => {
            let pin = match (pin_file.as_deref(), pin.as_deref()) {
                (None, None) => None,
                (file, pin) => Some(read_secret(file, pin, "PIN", "--pin-file", "--pin")?),
            };
            match kiosk
                .init(pin.as_deref(), &mut rand::rngs::OsRng)
                .map_err(|e| e.to_string())?
            {
                Some(generated) => {
                    println!("staff PIN: {generated} (shown only now; keep it safe)")
                }
                None if pin.is_some() => println!("staff PIN set"),
                None => println!("already initialised; staff PIN unchanged"),
            }
            println!("store ready at {}", data.display());
        }
        Command::Enrol {
            hub,
            token_file,
            token,
        } => {
            let code = read_secret(
                token_file.as_deref(),
                token.as_deref(),
                "enrolment code",
                "--token-file",
                "--token",
            )?;
            let done = kiosk.enrol(&hub, &code).await.map_err(|e| e.to_string())?;
            if done.switched_hub {
                println!(
                    "this kiosk belonged to another hub: its lists and pinned keys were cleared, and documents that hub took will be uploaded again"
                );
            }
            println!(
                "enrolled as {:?} with {}",
                done.info.kiosk_name, done.info.hub_url
            );
        }
        Command::Status { json } => {
            let status = kiosk.status().map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&status).map_err(|e| e.to_string())?
                );
            } else {
                println!("data:        {}", status.data_dir);
                println!("schema:      {}", status.schema_version);
                println!("integrity:   {}", status.integrity);
                println!(
                    "staff PIN:   {}",
                    if status.staff_pin_set {
                        "set"
                    } else {
                        "not set"
                    }
                );
                match &status.enrolment {
                    Some(e) => println!(
                        "enrolled:    {} at {} since {}",
                        e.kiosk_name, e.hub_url, e.enrolled_at
                    ),
                    None => println!("enrolled:    no"),
                }
            }
        }
        Command::Catalogue { json } => {
            let c = kiosk.catalogue().map_err(|e| e.to_string())?.ok_or(
                "this kiosk has never received a catalogue: enrol it and let it reach its hub",
            )?;
            if json {
                println!("{}", serde_json::to_string(&c).map_err(|e| e.to_string())?);
            } else {
                println!(
                    "catalogue version {} ({} services)",
                    c.version,
                    c.services.len()
                );
                for s in &c.services {
                    println!("  {:<24} {}", s.code, s.name);
                }
            }
        }
        Command::Apply { json, documents } => apply(&kiosk, &json, &documents)?,
        Command::Inbox { dir, once, json } => {
            if !once {
                return Err("only --once is available from the command line".into());
            }
            let report = kiosk.inbox_scan_once(&dir).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&report).map_err(|e| e.to_string())?
                );
            } else {
                for d in &report.accepted {
                    println!(
                        "taken    {} ({}, {} pages) {}",
                        d.file, d.kind, d.pages, d.sha256
                    );
                }
                for r in &report.refused {
                    println!("refused  {}: {}", r.file, r.reason);
                }
            }
        }
        Command::CheckStatus {
            tracking_number,
            json,
        } => {
            let s = kiosk
                .check_status(&tracking_number)
                .await
                .map_err(|e| e.to_string())?;
            if json {
                let mut v = serde_json::to_value(&s).map_err(|e| e.to_string())?;
                v["steps"] = serde_json::Value::Array(
                    s.history
                        .iter()
                        .map(
                            |h| serde_json::json!({"status": h.status, "at": h.at, "note": h.note}),
                        )
                        .collect(),
                );
                println!("{v}");
            } else {
                println!(
                    "{} {} ({})",
                    s.tracking_number,
                    s.status.code(),
                    s.service_name
                );
                for h in &s.history {
                    println!("  {} {}", h.at, h.status.code());
                }
                if let Some(due) = &s.due_date {
                    println!("due {due}{}", if s.late { " (late)" } else { "" });
                }
            }
        }
        Command::Receipt {
            tracking,
            pdf,
            escpos,
            paper,
            print,
        } => {
            let receipt = kiosk
                .receipt(&tracking)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no receipt {tracking} on this kiosk"))?;
            if let Some(path) = pdf {
                let bytes = anjungan_receipt::pdf::render(&receipt, kiosk.now())
                    .map_err(|e| e.to_string())?;
                std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            if let Some(path) = escpos {
                let paper = match paper.as_str() {
                    "58mm" => anjungan_receipt::Paper::Mm58,
                    "80mm" => anjungan_receipt::Paper::Mm80,
                    other => return Err(format!("--paper {other}: use 58mm or 80mm")),
                };
                let bytes =
                    anjungan_receipt::escpos::render(&receipt, paper).map_err(|e| e.to_string())?;
                std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            if print {
                let outcome = kiosk
                    .print_receipt(&tracking, false)
                    .await
                    .map_err(|e| e.to_string())?;
                println!(
                    "{}",
                    serde_json::to_string(&outcome).map_err(|e| e.to_string())?
                );
                if outcome.state != anjungan_receipt::PrintState::Printed {
                    return Err(format!(
                        "not printed ({:?}): {}",
                        outcome.state,
                        outcome.detail.unwrap_or_default()
                    ));
                }
            }
        }
        Command::Complaint { json, attach } => complaint(&kiosk, &json, &attach)?,
        Command::ComplaintStatus { number, pin, json } => {
            let s = kiosk
                .complaint_status(&number, &pin)
                .await
                .map_err(|e| e.to_string())?;
            if json {
                println!("{}", serde_json::to_string(&s).map_err(|e| e.to_string())?);
            } else {
                println!("{} {}", s.tracking_number, s.status.code());
                if let Some(r) = &s.response {
                    println!("{}", r.escape_debug());
                }
            }
        }
        Command::Trust {
            cmd: TrustCmd::ConfirmRoot { fingerprint },
        } => {
            kiosk
                .confirm_root(&fingerprint)
                .map_err(|e| e.to_string())?;
            println!("root confirmed: this kiosk takes the office's lists signed by it");
        }
        Command::Printer { set, check } => {
            if let Some(spec) = set {
                kiosk.set_printer(&spec).map_err(|e| e.to_string())?;
            }
            let config = kiosk.printer().map_err(|e| e.to_string())?;
            println!("{}", anjungan_receipt::printer::spec_of(&config));
            if check {
                let outcome = kiosk.printer_check().await.map_err(|e| e.to_string())?;
                println!(
                    "{}",
                    serde_json::to_string(&outcome).map_err(|e| e.to_string())?
                );
            }
        }
        Command::EnqueueDemo { count, doc_bytes } => {
            let mut rng = rand::rngs::OsRng;
            let mut out = std::io::stdout().lock();
            for n in 0..count {
                let mut item = demo_item(n, doc_bytes);
                if item.kind() == ItemKind::Application {
                    // A real application record at the hub, numbered from this kiosk's own
                    // sequence so it never collides with another.
                    let number = kiosk.next_tracking_number().map_err(|e| e.to_string())?;
                    item = demo_application(n, &number, item.documents);
                }
                let id = if item.kind() == ItemKind::SurveyResponse {
                    // Surveys go through their own use case, so the kiosk's figures see them.
                    kiosk.submit_survey(&demo_survey(n, &mut rng), &mut rng)
                } else {
                    kiosk.enqueue(&item, &mut rng)
                }
                .map_err(|e| e.to_string())?;
                writeln!(out, "{id}").map_err(|e| e.to_string())?;
                out.flush().map_err(|e| e.to_string())?;
            }
        }
        Command::Sync {
            once,
            until_empty,
            timeout_s,
            now,
            tuning,
        } => {
            if now {
                let n = kiosk.send_now().map_err(|e| e.to_string())?;
                eprintln!("{n} waiting item(s) due now");
            }
            let config = tuning.config();
            // Alone, it resends at once what a dead sender left in flight; next to the running
            // app it only sends what the app has not claimed.
            let _lock = sync::SenderLock::try_take(kiosk.context()).map_err(|e| e.to_string())?;
            if _lock.is_none() {
                eprintln!("another process (the app?) is sending this kiosk's queue too");
            }
            // Also brings the catalogue and the trust lists up to date when the hub answers.
            let _ = kiosk.check_connection().await;
            let deadline = timeout_s.map(|s| Instant::now() + Duration::from_secs(s));
            let mut rng = rand::rngs::OsRng;
            let (mut delivered, mut dead) = (0usize, 0usize);
            loop {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    return Err(format!(
                        "timed out; {delivered} delivered, {dead} dead so far"
                    ));
                }
                let outcome = sync::cycle(kiosk.context(), &config, &mut rng)
                    .await
                    .map_err(|e| e.to_string())?;
                let wait = match outcome {
                    CycleOutcome::Sent {
                        delivered: d,
                        dead: x,
                    } => {
                        delivered += d;
                        dead += x;
                        continue;
                    }
                    CycleOutcome::NotEnrolled => return Err("this kiosk is not enrolled".into()),
                    CycleOutcome::Idle { next_due_ms } => {
                        let report =
                            sync::report(kiosk.context(), &config).map_err(|e| e.to_string())?;
                        if once || !until_empty || report.pending + report.in_flight == 0 {
                            break;
                        }
                        let now_ms = outbox::unix_ms(kiosk.now());
                        // In-flight items of a crashed sender come back when their lease ends.
                        Duration::from_millis(
                            next_due_ms
                                .map_or(200, |d| (d - now_ms).clamp(0, 1000) as u64)
                                .max(20),
                        )
                    }
                    CycleOutcome::Failed { retry_at, error } => {
                        if once || !until_empty {
                            eprintln!("anjungan-cli: delivery failed: {error}");
                            break;
                        }
                        Duration::try_from(retry_at - kiosk.now()).unwrap_or(Duration::ZERO)
                    }
                };
                let wait = match deadline {
                    Some(d) => wait.min(d.saturating_duration_since(Instant::now())),
                    None => wait,
                };
                tokio::time::sleep(wait).await;
            }
            let report = sync::report(kiosk.context(), &config).map_err(|e| e.to_string())?;
            println!(
                "{}",
                serde_json::json!({"delivered": delivered, "dead": dead, "pending": report.pending, "in_flight": report.in_flight})
            );
        }
        Command::Qr { .. } => unreachable!("handled above"),
        Command::Verify {
            image,
            frames,
            json,
        } => {
            let check = match (image, frames) {
                (Some(file), _) => {
                    let size = std::fs::metadata(&file)
                        .map_err(|e| format!("{}: {e}", file.display()))?
                        .len();
                    if size > anjungan_qr::pipeline::MAX_FILE_BYTES {
                        return Err(format!("{}: {size} bytes is too large", file.display()));
                    }
                    let bytes =
                        std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                    kiosk
                        .check_permit_image(bytes, &mut rand::rngs::OsRng)
                        .await
                        .map_err(|e| e.to_string())?
                }
                (None, Some(dir)) => verify_frames(kiosk, &dir).await?,
                (None, None) => return Err("give --image FILE or --frames DIR".into()),
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&check).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{:?} {}",
                    check.verdict,
                    check.permit.permit_number.as_deref().unwrap_or_default()
                );
            }
        }
        Command::Skm {
            skm: Skm::ImportCsv { file },
        } => {
            let n = kiosk
                .import_survey_csv(&file, &mut rand::rngs::OsRng)
                .map_err(|e| e.to_string())?;
            println!("imported {n} responses");
        }
        Command::Skm {
            skm:
                Skm::Ikm {
                    json,
                    from,
                    to,
                    population,
                },
        } => {
            let s = kiosk
                .skm_summary(from, to, population)
                .map_err(|e| e.to_string())?;
            if json {
                println!("{}", serde_json::to_string(&s).map_err(|e| e.to_string())?);
            } else {
                match (s.ikm, s.grade) {
                    (Some(ikm), Some(grade)) => println!(
                        "IKM {ikm:.2} ({grade:?}) from {} respondents",
                        s.respondents
                    ),
                    _ => println!("no IKM yet ({} respondents)", s.respondents),
                }
                for e in &s.elements {
                    println!(
                        "  {:7} NRR {}",
                        e.code,
                        e.nrr.map_or("-".into(), |v| format!("{v:.3}"))
                    );
                }
            }
        }
        Command::Queue { json, undelivered } => {
            let report =
                sync::report(kiosk.context(), &SyncConfig::default()).map_err(|e| e.to_string())?;
            if undelivered {
                println!("{}", report.pending + report.in_flight + report.dead);
            } else if json {
                println!(
                    "{}",
                    serde_json::to_string(&report).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "pending {}  in flight {}  delivered {}  dead {}  outages {}",
                    report.pending, report.in_flight, report.delivered, report.dead, report.outages
                );
                if let Some(age) = report.oldest_pending_age_s {
                    println!("oldest pending: {age} s");
                }
                for (kind, c) in &report.by_kind {
                    println!(
                        "  {kind}: pending {} in flight {} delivered {} dead {}",
                        c.pending, c.in_flight, c.delivered, c.dead
                    );
                }
            }
        }
    }
    Ok(())
}

/// Replays a directory of frames in name order, as the camera would deliver them; the
/// text of the first QR found.
/// `verify --frames`: the camera pipeline itself, fed by a replay of the folder, until a
/// verdict or three passes over the frames without one.
async fn verify_frames(kiosk: Kiosk, dir: &std::path::Path) -> Result<PermitCheck, String> {
    #[derive(Default)]
    struct First(Mutex<Option<VerifyEvent>>);
    impl CheckSink for First {
        fn preview(&self, _bytes: Vec<u8>) {}
        fn event(&self, event: VerifyEvent) {
            self.0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get_or_insert(event);
        }
    }
    let first = Arc::new(First::default());
    let check = CameraCheck::start(
        Arc::clone(kiosk.context()),
        SourceSpec::Replay(dir.to_path_buf()),
        Arc::clone(&first) as Arc<dyn CheckSink>,
        tokio::runtime::Handle::current(),
    )
    .map_err(|e| e.to_string())?;
    let passes = check.replay_length().unwrap_or(1) as u64 * 3;
    loop {
        let event = first.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        match event {
            Some(VerifyEvent::Verdict { check }) => return Ok(*check),
            Some(VerifyEvent::Failed { error }) => return Err(error.message),
            Some(VerifyEvent::CameraLost) => return Err("the frames could not be read".into()),
            Some(VerifyEvent::Read { .. }) => return Err("not a permit check".into()),
            None if check.stats().frames > passes => return Err("no QR code found".into()),
            None => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// A synthetic item of kind `n % 5`; personal fields on citizen kinds; a document on every
/// fifth application and complaint.
fn demo_item(n: usize, doc_bytes: usize) -> NewItem {
    let kind = ItemKind::ALL[n % ItemKind::ALL.len()];
    let citizen = matches!(
        kind,
        ItemKind::Application | ItemKind::Complaint | ItemKind::SurveyResponse
    );
    // Only an application names documents (a complaint's travel sealed inside it).
    let with_doc = kind == ItemKind::Application && (n / ItemKind::ALL.len()).is_multiple_of(5);
    let documents = if with_doc {
        let mut doc = format!("%PDF-1.7\n% demo document {n}\n").into_bytes();
        doc.resize(doc_bytes.max(doc.len()), b'.');
        vec![doc]
    } else {
        Vec::new()
    };
    NewItem::demo(
        kind,
        serde_json::json!({"n": n, "kind": kind.code()}),
        citizen.then(
            || serde_json::json!({"name": format!("Warga Demo {n}"), "phone": "081200000000"}),
        ),
        documents,
    )
}

/// A synthetic application the hub stores as a record (service sip-dokter, the document,
/// if any, given as the KTP).
fn demo_application(n: usize, tracking_number: &str, documents: Vec<Vec<u8>>) -> NewItem {
    use anjungan_wire::item::{Application, DocumentRef, Item};
    let refs = documents
        .iter()
        .map(|d| DocumentRef::pdf("ktp", outbox::sha256_hex(d), d.len() as u64))
        .collect();
    let application = Application::synthetic(
        tracking_number.into(),
        format!("Warga Demo {n}"),
        anjungan_permit::office_date(time::OffsetDateTime::now_utc()),
        refs,
    );
    NewItem::new(Item::Application(Box::new(application)), documents)
}

fn demo_survey(n: usize, rng: &mut impl rand::RngCore) -> anjungan_wire::ipc::SurveySubmission {
    let answers = (0..10)
        .map(|i| Some((1 + (rng.next_u32() as usize + n + i) % 4) as u8))
        .collect();
    anjungan_wire::ipc::SurveySubmission {
        visit_id: format!("demo-{:016x}", rng.next_u64()),
        answers,
        suggestion: None,
        profile: anjungan_wire::ipc::RespondentProfile::default(),
        // Each with its own code, as after a receipt: the code-less cool-down does not apply.
        skm_code: Some(anjungan_skm::code::new_code(rng.next_u32())),
    }
}

/// `complaint`: attachments into the tray, then the same checks, seal and save as the screens.
fn complaint(kiosk: &Kiosk, json: &std::path::Path, attach: &[PathBuf]) -> Result<(), String> {
    let text = std::fs::read_to_string(json).map_err(|e| format!("{}: {e}", json.display()))?;
    let draft: anjungan_wire::complaint::ComplaintDraft =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))?;
    let mut problems = kiosk.complaint_problems(&draft);
    for file in attach {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Err(e) = kiosk.complaint_attach_bytes(bytes) {
            problems.push(anjungan_wire::application::Problem {
                field: "attachments".into(),
                code: "attachment".into(),
                message: format!("{}: {e}", file.display()),
            });
        }
    }
    if !problems.is_empty() {
        kiosk.complaint_discard();
        let mut out = std::io::stdout().lock();
        for p in problems {
            let _ = writeln!(out, "{}: {} ({})", p.field, p.message, p.code);
        }
        let _ = out.flush();
        std::process::exit(2);
    }
    let receipt = kiosk
        .submit_complaint(&draft, &mut rand::rngs::OsRng)
        .map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::json!({"tracking_number": receipt.tracking_number, "pin": receipt.pin})
    );
    Ok(())
}

/// `apply`: documents into the inbox, then the same checks and save as the screens.
fn apply(kiosk: &Kiosk, json: &std::path::Path, documents: &[String]) -> Result<(), String> {
    let text = std::fs::read_to_string(json).map_err(|e| format!("{}: {e}", json.display()))?;
    let mut draft: anjungan_wire::application::ApplicationDraft =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))?;
    let mut problems = Vec::new();
    let mut added = Vec::new();
    for spec in documents {
        let (code, file) = spec
            .split_once('=')
            .ok_or_else(|| format!("--document takes CODE=FILE, not {spec:?}"))?;
        let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        match kiosk
            .inbox()
            .admit(file, &bytes)
            .map_err(|e| e.to_string())?
        {
            Ok(doc) => {
                added.push(doc.sha256.clone());
                draft.documents.insert(code.to_owned(), doc.sha256);
            }
            Err(refusal) => problems.push(anjungan_wire::application::Problem {
                field: format!("documents.{code}"),
                code: refusal.code().to_owned(),
                message: refusal.to_string(),
            }),
        }
    }
    let result = if problems.is_empty() {
        kiosk.submit_application(&draft, &mut rand::rngs::OsRng)
    } else {
        Err(anjungan_core::CoreError::Application(problems))
    };
    match result {
        Ok(receipt) => {
            println!(
                "{}",
                serde_json::json!({
                    "tracking_number": receipt.tracking_number,
                    "id": receipt.id,
                    "receipt": receipt.receipt,
                })
            );
            Ok(())
        }
        Err(anjungan_core::CoreError::Application(found)) => {
            // Nothing was saved: the documents taken for it go too.
            for sha in added {
                let _ = kiosk.inbox_remove(&sha);
            }
            let mut out = std::io::stdout().lock();
            for p in found {
                let _ = writeln!(out, "{}: {} ({})", p.field, p.message, p.code);
            }
            let _ = out.flush();
            std::process::exit(2);
        }
        Err(e) => Err(e.to_string()),
    }
}

/// A secret (the enrolment code, the staff PIN) from a file or stdin; one on the command line
/// would stay in the shell's history and in every process listing. The last non-empty line
/// counts, so the whole output of `anjungan-hub enrol` can be given.
fn read_secret(
    file: Option<&Path>,
    value: Option<&str>,
    what: &str,
    file_flag: &str,
    flag: &str,
) -> Result<String, String> {
    let text = match (file, value) {
        (Some(path), _) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        (None, Some("-")) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::Read::take(std::io::stdin(), 64 * 1024), &mut text)
                .map_err(|e| format!("cannot read the {what} from stdin: {e}"))?;
            text
        }
        (None, _) => {
            return Err(format!(
                "the {what} is never given on the command line: use {file_flag} FILE, or {flag} - with it on stdin"
            ))
        }
    };
    Ok(text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("anjungan-cli: {e}");
            ExitCode::FAILURE
        }
    }
}
