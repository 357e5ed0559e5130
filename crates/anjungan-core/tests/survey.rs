//! e-SKM at the kiosk: one response per visit, saved with its outbox row, delivered to the
//! hub, where it becomes part of the office-wide IKM.

mod support;

use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::ipc::{ErrorCode, Grade, RespondentProfile, Sex, SkmRules, SurveySubmission};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;

fn submission(visit: &str, answers: [Option<u8>; 10]) -> SurveySubmission {
    SurveySubmission {
        visit_id: visit.into(),
        answers: answers.to_vec(),
        suggestion: Some("  Antrean mohon dipercepat.\u{7}  ".into()),
        profile: RespondentProfile {
            sex: Some(Sex::Perempuan),
            service_code: Some("sip-dokter".into()),
            ..RespondentProfile::default()
        },
        skm_code: None,
    }
}

/// Sets the office's e-SKM rules at the hub and lets the kiosk fetch them.
async fn rules(hub: &support::Hub, k: &Kiosk, allow_unlinked: bool, cooldown_s: u64) {
    anjungan_hub::office::set_skm_rules(
        &hub.pool,
        &SkmRules {
            allow_unlinked,
            unlinked_cooldown_s: cooldown_s,
        },
    )
    .await
    .expect("rules");
    k.check_connection().await;
    assert_eq!(
        k.skm_rules().expect("rules").unlinked_cooldown_s,
        cooldown_s
    );
}

fn pending(k: &Kiosk) -> u64 {
    sync::report(k.context(), &SyncConfig::default())
        .expect("report")
        .pending
}

#[tokio::test]
async fn a_survey_is_saved_once_per_visit_and_reaches_the_hub_ikm() {
    let hub = support::Hub::start().await;
    let dir = tempfile::tempdir().expect("dir");
    let k = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    rules(&hub, &k, true, 0).await;
    let mut rng = StdRng::seed_from_u64(1);

    let all4 = [Some(4); 10];
    let mut mixed = [Some(3); 10];
    mixed[9] = None;
    k.submit_survey(&submission("visit-1", all4), &mut rng)
        .expect("first");
    let again = k
        .submit_survey(&submission("visit-1", mixed), &mut rng)
        .expect_err("same visit");
    assert_eq!(again.code(), ErrorCode::AlreadySubmitted);
    assert_eq!(
        pending(&k),
        1,
        "the refused second response left nothing behind"
    );
    k.submit_survey(&submission("visit-2", mixed), &mut rng)
        .expect("second visit");

    let local = k.skm_summary(None, None, None).expect("summary");
    assert_eq!(local.respondents, 2);
    // Σ NRR = 8 × 3.5 + (4 + 3)/2 = 31.5 → 31.5 / 9 × 25 = 87.50, grade B.
    assert_eq!((local.ikm, local.grade), (Some(87.5), Some(Grade::B)));
    assert_eq!(
        local.suggestions[0], "Antrean mohon dipercepat.",
        "trimmed, control characters removed"
    );
    assert_eq!(local.profile.sex[0].value, "perempuan");

    while let CycleOutcome::Sent { .. } = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle")
    {}
    let office = anjungan_hub::skm::summary(&hub.pool, None, None, Some(10))
        .await
        .expect("hub summary");
    assert_eq!((office.respondents, office.ikm), (2, Some(87.5)));
    assert_eq!(office.sample.required, Some(10));
    assert_eq!(office.sample.adequate, Some(false));
}

#[tokio::test]
async fn bad_surveys_are_refused_before_anything_is_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let k = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    let mut rng = StdRng::seed_from_u64(2);
    let mut bad = submission("v", [Some(4); 10]);
    bad.answers[0] = Some(5);
    let mut short = submission("v", [Some(4); 10]);
    short.answers.pop();
    let empty = submission("v", [None; 10]);
    let mut long = submission("v", [Some(4); 10]);
    long.suggestion = Some("a".repeat(501));
    for s in [bad, short, empty, long] {
        assert_eq!(
            k.submit_survey(&s, &mut rng).expect_err("refused").code(),
            ErrorCode::InvalidInput
        );
    }
    assert_eq!(pending(&k), 0);
    assert_eq!(
        k.skm_summary(None, None, None)
            .expect("summary")
            .respondents,
        0
    );
    assert_eq!(
        k.skm_summary(Some("29-11-2026".into()), None, None)
            .expect_err("date")
            .code(),
        ErrorCode::InvalidInput
    );
}

async fn drain(k: &Kiosk, rng: &mut StdRng) {
    while let CycleOutcome::Sent { .. } = sync::cycle(k.context(), &SyncConfig::default(), rng)
        .await
        .expect("cycle")
    {}
}

/// One survey per service: a receipt's code counts once at the hub even when two kiosks
/// took it offline, and neither response is lost; code-less surveys are limited and counted
/// apart.
#[tokio::test]
async fn a_receipt_code_counts_once_and_the_report_separates_linked_from_unlinked() {
    let hub = support::Hub::start().await;
    let code_b = hub.code("lobby-2").await;
    let (da, db) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let a = Kiosk::open(da.path(), Arc::new(SystemClock)).expect("kiosk a");
    let b = Kiosk::open(db.path(), Arc::new(SystemClock)).expect("kiosk b");
    a.enrol(&hub.url, &hub.code).await.expect("enrol a");
    b.enrol(&hub.url, &code_b).await.expect("enrol b");
    rules(&hub, &a, true, 3600).await;
    rules(&hub, &b, true, 3600).await;
    let mut rng = StdRng::seed_from_u64(3);

    // A code the hub knows: an application's (stored as a kiosk would send it).
    let code = anjungan_skm::code::new_code(123_456_789);
    sqlx::query("UPDATE applications SET skm_code = $1 WHERE tracking_number = '26-000-00101-2'")
        .bind(&code)
        .execute(&hub.pool)
        .await
        .expect("code");
    let checked = a
        .skm_code_check(&format!("{}-{}", &code[..4], &code[4..]))
        .await
        .expect("online check");
    assert!(checked.confirmed);
    assert!(
        checked.service_code.is_some(),
        "the service comes with the code"
    );
    let mistyped = format!("{}{}", &code[..9], (code.as_bytes()[9] - b'0' + 1) % 10);
    let bad = a.skm_code_check(&mistyped).await.expect_err("check digit");
    assert_eq!(bad.code(), ErrorCode::SkmCodeInvalid);

    // Both kiosks offline: both accept the code.
    let stopped = hub.stop().await;
    let offline = a.skm_code_check(&code).await.expect("accepted offline");
    assert!(!offline.confirmed);
    let mut with_code = submission("visit-a", [Some(4); 10]);
    with_code.skm_code = Some(code.clone());
    a.submit_survey(&with_code, &mut rng).expect("kiosk a");
    let twice = a
        .submit_survey(
            &SurveySubmission {
                visit_id: "visit-a2".into(),
                ..with_code.clone()
            },
            &mut rng,
        )
        .expect_err("same code, same kiosk");
    assert_eq!(twice.code(), ErrorCode::SkmCodeUsed);
    let mut other = submission("visit-b", [Some(2); 10]);
    other.skm_code = Some(code.clone());
    other.suggestion = Some("Ruang tunggu panas.".into());
    b.submit_survey(&other, &mut rng)
        .expect("kiosk b, offline, same code");

    // Code-less: one per cool-down per kiosk.
    a.submit_survey(&submission("visit-u1", [Some(3); 10]), &mut rng)
        .expect("unlinked");
    let soon = a
        .submit_survey(&submission("visit-u2", [Some(3); 10]), &mut rng)
        .expect_err("cool-down");
    assert_eq!(soon.code(), ErrorCode::SurveyCooldown);

    let hub = stopped.restart().await;
    drain(&a, &mut rng).await;
    drain(&b, &mut rng).await;
    let office = anjungan_hub::skm::summary(&hub.pool, None, None, None)
        .await
        .expect("summary");
    assert_eq!(
        office.respondents, 2,
        "the code counted once, plus one unlinked"
    );
    assert_eq!(office.duplicates, 1);
    assert_eq!(
        (office.linked.respondents, office.linked.ikm),
        (1, Some(100.0))
    );
    assert_eq!(
        (office.unlinked.respondents, office.unlinked.ikm),
        (1, Some(75.0))
    );
    let (stored,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM survey_responses WHERE skm_code = $1")
            .bind(&code)
            .fetch_one(&hub.pool)
            .await
            .expect("count");
    assert_eq!(stored, 2, "the duplicate is kept, not lost");
    assert!(
        office
            .suggestions
            .iter()
            .any(|s| s == "Ruang tunggu panas."),
        "what a duplicate wrote still reaches the office"
    );
    let (kept,): (String,) =
        sqlx::query_as("SELECT suggestion FROM survey_responses WHERE visit_id LIKE '%visit-b'")
            .fetch_one(&hub.pool)
            .await
            .expect("kept");
    assert_eq!(kept, "Ruang tunggu panas.");

    // An office that takes surveys only with a code.
    rules(&hub, &b, false, 0).await;
    let refused = b
        .submit_survey(&submission("visit-b2", [Some(3); 10]), &mut rng)
        .expect_err("needs a code");
    assert_eq!(refused.code(), ErrorCode::SurveyNeedsCode);
}
