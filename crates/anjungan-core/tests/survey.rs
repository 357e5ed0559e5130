//! e-SKM at the kiosk: one response per visit, saved with its outbox row, delivered to the
//! hub, where it becomes part of the office-wide IKM.

mod support;

use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::ipc::{ErrorCode, Grade, RespondentProfile, Sex, SurveySubmission};
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
    }
}

fn pending(k: &Kiosk) -> u64 {
    sync::report(k, &SyncConfig::default())
        .expect("report")
        .pending
}

#[tokio::test]
async fn a_survey_is_saved_once_per_visit_and_reaches_the_hub_ikm() {
    let hub = support::Hub::start().await;
    let dir = tempfile::tempdir().expect("dir");
    let k = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    k.enrol(&hub.url, &hub.token).await.expect("enrol");
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

    while let CycleOutcome::Sent { .. } = sync::cycle(&k, &SyncConfig::default(), &mut rng)
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
