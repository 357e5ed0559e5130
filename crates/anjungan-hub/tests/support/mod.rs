//! Running the real `anjungan-hub` binary in the tests.

#![allow(dead_code)]

use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_anjungan-hub");

/// `anjungan-hub ARGS --data DATA`.
pub fn hub(args: &[&str], data: &std::path::Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .expect("run hub")
}

/// The command's JSON answer; fails the test (with its stderr) when it did not succeed.
pub fn stdout_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}
