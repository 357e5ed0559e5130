//! "Ajukan Izin" at the kiosk: a draft is checked against its service exactly as the
//! screens and the CLI check it, then the application, its personal part and its documents
//! are written in ONE transaction with the outbox row and a tracking number taken from this
//! kiosk's own sequence. The documents leave the private inbox once that has committed.

use crate::error::CoreError;
use crate::failpoint;
use crate::outbox::{self, NewItem};
use crate::store::{Store, StoreError};
use crate::sync::outbox_error;
use anjungan_apply::TrackingNumber;
use anjungan_capture::Inbox;
use anjungan_wire::application::{ApplicationDraft, Problem};
use anjungan_wire::catalogue::Catalogue;
use anjungan_wire::item::{Application, ApplicationPersonal, ApplicationRecord, DocumentRef, Item};
use rand::RngCore;
use rusqlite::params;
use time::OffsetDateTime;

/// Every problem with `draft` (empty when it can be submitted).
pub fn problems(
    catalogue: Option<&Catalogue>,
    inbox: &Inbox,
    draft: &ApplicationDraft,
    now: OffsetDateTime,
) -> Vec<Problem> {
    let service = catalogue.and_then(|c| c.service(&draft.service));
    let today = anjungan_permit::office_day(now);
    anjungan_apply::validate(draft, service, &|sha: &str| inbox.kind(sha), today)
}

/// Takes the next tracking number of this kiosk's sequence inside `tx`.
pub(crate) fn take_number(
    tx: &rusqlite::Transaction<'_>,
    kiosk_number: u16,
    now: OffsetDateTime,
) -> Result<TrackingNumber, CoreError> {
    let year = anjungan_permit::office_day(now).year();
    let sequence: u32 = tx
        .query_row(
            "INSERT INTO tracking_sequence (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            [year],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    TrackingNumber::new(year, kiosk_number, sequence).ok_or_else(|| {
        CoreError::InvalidInput("this kiosk has used every tracking number of the year".into())
    })
}

/// Moves this kiosk's sequence for `year` past `last` (what the hub holds from this kiosk):
/// a kiosk whose store was reset under the same number does not give its citizens numbers
/// it gave before. Never moves it back.
pub fn continue_after(store: &Store, year: i32, last: u32) -> Result<(), CoreError> {
    store
        .conn()
        .execute(
            "INSERT INTO tracking_sequence (year, last) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)",
            rusqlite::params![year, last],
        )
        .map_err(StoreError::from)?;
    Ok(())
}

/// The next tracking number on its own, for synthetic items (demo data, load tests) that
/// must carry a number no real application will ever get.
pub fn next_number(
    store: &Store,
    kiosk_number: u16,
    now: OffsetDateTime,
) -> Result<String, CoreError> {
    let mut conn = store.conn();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(StoreError::from)?;
    let n = take_number(&tx, kiosk_number, now)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(n.to_string())
}

/// A saved application: its printed number, its outbox id and its receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub tracking_number: String,
    pub id: String,
    pub receipt: anjungan_wire::receipt::Receipt,
}

/// Who issues the application: this kiosk's number, name and hub, and the office calendar
/// the receipt's estimate is counted in.
pub struct Issuer<'a> {
    pub kiosk_number: u16,
    pub kiosk_name: &'a str,
    pub hub_url: Option<&'a str>,
    pub calendar: &'a anjungan_calendar::OfficeCalendar,
}

/// Checks and saves `draft`. Durable when it returns, online or not.
pub fn submit(
    store: &Store,
    catalogue: Option<&Catalogue>,
    inbox: &Inbox,
    issuer: &Issuer<'_>,
    draft: &ApplicationDraft,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<Saved, CoreError> {
    let found = problems(catalogue, inbox, draft, now);
    if !found.is_empty() {
        return Err(CoreError::Application(found));
    }
    let service = catalogue
        .and_then(|c| c.service(&draft.service))
        .ok_or_else(|| CoreError::InvalidInput("unknown service".into()))?;
    // Only the documents the application needs go with it, in requirement order.
    let mut documents = Vec::new();
    let mut refs = Vec::new();
    for r in &service.requirements {
        let Some(sha) = draft.documents.get(&r.code) else {
            continue;
        };
        let meta = inbox.get(sha)?;
        let bytes = inbox.read(sha)?;
        refs.push(DocumentRef {
            requirement: r.code.clone(),
            sha256: sha.clone(),
            kind: meta.kind.clone(),
            pages: meta.pages,
            bytes: meta.bytes,
        });
        documents.push(bytes);
    }
    let saved = {
        let mut conn = store.conn();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let tracking_number = take_number(&tx, issuer.kiosk_number, now)?.to_string();
        let skm_code = anjungan_skm::code::new_code(rng.next_u32());
        let status_key = crate::receipts::new_status_key(rng);
        let receipt = crate::receipts::build(&crate::receipts::Issue {
            tracking_number: &tracking_number,
            service,
            draft,
            hub_url: issuer.hub_url,
            kiosk_name: issuer.kiosk_name,
            skm_code: skm_code.clone(),
            status_key: &status_key,
            calendar: issuer.calendar,
            now,
        });
        let item = NewItem::new(
            Item::Application(Box::new(Application {
                record: ApplicationRecord {
                    v: anjungan_wire::item::VERSION,
                    tracking_number: tracking_number.clone(),
                    service: draft.service.clone(),
                    kind: draft.kind,
                    applicant_type: draft.applicant_type,
                    previous_permit: draft.previous_permit.clone(),
                    conditions: draft.conditions.clone(),
                    documents: refs,
                    submitted_on: anjungan_permit::office_date(now),
                    consent: Some(true),
                    skm_code: Some(skm_code.clone()),
                    status_key: Some(status_key.clone()),
                },
                applicant: ApplicationPersonal {
                    applicant: draft.applicant.clone(),
                    company: draft.company.clone(),
                    fields: draft.fields.clone(),
                },
            })),
            documents,
        );
        let id = outbox::enqueue(&tx, &item, now, rng).map_err(outbox_error)?;
        tx.execute(
            "INSERT INTO applications (tracking_number, item_id, service_code, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                tracking_number,
                id,
                draft.service,
                crate::clock::rfc3339(now)
            ],
        )
        .map_err(StoreError::from)?;
        crate::receipts::save(&tx, &receipt, &id, now)?;
        failpoint::hit(failpoint::BEFORE_ENQUEUE_COMMIT);
        tx.commit().map_err(StoreError::from)?;
        Saved {
            tracking_number,
            id,
            receipt,
        }
    };
    failpoint::hit(failpoint::AFTER_ENQUEUE_COMMIT);
    // Saved in the store now: the inbox copies (and anything else scanned for this
    // application) go.
    if let Err(e) = inbox.clear() {
        tracing::warn!(error = %e, "the inbox could not be emptied after saving");
    }
    Ok(saved)
}
