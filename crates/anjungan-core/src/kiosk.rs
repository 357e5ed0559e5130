//! The kiosk's use cases. The Tauri commands and the CLI subcommands are one-line calls
//! into this type; everything they need (data directory, clock) is passed in.

use crate::application;
use crate::catalogue;
use crate::clock::{rfc3339, Clock};
use crate::complaint;
use crate::enrolment::{self, Enrolment};
use crate::error::CoreError;
use crate::failpoint;
use crate::hub_client::{HubClient, HubError, Timeouts};
use crate::office;
use crate::outbox::{self, NewItem};
use crate::permit_check;
use crate::printing;
use crate::receipts;
use crate::staff_access::{self, PinError};
use crate::status;
use crate::store::Store;
use crate::store::StoreError;
use crate::survey;
use crate::sync::{self, outbox_error};
use anjungan_apply::TrackingNumber;
use anjungan_capture::{Inbox, Limits};
use anjungan_wire::application::{
    ApplicationDraft, ApplicationReceipt, InboxDocument, InboxReport, Problem,
};
use anjungan_wire::catalogue::Catalogue;
use anjungan_wire::complaint::{
    ComplaintAttachment, ComplaintDraft, ComplaintReceipt, ComplaintStatus,
};
use anjungan_wire::enrolment::EnrolmentCode;
use anjungan_wire::ipc::Kelurahan;
use anjungan_wire::ipc::{
    ConnectionReport, ConnectionState, EnrolmentInfo, StaffLoginResult, StatusLookup,
};
use anjungan_wire::ipc::{
    PermitCheck, Questionnaire, SkmCodeCheck, SkmRules, SkmSummary, SurveySubmission,
};
use anjungan_wire::receipt::{PrintOutcome, PrinterConfig, Receipt, ReceiptRow};
use rand::RngCore;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// What `anjungan-cli status --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct KioskStatus {
    pub data_dir: String,
    pub schema_version: String,
    pub integrity: String,
    pub staff_pin_set: bool,
    pub enrolled: bool,
    pub enrolment: Option<EnrolmentInfo>,
    pub version: String,
}

pub struct Kiosk {
    store: Store,
    data_dir: PathBuf,
    clock: Arc<dyn Clock>,
    /// Wakes the sync worker when something is enqueued or the hub answers again.
    wake: Arc<Notify>,
    /// Documents taken for the application being filled in.
    inbox: Inbox,
    /// The folder the counter's document scanner saves into.
    scanner_dir: PathBuf,
    /// Attachments of the complaint being filled in, in memory only.
    complaint_tray: anjungan_complaint::tray::Tray,
    /// When the last heartbeat went to the hub (at most one a minute).
    last_heartbeat: std::sync::Mutex<Option<OffsetDateTime>>,
    /// The camera as the verify screen last found it (see [`Kiosk::note_camera`]).
    camera_state: std::sync::Mutex<Option<&'static str>>,
    /// When the current citizen's session began: scans older than this are not theirs.
    session_start: std::sync::Mutex<std::time::SystemTime>,
    /// The smallest document the path to the hub refused for its size (413), while items
    /// are held for it: a later upload at least this large means the limit was raised.
    held_floor: std::sync::Mutex<Option<usize>>,
}

/// Where the scanner folder is, when `ANJUNGAN_SCANNER_DIR` is not set: `scanner/` in the
/// data directory.
pub const SCANNER_DIR_ENV: &str = "ANJUNGAN_SCANNER_DIR";

impl From<PinError> for CoreError {
    fn from(e: PinError) -> Self {
        match e {
            PinError::BadFormat => CoreError::InvalidInput(e.to_string()),
            PinError::NotSet => CoreError::StaffLocked,
            PinError::Hash(_) => CoreError::Internal(e.to_string()),
            PinError::Store(s) => CoreError::Store(s),
        }
    }
}

/// What an enrolment changed, for the person who ran it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub info: EnrolmentInfo,
    /// The kiosk belonged to another office's hub before: that hub's lists and pinned keys
    /// were cleared, and documents it had taken will be uploaded to the new one.
    pub switched_hub: bool,
}

/// A client for the hub this kiosk is enrolled with. A kiosk whose code pinned the hub's
/// TLS key accepts, once it holds the office's root-signed lists, exactly the keys those
/// lists name (a renewal is announced there, a retired key leaves them); before that, the
/// enrolment code's key alone.
fn client_for(store: &Store, e: &Enrolment, timeouts: Timeouts) -> Result<HubClient, CoreError> {
    let pins = pins_for(e.tls_pin.as_deref(), permit_check::signed_tls_pins(store)?);
    Ok(HubClient::pinned(
        &e.hub_url,
        Some(e.token.clone()),
        timeouts,
        pins,
    )?)
}

/// The TLS keys to accept: none for a kiosk enrolled without a pin (plain HTTP on loopback,
/// or a public CA); else the signed lists' keys when they name any, the code's key until then.
fn pins_for(enrolled: Option<&str>, signed: Option<Vec<String>>) -> Vec<String> {
    match (enrolled, signed) {
        (None, _) => Vec::new(),
        (Some(_), Some(listed)) if !listed.is_empty() => listed,
        (Some(pin), _) => vec![pin.to_owned()],
    }
}

impl Kiosk {
    /// Opens the kiosk whose store lives in `data_dir`, creating the folder if needed.
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Self, CoreError> {
        // Readable by this user only: the queue holds citizens' personal data until the hub
        // has it.
        anjungan_files::dir(data_dir).map_err(|e| {
            CoreError::Store(crate::store::StoreError::Open {
                path: data_dir.to_owned(),
                source: rusqlite::Error::InvalidPath(PathBuf::from(e.to_string())),
            })
        })?;
        let store = Store::open(data_dir)?;
        let inbox = Inbox::open(&data_dir.join("inbox"), Limits::default())?;
        // It holds personal data and the kiosk's token: anything others can read is named.
        anjungan_files::warn_if_too_open(data_dir);
        Ok(Self {
            store,
            data_dir: data_dir.to_owned(),
            clock,
            wake: Arc::new(Notify::new()),
            inbox,
            scanner_dir: data_dir.join("scanner"),
            complaint_tray: anjungan_complaint::tray::Tray::default(),
            session_start: std::sync::Mutex::new(std::time::SystemTime::now()),
            held_floor: std::sync::Mutex::new(None),
            last_heartbeat: std::sync::Mutex::new(None),
            camera_state: std::sync::Mutex::new(None),
        })
    }

    /// Watches `dir` for scans instead of `scanner/` in the data directory.
    pub fn with_scanner_dir(mut self, dir: PathBuf) -> Self {
        self.scanner_dir = dir;
        self
    }

    pub fn scanner_dir(&self) -> &Path {
        &self.scanner_dir
    }

    pub fn inbox(&self) -> &Inbox {
        &self.inbox
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Sets the staff PIN. Returns the PIN when one was generated, so it can be shown once.
    pub fn init(
        &self,
        pin: Option<&str>,
        rng: &mut impl RngCore,
    ) -> Result<Option<String>, CoreError> {
        let generated = match pin {
            Some(_) => None,
            None if staff_access::is_set(&self.store)? => return Ok(None),
            None => Some(staff_access::generate_pin(rng)),
        };
        let pin = pin.or(generated.as_deref()).unwrap_or_default();
        staff_access::set_pin(&self.store, pin, self.now(), rng)?;
        Ok(generated)
    }

    pub fn status(&self) -> Result<KioskStatus, CoreError> {
        let integrity = match self.store.integrity_check() {
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        let enrolment = enrolment::load(&self.store)?.map(|e| e.info());
        Ok(KioskStatus {
            data_dir: self.data_dir.display().to_string(),
            schema_version: self.store.schema_version()?,
            integrity,
            staff_pin_set: staff_access::is_set(&self.store)?,
            enrolled: enrolment.is_some(),
            enrolment,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        })
    }

    pub fn enrolment(&self) -> Result<Option<EnrolmentInfo>, CoreError> {
        Ok(enrolment::load(&self.store)?.map(|e| e.info()))
    }

    /// Enrols with a hub from the enrolment code `anjungan-hub enrol` printed. Nothing is
    /// stored until the hub has proved itself: its TLS key matches the code's pin (when it
    /// serves HTTPS itself), it accepts the token, and its lists are signed by the root the
    /// code names. So a mistyped code never replaces a working enrolment, and nobody else
    /// can stand in for the hub.
    pub async fn enrol(&self, hub_url: &str, code: &str) -> Result<Enrolled, CoreError> {
        let code =
            EnrolmentCode::parse(code).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        let client = HubClient::pinned(
            hub_url,
            Some(code.token.clone()),
            Timeouts::default(),
            code.tls_pin.iter().cloned().collect(),
        )?;
        let me = client.whoami().await?;
        let (etag, lists) = permit_check::fetch_pinned(&client, &code.root_fingerprint).await?;
        let previous = enrolment::load(&self.store)?;
        // The same office if the lists held here lead to the new ones (a hub that moved, or
        // rotated its root since); without lists, if the address is the same.
        let standing = permit_check::standing(&self.store, &lists)?;
        let same_office = match standing {
            permit_check::Standing::SameOffice { .. } => true,
            permit_check::Standing::Foreign => false,
            permit_check::Standing::NoneHeld => previous
                .as_ref()
                .is_some_and(|p| p.hub_url == client.base()),
        };
        let switched_hub = previous.is_some() && !same_office;
        if switched_hub {
            // First, so a power cut before the new enrolment is saved leaves the old one
            // whole: the old hub's lists go, and with them the root they pinned.
            permit_check::forget(&self.store)?;
        }
        let e = Enrolment {
            hub_url: client.base().to_owned(),
            kiosk_id: me.kiosk_id,
            kiosk_name: me.kiosk_name,
            token: code.token,
            enrolled_at: rfc3339(self.now()),
            kiosk_number: me.kiosk_number,
            root_fingerprint: Some(code.root_fingerprint),
            tls_pin: code.tls_pin,
        };
        enrolment::save(&self.store, &e)?;
        // Another hub's lists replace the old ones (forgotten above); the same office's only
        // if they are not older than those held.
        if switched_hub || standing.replaces() {
            permit_check::keep(&self.store, etag.as_deref(), &lists, &rfc3339(self.now()))?;
        }
        // What waited for the old token or hub goes now. Another hub has none of the
        // documents the old one took: they are uploaded again.
        outbox::after_enrolment(&self.store, switched_hub, self.now()).map_err(outbox_error)?;
        if switched_hub {
            tracing::info!("enrolled with another hub: the old hub's lists were cleared");
        }
        sync::try_now(&self.store)?;
        self.wake.notify_one();
        Ok(Enrolled {
            info: e.info(),
            switched_hub,
        })
    }

    /// The notifier the sync worker waits on.
    pub fn wake(&self) -> Arc<Notify> {
        Arc::clone(&self.wake)
    }

    /// Saves a citizen action with its outbox row in one durable transaction, then wakes the
    /// sync worker. When this returns `Ok`, the action survives a power cut.
    pub fn enqueue(&self, item: &NewItem, rng: &mut impl RngCore) -> Result<String, CoreError> {
        let now = self.now();
        let id = {
            let mut conn = self.store.conn();
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(StoreError::from)?;
            let id = outbox::enqueue(&tx, item, now, rng).map_err(outbox_error)?;
            failpoint::hit(failpoint::BEFORE_ENQUEUE_COMMIT);
            tx.commit().map_err(StoreError::from)?;
            id
        };
        failpoint::hit(failpoint::AFTER_ENQUEUE_COMMIT);
        self.wake.notify_one();
        Ok(id)
    }

    /// The e-SKM questionnaire, with the services of the cached catalogue.
    pub fn questionnaire(&self) -> Result<Questionnaire, CoreError> {
        Ok(anjungan_skm::questionnaire::default_questionnaire(
            catalogue::services(&self.store)?,
        ))
    }

    /// Saves a completed survey with its outbox row; returns the item id. Durable when it
    /// returns, online or not.
    pub fn submit_survey(
        &self,
        submission: &SurveySubmission,
        rng: &mut impl RngCore,
    ) -> Result<String, CoreError> {
        let rules = office::load(&self.store)?.1;
        let id = survey::submit(&self.store, submission, &rules, self.now(), rng)?;
        self.wake.notify_one();
        Ok(id)
    }

    /// Imports past paper surveys from a CSV file: all rows or none.
    pub fn import_survey_csv(
        &self,
        path: &Path,
        rng: &mut impl RngCore,
    ) -> Result<usize, CoreError> {
        let file = std::fs::File::open(path)
            .map_err(|e| CoreError::InvalidInput(format!("{}: {e}", path.display())))?;
        let rows = anjungan_skm::csv_import::parse(file).map_err(|errors| {
            CoreError::InvalidInput(anjungan_skm::csv_import::describe(&errors))
        })?;
        let n = survey::import(&self.store, &rows, self.now(), rng)?;
        self.wake.notify_one();
        Ok(n)
    }

    /// The kiosk's own e-SKM figures for a period (dates YYYY-MM-DD, inclusive).
    pub fn skm_summary(
        &self,
        from: Option<String>,
        to: Option<String>,
        population: Option<u64>,
    ) -> Result<SkmSummary, CoreError> {
        for d in [&from, &to].into_iter().flatten() {
            if !valid_date(d) {
                return Err(CoreError::InvalidInput(format!("{d:?} is not YYYY-MM-DD")));
            }
        }
        let agg = survey::aggregates(&self.store, from.as_deref(), to.as_deref())?;
        Ok(anjungan_skm::summary::summarize(from, to, population, agg))
    }

    /// "Cek Keaslian Izin" for a QR's text: the signed token against the lists held here, or,
    /// for a plain-URL QR, the hub's register (a short wait; offline it says so).
    pub async fn check_permit(
        &self,
        text: &str,
        rng: &mut (impl RngCore + Send),
    ) -> Result<PermitCheck, CoreError> {
        let mut result = permit_check::evaluate(&self.store, text, self.now())?;
        if let Some(url) = permit_check::lookup_url(text) {
            match self.client_with(Timeouts::quick()) {
                Ok(client) => match client.lookup_permit(url).await {
                    Ok(found) => result = permit_check::with_lookup(result, found),
                    Err(e) => tracing::info!(error = %e, "permit lookup: the hub did not answer"),
                },
                Err(CoreError::NotEnrolled) => {}
                Err(e) => return Err(e),
            }
        }
        permit_check::record(&self.store, &result, self.now(), rng)?;
        self.wake.notify_one();
        Ok(result)
    }

    /// Cek Keaslian Izin from a photo or scan (PNG or JPEG bytes, sniffed and bounded).
    pub async fn check_permit_image(
        &self,
        bytes: Vec<u8>,
        rng: &mut (impl RngCore + Send),
    ) -> Result<PermitCheck, CoreError> {
        // Decoding a large photo takes a while: not on the async workers.
        let found = tokio::task::spawn_blocking(move || {
            let image = anjungan_qr::gray_from_bytes(&bytes)
                .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
            anjungan_qr::decode(&image, anjungan_qr::Pipeline::Full).ok_or(CoreError::NoQrFound)
        })
        .await
        .map_err(|e| CoreError::InvalidInput(format!("the image could not be read: {e}")))??;
        self.check_permit(&found.text, rng).await
    }

    /// Sends a dead letter again (after staff fixed its cause at the hub).
    pub fn retry_dead(&self, id: &str) -> Result<(), CoreError> {
        outbox::retry_dead(&self.store, id, self.now()).map_err(outbox_error)?;
        self.wake.notify_one();
        Ok(())
    }

    pub(crate) fn client(&self) -> Result<HubClient, CoreError> {
        self.client_with(Timeouts::default())
    }

    pub(crate) fn client_with(&self, timeouts: Timeouts) -> Result<HubClient, CoreError> {
        let e = enrolment::load(&self.store)?.ok_or(CoreError::NotEnrolled)?;
        client_for(&self.store, &e, timeouts)
    }

    /// Asks the hub who we are: proves network, hub and token in one call.
    pub async fn check_connection(&self) -> ConnectionReport {
        let checked_at = self.now();
        let enrolled = enrolment::load(&self.store).map_err(CoreError::from);
        let insecure = matches!(&enrolled, Ok(Some(e))
            if crate::hub_client::Transport::of_base(&e.hub_url) == crate::hub_client::Transport::Plain);
        let report = |state, clock_skew_s, detail| ConnectionReport {
            state,
            checked_at: rfc3339(checked_at),
            clock_skew_s,
            detail,
            insecure,
        };
        let client = match enrolled.and_then(|e| {
            client_for(
                &self.store,
                &e.ok_or(CoreError::NotEnrolled)?,
                Timeouts::default(),
            )
        }) {
            Ok(c) => c,
            Err(CoreError::NotEnrolled) => return report(ConnectionState::NotEnrolled, None, None),
            Err(e) => return report(ConnectionState::Offline, None, Some(e.to_string())),
        };
        let result = client.whoami().await;
        let mut rng = rand::rngs::OsRng;
        if let Some(n) = result.as_ref().ok().and_then(|me| me.kiosk_number) {
            if let Err(e) = enrolment::set_kiosk_number(&self.store, n) {
                tracing::error!(error = %e, "cannot record the kiosk number");
            }
        }
        if let Ok(me) = &result {
            let year = OffsetDateTime::parse(
                &me.server_time,
                &time::format_description::well_known::Rfc3339,
            )
            .map(|t| anjungan_permit::office_day(t).year());
            if let (Some(last), Ok(year)) = (me.last_sequence, year) {
                if let Err(e) = application::continue_after(&self.store, year, last) {
                    tracing::error!(error = %e, "cannot move the tracking sequence on");
                }
            }
        }
        let recorded = match &result {
            Ok(_) => {
                // The hub answers: whatever waits for it may go now. But an outage ends when
                // delivery works again: with items waiting, the worker's next delivery
                // decides (a hub that answers this and refuses every batch is still out).
                let recorded = match outbox::has_undelivered(&self.store) {
                    // The paused worker may try now, at the monitor's pace, instead of
                    // waiting out a long pause; its delivery decides the rest.
                    Ok(true) => sync::try_now(&self.store),
                    Ok(false) => sync::record_success(&self.store, checked_at, &mut rng),
                    Err(e) => Err(outbox_error(e)),
                };
                self.wake.notify_one();
                recorded
            }
            Err(HubError::Unreachable { cause, .. }) => sync::record_failure(
                &self.store,
                Some(*cause),
                &result_error(&result),
                None,
                checked_at,
                &mut rng,
            )
            .map(|_| ()),
            Err(_) => Ok(()),
        };
        if let Err(e) = recorded {
            tracing::error!(error = %e, "cannot record the connection check");
        }
        // What staff must act on though the hub answers (a kiosk enrolled before codes).
        let mut attention = None;
        if result.is_ok() {
            if let Err(e) = catalogue::refresh(&self.store, &client, &rfc3339(checked_at)).await {
                tracing::warn!(error = %e, "catalogue not refreshed");
            }
            if let Err(e) = permit_check::refresh(&self.store, &client, &rfc3339(checked_at)).await
            {
                tracing::warn!(error = %e, "trust lists not refreshed");
                if e.to_string().contains(permit_check::ROOT_UNCONFIRMED) {
                    attention = Some(permit_check::ROOT_UNCONFIRMED.to_owned());
                }
            }
            if let Err(e) = office::refresh(&self.store, &client, &rfc3339(checked_at)).await {
                tracing::warn!(error = %e, "office calendar not refreshed");
            }
            self.heartbeat(&client, checked_at).await;
        }
        match result {
            Ok(me) => {
                let skew = OffsetDateTime::parse(
                    &me.server_time,
                    &time::format_description::well_known::Rfc3339,
                )
                .ok()
                .map(|hub| (hub - checked_at).whole_seconds());
                report(ConnectionState::Online, skew, attention)
            }
            Err(HubError::Unauthorized) => report(
                ConnectionState::Unauthorized,
                None,
                Some(HubError::Unauthorized.to_string()),
            ),
            Err(e) => report(ConnectionState::Offline, None, Some(e.to_string())),
        }
    }

    /// The cached service catalogue (`None` when this kiosk never received one).
    pub fn catalogue(&self) -> Result<Option<Catalogue>, CoreError> {
        catalogue::load(&self.store)
    }

    /// Kota Metro's kelurahan, for the address picker.
    pub fn kelurahan(&self) -> Vec<Kelurahan> {
        anjungan_apply::regions::metro_kelurahan().to_vec()
    }

    /// Every problem with an application draft, as the screens show them.
    pub fn application_problems(
        &self,
        draft: &ApplicationDraft,
    ) -> Result<Vec<Problem>, CoreError> {
        let catalogue = self.catalogue()?;
        Ok(application::problems(
            catalogue.as_ref(),
            &self.inbox,
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
        let enrolment = enrolment::load(&self.store)?.ok_or(CoreError::NotEnrolled)?;
        let kiosk_number = enrolment.kiosk_number.ok_or(CoreError::NotEnrolled)?;
        let catalogue = self.catalogue()?;
        let (calendar, _) = office::load(&self.store)?;
        let now = self.now();
        let saved = application::submit(
            &self.store,
            catalogue.as_ref(),
            &self.inbox,
            &application::Issuer {
                kiosk_number,
                kiosk_name: &enrolment.kiosk_name,
                hub_url: Some(&enrolment.hub_url),
                calendar: &calendar,
            },
            draft,
            now,
            rng,
        )?;
        self.wake.notify_one();
        Ok(ApplicationReceipt {
            tracking_number: saved.tracking_number,
            id: saved.id,
            saved_at: rfc3339(now),
            online: {
                let state = sync::load_state(&self.store)?;
                state.last_success_ms.is_some() && state.consecutive_failures == 0
            },
            receipt: saved.receipt,
        })
    }

    /// A receipt issued here (`None`: unknown or already purged).
    pub fn receipt(&self, tracking_number: &str) -> Result<Option<Receipt>, CoreError> {
        receipts::load(&self.store, tracking_number)
    }

    /// Prints a receipt on this kiosk's printer. From the citizen's screen (`recent_only`)
    /// only a receipt issued in the last 30 minutes: the kiosk window cannot reprint other
    /// people's receipts; staff can.
    pub async fn print_receipt(
        &self,
        tracking_number: &str,
        recent_only: bool,
    ) -> Result<PrintOutcome, CoreError> {
        let receipt = self
            .receipt(tracking_number)?
            .ok_or_else(|| CoreError::InvalidInput("no receipt with that number here".into()))?;
        let now = self.now();
        if recent_only {
            let issued = OffsetDateTime::parse(
                &receipt.issued_at,
                &time::format_description::well_known::Rfc3339,
            )
            .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
            if now - issued > time::Duration::minutes(30) {
                return Err(CoreError::StaffLocked);
            }
        }
        let config = printing::load(&self.store)?;
        receipts::print(&self.store, &config, &receipt, now).await
    }

    /// The counter's receipts: today's, or those matching a number or masked name.
    pub fn receipts(&self, query: Option<&str>) -> Result<Vec<ReceiptRow>, CoreError> {
        receipts::list(&self.store, query, self.now())
    }

    /// Asks the configured printer how it is, printing nothing; logged like a print.
    pub async fn printer_check(&self) -> Result<PrintOutcome, CoreError> {
        let config = printing::load(&self.store)?;
        let outcome = anjungan_receipt::printer::probe(
            &config,
            anjungan_receipt::printer::Patience::default(),
            self.now(),
        )
        .await;
        receipts::record(&self.store, None, &outcome)?;
        Ok(outcome)
    }

    /// Notes how the camera was found (`ok`, `unavailable`, `lost`), for the heartbeat: the
    /// office learns of a dead camera before a citizen does.
    pub fn note_camera(&self, state: &'static str) {
        *self
            .camera_state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(state);
    }

    pub fn camera_state(&self) -> Option<&'static str> {
        *self
            .camera_state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The printer setting in effect (`none` without one).
    pub fn printer(&self) -> Result<PrinterConfig, CoreError> {
        printing::load(&self.store)
    }

    pub fn set_printer(&self, spec: &str) -> Result<String, CoreError> {
        printing::set(&self.store, spec)
    }

    /// The office's e-SKM rules in effect here.
    pub fn skm_rules(&self) -> Result<SkmRules, CoreError> {
        Ok(office::load(&self.store)?.1)
    }

    /// A receipt's e-SKM code, checked here, then by the hub when it answers within a few
    /// seconds (see [`survey::check_code`]).
    pub async fn skm_code_check(&self, input: &str) -> Result<SkmCodeCheck, CoreError> {
        survey::check_code(&self.store, self.client_with(Timeouts::quick()), input).await
    }

    /// The kiosk's number at its hub, part of every tracking number it issues.
    pub fn kiosk_number(&self) -> Result<u16, CoreError> {
        enrolment::load(&self.store)?
            .and_then(|e| e.kiosk_number)
            .ok_or(CoreError::NotEnrolled)
    }

    /// The next tracking number of this kiosk, outside an application (synthetic items).
    pub fn next_tracking_number(&self) -> Result<String, CoreError> {
        application::next_number(&self.store, self.kiosk_number()?, self.now())
    }

    /// What the inbox holds for the application being filled in.
    pub fn inbox_documents(&self) -> Result<Vec<InboxDocument>, CoreError> {
        Ok(self.inbox.list()?)
    }

    /// One pass over a scanner folder (for scripts; the app watches instead).
    pub fn inbox_scan_once(&self, dir: &Path) -> Result<InboxReport, CoreError> {
        Ok(anjungan_capture::folder::scan_once(
            dir,
            &self.inbox,
            anjungan_capture::folder::DEFAULT_SETTLE,
        )?)
    }

    /// Watches the scanner folder until the returned handle is dropped.
    pub fn inbox_watch(
        &self,
        on_report: impl Fn(InboxReport) + Send + 'static,
    ) -> anjungan_capture::watch::Watch {
        anjungan_capture::watch::watch(
            &self.scanner_dir,
            self.inbox.clone(),
            anjungan_capture::folder::DEFAULT_SETTLE,
            on_report,
        )
    }

    /// A document from a file staff chose (or a camera still): judged like a scan, and
    /// reported like one (taken, or refused with the reason).
    pub fn add_document(&self, name: &str, bytes: &[u8]) -> Result<InboxReport, CoreError> {
        Ok(self.inbox.take(name, bytes)?)
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
        Ok(self.inbox.remove(sha256)?)
    }

    /// The citizen left: the documents of the abandoned application are deleted.
    pub fn inbox_discard(&self) -> Result<usize, CoreError> {
        Ok(self.inbox.clear()?)
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
            .unwrap_or_else(std::sync::PoisonError::into_inner) = std::time::SystemTime::now();
        self.inbox.clear()?;
        self.complaint_tray.clear();
        anjungan_capture::folder::clear(&self.scanner_dir).map_err(|e| {
            CoreError::Internal(format!("the scanner folder cannot be emptied: {e}"))
        })?;
        Ok(())
    }

    /// See [`Kiosk::held_floor`]'s field.
    pub(crate) fn held_floor(&self) -> Option<usize> {
        *self
            .held_floor
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn set_held_floor(&self, floor: Option<usize>) {
        *self
            .held_floor
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = floor;
    }

    /// "Kirim sekarang": everything waiting goes now, held items and backoffs alike, and
    /// the worker is woken. Returns how many items were waiting.
    pub fn send_now(&self) -> Result<usize, CoreError> {
        let n = outbox::due_now(&self.store, self.now()).map_err(outbox_error)?;
        sync::try_now(&self.store)?;
        self.wake.notify_one();
        Ok(n)
    }

    /// Staff confirm the office's root fingerprint on a kiosk enrolled before enrolment
    /// codes carried it (see [`permit_check::confirm_root`]).
    pub fn confirm_root(&self, fingerprint: &str) -> Result<(), CoreError> {
        permit_check::confirm_root(&self.store, fingerprint)
    }

    /// The public page of a service at the hub, for "Simpan ke HP" (`None` when not
    /// enrolled).
    pub fn service_link(&self, code: &str) -> Result<Option<String>, CoreError> {
        let Some(e) = enrolment::load(&self.store)? else {
            return Ok(None);
        };
        let mut url = url::Url::parse(&e.hub_url)
            .map_err(|err| CoreError::InvalidInput(format!("the hub address: {err}")))?;
        url.path_segments_mut()
            .map_err(|()| CoreError::InvalidInput("the hub address has no path".into()))?
            .pop_if_empty()
            .extend(["s", code]);
        Ok(Some(url.to_string()))
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

    /// Every problem with a complaint, as the screens show them.
    pub fn complaint_problems(&self, draft: &ComplaintDraft) -> Vec<Problem> {
        complaint::problems(draft, self.now())
    }

    /// "Foto dengan kamera" for a complaint: the newest frame, kept in memory.
    pub fn complaint_attach_photo(
        &self,
        camera: &crate::document_camera::DocumentCamera,
    ) -> Result<Vec<ComplaintAttachment>, CoreError> {
        let jpeg = camera.still_jpeg()?.ok_or_else(|| {
            CoreError::CameraUnavailable("the camera has not delivered a picture yet".into())
        })?;
        self.complaint_tray
            .add(jpeg)
            .map_err(|e| CoreError::InvalidInput(e.to_string()))
    }

    /// "Ambil dari pemindai" for a complaint: what the scanner saved for this citizen.
    pub fn complaint_attach_scans(&self) -> Result<Vec<ComplaintAttachment>, CoreError> {
        let since = *self
            .session_start
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        complaint::take_scans(
            &self.scanner_dir,
            &self.complaint_tray,
            since,
            std::time::SystemTime::now(),
        )?;
        Ok(self.complaint_tray.list())
    }

    /// A file's bytes attached to a complaint (the CLI's `--attach`).
    pub fn complaint_attach_bytes(
        &self,
        bytes: Vec<u8>,
    ) -> Result<Vec<ComplaintAttachment>, CoreError> {
        self.complaint_tray
            .add(bytes)
            .map_err(|e| CoreError::InvalidInput(e.to_string()))
    }

    pub fn complaint_attachment_remove(&self, id: &str) -> Vec<ComplaintAttachment> {
        self.complaint_tray.remove(id)
    }

    /// The citizen left: the attachments are forgotten.
    pub fn complaint_discard(&self) {
        self.complaint_tray.clear();
    }

    /// Seals and saves a complaint with its attachments; durable when it returns.
    pub fn submit_complaint(
        &self,
        draft: &ComplaintDraft,
        rng: &mut impl RngCore,
    ) -> Result<ComplaintReceipt, CoreError> {
        let now = self.now();
        let recipient = complaint::recipient(&self.store)?;
        let saved = complaint::submit(
            &self.store,
            recipient.as_deref(),
            &self.complaint_tray,
            self.kiosk_number()?,
            draft,
            now,
            rng,
        )?;
        self.wake.notify_one();
        let state = sync::load_state(&self.store)?;
        Ok(ComplaintReceipt {
            qr_text: format!(
                "{}{}:{}",
                complaint::QR_PREFIX,
                saved.tracking_number,
                saved.pin
            ),
            tracking_number: saved.tracking_number,
            pin: saved.pin,
            saved_at: rfc3339(now),
            online: state.last_success_ms.is_some() && state.consecutive_failures == 0,
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
            .client()?
            .complaint_status(&number.to_string(), pin)
            .await?)
    }

    /// "Cek Status Permohonan" for a typed number or a scanned receipt QR: this kiosk's
    /// queue, the hub, or the hub's last answer with its age. A mistyped number (wrong check
    /// digit) or another office's receipt is refused before the hub is asked.
    pub async fn check_status(&self, input: &str) -> Result<StatusLookup, CoreError> {
        let hub_url = enrolment::load(&self.store)?.map(|e| e.hub_url);
        let (calendar, _) = office::load(&self.store)?;
        // A status answer may carry a long history: a second more than a quick question.
        let quick = Timeouts {
            request: Duration::from_secs(5),
            ..Timeouts::quick()
        };
        status::check(
            &self.store,
            self.client_with(quick),
            hub_url.as_deref(),
            &calendar,
            input,
            self.now(),
        )
        .await
    }

    /// Sends a heartbeat for the office's fleet view, at most once a minute; a failure is
    /// only logged (the connection check has its own verdict).
    async fn heartbeat(&self, client: &HubClient, now: OffsetDateTime) {
        {
            let mut last = self
                .last_heartbeat
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.is_some_and(|t| now - t < crate::heartbeat::EVERY) {
                return;
            }
            *last = Some(now);
        }
        let sent = match crate::heartbeat::build(self, now) {
            Ok(h) => client.heartbeat(&h).await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "heartbeat not sent");
        }
    }

    /// Makes the staff window's statistics database anew (no personal field) and returns
    /// its path, for the staff window to read through the SQL plugin.
    pub fn staff_stats(&self) -> Result<PathBuf, CoreError> {
        crate::stats::refresh(&self.store, &self.data_dir, self.now())
    }

    /// A staff PIN attempt. Argon2id takes tens of milliseconds on purpose: call it off the
    /// UI thread.
    pub fn staff_login(
        &self,
        pin: &str,
        rng: &mut impl RngCore,
    ) -> Result<StaffLoginResult, CoreError> {
        Ok(staff_access::attempt(&self.store, pin, self.now(), rng)?)
    }
}

fn result_error<T>(r: &Result<T, HubError>) -> String {
    r.as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn valid_date(d: &str) -> bool {
    time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}
