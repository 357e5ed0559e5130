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
    pub pool: sqlx::SqlitePool,
    pub dir: tempfile::TempDir,
}

impl Hub {
    pub async fn start() -> Hub {
        let dir = tempfile::tempdir().expect("tempdir");
        let pool = anjungan_hub::db::open(dir.path()).await.expect("db");
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

    pub async fn token(&self, name: &str) -> String {
        anjungan_hub::kiosks::enrol(&self.pool, name, &mut StdRng::seed_from_u64(5))
            .await
            .expect("enrol")
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

pub fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}
