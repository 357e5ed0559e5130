//! `anjungan-cli` against a real hub on loopback.

mod support;

use support::{cli, enrol, json, Hub, CLI};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_enrol_status_and_a_status_lookup_work_end_to_end() {
    let hub = Hub::start().await;
    let kiosk = tempfile::tempdir().expect("kiosk dir");

    let out = cli(kiosk.path(), &["init"]).await;
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("staff PIN: "), "a PIN is generated: {text}");

    let status = json(&cli(kiosk.path(), &["status", "--json"]).await);
    assert_eq!(status["enrolled"], false);
    assert_eq!(status["staff_pin_set"], true);
    assert_eq!(status["integrity"], "ok");

    let t = hub.code("lobby-1").await;
    let wrong = t.replacen("ajk_", "ajk_0", 1);
    let out = enrol(kiosk.path(), &hub.url(), &wrong).await;
    assert!(
        !out.status.success(),
        "a wrong token is refused before anything is stored"
    );
    // The code is a secret: never taken as an argument, where `ps` and the shell history
    // would keep it.
    let out = cli(kiosk.path(), &["enrol", "--hub", &hub.url(), "--token", &t]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--token-file"));
    assert_eq!(
        json(&cli(kiosk.path(), &["status", "--json"]).await)["enrolled"],
        false
    );

    // A file holding the whole output of `anjungan-hub enrol`: its last line is the code.
    let file = kiosk.path().join("code.txt");
    std::fs::write(&file, format!("kiosk lobby-1: enrolment code\n{t}\n")).expect("code file");
    let out = cli(
        kiosk.path(),
        &[
            "enrol",
            "--hub",
            &hub.url(),
            "--token-file",
            file.to_str().expect("utf-8"),
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let status = json(&cli(kiosk.path(), &["status", "--json"]).await);
    assert_eq!(status["enrolled"], true);
    assert_eq!(status["enrolment"]["kiosk_name"], "lobby-1");
    assert_eq!(status["enrolment"]["hub_url"], hub.url().as_str());
    assert!(
        !status.to_string().contains(&t),
        "the token is never printed"
    );

    let found = json(&cli(kiosk.path(), &["check-status", "26000001057", "--json"]).await);
    assert_eq!(found["status"], "selesai");
    assert_eq!(found["tracking_number"], "26-000-00105-7");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueued_items_are_delivered_once_and_counted() {
    let hub = Hub::start().await;
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let t = hub.code("lobby-2").await;
    assert!(enrol(kiosk.path(), &hub.url(), &t).await.status.success());

    let out = cli(kiosk.path(), &["enqueue-demo", "--count", "12"]).await;
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(ids.len(), 12);

    let queue = json(&cli(kiosk.path(), &["queue", "--json"]).await);
    assert_eq!(queue["pending"], 12);
    assert_eq!(queue["delivered"], 0);
    assert_eq!(
        queue["by_kind"].as_object().expect("kinds").len(),
        5,
        "every kind"
    );
    assert!(queue["oldest_pending_age_s"].is_u64());

    let out = json(
        &cli(
            kiosk.path(),
            &["sync", "--until-empty", "--timeout-s", "30"],
        )
        .await,
    );
    assert_eq!(out["delivered"], 12);
    let queue = json(&cli(kiosk.path(), &["queue", "--json"]).await);
    assert_eq!(
        (queue["pending"].as_u64(), queue["delivered"].as_u64()),
        (Some(0), Some(12))
    );
    assert!(queue["oldest_pending_age_s"].is_null());

    let mut stored = anjungan_hub::items::ids(&hub.pool).await.expect("ids");
    let mut sent = ids.clone();
    stored.sort();
    sent.sort();
    assert_eq!(stored, sent);
    let stats = anjungan_hub::items::stats(&hub.pool).await.expect("stats");
    // One document: the first synthetic application's (only applications carry one).
    assert_eq!(
        (stats.items, stats.duplicate_submissions, stats.blobs),
        (12, 0, 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_without_a_hub_keeps_everything_and_says_why() {
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    // Enrol against a hub that then disappears.
    let hub = Hub::start().await;
    let t = hub.code("lobby-3").await;
    assert!(enrol(kiosk.path(), &hub.url(), &t).await.status.success());
    hub.running.stop().await;

    assert!(cli(kiosk.path(), &["enqueue-demo", "--count", "5"])
        .await
        .status
        .success());
    let out = cli(kiosk.path(), &["sync", "--once"]).await;
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("delivery failed"));
    let queue = json(&cli(kiosk.path(), &["queue", "--json"]).await);
    assert_eq!(queue["pending"], 5, "nothing is dropped while offline");
    assert_eq!(queue["outages"], 1, "the outage is logged");

    let out = cli(kiosk.path(), &["sync", "--until-empty", "--timeout-s", "1"]).await;
    assert!(
        !out.status.success(),
        "gives up after the timeout, with exit status 1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_init_keeps_the_pin_and_bad_pins_are_refused() {
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let pin_file = kiosk.path().join("pin.txt");
    std::fs::write(&pin_file, "123456\n").expect("pin file");
    let pin_arg = pin_file.to_str().expect("utf-8");
    assert!(cli(kiosk.path(), &["init", "--pin-file", pin_arg])
        .await
        .status
        .success());
    let out = cli(kiosk.path(), &["init"]).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged"));
    std::fs::write(&pin_file, "12ab\n").expect("pin file");
    let out = cli(kiosk.path(), &["init", "--pin-file", pin_arg]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("6 to 12 digits"));
    // Never as an argument, where `ps` and the shell's history would keep it.
    let out = cli(kiosk.path(), &["init", "--pin", "654321"]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--pin-file"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_without_a_hub_is_calm_and_data_is_required() {
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let out = cli(kiosk.path(), &["check-status", "26-000-00105-7"]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not enrolled"));
    let out = std::process::Command::new(CLI)
        .args(["status"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_paper_surveys_import_all_or_nothing_and_give_the_ikm() {
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let bad = kiosk.path().join("bad.csv");
    std::fs::write(
        &bad,
        "u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,date\n4,4,4,4,4,4,4,4,4,4,2026-10-01\n4,4,9,4,4,4,4,4,4,4,2026-10-01\n4,4,4,4,4,4,4,4,4,4,2026-13-01\n",
    )
    .expect("write");
    let out = cli(
        kiosk.path(),
        &["skm", "import-csv", bad.to_str().expect("utf8")],
    )
    .await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("line 4"), "{err}");
    assert_eq!(
        json(&cli(kiosk.path(), &["skm", "ikm", "--json"]).await)["respondents"],
        0,
        "nothing imported"
    );

    let good = kiosk.path().join("good.csv");
    std::fs::write(
        &good,
        "u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,service,sex,date\n4,3,3,4,3,4,4,2,3,4,sip-dokter,P,2026-10-01\n3,3,2,4,3,3,4,2,2,,,L,2026-11-02\n",
    )
    .expect("write");
    let out = cli(
        kiosk.path(),
        &["skm", "import-csv", good.to_str().expect("utf8")],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ikm = json(&cli(kiosk.path(), &["skm", "ikm", "--json"]).await);
    assert_eq!(ikm["respondents"], 2);
    // Hand-worked in anjungan-skm's ikm tests: 78.47, grade B.
    assert_eq!(ikm["ikm"], 78.47);
    assert_eq!(ikm["grade"], "B");
    assert_eq!(ikm["elements"][0]["code"], "U1");
    assert_eq!(ikm["elements"][0]["nrr"], 3.5);
    assert_eq!(ikm["elements"].as_array().expect("elements").len(), 9);
    let october = json(
        &cli(
            kiosk.path(),
            &[
                "skm",
                "ikm",
                "--json",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
            ],
        )
        .await,
    );
    assert_eq!(october["respondents"], 1);
    // Paper surveys count here only: the office takes them at the hub
    // (`anjungan-hub skm import-csv`), never from a kiosk's queue.
    let queue = json(&cli(kiosk.path(), &["queue", "--json"]).await);
    assert!(
        queue["by_kind"]["survey_response"].is_null()
            || queue["by_kind"]["survey_response"]["pending"] == 0,
        "{queue}"
    );
}

/// The QR photo corpus: `ANJUNGAN_QR_CORPUS`, or the copy the QR crate's tests keep.
fn qr_corpus() -> std::path::PathBuf {
    let dir = std::env::var_os("ANJUNGAN_QR_CORPUS").map_or_else(
        || {
            // Where the package is now, as cargo says when it runs the test: a binary reused
            // from a clone at another path would carry that path from its build.
            let here = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
                || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                std::path::PathBuf::from,
            );
            here.join("../anjungan-qr/tests/corpus/qr-photos")
        },
        std::path::PathBuf::from,
    );
    dir.join("qrcode-1")
}

#[test]
fn qr_decode_and_bench_speak_plain_text_and_json() {
    let dir = qr_corpus();
    let out = std::process::Command::new(CLI)
        .args(["qr", "decode"])
        .arg(dir.join("1.png"))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = std::fs::read_to_string(dir.join("1.txt")).expect("txt");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected.trim());

    // What `qr encode` writes, `qr decode` reads back.
    let scratch = tempfile::tempdir().expect("scratch");
    let png = scratch.path().join("code.png");
    let text = "https://sicantik.go.id/verifikasi/B2?x=1&y=ü";
    let made = std::process::Command::new(CLI)
        .args(["qr", "encode", text, "--out"])
        .arg(&png)
        .output()
        .expect("run");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let read = std::process::Command::new(CLI)
        .args(["qr", "decode"])
        .arg(&png)
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&read.stdout).trim(), text);

    let out = std::process::Command::new(CLI)
        .args(["qr", "bench", "--json", "--corpus"])
        .arg(&dir)
        .output()
        .expect("run");
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["total"], 20);
    assert!(r["decoded"].as_u64().expect("decoded") >= 18);
    for key in ["wrong", "median_ms", "p95_ms"] {
        assert!(r[key].is_number(), "{key}");
    }

    let blank = tempfile::tempdir().expect("dir");
    let none = std::process::Command::new(CLI)
        .args(["qr", "decode"])
        .arg(blank.path().join("missing.png"))
        .output()
        .expect("run");
    assert!(!none.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_printed_permit_is_verified_offline_after_the_lists_are_synced() {
    let hub = Hub::start().await;
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let t = hub.code("verify-kiosk").await;
    let out_dir = hub.dir.path().join("permits");
    let issued = anjungan_hub::permits::issue(
        &hub.pool,
        &anjungan_hub::permits::PermitInput {
            number: "503/0042/SIP/2026".into(),
            kind: "Surat Izin Praktik Bidan".into(),
            holder_name: "Bd. Ayu Lestari".into(),
            nib: None,
            nik: None,
            issued: "2026-11-02".into(),
            valid_until: Some("2031-11-02".into()),
        },
        &out_dir,
        &hub.url(),
        &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(3),
    )
    .await
    .expect("issue");
    let png = issued.qr_png.to_str().expect("utf8").to_owned();

    let before = json(&cli(kiosk.path(), &["verify", "--image", &png, "--json"]).await);
    assert_eq!(
        before["verdict"], "BELUM_BISA_OFFLINE",
        "never enrolled, no lists: no guessing"
    );
    // Enrolment fetches the lists, checked against the code's root fingerprint.
    assert!(enrol(kiosk.path(), &hub.url(), &t).await.status.success());

    assert!(cli(kiosk.path(), &["sync", "--once"])
        .await
        .status
        .success());
    // The printed page, rendered as a scanner or camera would see it.
    let page = kiosk.path().join("page");
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-singlefile"])
        .arg(&issued.pdf)
        .arg(&page)
        .status()
        .expect("pdftoppm");
    assert!(rendered.success());
    let page_png = page.with_extension("png");
    let ok = json(
        &cli(
            kiosk.path(),
            &[
                "verify",
                "--image",
                page_png.to_str().expect("utf8"),
                "--json",
            ],
        )
        .await,
    );
    assert_eq!(ok["verdict"], "ASLI");
    assert_eq!(ok["permit_number"], "503/0042/SIP/2026");
    assert!(ok["lists_age_s"].is_i64());

    anjungan_hub::permits::revoke(
        &hub.pool,
        "503/0042/SIP/2026",
        "Pemegang izin pindah domisili",
    )
    .await
    .expect("revoke");
    assert!(cli(kiosk.path(), &["sync", "--once"])
        .await
        .status
        .success());
    let frames = kiosk.path().join("frames");
    std::fs::create_dir_all(&frames).expect("frames");
    std::fs::copy(&page_png, frames.join("0002.png")).expect("frame");
    std::fs::write(frames.join("0001.png"), b"not an image").expect("frame");
    let revoked = json(
        &cli(
            kiosk.path(),
            &[
                "verify",
                "--frames",
                frames.to_str().expect("utf8"),
                "--json",
            ],
        )
        .await,
    );
    assert_eq!(revoked["verdict"], "DICABUT");
    assert!(revoked["revocation_reason"]
        .as_str()
        .expect("reason")
        .contains("domisili"));

    // Every check is counted for the office, without names.
    let queue = json(&cli(kiosk.path(), &["queue", "--json"]).await);
    assert!(
        queue["by_kind"]["verification"]["pending"]
            .as_u64()
            .expect("count")
            + queue["by_kind"]["verification"]["delivered"]
                .as_u64()
                .unwrap_or(0)
            >= 3
    );
}

/// A QR image holding `text`, as a plain-URL permit of an older system would carry.
fn qr_image(dir: &std::path::Path, name: &str, text: &str) -> String {
    let code = qrcode::QrCode::new(text.as_bytes()).expect("qr");
    let path = dir.join(name);
    code.render::<image::Luma<u8>>()
        .quiet_zone(true)
        .module_dimensions(6, 6)
        .build()
        .save(&path)
        .expect("write qr");
    path.to_str().expect("utf8").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_url_qr_is_looked_up_through_the_hub_and_says_so_offline() {
    let hub = Hub::start().await;
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let t = hub.code("lookup-kiosk").await;
    assert!(enrol(kiosk.path(), &hub.url(), &t).await.status.success());
    // Issuing records the hub's address as one of this office's permit addresses.
    anjungan_hub::permits::issue(
        &hub.pool,
        &anjungan_hub::permits::PermitInput {
            number: "503/0077/IMB/2019".into(),
            kind: "Izin Mendirikan Bangunan".into(),
            holder_name: "CV Sinar Metro".into(),
            nib: Some("9120001234567".into()),
            nik: None,
            issued: "2019-03-01".into(),
            valid_until: None,
        },
        &hub.dir.path().join("permits"),
        &hub.url(),
        &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(4),
    )
    .await
    .expect("issue");
    let images = tempfile::tempdir().expect("images");
    // An older print: the register's page, without the signed token.
    let ours = qr_image(
        images.path(),
        "ours.png",
        &format!("{}/p/503%2F0077%2FIMB%2F2019", hub.url()),
    );
    let theirs = qr_image(
        images.path(),
        "theirs.png",
        "https://perizinan.kabupaten-lain.go.id/cek?no=12",
    );

    let online = json(&cli(kiosk.path(), &["verify", "--image", &ours, "--json"]).await);
    assert_eq!(online["verdict"], "ASLI", "{online}");
    assert_eq!(online["source"], "online");
    assert_eq!(online["permit_number"], "503/0077/IMB/2019");
    assert_eq!(online["valid_until"], serde_json::Value::Null);
    let other = json(&cli(kiosk.path(), &["verify", "--image", &theirs, "--json"]).await);
    assert_eq!(other["verdict"], "TIDAK_DIKENAL");
    assert_eq!(other["other_office"], true);

    // Genuine Metro permits whose QR points to SiCantik: the office's imported register
    // knows one of them; the other only SiCantik can vouch for, and the kiosk says so.
    anjungan_hub::register::import(
        &hub.pool,
        "number,type,holder,issued,valid_until,status,verification_url
         503/0100/SIUP/2021,SIUP,Toko Maju Jaya,2021-05-03,,berlaku,https://sicantik.go.id/verifikasi/A1
",
    )
    .await
    .expect("register");
    let registered = qr_image(
        images.path(),
        "reg.png",
        "https://sicantik.go.id/verifikasi/A1",
    );
    let national = qr_image(
        images.path(),
        "nat.png",
        "https://sicantik.go.id/verifikasi/B2",
    );
    let found = json(&cli(kiosk.path(), &["verify", "--image", &registered, "--json"]).await);
    assert_eq!(found["verdict"], "ASLI", "{found}");
    assert_eq!(found["holder"], "Toko Maju Jaya");
    let there = json(&cli(kiosk.path(), &["verify", "--image", &national, "--json"]).await);
    assert_eq!(there["verdict"], "PERIKSA_DI_PENERBIT", "{there}");
    assert_eq!(there["points_to"]["host"], "sicantik.go.id");
    assert_eq!(there["other_office"], false);

    hub.running.stop().await;
    let offline = json(&cli(kiosk.path(), &["verify", "--image", &ours, "--json"]).await);
    assert_eq!(offline["verdict"], "PERLU_ONLINE", "offline it says so");
    assert_eq!(offline["source"], "offline");
    // The national services come with the signed lists: offline it still says where.
    let there = json(&cli(kiosk.path(), &["verify", "--image", &national, "--json"]).await);
    assert_eq!(there["verdict"], "PERIKSA_DI_PENERBIT", "{there}");
    assert_eq!(there["source"], "lists");

    // A "photo" that is a ZIP is refused with a message, and nothing is counted for it.
    let zip = images.path().join("photo.jpg");
    std::fs::write(&zip, b"PK\x03\x04 not a photo").expect("write");
    let refused = cli(
        kiosk.path(),
        &["verify", "--image", zip.to_str().expect("utf8"), "--json"],
    )
    .await;
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("PNG or JPEG"));
}
