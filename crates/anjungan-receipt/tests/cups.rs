//! Printing to a real CUPS over IPP (the queues `scripts/cups-test-queues` makes; the
//! README's test command sets them up and exports ANJUNGAN_CUPS_PDF_DIR): a job that prints,
//! a queue that does not exist, and a printer that accepts the job and then fails.

use anjungan_receipt::printer::{self, Patience};
use anjungan_receipt::{PrintState, PrinterConfig, Receipt};
use std::time::Duration;

fn receipt(number: &str) -> Receipt {
    Receipt {
        tracking_number: number.into(),
        office_name: "DPMPTSP Kota Metro".into(),
        service_code: "sip-dokter".into(),
        service_name: "Surat Izin Praktik Dokter".into(),
        kind: "baru".into(),
        issued_at: "2026-11-30T02:15:00Z".into(),
        applicant_masked: "S*** A*****".into(),
        documents_received: vec!["KTP".into()],
        documents_to_bring: vec![],
        sla_working_days: Some(5),
        estimated_due: Some("2026-12-07".into()),
        status_url: format!("http://127.0.0.1:8787/t/{number}"),
        skm_code: "4821553097".into(),
        skm_qr: "ANJUNGAN-SKM:4821553097".into(),
        kiosk_name: "Anjungan Lobi".into(),
    }
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

/// The CUPS-PDF output folder, or `None` where the machine has no test queues (a
/// developer's laptop); the README's test command always has them.
fn cups() -> Option<std::path::PathBuf> {
    match std::env::var_os("ANJUNGAN_CUPS_PDF_DIR") {
        Some(d) => Some(d.into()),
        None => {
            eprintln!("ANJUNGAN_CUPS_PDF_DIR unset: run scripts/cups-test-queues first");
            None
        }
    }
}

async fn print_on(queue: &str, r: &Receipt) -> anjungan_receipt::PrintOutcome {
    let config = PrinterConfig::Ipp {
        uri: format!("ipp://localhost:631/printers/{queue}"),
    };
    let bytes = printer::bytes_for(&config, r, now())
        .expect("render")
        .expect("pdf");
    printer::print(
        &config,
        bytes,
        &r.tracking_number,
        Patience::default(),
        now(),
    )
    .await
}

#[tokio::test]
async fn a_receipt_prints_on_a_cups_queue_as_a_pdf() {
    let Some(dir) = cups() else { return };
    let number = format!("26-009-{:05}-0", std::process::id() % 100_000);
    let out = print_on("KioskPDF", &receipt(&number)).await;
    assert_eq!(out.state, PrintState::Printed, "{:?}", out.detail);
    // cups-pdf names the file after the job title (the tracking number).
    let mut found = None;
    for _ in 0..50 {
        found = std::fs::read_dir(&dir)
            .expect("pdf dir")
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().contains(&number));
        if found.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let pdf = found.expect("the queue wrote the PDF").path();
    let text = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&number.replace('-', " - ")), "{text}");
}

#[tokio::test]
async fn a_missing_queue_and_a_failing_printer_say_so() {
    if cups().is_none() {
        return;
    }
    let missing = print_on("NoSuchQueue", &receipt("26-009-00001-0")).await;
    assert_eq!(missing.state, PrintState::Offline);
    assert!(
        missing
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("does not exist")),
        "{missing:?}"
    );
    let failed = print_on("KioskBroken", &receipt("26-009-00002-0")).await;
    assert_eq!(failed.state, PrintState::JobFailed, "{failed:?}");
    assert!(
        failed.detail.is_some(),
        "the printer's own words reach staff"
    );
    let probe = printer::probe(
        &PrinterConfig::Ipp {
            uri: "ipp://localhost:631/printers/KioskPDF".into(),
        },
        Patience::default(),
        now(),
    )
    .await;
    assert_eq!(probe.state, PrintState::Ready, "{probe:?}");
}
