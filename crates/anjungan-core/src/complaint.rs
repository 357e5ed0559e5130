//! Pengaduan at the kiosk. The complaint is checked like every other service, then sealed
//! to the office's complaint key (from the signed trust lists) in memory; only the sealed
//! envelopes and the tracking number reach the store, in one transaction with the outbox
//! row. Counter staff, the staff window and a copy of the disk see that a complaint is
//! queued, and nothing else.

use crate::clock::rfc3339;
use crate::error::CoreError;
use crate::failpoint;
use crate::hub_client::Timeouts;
use crate::outbox::{self, NewItem};
use crate::store::{Store, StoreError};
use crate::sync;
use crate::Kiosk;
use anjungan_apply::TrackingNumber;
use anjungan_complaint::seal::{self, Content, SealedFile};
use anjungan_complaint::tray::Tray;
use anjungan_wire::application::Problem;
use anjungan_wire::complaint::{
    ComplaintAttachment, ComplaintCategory, ComplaintDraft, ComplaintReceipt, ComplaintStatus,
    Privacy,
};
use anjungan_wire::item::{Complaint, Item, Sealed};
use rand::RngCore;
use std::path::Path;
use time::OffsetDateTime;

/// At most this many complaints from one kiosk in [`LIMIT_WINDOW_MIN`] minutes: an
/// unattended kiosk must not become a machine for flooding the office.
pub const MAX_RECENT: i64 = 3;
pub const LIMIT_WINDOW_MIN: i64 = 10;

/// What the QR on the complaint's receipt holds before the number and PIN.
pub const QR_PREFIX: &str = "ANJUNGAN-ADUAN:";

/// The office's complaint key, from the signed trust lists (`None`: not received yet, or
/// the office has made none).
pub fn recipient(store: &Store) -> Result<Option<String>, CoreError> {
    Ok(crate::trust::current(store)?.and_then(|(lists, _)| lists.complaint_recipient))
}

pub fn problems(draft: &ComplaintDraft, now: OffsetDateTime) -> Vec<Problem> {
    anjungan_complaint::validate::problems(draft, anjungan_permit::office_day(now))
}

/// A saved complaint: its number and PIN (shown once, never stored here).
pub struct Saved {
    pub tracking_number: String,
    pub pin: String,
    pub attachments: u32,
}

fn privacy_code(p: Privacy) -> &'static str {
    match p {
        Privacy::Named => "named",
        Privacy::Rahasia => "rahasia",
        Privacy::Anonim => "anonim",
    }
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Checks, seals and saves `draft` with the attachments in `tray`; durable when it returns.
pub fn submit(
    store: &Store,
    recipient: Option<&str>,
    tray: &Tray,
    kiosk_number: u16,
    draft: &ComplaintDraft,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<Saved, CoreError> {
    let found = problems(draft, now);
    if !found.is_empty() {
        return Err(CoreError::Application(found));
    }
    let recipient = recipient.ok_or(CoreError::ComplaintsClosed)?;
    let pin = anjungan_complaint::pin::new_pin(rng.next_u64());
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let attachments: Vec<SealedFile> = tray
        .take()
        .iter()
        .map(|(kind, bytes)| SealedFile::new(kind, bytes))
        .collect();
    let count = attachments.len() as u32;
    let content = Content {
        category: ComplaintCategory::from_code(&draft.category)
            .ok_or_else(|| CoreError::InvalidInput("a category a to k".into()))?,
        title: draft.title.trim().to_owned(),
        chronology: draft.chronology.trim().to_owned(),
        event_date: draft.event_date.trim().to_owned(),
        place: draft.place.trim().to_owned(),
        unit: trimmed(&draft.unit),
        related_tracking_number: trimmed(&draft.related_tracking_number),
        privacy: privacy_code(draft.privacy).to_owned(),
        pin_hash: anjungan_complaint::pin::hash(&pin, &salt),
        attachments,
    };
    let sealed_content =
        seal::seal(recipient, &content).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    let sealed_identity = seal::seal(recipient, &draft.identity)
        .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    drop(content);
    let content_sha = outbox::sha256_hex(&sealed_content);
    let identity_sha = outbox::sha256_hex(&sealed_identity);
    let tracking_number = store.write(|tx| {
        let since = crate::clock::rfc3339(now - time::Duration::minutes(LIMIT_WINDOW_MIN));
        let recent: i64 = tx
            .query_row(
                "SELECT count(*) FROM outbox WHERE kind = 'complaint' AND created_at > ?1",
                [&since],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        if recent >= MAX_RECENT {
            // The attachments are forgotten with the refused complaint.
            return Err(CoreError::ComplaintLimit);
        }
        let tracking_number = crate::tracking::take_number(tx, kiosk_number, now)?.to_string();
        let item = NewItem::new(
            Item::Complaint(Complaint {
                v: anjungan_wire::item::VERSION,
                tracking_number: tracking_number.clone(),
                submitted_on: anjungan_permit::office_date(now),
                sealed: Sealed {
                    content: content_sha,
                    identity: identity_sha,
                },
            }),
            vec![sealed_content, sealed_identity],
        );
        outbox::enqueue(tx, &item, now, rng)?;
        failpoint::hit(failpoint::BEFORE_ENQUEUE_COMMIT);
        Ok::<_, CoreError>(tracking_number)
    })?;
    Ok(Saved {
        tracking_number,
        pin,
        attachments: count,
    })
}

/// Takes the documents the counter scanner saved in `dir` since `since` (this citizen's
/// session) into the tray: judged in memory, then deleted from the folder. A file still
/// being written (changed within the settle time) waits for the next press; links are never
/// followed, not even one swapped in after the file was looked at; anything older than the
/// session is an earlier citizen's and is never taken. Returns how many were taken.
pub fn take_scans(
    dir: &Path,
    tray: &Tray,
    since: std::time::SystemTime,
    now: std::time::SystemTime,
) -> Result<usize, CoreError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let limit = anjungan_capture::Limits::default().max_bytes;
    let settle = anjungan_capture::folder::DEFAULT_SETTLE;
    let mut names: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    names.sort();
    let mut taken = 0;
    for path in names {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() || meta.len() > limit {
            continue;
        }
        let Ok(modified) = meta.modified() else {
            continue;
        };
        if modified < since || now.duration_since(modified).unwrap_or_default() < settle {
            continue;
        }
        let Ok(bytes) = anjungan_capture::folder::read_no_follow(&path, limit) else {
            continue;
        };
        if bytes.len() as u64 != meta.len() {
            continue; // changed while it was read: the next press takes it whole
        }
        match tray.add(bytes) {
            Ok(_) => {
                taken += 1;
                if let Err(e) = std::fs::remove_file(&path) {
                    tracing::warn!(error = %e, "a scan taken into a complaint stayed in the folder");
                }
            }
            Err(anjungan_complaint::tray::TrayError::Full) => break,
            Err(e) => tracing::info!(reason = %e, "a scan was not taken into a complaint"),
        }
    }
    Ok(taken)
}

impl Kiosk {
    /// Every problem with a complaint, as the screens show them.
    pub fn complaint_problems(&self, draft: &ComplaintDraft) -> Vec<Problem> {
        problems(draft, self.now())
    }

    /// "Foto dengan kamera" for a complaint: the newest frame, kept in memory.
    pub fn complaint_attach_photo(
        &self,
        camera: &crate::document_camera::DocumentCamera,
    ) -> Result<Vec<ComplaintAttachment>, CoreError> {
        let jpeg = camera.still_jpeg()?.ok_or_else(|| {
            CoreError::CameraUnavailable("the camera has not delivered a picture yet".into())
        })?;
        self.complaint_tray()
            .add(jpeg)
            .map_err(|e| CoreError::InvalidInput(e.to_string()))
    }

    /// "Ambil dari pemindai" for a complaint: what the scanner saved for this citizen.
    pub fn complaint_attach_scans(&self) -> Result<Vec<ComplaintAttachment>, CoreError> {
        let since = self.session_start();
        take_scans(
            self.scanner_dir(),
            self.complaint_tray(),
            since,
            std::time::SystemTime::now(),
        )?;
        Ok(self.complaint_tray().list())
    }

    /// A file's bytes attached to a complaint (the CLI's `--attach`).
    pub fn complaint_attach_bytes(
        &self,
        bytes: Vec<u8>,
    ) -> Result<Vec<ComplaintAttachment>, CoreError> {
        self.complaint_tray()
            .add(bytes)
            .map_err(|e| CoreError::InvalidInput(e.to_string()))
    }

    pub fn complaint_attachment_remove(&self, id: &str) -> Vec<ComplaintAttachment> {
        self.complaint_tray().remove(id)
    }

    /// The citizen left: the attachments are forgotten.
    pub fn complaint_discard(&self) {
        self.complaint_tray().clear();
    }

    /// Seals and saves a complaint with its attachments; durable when it returns.
    pub fn submit_complaint(
        &self,
        draft: &ComplaintDraft,
        rng: &mut impl RngCore,
    ) -> Result<ComplaintReceipt, CoreError> {
        let now = self.now();
        let recipient = recipient(self.store())?;
        let saved = submit(
            self.store(),
            recipient.as_deref(),
            self.complaint_tray(),
            self.kiosk_number()?,
            draft,
            now,
            rng,
        )?;
        Ok(ComplaintReceipt {
            qr_text: format!("{}{}:{}", QR_PREFIX, saved.tracking_number, saved.pin),
            tracking_number: saved.tracking_number,
            pin: saved.pin,
            saved_at: rfc3339(now),
            online: sync::online(self.store())?,
            attachments: saved.attachments,
        })
    }

    /// "Cek Pengaduan": the office's word on a complaint, for its number and PIN together.
    pub async fn complaint_status(
        &self,
        number: &str,
        pin: &str,
    ) -> Result<ComplaintStatus, CoreError> {
        let number =
            TrackingNumber::parse(number).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        let pin = pin.trim();
        if !anjungan_complaint::pin::is_pin(pin) {
            return Err(CoreError::InvalidInput(
                "a PIN is ten digits (six on older complaints)".into(),
            ));
        }
        Ok(self
            .context()
            .client(Timeouts::default())?
            .complaint_status(&number.to_string(), pin)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::take_scans;
    use anjungan_complaint::tray::Tray;
    use std::time::{Duration, SystemTime};

    fn pdf(tag: &str) -> Vec<u8> {
        anjungan_capture::fixtures::pdf(1, tag, &[])
    }

    #[test]
    fn a_complaint_takes_only_this_citizens_settled_scans_and_never_through_a_link() {
        let dir = tempfile::tempdir().expect("dir");
        let scans = dir.path();
        // Left by an earlier citizen, before this complaint began.
        std::fs::write(scans.join("lama.pdf"), pdf("lama")).expect("old");
        let begun = SystemTime::now() + Duration::from_millis(50);
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(scans.join("baru.pdf"), pdf("baru")).expect("new");
        // A link to a file of someone else's, planted in the folder.
        let elsewhere = tempfile::tempdir().expect("elsewhere");
        std::fs::write(elsewhere.path().join("rahasia.pdf"), pdf("rahasia")).expect("secret");
        std::os::unix::fs::symlink(
            elsewhere.path().join("rahasia.pdf"),
            scans.join("tautan.pdf"),
        )
        .expect("link");
        let tray = Tray::default();
        // Just written: it waits for the settle time.
        assert_eq!(
            take_scans(scans, &tray, begun, SystemTime::now()).expect("take"),
            0
        );
        let later = SystemTime::now() + Duration::from_secs(5);
        assert_eq!(take_scans(scans, &tray, begun, later).expect("take"), 1);
        assert_eq!(tray.list().len(), 1);
        assert!(
            !scans.join("baru.pdf").exists(),
            "taken: gone from the folder"
        );
        assert!(
            scans.join("lama.pdf").exists(),
            "the earlier citizen's is not taken"
        );
        assert!(elsewhere.path().join("rahasia.pdf").exists());
    }
}
