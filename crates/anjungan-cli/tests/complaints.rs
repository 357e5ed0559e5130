//! Pengaduan from the command line, kiosk to hub: a complaint sealed on the kiosk (nothing
//! of it readable on the kiosk's disk), hostile text shown harmlessly by every hub output, an
//! anonymous complaint's identity in no list or export, and the answer only for number + PIN.

mod support;

use std::path::Path;
use support::{cli, json, s, Office};

const NAME: &str = "Rahasia Sekali";
const NIK: &str = "1872015408900002";
const PHONE: &str = "081298765432";
const EMAIL: &str = "pelapor@example.id";

fn complaint(privacy: &str, title: &str, chronology: &str, unit: &str) -> serde_json::Value {
    serde_json::json!({
        "category": "h", "title": title, "chronology": chronology,
        "event_date": "2026-11-27", "place": "Loket 3 MPP", "unit": unit,
        "related_tracking_number": null, "privacy": privacy,
        "identity": {"name": NAME, "nik": NIK, "phone": PHONE, "email": EMAIL},
        "consent": true
    })
}

/// The real `anjungan-hub` binary beside the CLI's (the README's test command builds every
/// binary before the tests run).
fn hub(office: &Office, args: &[&str]) -> std::process::Output {
    std::process::Command::new(
        env!("CARGO_BIN_EXE_anjungan-cli").replace("anjungan-cli", "anjungan-hub"),
    )
    .args(args)
    .arg("--data")
    .arg(office.dir.path())
    .output()
    .expect("hub binary beside the CLI")
}

fn text(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn disk(kiosk: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm"] {
        if let Ok(b) = std::fs::read(kiosk.join(name)) {
            all.extend(b);
        }
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sealed_complaint_reaches_the_office_and_its_answer_needs_the_pin() {
    let mut office = Office::open().await;
    let kiosk = office.enrolled_kiosk().await;
    let k = kiosk.path();
    let files = tempfile::tempdir().expect("files");
    office.down().await;

    // A 100 KB line in every field: refused at the kiosk, every field named, nothing saved.
    let long = "x".repeat(100 * 1024);
    let mut huge = complaint("named", &long, &long, &long);
    huge["place"] = serde_json::json!(long);
    huge["identity"]["name"] = serde_json::json!(long);
    let f = files.path().join("huge.json");
    std::fs::write(&f, huge.to_string()).expect("write");
    let out = cli(k, &["complaint", "--json", s(&f)]).await;
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stdout);
    for field in ["title:", "chronology:", "place:", "unit:", "identity.name:"] {
        assert!(
            said.lines().any(|l| l.starts_with(field)),
            "{field} in {said}"
        );
    }

    // Hostile text, anonymous, two attachments: saved sealed while the hub is down.
    let chronology =
        "Pungutan liar di loket: <img src=x onerror=alert(1)> lalu =HYPERLINK(\"http://evil\")";
    let c = complaint(
        "anonim",
        "<script>alert(1)</script> diminta uang",
        chronology,
        "@SUM(1) loket",
    );
    let f = files.path().join("c.json");
    std::fs::write(&f, c.to_string()).expect("write");
    let pdf = files.path().join("bukti.pdf");
    std::fs::write(&pdf, anjungan_capture::fixtures::pdf(1, "kuitansi", &[])).expect("pdf");
    let png = files.path().join("surat.pdf");
    std::fs::write(&png, anjungan_capture::fixtures::pdf(2, "surat", &[])).expect("pdf");
    let saved = json(
        &cli(
            k,
            &[
                "complaint",
                "--json",
                s(&f),
                "--attach",
                s(&pdf),
                "--attach",
                s(&png),
            ],
        )
        .await,
    );
    let number = saved["tracking_number"]
        .as_str()
        .expect("number")
        .to_owned();
    let pin = saved["pin"].as_str().expect("pin").to_owned();
    assert_eq!(pin.len(), 10);
    let bytes = disk(k);
    for secret in ["Pungutan", NAME, NIK, PHONE, EMAIL, "kuitansi", &pin] {
        assert!(
            !contains(&bytes, secret),
            "{secret:?} is readable on the kiosk's disk"
        );
    }
    assert_eq!(
        json(&cli(k, &["queue", "--json"]).await)["pending"],
        1,
        "a complaint is queued, nothing more"
    );

    office.up().await;
    assert!(cli(k, &["sync", "--once"]).await.status.success());
    let list = text(&hub(&office, &["complaints", "list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&list).expect("list json");
    assert_eq!(rows[0]["tracking_number"], number.as_str());
    assert_eq!(rows[0]["attachments"], 2);
    assert_eq!(rows[0]["privacy"], "anonim");
    let shown = text(&hub(
        &office,
        &["complaints", "show", "--number", &number, "--json"],
    ));
    let shown: serde_json::Value = serde_json::from_str(&shown).expect("show json");
    assert_eq!(
        shown["chronology"], chronology,
        "the text arrives whole, as text"
    );
    assert!(
        shown["identity"].is_null(),
        "an anonymous complaint's identity is not opened"
    );
    let out = files.path().join("lampiran.pdf");
    text(&hub(
        &office,
        &[
            "complaints",
            "attachment",
            "--number",
            &number,
            "--index",
            "1",
            "--out",
            s(&out),
        ],
    ));
    assert_eq!(
        std::fs::read(&out).expect("attachment"),
        std::fs::read(&png).expect("original"),
        "the officer gets the attachment byte for byte"
    );
    let csv = text(&hub(&office, &["complaints", "export", "--format", "csv"]));
    assert!(
        csv.contains("\"'@SUM(1) loket\""),
        "a formula is neutralised: {csv}"
    );
    let export_json = text(&hub(&office, &["complaints", "export", "--format", "json"]));
    for out in [&list, &csv, &export_json] {
        for secret in [NAME, NIK, PHONE, EMAIL] {
            assert!(
                !out.contains(secret),
                "{secret:?} in a hub output of an anonymous complaint"
            );
        }
    }

    // A named one: the officer sees who, and the export carries it for SP4N-LAPOR!.
    let f2 = files.path().join("named.json");
    std::fs::write(
        &f2,
        complaint(
            "named",
            "Antrean diserobot",
            "Petugas mendahulukan kenalannya di loket.",
            "",
        )
        .to_string(),
    )
    .expect("write");
    let named = json(&cli(k, &["complaint", "--json", s(&f2)]).await);
    assert!(cli(k, &["sync", "--once"]).await.status.success());
    let named_no = named["tracking_number"].as_str().expect("number");
    let shown = text(&hub(
        &office,
        &["complaints", "show", "--number", named_no, "--json"],
    ));
    assert!(shown.contains(NAME));
    assert!(text(&hub(&office, &["complaints", "export", "--format", "csv"])).contains(NAME));

    // A third complaint in ten minutes is taken; a fourth waits, and says why.
    assert!(cli(k, &["complaint", "--json", s(&f2)])
        .await
        .status
        .success());
    let flood = cli(k, &["complaint", "--json", s(&f2)]).await;
    assert!(!flood.status.success());
    assert!(String::from_utf8_lossy(&flood.stderr).contains("too many complaints"));

    // The office answers; the answer needs the number and the PIN.
    let refused = hub(
        &office,
        &[
            "complaints",
            "respond",
            "--number",
            &number,
            "--status",
            "diteruskan",
        ],
    );
    assert!(!refused.status.success(), "diteruskan names the unit");
    text(&hub(
        &office,
        &[
            "complaints",
            "respond",
            "--number",
            &number,
            "--status",
            "ditanggapi",
            "--response",
            "Petugas sudah ditegur.",
        ],
    ));
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    assert!(!cli(
        k,
        &[
            "complaint-status",
            "--number",
            &number,
            "--pin",
            wrong,
            "--json"
        ]
    )
    .await
    .status
    .success());
    let answer = json(
        &cli(
            k,
            &[
                "complaint-status",
                "--number",
                &number,
                "--pin",
                &pin,
                "--json",
            ],
        )
        .await,
    );
    assert_eq!(answer["status"], "ditanggapi");
    assert_eq!(answer["response"], "Petugas sudah ditegur.");
    assert!(!answer.to_string().contains(NAME));

    // Five wrong PINs in a row lock the number for a while: even the right one is refused.
    for _ in 0..5 {
        assert!(!cli(
            k,
            &[
                "complaint-status",
                "--number",
                &number,
                "--pin",
                wrong,
                "--json"
            ]
        )
        .await
        .status
        .success());
    }
    assert!(!cli(
        k,
        &[
            "complaint-status",
            "--number",
            &number,
            "--pin",
            &pin,
            "--json"
        ]
    )
    .await
    .status
    .success());

    // A new office key: earlier complaints still open.
    text(&hub(&office, &["complaints", "keygen"]));
    assert!(text(&hub(
        &office,
        &["complaints", "show", "--number", named_no, "--json"]
    ))
    .contains(NAME));
}
