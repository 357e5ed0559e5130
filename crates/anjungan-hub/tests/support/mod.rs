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

/// Tracking number `sequence` of kiosk `kiosk` in 2026, printed.
pub fn tracking(kiosk: u16, sequence: u32) -> String {
    anjungan_apply::TrackingNumber::new(2026, kiosk, sequence)
        .expect("a tracking number")
        .to_string()
}

/// An application item as a kiosk sends it, numbered `number`, with one document (the KTP)
/// per `(sha256, bytes)`.
pub fn application_item(number: &str, documents: &[(&str, usize)]) -> serde_json::Value {
    let refs: Vec<serde_json::Value> = documents
        .iter()
        .map(|(sha, bytes)| {
            serde_json::json!({"requirement": "ktp", "sha256": sha, "kind": "pdf", "pages": 1, "bytes": bytes})
        })
        .collect();
    let blobs: Vec<&str> = documents.iter().map(|(sha, _)| *sha).collect();
    serde_json::json!({
        "id": uuid::Uuid::now_v7().to_string(), "kind": "application", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"tracking_number": number, "service": "sip-dokter", "kind": "baru",
                    "applicant_type": "perorangan", "documents": refs, "submitted_on": "2026-11-29"},
        "personal": {"applicant": {"nik": "1872015408900002", "name": "Siti Aminah", "sex": "P",
                     "birth_place": "Metro", "birth_date": "1990-08-14", "address": "Metro",
                     "phone": "081234567890"}},
        "blobs": blobs,
    })
}
