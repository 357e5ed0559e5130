//! `anjungan-cli` against a real `anjungan-hub` process on loopback.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

const CLI: &str = env!("CARGO_BIN_EXE_anjungan-cli");

fn hub_bin() -> std::path::PathBuf {
    // Both binaries land in the same target directory.
    Path::new(CLI).with_file_name("anjungan-hub")
}

struct Hub {
    child: Child,
    url: String,
    data: tempfile::TempDir,
}

impl Drop for Hub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_hub() -> Hub {
    let data = tempfile::tempdir().expect("tempdir");
    let build = Command::new(env!("CARGO"))
        .args(["build", "-q", "-p", "anjungan-hub"])
        .status()
        .expect("cargo build hub");
    assert!(build.success());
    let mut child = Command::new(hub_bin())
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
        .arg(data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn hub");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address");
    let url = line.trim().rsplit(' ').next().expect("url").to_owned();
    Hub { child, url, data }
}

fn token(hub: &Hub, name: &str) -> String {
    let out = Command::new(hub_bin())
        .args(["enrol", "--kiosk", name, "--data"])
        .arg(hub.data.path())
        .output()
        .expect("enrol");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_owned()
}

fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(CLI)
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("run cli")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn init_enrol_status_and_a_status_lookup_work_end_to_end() {
    let hub = start_hub();
    let kiosk = tempfile::tempdir().expect("kiosk dir");

    let out = cli(kiosk.path(), &["init"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("staff PIN: "), "a PIN is generated: {text}");

    let status = json(&cli(kiosk.path(), &["status", "--json"]));
    assert_eq!(status["enrolled"], false);
    assert_eq!(status["staff_pin_set"], true);
    assert_eq!(status["integrity"], "ok");

    let out = cli(
        kiosk.path(),
        &["enrol", "--hub", &hub.url, "--token", "ajk_wrong"],
    );
    assert!(
        !out.status.success(),
        "a wrong token is refused before anything is stored"
    );
    assert_eq!(
        json(&cli(kiosk.path(), &["status", "--json"]))["enrolled"],
        false
    );

    let t = token(&hub, "lobby-1");
    let out = cli(kiosk.path(), &["enrol", "--hub", &hub.url, "--token", &t]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let status = json(&cli(kiosk.path(), &["status", "--json"]));
    assert_eq!(status["enrolled"], true);
    assert_eq!(status["enrolment"]["kiosk_name"], "lobby-1");
    assert_eq!(status["enrolment"]["hub_url"], hub.url.as_str());
    assert!(
        !status.to_string().contains(&t),
        "the token is never printed"
    );

    let found = json(&cli(kiosk.path(), &["check-status", "2026000105"]));
    assert_eq!(found["status"], "selesai");
    assert_eq!(found["tracking_number"], "2026-000105");
}

#[test]
fn a_second_init_keeps_the_pin_and_bad_pins_are_refused() {
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    assert!(cli(kiosk.path(), &["init", "--pin", "123456"])
        .status
        .success());
    let out = cli(kiosk.path(), &["init"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged"));
    let out = cli(kiosk.path(), &["init", "--pin", "12ab"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("6 to 12 digits"));
}

#[test]
fn status_without_a_hub_is_calm_and_data_is_required() {
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let out = cli(kiosk.path(), &["check-status", "2026-000105"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not enrolled"));
    let out = Command::new(CLI).args(["status"]).output().expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data"));
}
