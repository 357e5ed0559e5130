//! What a kiosk's citizens leave behind, in the proportions of a counter's day: permit checks
//! most, then e-SKM answers, applications with their scanned documents (from numbered kiosks),
//! and the kiosk's own outage records. Payloads are shaped as the kiosk app makes them, so
//! the hub validates and stores them as it would in service.

use anjungan_wire::api::ItemUpload;
use anjungan_wire::ipc::{CheckSource, RespondentProfile, Verdict};
use anjungan_wire::item::{
    Application, DocumentRef, Item, Outage, OutageCause, SurveyResponse, SurveySource,
    Verification, VERSION,
};
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// An item waiting in a simulated kiosk's queue, with its documents' bytes.
#[derive(Debug, Clone)]
pub struct Pending {
    pub upload: ItemUpload,
    pub documents: Vec<(String, Vec<u8>)>,
}

/// The office's calendar day (WIB, UTC+7), as kiosks date their records.
fn office_date(now: OffsetDateTime) -> String {
    let wib = now + time::Duration::hours(7);
    let d = wib.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A scanned document: a PDF header and `size` bytes of scanner noise.
fn document(rng: &mut impl RngCore, size: usize) -> (String, Vec<u8>) {
    let mut bytes = b"%PDF-1.7\n% scanned at the kiosk\n".to_vec();
    let start = bytes.len();
    bytes.resize(size.max(start), 0);
    rng.fill_bytes(&mut bytes[start..]);
    (hex::encode(Sha256::digest(&bytes)), bytes)
}

/// The next item of a kiosk whose number is `kiosk_number` (`None`: it takes no applications);
/// `sequence` numbers its applications.
pub fn next_item(
    rng: &mut impl RngCore,
    now: OffsetDateTime,
    kiosk_number: Option<u16>,
    sequence: &mut u32,
) -> Pending {
    let id = uuid::Uuid::now_v7().to_string();
    let created_at = rfc3339(now);
    let date = office_date(now);
    let roll = rng.gen_range(0..100);
    let (item, documents) = match (roll, kiosk_number) {
        (50..=74, _) => {
            let answers = (0..10).map(|_| Some(rng.gen_range(2..=4))).collect();
            // After a receipt, as at a counter: the office's cool-down between code-less
            // surveys (which the hub holds too) does not apply.
            let code = anjungan_skm::code::new_code(rng.next_u32());
            let survey = SurveyResponse {
                v: VERSION,
                visit_id: Some(format!("visit-{}", uuid::Uuid::new_v4())),
                source: SurveySource::Kiosk,
                date: date.clone(),
                submitted_at: created_at.clone(),
                answers,
                suggestion: None,
                profile: RespondentProfile::default(),
                skm_code: Some(code),
            };
            (Item::SurveyResponse(survey), Vec::new())
        }
        (75..=89, Some(kiosk)) => {
            *sequence += 1;
            let year = (now + time::Duration::hours(7)).year();
            let number = anjungan_apply::tracking::TrackingNumber::new(year, kiosk, *sequence)
                .map(|t| t.to_string())
                .unwrap_or_default();
            // A KTP and one more requirement, 150–600 KB each, as a flatbed scan gives.
            let docs: Vec<(String, Vec<u8>)> = (0..rng.gen_range(1..=2))
                .map(|_| {
                    let size = rng.gen_range(150_000..600_000);
                    document(rng, size)
                })
                .collect();
            let refs = docs
                .iter()
                .enumerate()
                .map(|(i, (sha, bytes))| {
                    DocumentRef::pdf(
                        if i == 0 { "ktp" } else { "str" },
                        sha.clone(),
                        bytes.len() as u64,
                    )
                })
                .collect();
            let application =
                Application::synthetic(number, "Warga Uji Beban".into(), date.clone(), refs);
            (Item::Application(Box::new(application)), docs)
        }
        (90..=99, _) => {
            let ended_ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
            let started_ms = ended_ms - rng.gen_range(60_000..3_600_000);
            let outage = Outage {
                v: VERSION,
                outage_id: uuid::Uuid::now_v7().to_string(),
                started_ms,
                ended_ms,
                duration_s: (ended_ms - started_ms) / 1000,
                cause: OutageCause::Timeout,
                failures: rng.gen_range(1..20),
            };
            (Item::Outage(outage), Vec::new())
        }
        _ => {
            let check = Verification {
                v: VERSION,
                date: date.clone(),
                verdict: Verdict::Asli,
                source: CheckSource::Lists,
                lists_age_s: Some(rng.gen_range(0..86_400)),
            };
            (Item::Verification(check), Vec::new())
        }
    };
    let (payload, personal) = item.to_json();
    let kind = item.kind();
    Pending {
        upload: ItemUpload {
            id,
            kind,
            created_at,
            payload,
            personal,
            blobs: documents.iter().map(|(sha, _)| sha.clone()).collect(),
        },
        documents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anjungan_wire::api::ItemKind;
    use rand::SeedableRng;

    #[test]
    fn the_mix_has_every_kind_and_applications_only_from_numbered_kiosks() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let now = OffsetDateTime::now_utc();
        let mut seq = 0;
        let kinds: Vec<ItemKind> = (0..400)
            .map(|_| next_item(&mut rng, now, Some(7), &mut seq).upload.kind)
            .collect();
        for k in [
            ItemKind::Verification,
            ItemKind::SurveyResponse,
            ItemKind::Application,
            ItemKind::Outage,
        ] {
            assert!(kinds.contains(&k), "{k:?}");
        }
        assert!(seq > 20);
        let unnumbered: Vec<Pending> = (0..400)
            .map(|_| next_item(&mut rng, now, None, &mut seq))
            .collect();
        assert!(unnumbered
            .iter()
            .all(|p| p.upload.kind != ItemKind::Application));
        let app = (0..200)
            .map(|_| next_item(&mut rng, now, Some(7), &mut seq))
            .find(|p| p.upload.kind == ItemKind::Application)
            .expect("an application");
        assert_eq!(app.upload.blobs.len(), app.documents.len());
        assert!(app
            .documents
            .iter()
            .all(|(sha, b)| *sha == hex::encode(Sha256::digest(b))));
    }
}
