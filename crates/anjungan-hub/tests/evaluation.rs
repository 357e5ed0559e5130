//! The yearly evaluation (Pasal 24): service times net of the declared force-majeure days
//! exactly as Cek Status counts them, IKM by quarter, complaints by category with working
//! days to the first answer, permit checks by verdict, outages by cause, and the PDF.

mod support;

use anjungan_apply::tracking::TrackingNumber;
use anjungan_hub::{applications, blobs, complaints, demo, evaluation, items, kiosks, office};
use anjungan_wire::api::{ItemBatch, ItemKind, ItemUpload};
use rand::rngs::StdRng;
use rand::SeedableRng;
use sha2::{Digest, Sha256};
use time::macros::{date, datetime};

fn upload(
    kind: ItemKind,
    created_at: &str,
    payload: serde_json::Value,
    blobs: Vec<String>,
) -> ItemUpload {
    ItemUpload {
        id: uuid::Uuid::now_v7().to_string(),
        kind,
        created_at: created_at.into(),
        payload,
        personal: None,
        blobs,
    }
}

fn survey(date: &str, answer: u8) -> serde_json::Value {
    serde_json::json!({
        "visit_id": format!("visit-{}", uuid::Uuid::new_v4()), "source": "kiosk", "date": date,
        "submitted_at": format!("{date}T03:00:00Z"), "answers": vec![answer; 10], "suggestion": null,
        "profile": {"sex": null, "age_band": null, "education": null, "occupation": null,
                    "service_code": null},
        "skm_code": null,
    })
}

async fn application(pool: &anjungan_hub::db::Pool, seq: u32, steps: &[(&str, &str)]) -> String {
    let number = TrackingNumber::new(2026, 0, seq)
        .expect("number")
        .to_string();
    let status = steps.last().expect("a step").0;
    sqlx::query(
        "INSERT INTO applications (tracking_number, service_code, status, submitted_on, updated_on)
         VALUES ($1, 'slf', $2, '2026-03-02', '2026-03-02')",
    )
    .bind(&number)
    .bind(status)
    .execute(pool)
    .await
    .expect("application");
    for (status, at) in steps {
        sqlx::query(
            "INSERT INTO application_history (tracking_number, status, changed_by, changed_at)
             VALUES ($1, $2, 'petugas', $3)",
        )
        .bind(&number)
        .bind(status)
        .bind(at)
        .execute(pool)
        .await
        .expect("history");
    }
    number
}

#[tokio::test]
async fn a_year_of_service_is_evaluated_with_force_majeure_taken_out() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    demo::load(&pool).await.expect("catalogue");
    // Only this test's applications count.
    sqlx::query("DELETE FROM application_history")
        .execute(&pool)
        .await
        .expect("clear");
    sqlx::query("DELETE FROM applications")
        .execute(&pool)
        .await
        .expect("clear");
    complaints::ensure_key(&pool, dir.path())
        .await
        .expect("key");
    // A flood on Wednesday 4 March 2026: the office declares a force-majeure day.
    office::set_calendar(
        &pool,
        r#"{"source": "uji", "days": [{"date": "2026-03-04", "kind": "force_majeure", "note": "Banjir di Metro Pusat"}]}"#,
    )
    .await
    .expect("calendar");
    // SLF takes 3 working days; each file is complete on Monday 2 March.
    let on_time = application(
        &pool,
        1,
        &[
            ("diterima", "2026-03-02T01:00:00Z"),
            ("diproses", "2026-03-02T02:00:00Z"),
            ("selesai", "2026-03-06T02:00:00Z"),
        ],
    )
    .await;
    application(
        &pool,
        2,
        &[
            ("diterima", "2026-03-02T01:00:00Z"),
            ("diproses", "2026-03-02T02:00:00Z"),
            ("selesai", "2026-03-09T02:00:00Z"),
        ],
    )
    .await;
    application(
        &pool,
        3,
        &[
            ("diterima", "2026-03-02T01:00:00Z"),
            ("diproses", "2026-03-02T02:00:00Z"),
        ],
    )
    .await;
    // Cek Status moves the due date past the flood: Friday, not Thursday.
    let shown = applications::status(&pool, &on_time).await.expect("status");
    assert_eq!(shown.due_date.as_deref(), Some("2026-03-06"));

    let code = anjungan_hub::trust::enrol(&pool, "lobi-1", &mut StdRng::seed_from_u64(2))
        .await
        .expect("enrol");
    let kiosk = kiosks::authenticate(&pool, &code.token)
        .await
        .expect("kiosk");
    let ingest = |batch: Vec<ItemUpload>, now: time::OffsetDateTime| {
        let pool = pool.clone();
        let id = kiosk.id.clone();
        async move {
            let r = items::ingest(&pool, &id, "lobi-1", ItemBatch { items: batch }, now)
                .await
                .expect("ingest");
            assert!(
                r.results.iter().all(|r| r.reason.is_none()),
                "{:?}",
                r.results
            );
        }
    };
    ingest(
        vec![
            upload(
                ItemKind::SurveyResponse,
                "2026-03-10T03:00:00Z",
                survey("2026-03-10", 4),
                vec![],
            ),
            upload(
                ItemKind::SurveyResponse,
                "2026-03-11T03:00:00Z",
                survey("2026-03-11", 4),
                vec![],
            ),
        ],
        datetime!(2026-03-20 03:00 UTC),
    )
    .await;
    ingest(
        vec![upload(
            ItemKind::SurveyResponse,
            "2026-04-10T03:00:00Z",
            survey("2026-04-10", 3),
            vec![],
        )],
        datetime!(2026-04-20 03:00 UTC),
    )
    .await;
    let check = |verdict: &str| {
        upload(
            ItemKind::Verification,
            "2026-05-01T03:00:00Z",
            serde_json::json!({"date": "2026-05-01", "verdict": verdict, "source": "lists", "lists_age_s": 60}),
            vec![],
        )
    };
    let started = datetime!(2026-06-01 01:00 UTC).unix_timestamp() * 1000;
    ingest(
        vec![
            check("ASLI"),
            check("ASLI"),
            check("ASLI"),
            check("DICABUT"),
            upload(
                ItemKind::Outage,
                "2026-06-01T03:30:00Z",
                serde_json::json!({"outage_id": "outage-1", "started_ms": started, "ended_ms": started + 9_000_000,
                                   "duration_s": 9000, "cause": "timeout", "failures": 12}),
                vec![],
            ),
        ],
        datetime!(2026-06-01 04:00 UTC),
    )
    .await;

    // A complaint, sealed as the kiosk seals it, received Monday and answered Thursday.
    let (recipient, _) = complaints::recipient(&pool)
        .await
        .expect("r")
        .expect("a key");
    let content = anjungan_complaint::seal::Content {
        category: anjungan_wire::complaint::ComplaintCategory::LalaiAtasKewajiban,
        title: "Antrean lama".into(),
        chronology: "Menunggu dua jam di loket.".into(),
        event_date: "2026-03-02".into(),
        place: "Loket 2".into(),
        unit: None,
        related_tracking_number: None,
        privacy: "anonim".into(),
        pin_hash: anjungan_complaint::pin::hash("123456", &[7; 16]),
        attachments: Vec::new(),
    };
    let sealed = [
        anjungan_complaint::seal::seal(&recipient, &content).expect("seal"),
        anjungan_complaint::seal::seal(
            &recipient,
            &anjungan_wire::complaint::ComplaintIdentity::default(),
        )
        .expect("seal"),
    ];
    let mut shas = Vec::new();
    for bytes in &sealed {
        let sha = hex::encode(Sha256::digest(bytes));
        blobs::put(
            &pool,
            dir.path(),
            &kiosk.id,
            &sha,
            bytes,
            &anjungan_hub::limits::Limits {
                kiosk_unreferenced_bytes: i64::MAX,
                kiosk_bytes_per_day: i64::MAX,
                ..anjungan_hub::limits::Limits::default()
            },
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("put");
        shas.push(sha);
    }
    let complaint = TrackingNumber::new(2026, kiosk.number.expect("numbered"), 90)
        .expect("number")
        .to_string();
    ingest(
        vec![upload(
            ItemKind::Complaint,
            "2026-03-02T03:00:00Z",
            serde_json::json!({"tracking_number": complaint, "submitted_on": "2026-03-02",
                               "sealed": {"content": shas[0], "identity": shas[1]}}),
            shas.clone(),
        )],
        datetime!(2026-03-02 03:00 UTC),
    )
    .await;
    sqlx::query("UPDATE complaints SET received_on = '2026-03-02' WHERE tracking_number = $1")
        .bind(&complaint)
        .execute(&pool)
        .await
        .expect("received");
    sqlx::query(
        "INSERT INTO complaint_history (tracking_number, status, changed_by, changed_at)
         VALUES ($1, 'ditanggapi', 'petugas', '2026-03-05T03:00:00Z')",
    )
    .bind(&complaint)
    .execute(&pool)
    .await
    .expect("answer");

    let e = evaluation::evaluate(
        &pool,
        dir.path(),
        2026,
        date!(2026 - 11 - 30),
        datetime!(2026-11-30 05:00 UTC),
    )
    .await
    .expect("evaluate");
    let a = &e.applications;
    assert_eq!((a.received, a.completed, a.open), (3, 2, 1));
    assert_eq!((a.within_sla, a.past_sla, a.open_past_sla), (1, 1, 1));
    assert_eq!(
        a.force_majeure_days_excluded, 3,
        "one flood day in each file's window"
    );
    assert_eq!(e.services[0].code, "slf");
    assert_eq!(e.services[0].by_month[2], 3, "March");
    assert_eq!(e.force_majeure.len(), 1);
    assert_eq!(
        e.force_majeure[0].cause.as_deref(),
        Some("Banjir di Metro Pusat")
    );
    assert_eq!(e.ikm[0].respondents, 2);
    assert_eq!(e.ikm[0].ikm, Some(100.0));
    assert_eq!(e.ikm[1].respondents, 1);
    assert_eq!(e.ikm[1].ikm, Some(75.0));
    assert_eq!(e.ikm[2].ikm, None);
    assert_eq!(e.ikm_year.respondents, 3);
    assert_eq!(e.permit_checks.get("ASLI"), Some(&3));
    assert_eq!(e.permit_checks.get("DICABUT"), Some(&1));
    assert_eq!(e.outages.len(), 1);
    assert_eq!(
        (e.outages[0].cause.as_str(), e.outages[0].hours),
        ("timeout", 2.5)
    );
    assert!(e.complaints.categories_readable);
    let c = &e.complaints.by_category[0];
    assert_eq!((c.category.as_str(), c.received, c.answered), ("h", 1, 1));
    assert_eq!(
        c.first_response_median_days,
        Some(2),
        "Tue and Thu: the flood day is not counted"
    );
    let lobby = e
        .kiosks
        .iter()
        .find(|k| k.kiosk == "lobi-1")
        .expect("kiosk");
    assert_eq!((lobby.surveys, lobby.permit_checks), (3, 4));
    assert_eq!(
        (lobby.by_month[4], lobby.by_month[5]),
        (4, 1),
        "four checks in May, an outage in June"
    );

    // The command line: the same figures as JSON, and the PDF.
    pool.close().await;
    let json = support::stdout_json(&support::hub(
        &["report", "evaluation", "--year", "2026", "--json"],
        dir.path(),
    ));
    assert_eq!(json["schema"], evaluation::SCHEMA);
    assert_eq!(json["applications"]["within_sla"], 1);
    assert_eq!(json["ikm"].as_array().expect("quarters").len(), 4);
    let pdf = dir.path().join("evaluasi-2026.pdf");
    let out = support::hub(
        &[
            "report",
            "evaluation",
            "--year",
            "2026",
            "--pdf",
            pdf.to_str().expect("path"),
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    for words in [
        "LAPORAN EVALUASI",
        "Pasal 24",
        "Triwulan 1",
        "Banjir di Metro Pusat",
        "h. lalai atas kewajiban",
        "Selesai dalam batas waktu",
        "Asli",
        "jaringan tidak menjawab",
    ] {
        assert!(
            text.contains(words),
            "{words} missing from the PDF:\n{text}"
        );
    }
    if let Ok(keep) = std::env::var("ANJUNGAN_KEEP_PDF") {
        std::fs::copy(&pdf, keep).expect("keep");
    }
}
