//! Receipts and Cek Status from the command line, kiosk to hub: the receipt of an
//! application is printed on a loopback "network printer" byte for byte, written as PDF
//! without the NIK, refused printers say why, and the status is found in the kiosk's queue,
//! at the hub with its due date, and from the cache when the hub is away.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use support::{application, cli, json, s, Office, NIK};

/// A raw TCP printer on loopback that keeps every byte it gets; `status` is its answer to
/// the paper-status query (none: a printer that does not answer).
fn sink(status: Option<u8>) -> (String, Arc<Mutex<Vec<Vec<u8>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let jobs = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&jobs);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut got = Vec::new();
            let mut query = [0u8; 3];
            if stream.read_exact(&mut query).is_err() {
                continue;
            }
            got.extend(query);
            if let Some(b) = status {
                let _ = stream.write_all(&[b]);
            }
            let _ = stream.read_to_end(&mut got);
            kept.lock().expect("lock").push(got);
        }
    });
    (addr, jobs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_prints_byte_for_byte_and_status_has_its_due_date() {
    let mut office = Office::open().await;
    let kiosk = office.enrolled_kiosk().await;
    let files = tempfile::tempdir().expect("files");
    let k = kiosk.path();
    let (addr, jobs) = sink(None);
    let set = cli(k, &["printer", "--set", &format!("tcp:{addr}")]).await;
    assert!(set.status.success());

    // Saved while the hub is down: the receipt is there all the same.
    office.down().await;
    let app = files.path().join("app.json");
    std::fs::write(&app, application(NIK, "").to_string()).expect("write");
    let mut args: Vec<String> = vec!["apply".into(), "--json".into(), s(&app).into()];
    for code in [
        "ktp",
        "pengantar-permohonan-lembaga",
        "proposal-penelitian",
        "pernyataan-menaati-peraturan",
    ] {
        let f = files.path().join(format!("{code}.pdf"));
        std::fs::write(&f, anjungan_capture::fixtures::pdf(1, code, &[])).expect("doc");
        args.extend(["--document".into(), format!("{code}={}", s(&f))]);
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let saved = json(&cli(k, &argv).await);
    let number = saved["tracking_number"]
        .as_str()
        .expect("number")
        .to_owned();
    let receipt = &saved["receipt"];
    assert_eq!(receipt["applicant_masked"], "S*** A*****");
    assert!(!saved.to_string().contains(NIK), "no NIK on a receipt");
    // The status QR carries the application's key: the public page needs it.
    let status_url = receipt["status_url"].as_str().expect("url").to_owned();
    let key = status_url
        .strip_prefix(&format!("{}/t/{number}?k=", office.url()))
        .expect("the hub's page of this number, with its key")
        .to_owned();
    assert!(
        key.len() >= 8 && key.chars().all(|c| c.is_ascii_alphanumeric()),
        "{key}"
    );
    let code = receipt["skm_code"].as_str().expect("code");
    assert!(anjungan_skm::code::parse(code).is_ok(), "{code}");

    // The thermal printer gets the paper query, then exactly the --escpos bytes.
    let escpos = files.path().join("r.bin");
    let out = cli(
        k,
        &[
            "receipt",
            "--tracking",
            &number,
            "--escpos",
            s(&escpos),
            "--print",
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["state"], "printed");
    let bytes = std::fs::read(&escpos).expect("escpos file");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let got = jobs
        .lock()
        .expect("lock")
        .pop()
        .expect("a job reached the printer");
    assert_eq!(&got[..3], &anjungan_receipt::printer::PAPER_STATUS_QUERY);
    assert!(got[3..] == bytes[..], "the printer got the receipt's bytes");

    // The A4 PDF holds the number, not the NIK.
    let pdf = files.path().join("r.pdf");
    assert!(
        cli(k, &["receipt", "--tracking", &number, "--pdf", s(&pdf)])
            .await
            .status
            .success()
    );
    let text = std::process::Command::new("pdftotext")
        .args([s(&pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&number.replace('-', " - ")), "{text}");
    assert!(!text.contains(NIK) && !text.contains("Siti"), "{text}");

    // Printers that cannot print say why, and the exit status says it failed.
    let (paperless, _) = sink(Some(0x60));
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    for (spec, state) in [
        (format!("tcp:{paperless}"), "paper_out"),
        (format!("tcp:{closed}"), "offline"),
        ("usb:/dev/usb/lp-unplugged".to_owned(), "offline"),
        ("ipp://127.0.0.1:9/printers/KioskPDF".to_owned(), "offline"),
    ] {
        assert!(cli(k, &["printer", "--set", &spec]).await.status.success());
        let out = cli(k, &["receipt", "--tracking", &number, "--print"]).await;
        assert!(!out.status.success(), "{spec}");
        let said: serde_json::Value = serde_json::from_slice(&out.stdout).expect("outcome");
        assert_eq!(said["state"], state, "{spec}");
        assert!(
            said["detail"].is_string(),
            "the printer's words for staff: {said}"
        );
    }
    assert!(
        !Path::new("/dev/usb/lp-unplugged").exists(),
        "an unplugged printer is not created as a file"
    );

    // Cek Status: in the kiosk's own queue first.
    let local = json(&cli(k, &["check-status", &number, "--json"]).await);
    assert_eq!(local["source"], "local");
    assert_eq!(local["status"], "belum_terkirim");
    assert_eq!(local["steps"][0]["status"], "belum_terkirim");

    office.up().await;
    assert!(cli(k, &["sync", "--once"]).await.status.success());
    let hub = json(&cli(k, &["check-status", &number, "--json"]).await);
    assert_eq!(hub["source"], "hub");
    assert_eq!(hub["status"], "diterima");
    // The receipt's QR opens the page on a phone; the bare number (or a guessed key) shows
    // what an unknown number shows.
    let page = |url: String| async move {
        let r = reqwest::get(url).await.expect("page");
        (r.status().as_u16(), r.text().await.expect("html"))
    };
    let (status, html) = page(status_url.clone()).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&number) && html.contains("Diterima"),
        "{html}"
    );
    let (bare, bare_html) = page(format!("{}/t/{number}", office.url())).await;
    let (guessed, _) = page(format!("{}/t/{number}?k=aaaaaaaaaa", office.url())).await;
    let unknown = anjungan_apply::TrackingNumber::new(2026, 1, 99_999)
        .expect("n")
        .to_string();
    let (none, none_html) = page(format!("{}/t/{unknown}", office.url())).await;
    assert_eq!((bare, guessed, none), (404, 404, 404));
    assert_eq!(bare_html, none_html, "nothing tells them apart");
    assert!(!bare_html.contains(&number));
    assert!(
        hub["due_date"].is_null(),
        "no due date before the file is complete"
    );

    let today = anjungan_permit::office_date(time::OffsetDateTime::now_utc());
    for (status, step) in [
        ("verifikasi_berkas", None),
        ("diproses", Some("Pemeriksaan teknis")),
    ] {
        anjungan_hub::applications::set_status(
            &office.pool,
            &number,
            &anjungan_hub::applications::Change {
                status: status.into(),
                note: None,
                missing: Vec::new(),
                step: step.map(Into::into),
                by: "petugas".into(),
                address: None,
            },
            &today,
        )
        .await
        .expect("status");
    }
    let hub = json(&cli(k, &["check-status", &number, "--json"]).await);
    let cal = anjungan_calendar::OfficeCalendar::national();
    let day = anjungan_calendar::parse_date(&today).expect("today");
    let sla = hub["sla_working_days"].as_u64().expect("sla") as u32;
    assert_eq!(hub["received_complete_at"], today);
    assert_eq!(
        hub["due_date"],
        anjungan_calendar::format_date(cal.due_date(day, sla))
    );
    assert_eq!(hub["working_days_left"], i64::from(sla));
    assert_eq!(hub["late"], false);
    assert_eq!(hub["steps"].as_array().map(Vec::len), Some(3));

    // The hub away: the last answer, with when it was the hub's.
    office.down().await;
    let cached = json(&cli(k, &["check-status", &number, "--json"]).await);
    assert_eq!(cached["source"], "cached");
    assert_eq!(cached["due_date"], hub["due_date"]);
    assert_eq!(cached["as_of"], hub["as_of"]);

    // Another office's receipt, and 3 KB of garbage, are refused without asking anyone.
    for bad in [
        format!("https://dpmptsp.example.go.id/t/{number}"),
        "x".repeat(3000),
    ] {
        let out = cli(k, &["check-status", &bad, "--json"]).await;
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("invalid input"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
