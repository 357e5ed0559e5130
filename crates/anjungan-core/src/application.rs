//! "Ajukan Izin" at the kiosk: a draft is checked against its service exactly as the
//! screens and the CLI check it, then the application, its personal part and its documents
//! are written in ONE transaction with the outbox row and a tracking number taken from this
//! kiosk's own sequence. The documents leave the private inbox once that has committed.

use crate::clock::rfc3339;
use crate::enrolment;
use crate::error::CoreError;
use crate::failpoint;
use crate::office;
use crate::outbox::{self, NewItem};
use crate::store::{Store, StoreError};
use crate::sync;
use crate::tracking::take_number;
use crate::Kiosk;
use anjungan_capture::Inbox;
use anjungan_wire::application::{
    ApplicationDraft, ApplicationReceipt, InboxDocument, InboxReport, Problem,
};
use anjungan_wire::catalogue::Catalogue;
use anjungan_wire::item::{Application, ApplicationPersonal, ApplicationRecord, DocumentRef, Item};
use rand::RngCore;
use rusqlite::params;
use std::path::Path;
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
    let saved = store.write(|tx| {
        let tracking_number = take_number(tx, issuer.kiosk_number, now)?.to_string();
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
        let id = outbox::enqueue(tx, &item, now, rng)?;
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
        crate::receipts::save(tx, &receipt, &id, now)?;
        failpoint::hit(failpoint::BEFORE_ENQUEUE_COMMIT);
        Ok::<_, CoreError>(Saved {
            tracking_number,
            id,
            receipt,
        })
    })?;
    failpoint::hit(failpoint::AFTER_ENQUEUE_COMMIT);
    // Saved in the store now: the inbox copies (and anything else scanned for this
    // application) go.
    if let Err(e) = inbox.clear() {
        tracing::warn!(error = %e, "the inbox could not be emptied after saving");
    }
    Ok(saved)
}

impl Kiosk {
    /// Every problem with an application draft, as the screens show them.
    pub fn application_problems(
        &self,
        draft: &ApplicationDraft,
    ) -> Result<Vec<Problem>, CoreError> {
        let catalogue = self.catalogue()?;
        Ok(problems(
            catalogue.as_ref(),
            self.inbox(),
            draft,
            self.now(),
        ))
    }

    /// Saves an application with its documents and outbox row; durable when it returns.
    /// Needs the kiosk's number from its hub, which every tracking number carries.
    pub fn submit_application(
        &self,
        draft: &ApplicationDraft,
        rng: &mut impl RngCore,
    ) -> Result<ApplicationReceipt, CoreError> {
        let enrolment = enrolment::load(self.store())?.ok_or(CoreError::NotEnrolled)?;
        let kiosk_number = enrolment.kiosk_number.ok_or(CoreError::NotEnrolled)?;
        let catalogue = self.catalogue()?;
        let (calendar, _) = office::load(self.store())?;
        let now = self.now();
        let saved = submit(
            self.store(),
            catalogue.as_ref(),
            self.inbox(),
            &Issuer {
                kiosk_number,
                kiosk_name: &enrolment.kiosk_name,
                hub_url: Some(&enrolment.hub_url),
                calendar: &calendar,
            },
            draft,
            now,
            rng,
        )?;
        Ok(ApplicationReceipt {
            tracking_number: saved.tracking_number,
            id: saved.id,
            saved_at: rfc3339(now),
            online: sync::online(self.store())?,
            receipt: saved.receipt,
        })
    }

    /// What the inbox holds for the application being filled in.
    pub fn inbox_documents(&self) -> Result<Vec<InboxDocument>, CoreError> {
        Ok(self.inbox().list()?)
    }

    /// One pass over a scanner folder (for scripts; the app watches instead).
    pub fn inbox_scan_once(&self, dir: &Path) -> Result<InboxReport, CoreError> {
        Ok(anjungan_capture::folder::scan_once(
            dir,
            self.inbox(),
            anjungan_capture::folder::DEFAULT_SETTLE,
        )?)
    }

    /// Watches the scanner folder until the returned handle is dropped.
    pub fn inbox_watch(
        &self,
        on_report: impl Fn(InboxReport) + Send + 'static,
    ) -> anjungan_capture::watch::Watch {
        anjungan_capture::watch::watch(
            self.scanner_dir(),
            self.inbox().clone(),
            anjungan_capture::folder::DEFAULT_SETTLE,
            on_report,
        )
    }

    /// A document from a file staff chose (or a camera still): judged like a scan, and
    /// reported like one (taken, or refused with the reason).
    pub fn add_document(&self, name: &str, bytes: &[u8]) -> Result<InboxReport, CoreError> {
        Ok(self.inbox().take(name, bytes)?)
    }

    /// "Ambil foto": the document camera's newest frame, taken into the inbox like a scan.
    pub fn add_camera_still(
        &self,
        camera: &crate::document_camera::DocumentCamera,
    ) -> Result<InboxReport, CoreError> {
        let jpeg = camera.still_jpeg()?.ok_or_else(|| {
            CoreError::CameraUnavailable("the camera has not delivered a picture yet".into())
        })?;
        self.add_document("Kamera", &jpeg)
    }

    pub fn inbox_remove(&self, sha256: &str) -> Result<(), CoreError> {
        Ok(self.inbox().remove(sha256)?)
    }

    /// The citizen left: the documents of the abandoned application are deleted.
    pub fn inbox_discard(&self) -> Result<usize, CoreError> {
        Ok(self.inbox().clear()?)
    }
}
