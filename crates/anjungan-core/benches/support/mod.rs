//! A hub with one enrolled kiosk on loopback, for the benchmarks.

use anjungan_wire::application::{Applicant, ApplicantType, ApplicationDraft, ApplicationKind};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::BTreeMap;

pub async fn hub() -> (
    anjungan_hub::server::Running,
    String,
    tempfile::TempDir,
    anjungan_hub::db::Pool,
) {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let token = anjungan_hub::kiosks::enrol(&pool, "bench", &mut StdRng::seed_from_u64(2))
        .await
        .expect("enrol");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let running =
        anjungan_hub::server::spawn(listener, pool.clone(), dir.path().to_owned()).expect("spawn");
    (running, token, dir, pool)
}

/// A kiosk in `dir` enrolled with the hub at `url` (kiosk number 1). Not every bench uses it.
#[allow(dead_code)]
pub fn enrolled_kiosk(dir: &std::path::Path, url: String, token: String) -> anjungan_core::Kiosk {
    let kiosk = anjungan_core::Kiosk::open(dir, std::sync::Arc::new(anjungan_core::SystemClock))
        .expect("kiosk");
    anjungan_core::enrolment::save(
        kiosk.store(),
        &anjungan_core::enrolment::Enrolment {
            hub_url: url,
            kiosk_id: "k".into(),
            kiosk_name: "bench".into(),
            token,
            enrolled_at: "2026-11-29T00:00:00Z".into(),
            kiosk_number: Some(1),
            root_fingerprint: None,
            tls_pin: None,
        },
    )
    .expect("enrol");
    kiosk
}

/// Siti's research-permit application ("skp-penelitian") with `documents` by requirement.
#[allow(dead_code)]
pub fn draft(documents: BTreeMap<String, String>) -> ApplicationDraft {
    ApplicationDraft {
        service: "skp-penelitian".into(),
        kind: ApplicationKind::Baru,
        applicant_type: ApplicantType::Perorangan,
        previous_permit: None,
        applicant: Applicant {
            nik: "1872015408900002".into(),
            name: "Siti Aminah".into(),
            sex: "P".into(),
            birth_place: "Metro".into(),
            birth_date: "1990-08-14".into(),
            address: "Jl. Jend. Sudirman No. 12".into(),
            kelurahan_code: "18.72.01.1001".into(),
            phone: "081234567890".into(),
            email: String::new(),
        },
        company: None,
        fields: BTreeMap::from([
            ("judul".into(), "Pola tanam".into()),
            ("lokasi".into(), "Metro".into()),
            ("mulai".into(), "2026-12-01".into()),
            ("selesai".into(), "2027-02-28".into()),
        ]),
        conditions: BTreeMap::from([
            ("akta-pendirian-badan".into(), false),
            ("surat-kuasa".into(), false),
        ]),
        documents,
        consent: true,
    }
}

/// Takes one small PDF per requirement of "skp-penelitian" into `kiosk`'s inbox and returns
/// the application that uses them.
#[allow(dead_code)]
pub fn application_with_documents(kiosk: &anjungan_core::Kiosk, tag: &str) -> ApplicationDraft {
    let mut documents = BTreeMap::new();
    for code in [
        "ktp",
        "pengantar-permohonan-lembaga",
        "proposal-penelitian",
        "pernyataan-menaati-peraturan",
    ] {
        let bytes = anjungan_capture::fixtures::pdf(1, &format!("{code}-{tag}"), &[]);
        let doc = kiosk
            .inbox()
            .admit(code, &bytes)
            .expect("io")
            .expect("admitted");
        documents.insert(code.to_owned(), doc.sha256);
    }
    draft(documents)
}
