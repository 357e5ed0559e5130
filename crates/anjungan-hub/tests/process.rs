//! The real `anjungan-hub` binary on loopback: start, enrol, authenticate, stop gracefully.

use anjungan_wire::enrolment::EnrolmentCode;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_anjungan-hub");

struct Served {
    child: Child,
    url: String,
}

fn serve(data: &std::path::Path) -> Served {
    serve_with(data, &[])
}

fn serve_with(data: &std::path::Path, extra: &[&str]) -> Served {
    let mut child = Command::new(BIN)
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn hub");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let url = line.trim().rsplit(' ').next().expect("address").to_owned();
    assert!(url.contains("://127.0.0.1:"), "{line}");
    Served { child, url }
}

fn enrol(data: &std::path::Path, name: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["enrol", "--kiosk", name, "--data"])
        .arg(data)
        .output()
        .expect("run enrol")
}

/// The enrolment code on the last line of `enrol` or `kiosk rotate`.
fn code_of(out: &std::process::Output) -> EnrolmentCode {
    let text = String::from_utf8_lossy(&out.stdout);
    EnrolmentCode::parse(text.lines().last().expect("a last line")).expect("an enrolment code")
}

fn signal(child: &Child, sig: &str) {
    let status = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

fn wait(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        assert!(start.elapsed() < limit, "hub did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn the_binary_serves_enrols_authenticates_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut hub = serve(dir.path());
    let http = reqwest::Client::new();

    let health = http
        .get(format!("{}/v1/health", hub.url))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-server-time"));

    let out = enrol(dir.path(), "lobby-1");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = code_of(&out);
    assert_eq!(code.tls_pin, None, "this hub serves plain http");
    let token = code.token;
    assert!(token.starts_with("ajk_") && token.len() == 68, "{token}");

    let me = http
        .get(format!("{}/v1/kiosk/me", hub.url))
        .bearer_auth(&token)
        .send()
        .await
        .expect("me");
    assert_eq!(me.status(), 200);
    let body: serde_json::Value = me.json().await.expect("json");
    assert_eq!(body["kiosk_name"], "lobby-1");

    let wrong = http
        .get(format!("{}/v1/kiosk/me", hub.url))
        .bearer_auth("ajk_not-a-real-token")
        .send()
        .await
        .expect("wrong");
    assert_eq!(wrong.status(), 401);

    let again = enrol(dir.path(), "lobby-1");
    assert!(
        !again.status.success(),
        "a second kiosk with the same name is refused"
    );

    signal(&hub.child, "-TERM");
    let status = wait(&mut hub.child, Duration::from_secs(10));
    assert!(status.success(), "graceful exit, got {status}");
    let mut logs = String::new();
    hub.child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("logs");
    assert!(logs.contains("stopped"), "{logs}");
    assert!(!logs.contains(&token), "tokens never reach the log");
}

#[test]
fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(BIN)
        .args([
            "--log-format",
            "json",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--data",
        ])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address line");
    signal(&child, "-INT");
    assert!(wait(&mut child, Duration::from_secs(10)).success());
    let mut logs = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("logs");
    let events: Vec<serde_json::Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(events.iter().any(|e| e["fields"]["message"] == "listening"));
    assert!(events.iter().any(|e| e["fields"]["message"] == "stopped"));
}

#[test]
fn a_busy_port_is_a_clear_error_not_a_hang() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(BIN)
        .args(["serve", "--listen", &addr, "--data"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("anjungan-hub:"));
}

#[test]
fn the_skm_report_and_ikm_come_from_the_hub_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_pdf = dir.path().join("skm.pdf");
    let ikm = Command::new(BIN)
        .args(["skm", "ikm", "--json", "--data"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(ikm.status.success());
    let v: serde_json::Value = serde_json::from_slice(&ikm.stdout).expect("json");
    assert_eq!(
        (v["respondents"].as_u64(), v["ikm"].is_null()),
        (Some(0), true)
    );

    let out = Command::new(BIN)
        .args([
            "report",
            "skm",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
        ])
        .arg(&out_pdf)
        .arg("--data")
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&out_pdf).expect("pdf").starts_with(b"%PDF-"));

    let bad = Command::new(BIN)
        .args(["report", "skm", "--from", "1-11-2026", "--out"])
        .arg(&out_pdf)
        .arg("--data")
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));

    // Paper surveys enter the office's figures at the hub, all rows or none.
    let csv = dir.path().join("kertas.csv");
    std::fs::write(
        &csv,
        "u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,date\n4,4,4,4,4,4,4,4,4,4,2026-10-01\n4,4,9,4,4,4,4,4,4,4,2026-10-01\n",
    )
    .expect("csv");
    let import = |file: &std::path::Path| {
        Command::new(BIN)
            .args(["skm", "import-csv"])
            .arg(file)
            .arg("--data")
            .arg(dir.path())
            .output()
            .expect("run")
    };
    let refused = import(&csv);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 3"));
    std::fs::write(
        &csv,
        "u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,date\n4,4,4,4,4,4,4,4,4,4,2026-10-01\n3,3,3,3,3,3,3,3,3,3,2026-10-02\n",
    )
    .expect("csv");
    let done = import(&csv);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let ikm = Command::new(BIN)
        .args(["skm", "ikm", "--json", "--data"])
        .arg(dir.path())
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&ikm.stdout).expect("json");
    assert_eq!(v["respondents"], 2);
}

#[test]
fn kiosks_are_listed_rotated_and_revoked_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let first = enrol(dir.path(), "lobi-1");
    assert!(first.status.success());
    let run = |args: &[&str]| Command::new(BIN).args(args).output().expect("run");
    let rotated = run(&["kiosk", "rotate", "--data", data, "--kiosk", "lobi-1"]);
    assert!(rotated.status.success());
    let token = code_of(&rotated).token;
    assert!(token.starts_with("ajk_") && token != code_of(&first).token);
    assert!(
        run(&["kiosk", "revoke", "--data", data, "--kiosk", "lobi-1"])
            .status
            .success()
    );
    // Revoking it twice, or a kiosk nobody enrolled, is a clear error.
    let again = run(&["kiosk", "revoke", "--data", data, "--kiosk", "lobi-1"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not found"));
    let list = run(&["kiosk", "list", "--data", data, "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(rows[0]["name"], "lobi-1");
    assert_eq!(rows[0]["revoked"], true);
}

/// A client that accepts exactly `pin`, as an enrolled kiosk does.
fn pinned(pin: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .use_preconfigured_tls(anjungan_tls::client::config(vec![pin.to_owned()]).expect("config"))
        .build()
        .expect("client")
}

#[tokio::test]
async fn tls_with_a_certificate_made_at_first_start_and_its_pin_in_the_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut hub = serve_with(dir.path(), &["--tls"]);
    assert!(hub.url.starts_with("https://127.0.0.1:"), "{}", hub.url);
    let code = code_of(&enrol(dir.path(), "lobby-1"));
    let pin = code.tls_pin.clone().expect("the code pins the TLS key");
    let made = anjungan_tls::server::Identity::load_or_make(dir.path()).expect("kept");
    assert_eq!(made.pin, pin, "the certificate kept in DIR/tls/");
    let me = pinned(&pin)
        .get(format!("{}/v1/kiosk/me", hub.url))
        .bearer_auth(&code.token)
        .send()
        .await
        .expect("a pinned client reaches the hub");
    assert_eq!(me.status(), 200);
    // Another pin, or the public CAs, do not accept this hub.
    let other = pinned(&"A".repeat(43))
        .get(format!("{}/v1/health", hub.url))
        .send()
        .await
        .expect_err("refused");
    assert!(format!("{other:?}").contains("PinMismatch"), "{other:?}");
    assert!(reqwest::get(format!("{}/v1/health", hub.url))
        .await
        .is_err());
    signal(&hub.child, "-TERM");
    assert!(wait(&mut hub.child, Duration::from_secs(10)).success());
}

#[tokio::test]
async fn tls_with_the_office_certificate_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pair = rcgen::KeyPair::generate().expect("key");
    let cert = rcgen::CertificateParams::new(vec!["hub.metrokota.go.id".into()])
        .expect("params")
        .self_signed(&pair)
        .expect("cert");
    let (cert_file, key_file) = (dir.path().join("hub.crt"), dir.path().join("hub.key"));
    std::fs::write(&cert_file, cert.pem()).expect("cert");
    std::fs::write(&key_file, pair.serialize_pem()).expect("key");
    let data = dir.path().join("data");
    let mut hub = serve_with(
        &data,
        &[
            "--tls-cert",
            cert_file.to_str().expect("utf-8"),
            "--tls-key",
            key_file.to_str().expect("utf-8"),
        ],
    );
    let code = code_of(&enrol(&data, "lobby-1"));
    let pin = code.tls_pin.expect("pinned");
    assert_eq!(
        pin,
        anjungan_tls::server::Identity::pin_of_file(&cert_file).expect("pin")
    );
    let health = pinned(&pin)
        .get(format!("{}/v1/health", hub.url))
        .send()
        .await
        .expect("reached");
    assert_eq!(health.status(), 200);
    signal(&hub.child, "-TERM");
    assert!(wait(&mut hub.child, Duration::from_secs(10)).success());
    // A key file that is not a key is named.
    let bad = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-key"])
        .arg(&cert_file)
        .arg("--tls-cert")
        .arg(&cert_file)
        .arg("--data")
        .arg(&data)
        .output()
        .expect("run");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("hub.crt"));
}

#[test]
fn the_office_register_is_imported_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let csv = dir.path().join("register.csv");
    std::fs::write(
        &csv,
        "number,type,holder,issued,valid_until,status,verification_url\n\
         503/0100/SIUP/2021,SIUP,Toko Maju Jaya,2021-05-03,,berlaku,https://sicantik.go.id/v/A1\n",
    )
    .expect("csv");
    let run = |csv: &std::path::Path| {
        Command::new(BIN)
            .args(["permit", "import-register", "--data"])
            .arg(&data)
            .arg("--csv")
            .arg(csv)
            .output()
            .expect("run")
    };
    let out = run(&csv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (done["added"].as_u64(), done["updated"].as_u64()),
        (Some(1), Some(0))
    );
    std::fs::write(
        &csv,
        "number,type,holder,issued,valid_until,status,verification_url\n1,SIUP,X,2021-13-03,,berlaku,\n",
    )
    .expect("csv");
    let bad = run(&csv);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("line 2, issued"));
    let verifiers = Command::new(BIN)
        .args(["permit", "verifiers", "--data"])
        .arg(&data)
        .output()
        .expect("run");
    let list: serde_json::Value = serde_json::from_slice(&verifiers.stdout).expect("json");
    assert!(list
        .as_array()
        .expect("array")
        .iter()
        .any(|v| v["host"] == "sicantik.go.id"));
}

#[test]
fn the_fleet_is_listed_and_written_as_a_static_page_without_script() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(enrol(dir.path(), "lobi-1").status.success());
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .arg("--data")
            .arg(dir.path())
            .output()
            .expect("run")
    };
    let json = run(&["fleet", "--json"]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(rows[0]["name"], "lobi-1");
    assert_eq!(rows[0]["attention"][0]["code"], "never_seen");
    let page = dir.path().join("fleet.html");
    let out = run(&["fleet", "--html", page.to_str().expect("utf-8")]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.contains("lobi-1") && html.contains("belum pernah terhubung ke hub"));
    assert!(!html.contains("<script"), "no script");
    assert!(html.contains("default-src 'none'"));
}

/// Two hub processes over one store (the same PostgreSQL schema in the PostgreSQL pass; the
/// same SQLite file otherwise): the same item posted to both at the same instant is stored
/// once, and the one answer that says `accepted` is matched by one that says `duplicate`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hub_processes_store_an_item_posted_to_both_at_once_once() {
    let dir = tempfile::tempdir().expect("dir");
    let first = serve(dir.path());
    let second = serve(dir.path());
    let code = code_of(&enrol(dir.path(), "lobi-1"));
    let http = reqwest::Client::new();
    let post = |url: String, body: serde_json::Value| {
        let http = http.clone();
        let token = code.token.clone();
        async move {
            let r = http
                .post(format!("{url}/v1/items"))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .expect("post");
            assert_eq!(r.status(), 200);
            let v: serde_json::Value = r.json().await.expect("json");
            v["results"][0]["outcome"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    for n in 0..30 {
        let body = serde_json::json!({"items": [{
            "id": format!("0193a000-0000-7000-8000-{n:012}"), "kind": "verification",
            "created_at": "2026-11-29T03:00:00Z",
            "payload": {"date": "2026-11-29", "verdict": "ASLI", "source": "lists", "lists_age_s": 1},
            "personal": null, "blobs": []}]});
        let (a, b) = tokio::join!(
            post(first.url.clone(), body.clone()),
            post(second.url.clone(), body)
        );
        let mut got = [a, b];
        got.sort();
        assert_eq!(got, ["accepted", "duplicate"], "item {n}");
    }
    for mut s in [first, second] {
        signal(&s.child, "-TERM");
        assert!(wait(&mut s.child, Duration::from_secs(20)).success());
    }
    let out = Command::new(BIN)
        .args(["items", "--json", "--data"])
        .arg(dir.path())
        .output()
        .expect("items");
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(stats["items"], 30);
    assert_eq!(stats["duplicate_submissions"], 30);
}

/// A hub whose SQLite file is named by `--database`, away from its `--data` folder: the
/// public pages read that same file (read-only), not one in the data folder.
#[tokio::test]
async fn public_pages_read_the_database_the_hub_was_given() {
    let files = tempfile::tempdir().expect("files");
    let elsewhere = tempfile::tempdir().expect("db dir");
    let url = format!(
        "sqlite:{}?mode=rwc",
        elsewhere.path().join("kantor.sqlite3").display()
    );
    let mut served = serve_with(files.path(), &["--database", &url]);
    let page = reqwest::get(format!("{}/s/sip-dokter", served.url))
        .await
        .expect("get");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("body").contains("Dokter"));
    assert!(!files.path().join("hub.sqlite3").exists());
    signal(&served.child, "-TERM");
    assert!(wait(&mut served.child, Duration::from_secs(20)).success());
}
