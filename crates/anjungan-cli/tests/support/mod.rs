//! The CLI's tests run the real `anjungan-cli` binary against a real hub served in-process
//! on loopback.

#![allow(dead_code)]

use anjungan_hub::server::{self, Running};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::path::Path;
use std::process::{Command, Output};

pub const CLI: &str = env!("CARGO_BIN_EXE_anjungan-cli");

pub struct Hub {
    pub running: Running,
    pub pool: anjungan_hub::db::Pool,
    pub dir: tempfile::TempDir,
}

impl Hub {
    pub async fn start() -> Hub {
        let dir = tempfile::tempdir().expect("tempdir");
        let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
        anjungan_hub::demo::load(&pool).await.expect("demo");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let running = server::spawn(listener, pool.clone(), dir.path().to_owned()).expect("spawn");
        Hub { running, pool, dir }
    }

    pub fn url(&self) -> String {
        self.running.url()
    }

    /// Enrols kiosk `name` at the hub and returns its enrolment code.
    pub async fn code(&self, name: &str) -> String {
        anjungan_hub::trust::enrol(&self.pool, name, &mut StdRng::seed_from_u64(5))
            .await
            .expect("enrol")
            .to_string()
    }
}

/// Runs the CLI off the async runtime's threads (it is a blocking child process).
pub async fn cli(data: &Path, args: &[&str]) -> Output {
    let data = data.to_owned();
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(CLI)
            .arg("--data")
            .arg(&data)
            .args(&args)
            .output()
            .expect("run cli")
    })
    .await
    .expect("join")
}

/// `anjungan-cli enrol` with the code on stdin (`--token -`), as an installer script pipes it.
pub async fn enrol(data: &Path, hub: &str, code: &str) -> Output {
    let (data, hub, code) = (data.to_owned(), hub.to_owned(), code.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(CLI)
            .arg("--data")
            .arg(&data)
            .args(["enrol", "--hub", &hub, "--token", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run cli");
        std::io::Write::write_all(
            &mut child.stdin.take().expect("stdin"),
            format!("{code}\n").as_bytes(),
        )
        .expect("write code");
        child.wait_with_output().expect("wait")
    })
    .await
    .expect("join")
}

pub fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// A hub whose server can be stopped and started again on the same address.
pub struct Office {
    pub pool: anjungan_hub::db::Pool,
    pub dir: tempfile::TempDir,
    pub addr: std::net::SocketAddr,
    running: Option<anjungan_hub::server::Running>,
}

impl Office {
    pub async fn open() -> Office {
        let dir = tempfile::tempdir().expect("tempdir");
        let (running, pool) = anjungan_hub::server::spawn_demo(dir.path())
            .await
            .expect("hub");
        Office {
            pool,
            addr: running.addr,
            dir,
            running: Some(running),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn down(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
    }

    pub async fn up(&mut self) {
        // Stopping closed the pool, as a hub process's exit would.
        self.pool = anjungan_hub::testing::open(self.dir.path())
            .await
            .expect("db");
        let listener = tokio::net::TcpListener::bind(self.addr)
            .await
            .expect("rebind");
        self.running = Some(
            anjungan_hub::server::spawn(listener, self.pool.clone(), self.dir.path().to_owned())
                .expect("spawn"),
        );
    }
}

pub const NIK: &str = "1872015408900002";

pub fn application(nik: &str, email: &str) -> serde_json::Value {
    serde_json::json!({
        "service": "skp-penelitian", "kind": "baru", "applicant_type": "perorangan",
        "applicant": {"nik": nik, "name": "Siti Aminah", "sex": "P", "birth_place": "Metro",
                      "birth_date": "1990-08-14", "address": "Jl. Jend. Sudirman No. 12-A, RT 01/RW 02",
                      "kelurahan_code": "18.72.01.1001", "phone": "0812-3456-7890", "email": email},
        "fields": {"judul": "Pola tanam padi sawah", "lokasi": "Kelurahan Metro",
                   "mulai": "2026-12-01", "selesai": "2027-02-28"},
        "conditions": {"akta-pendirian-badan": false, "surat-kuasa": false},
        "consent": true
    })
}

impl Office {
    /// A kiosk data directory enrolled with this office, after one sync (catalogue,
    /// calendar, trust lists).
    pub async fn enrolled_kiosk(&self) -> tempfile::TempDir {
        let kiosk = tempfile::tempdir().expect("kiosk");
        let code = anjungan_hub::trust::enrol(&self.pool, "lobby-1", &mut rand::rngs::OsRng)
            .await
            .expect("code")
            .to_string();
        let enrol = enrol(kiosk.path(), &self.url(), &code).await;
        assert!(enrol.status.success());
        assert!(cli(kiosk.path(), &["sync", "--once"])
            .await
            .status
            .success());
        kiosk
    }
}

/// A path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}
