//! The office calendar through the real `anjungan-hub` binary: `calendar set` replaces it
//! all or nothing, a force-majeure day moves an application's due date by one working day,
//! and the e-SKM rules are set and read back.

mod support;

use support::{hub, stdout_json};

#[tokio::test]
async fn a_force_majeure_day_moves_the_due_date_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("hub");
    assert!(hub(&["demo"], &data).status.success());
    let shown = stdout_json(&hub(&["calendar", "show"], &data));
    let national = shown["days"].as_array().expect("days").len();
    assert_eq!(
        national, 53,
        "the national calendar until the office sets its own"
    );

    // 26-000-00104-8 is under way since Tue 24 Nov 2026 with an SLA of 7 working days.
    let pool = anjungan_hub::testing::open(&data).await.expect("db");
    let before = anjungan_hub::applications::status(&pool, "26-000-00104-8")
        .await
        .expect("status");
    assert_eq!(before.due_date.as_deref(), Some("2026-12-03"));
    pool.close().await;

    let mut days = shown["days"].as_array().expect("days").clone();
    days.push(serde_json::json!({"date": "2026-11-26", "kind": "force_majeure", "note": "Banjir, kantor tutup"}));
    let file = dir.path().join("kalender.json");
    std::fs::write(
        &file,
        serde_json::json!({"source": "kantor", "days": days}).to_string(),
    )
    .expect("write");
    let set = stdout_json(&hub(
        &["calendar", "set", "--json", file.to_str().expect("utf8")],
        &data,
    ));
    assert_eq!(set["days"], national + 1);
    let pool = anjungan_hub::testing::open(&data).await.expect("db");
    let after = anjungan_hub::applications::status(&pool, "26-000-00104-8")
        .await
        .expect("status");
    assert_eq!(
        after.due_date.as_deref(),
        Some("2026-12-04"),
        "one working day added back"
    );
    pool.close().await;

    // A date that does not exist: refused with its position, the calendar unchanged.
    let bad = dir.path().join("salah.json");
    std::fs::write(
        &bad,
        r#"{"days":[{"date":"2026-02-30","kind":"libur_nasional"}]}"#,
    )
    .expect("write");
    let out = hub(
        &["calendar", "set", "--json", bad.to_str().expect("utf8")],
        &data,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2026-02-30"));
    let still = stdout_json(&hub(&["calendar", "show"], &data));
    assert_eq!(still["days"].as_array().map(Vec::len), Some(national + 1));
    assert_eq!(still["source"], "kantor");

    let rules = stdout_json(&hub(
        &[
            "skm",
            "rules",
            "--allow-unlinked",
            "false",
            "--cooldown-s",
            "300",
        ],
        &data,
    ));
    assert_eq!(
        rules,
        serde_json::json!({"allow_unlinked": false, "unlinked_cooldown_s": 300})
    );
    let read = stdout_json(&hub(&["skm", "rules"], &data));
    assert_eq!(read, rules);
}
