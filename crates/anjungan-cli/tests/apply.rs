//! Ajukan Izin from the command line, kiosk to hub: an application saved while the hub is
//! down, refused drafts with every problem named, documents arriving intact, the office's
//! status change seen at the kiosk, and no NIK left on the kiosk's disk afterwards.

mod support;

use support::{application, cli, json, s, Office, CLI, NIK};

fn tiny_pdf(tag: &str) -> Vec<u8> {
    anjungan_capture::fixtures::pdf(1, tag, &[])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_saved_offline_reaches_the_hub_intact_and_leaves_no_nik_behind() {
    let mut office = Office::open().await;
    let kiosk = office.enrolled_kiosk().await;
    let files = tempfile::tempdir().expect("files");

    let catalogue = json(&cli(kiosk.path(), &["catalogue", "--json"]).await);
    assert_eq!(catalogue["version"], 1);
    let service = catalogue["services"]
        .as_array()
        .expect("services")
        .iter()
        .find(|s| s["code"] == "skp-penelitian")
        .expect("service")
        .clone();
    assert_eq!(service["requirements"][0]["code"], "ktp");
    assert_eq!(service["fields"][2]["kind"], "date");

    office.down().await;

    let app = files.path().join("app.json");
    std::fs::write(&app, application(NIK, "").to_string()).expect("write");
    let docs = [
        "ktp",
        "pengantar-permohonan-lembaga",
        "proposal-penelitian",
        "pernyataan-menaati-peraturan",
    ];
    let mut args: Vec<String> = vec!["apply".into(), "--json".into(), s(&app).into()];
    let mut shas = Vec::new();
    for (i, code) in docs.iter().enumerate() {
        let bytes = tiny_pdf(code);
        shas.push(anjungan_core::outbox::sha256_hex(&bytes));
        let f = files.path().join(format!("{code}.pdf"));
        std::fs::write(&f, bytes).expect("doc");
        if i != 2 {
            args.extend(["--document".into(), format!("{code}={}", s(&f))]);
        }
    }
    // One requirement missing: refused, exit 2, the requirement named; nothing saved.
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = cli(kiosk.path(), &argv).await;
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("documents.proposal-penelitian:"), "{text}");
    assert_eq!(
        json(&cli(kiosk.path(), &["queue", "--json"]).await)["pending"],
        0
    );

    // Bad input: every problem, one per line, each naming its field.
    let bad = files.path().join("bad.json");
    std::fs::write(
        &bad,
        application("187201540890000", "siti.example.com").to_string(),
    )
    .expect("write");
    let mut bad_args = argv.clone();
    bad_args[2] = s(&bad);
    let out = cli(kiosk.path(), &bad_args).await;
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    for field in [
        "applicant.nik:",
        "applicant.email:",
        "documents.proposal-penelitian:",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(field)),
            "{field} in {text}"
        );
    }
    let zip = files.path().join("zip.pdf");
    std::fs::write(&zip, b"PK\x03\x04 not a pdf").expect("zip");
    let zip_arg = format!("proposal-penelitian={}", s(&zip));
    let mut zip_args = argv.clone();
    zip_args.extend(["--document", &zip_arg]);
    let out = cli(kiosk.path(), &zip_args).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("documents.proposal-penelitian: not a PDF, JPEG or PNG"));

    // Complete: saved while the hub is down.
    let doc_arg = format!(
        "proposal-penelitian={}",
        s(&files.path().join("proposal-penelitian.pdf"))
    );
    let mut good = argv.clone();
    good.extend(["--document", &doc_arg]);
    let saved = json(&cli(kiosk.path(), &good).await);
    let number = saved["tracking_number"]
        .as_str()
        .expect("number")
        .to_owned();
    assert!(
        number.starts_with("26-001-00001-") || number.starts_with("27-001-00001-"),
        "{number}"
    );
    assert_eq!(
        std::fs::read_dir(kiosk.path().join("inbox"))
            .expect("inbox")
            .count(),
        0,
        "no document left in the inbox"
    );
    let q = json(&cli(kiosk.path(), &["queue", "--json"]).await);
    assert_eq!(q["pending"], 1);

    // A second one gets the next number.
    let again = json(&cli(kiosk.path(), &good).await);
    assert_ne!(again["tracking_number"], saved["tracking_number"]);

    office.up().await;
    let out = json(
        &cli(
            kiosk.path(),
            &["sync", "--until-empty", "--timeout-s", "60"],
        )
        .await,
    );
    assert_eq!(out["delivered"], 2);

    let shown = anjungan_hub::applications::show(&office.pool, &number)
        .await
        .expect("show");
    assert_eq!(shown.status.status.code(), "diterima");
    assert_eq!(shown.applicant.as_ref().expect("applicant")["nik"], NIK);
    let mut got: Vec<(String, String)> = shown
        .documents
        .iter()
        .map(|d| (d.requirement_code.clone(), d.sha256.clone()))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = docs
        .iter()
        .map(|c| c.to_string())
        .zip(shas.iter().cloned())
        .collect();
    want.sort();
    assert_eq!(got, want, "every document arrived, sha256 equal");
    for d in &shown.documents {
        let bytes = anjungan_hub::blobs::read(&office.pool, office.dir.path(), &d.sha256)
            .await
            .expect("blob");
        assert_eq!(anjungan_core::outbox::sha256_hex(&bytes), d.sha256);
    }

    anjungan_hub::applications::set_status(
        &office.pool,
        &number,
        &anjungan_hub::applications::Change {
            status: "perlu_perbaikan".into(),
            note: Some("Proposal belum ditandatangani pembimbing".into()),
            missing: vec!["proposal-penelitian".into()],
            by: "petugas-1".into(),
            ..Default::default()
        },
        "2026-12-01",
    )
    .await
    .expect("set status");
    let status = json(&cli(kiosk.path(), &["check-status", &number, "--json"]).await);
    assert_eq!(status["status"], "perlu_perbaikan");
    assert!(
        status["missing"][0]
            .as_str()
            .expect("named")
            .starts_with("Proposal penelitian"),
        "{status}"
    );
    assert_eq!(status["history"].as_array().expect("history").len(), 2);
    assert!(!status.to_string().contains(NIK));

    // The NIK is gone from every byte of the kiosk's database files.
    for name in ["kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm"] {
        let path = kiosk.path().join(name);
        if let Ok(bytes) = std::fs::read(&path) {
            assert!(
                !bytes.windows(NIK.len()).any(|w| w == NIK.as_bytes()),
                "the NIK is still in {name}"
            );
        }
    }
    office.down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_pass_over_the_scanner_folder_takes_documents_and_refuses_the_rest() {
    let kiosk = tempfile::tempdir().expect("kiosk");
    let scan = tempfile::tempdir().expect("scan");
    std::fs::write(scan.path().join("KTP.pdf"), tiny_pdf("ktp")).expect("pdf");
    std::fs::write(scan.path().join("arsip.pdf"), b"PK\x03\x04 zip").expect("zip");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend_from_slice(&60_000u32.to_be_bytes());
    png.extend_from_slice(&60_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(scan.path().join("bom.png"), png).expect("png");
    std::os::unix::fs::symlink("/etc/passwd", scan.path().join("passwd.pdf")).expect("link");
    let report = json(
        &cli(
            kiosk.path(),
            &["inbox", "--dir", s(scan.path()), "--once", "--json"],
        )
        .await,
    );
    assert_eq!(report["accepted"][0]["file"], "KTP.pdf");
    assert_eq!(report["accepted"][0]["kind"], "pdf");
    assert_eq!(report["accepted"][0]["pages"], 1);
    assert_eq!(
        report["accepted"][0]["sha256"].as_str().map(str::len),
        Some(64)
    );
    let mut refused: Vec<(String, String)> = report["refused"]
        .as_array()
        .expect("refused")
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap_or_default().to_owned(),
                r["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    refused.sort();
    assert_eq!(
        refused,
        [
            ("arsip.pdf".to_owned(), "not_a_document".to_owned()),
            ("bom.png".to_owned(), "too_many_pixels".to_owned()),
            ("passwd.pdf".to_owned(), "symlink".to_owned()),
        ]
    );
    let _ = CLI;
}
