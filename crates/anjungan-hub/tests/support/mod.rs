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

/// A hub served for real on loopback, with the demo data and its complaint key, and what
/// its tests do to it.
pub struct Hub {
    pub running: anjungan_hub::server::Running,
    pub pool: anjungan_hub::db::Pool,
    pub dir: tempfile::TempDir,
    pub http: reqwest::Client,
}

/// A hub with the demo data and its complaint key, served with `options`.
pub async fn served(options: anjungan_hub::server::ServeOptions) -> Hub {
    let dir = tempfile::tempdir().expect("dir");
    let (running, pool) = anjungan_hub::server::spawn_demo_with(dir.path(), options)
        .await
        .expect("hub");
    Hub {
        running,
        pool,
        dir,
        http: reqwest::Client::new(),
    }
}

impl Hub {
    pub async fn kiosk(&self, name: &str, numbered: bool) -> String {
        anjungan_hub::kiosks::enrol_numbered(&self.pool, name, numbered, &mut rand::rngs::OsRng)
            .await
            .expect("enrol")
    }

    pub async fn post(&self, token: &str, items: serde_json::Value) -> (u16, serde_json::Value) {
        let r = self
            .http
            .post(format!("{}/v1/items", self.running.url()))
            .bearer_auth(token)
            .json(&serde_json::json!({ "items": items }))
            .send()
            .await
            .expect("items");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    pub async fn put_blob(&self, token: &str, bytes: &[u8]) -> u16 {
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes));
        self.http
            .put(format!("{}/v1/blobs/{sha}", self.running.url()))
            .bearer_auth(token)
            .body(bytes.to_vec())
            .send()
            .await
            .expect("put")
            .status()
            .as_u16()
    }

    /// A complaint as the kiosk seals it, numbered `number`, with `pin`: its two sealed
    /// parts uploaded by `token`, and the item to send.
    pub async fn sealed_complaint(
        &self,
        token: &str,
        number: &str,
        pin: &str,
    ) -> serde_json::Value {
        self.sealed_complaint_by(
            token,
            number,
            pin,
            &anjungan_wire::complaint::ComplaintIdentity::default(),
        )
        .await
    }

    /// [`Hub::sealed_complaint`] made by `identity` (named).
    pub async fn sealed_complaint_by(
        &self,
        token: &str,
        number: &str,
        pin: &str,
        identity: &anjungan_wire::complaint::ComplaintIdentity,
    ) -> serde_json::Value {
        let (recipient, _) = anjungan_hub::complaints::recipient(&self.pool)
            .await
            .expect("key")
            .expect("a key");
        let content = anjungan_complaint::seal::Content {
            category: anjungan_wire::complaint::ComplaintCategory::Kkn,
            title: "Diminta uang".into(),
            chronology: "Petugas meminta uang pelicin.".into(),
            event_date: "2026-11-28".into(),
            place: "Loket 2".into(),
            unit: None,
            related_tracking_number: None,
            privacy: "rahasia".into(),
            pin_hash: anjungan_complaint::pin::hash(pin, &[9; 16]),
            attachments: Vec::new(),
        };
        let parts = [
            anjungan_complaint::seal::seal(&recipient, &content).expect("seal"),
            anjungan_complaint::seal::seal(&recipient, identity).expect("seal"),
        ];
        let mut shas = Vec::new();
        for p in &parts {
            assert_eq!(self.put_blob(token, p).await, 204);
            shas.push(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(p)));
        }
        serde_json::json!({
            "id": uuid::Uuid::now_v7().to_string(), "kind": "complaint", "created_at": "2026-11-29T09:00:00Z",
            "payload": {"tracking_number": number, "submitted_on": "2026-11-29",
                        "sealed": {"content": shas[0], "identity": shas[1]}},
            "personal": null, "blobs": shas,
        })
    }

    pub async fn complaint_status(&self, token: &str, number: &str, pin: &str) -> u16 {
        self.http
            .post(format!("{}/v1/complaints/status", self.running.url()))
            .bearer_auth(token)
            .json(&serde_json::json!({"tracking_number": number, "pin": pin}))
            .send()
            .await
            .expect("status")
            .status()
            .as_u16()
    }
}
