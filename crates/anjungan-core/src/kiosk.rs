//! The kiosk: its [`Context`] (store, clock, hub) and the state of the citizen in front of
//! it (the documents taken for an application, a complaint's attachments, the scanner
//! folder). The Tauri commands and the CLI subcommands are one-line calls into this type.
//!
//! Each citizen service keeps its own `impl Kiosk` block in its own file: applications in
//! [`crate::application`], complaints in [`crate::complaint`], e-SKM in [`crate::survey`],
//! Cek Keaslian Izin in [`crate::verification`], Cek Status in [`crate::status`], receipts
//! and the printer in [`crate::receipts`], the hub in [`crate::connection`], staff tools in
//! [`crate::staff`]. This file imports none of them, so adding a service touches its slice,
//! the command list and the UI, and nothing here.

use crate::clock::Clock;
use crate::context::Context;
use crate::enrolment;
use crate::error::CoreError;
use crate::failpoint;
use crate::outbox::{self, NewItem};
use crate::store::Store;
use anjungan_capture::{Inbox, Limits};
use anjungan_complaint::tray::Tray;
use anjungan_wire::ipc::{EnrolmentInfo, Kelurahan};
use rand::RngCore;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;
use time::OffsetDateTime;

pub struct Kiosk {
    ctx: Arc<Context>,
    /// Documents taken for the application being filled in.
    inbox: Inbox,
    /// The folder the counter's document scanner saves into.
    scanner_dir: PathBuf,
    /// Attachments of the complaint being filled in, in memory only.
    complaint_tray: Tray,
    /// When the current citizen's session began: scans older than this are not theirs.
    session_start: Mutex<SystemTime>,
}

/// Where the scanner folder is, when `ANJUNGAN_SCANNER_DIR` is not set: `scanner/` in the
/// data directory.
pub const SCANNER_DIR_ENV: &str = "ANJUNGAN_SCANNER_DIR";

impl Kiosk {
    /// Opens the kiosk whose store lives in `data_dir`, creating the folder if needed.
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Self, CoreError> {
        let ctx = Context::open(data_dir, clock)?;
        let inbox = Inbox::open(&data_dir.join("inbox"), Limits::default())?;
        Ok(Self {
            ctx: Arc::new(ctx),
            inbox,
            scanner_dir: data_dir.join("scanner"),
            complaint_tray: Tray::default(),
            session_start: Mutex::new(SystemTime::now()),
        })
    }

    /// Watches `dir` for scans instead of `scanner/` in the data directory.
    pub fn with_scanner_dir(mut self, dir: PathBuf) -> Self {
        self.scanner_dir = dir;
        self
    }

    /// What the sync worker, the heartbeat and the camera bridge run on.
    pub fn context(&self) -> &Arc<Context> {
        &self.ctx
    }

    pub fn store(&self) -> &Store {
        self.ctx.store()
    }

    pub fn data_dir(&self) -> &Path {
        self.ctx.data_dir()
    }

    pub fn now(&self) -> OffsetDateTime {
        self.ctx.now()
    }

    pub fn scanner_dir(&self) -> &Path {
        &self.scanner_dir
    }

    pub fn inbox(&self) -> &Inbox {
        &self.inbox
    }

    pub(crate) fn complaint_tray(&self) -> &Tray {
        &self.complaint_tray
    }

    /// When the current citizen's session began.
    pub(crate) fn session_start(&self) -> SystemTime {
        *self
            .session_start
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn enrolment(&self) -> Result<Option<EnrolmentInfo>, CoreError> {
        Ok(enrolment::load(self.store())?.map(|e| e.info()))
    }

    /// The kiosk's number at its hub, part of every tracking number it issues.
    pub fn kiosk_number(&self) -> Result<u16, CoreError> {
        enrolment::load(self.store())?
            .and_then(|e| e.kiosk_number)
            .ok_or(CoreError::NotEnrolled)
    }

    /// Saves an item with its outbox row in one durable transaction; its commit wakes the
    /// sync worker. When this returns `Ok`, the item survives a power cut.
    pub fn enqueue(&self, item: &NewItem, rng: &mut impl RngCore) -> Result<String, CoreError> {
        let now = self.now();
        let id = self.store().write(|tx| {
            let id = outbox::enqueue(tx, item, now, rng)?;
            failpoint::hit(failpoint::BEFORE_ENQUEUE_COMMIT);
            Ok::<_, CoreError>(id)
        })?;
        failpoint::hit(failpoint::AFTER_ENQUEUE_COMMIT);
        Ok(id)
    }

    /// Forgets everything of the citizen before (or of one who just left): the documents
    /// taken for an application, the complaint's attachments, what the scanner left in its
    /// folder and the files set aside there. What the scanner saves from now on is the next
    /// citizen's. At the app's start (after a crash too), at every new application or
    /// complaint, and at the idle wipe.
    pub fn wipe_citizen(&self) -> Result<(), CoreError> {
        *self
            .session_start
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = SystemTime::now();
        self.inbox.clear()?;
        self.complaint_tray.clear();
        anjungan_capture::folder::clear(&self.scanner_dir).map_err(|e| {
            CoreError::Internal(format!("the scanner folder cannot be emptied: {e}"))
        })?;
        Ok(())
    }

    /// Kota Metro's kelurahan, for the address picker.
    pub fn kelurahan(&self) -> Vec<Kelurahan> {
        anjungan_apply::regions::metro_kelurahan().to_vec()
    }

    /// A QR code of `text` as an SVG document, for the citizen's phone to photograph
    /// (a tracking number, a service page, a national portal). At most 512 bytes of text.
    pub fn qr_svg(&self, text: &str) -> Result<String, CoreError> {
        if text.is_empty() || text.len() > 512 {
            return Err(CoreError::InvalidInput(
                "a QR holds 1 to 512 bytes here".into(),
            ));
        }
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
            .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        Ok(code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build())
    }
}
