//! What the kiosk's machinery shares, without the citizen in front of it: the store (whose
//! delivery bell wakes the sync worker), the clock, the data folder, a client for the hub
//! this kiosk is enrolled with, and what the heartbeat reports that no table holds. The
//! sync worker, the heartbeat and the camera bridge take a `Context`, never a
//! [`Kiosk`](crate::Kiosk): they run beside the screens and need none of the session's state.

use crate::clock::Clock;
use crate::enrolment::{self, Enrolment};
use crate::error::CoreError;
use crate::hub_client::{HubClient, Timeouts};
use crate::store::{Store, StoreError};
use crate::trust;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use time::OffsetDateTime;
use tokio::sync::Notify;

/// How the verify screen last found the camera, for the heartbeat: the office learns of a
/// dead camera before a citizen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraState {
    Ok,
    Unavailable,
    Lost,
}

impl CameraState {
    /// The heartbeat's word for it.
    pub fn code(self) -> &'static str {
        match self {
            CameraState::Ok => "ok",
            CameraState::Unavailable => "unavailable",
            CameraState::Lost => "lost",
        }
    }
}

pub struct Context {
    store: Store,
    data_dir: PathBuf,
    clock: Arc<dyn Clock>,
    camera: Mutex<Option<CameraState>>,
    /// When the last heartbeat went to the hub (at most one a minute).
    last_heartbeat: Mutex<Option<OffsetDateTime>>,
    /// The smallest document the path to the hub refused for its size (413), while items
    /// are held for it: a later upload at least this large means the limit was raised.
    held_floor: Mutex<Option<usize>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Context {
    /// Opens the store in `data_dir`, creating the folder (readable by this user only: the
    /// queue holds citizens' personal data until the hub has it).
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Self, CoreError> {
        anjungan_files::dir(data_dir).map_err(|e| {
            CoreError::Store(StoreError::Open {
                path: data_dir.to_owned(),
                source: rusqlite::Error::InvalidPath(PathBuf::from(e.to_string())),
            })
        })?;
        let store = Store::open(data_dir)?;
        // It holds personal data and the kiosk's token: anything others can read is named.
        anjungan_files::warn_if_too_open(data_dir);
        Ok(Self {
            store,
            data_dir: data_dir.to_owned(),
            clock,
            camera: Mutex::new(None),
            last_heartbeat: Mutex::new(None),
            held_floor: Mutex::new(None),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// What the sync worker waits on (the store's delivery bell).
    pub fn wake(&self) -> Arc<Notify> {
        self.store.bell()
    }

    /// A client for the hub this kiosk is enrolled with ([`CoreError::NotEnrolled`] before).
    pub fn client(&self, timeouts: Timeouts) -> Result<HubClient, CoreError> {
        let e = enrolment::load(&self.store)?.ok_or(CoreError::NotEnrolled)?;
        client_for(&self.store, &e, timeouts)
    }

    /// Notes how the camera was found, for the heartbeat.
    pub fn note_camera(&self, state: CameraState) {
        *lock(&self.camera) = Some(state);
    }

    pub fn camera_state(&self) -> Option<CameraState> {
        *lock(&self.camera)
    }

    /// Whether a heartbeat is due at `now`; if so, `now` counts as the last one.
    pub(crate) fn heartbeat_due(&self, now: OffsetDateTime, every: time::Duration) -> bool {
        let mut last = lock(&self.last_heartbeat);
        if last.is_some_and(|t| now - t < every) {
            return false;
        }
        *last = Some(now);
        true
    }

    /// See the field.
    pub(crate) fn held_floor(&self) -> Option<usize> {
        *lock(&self.held_floor)
    }

    pub(crate) fn set_held_floor(&self, floor: Option<usize>) {
        *lock(&self.held_floor) = floor;
    }
}

/// A client for the hub of `e`. A kiosk whose code pinned the hub's TLS key accepts, once
/// it holds the office's root-signed lists, exactly the keys those lists name (a renewal is
/// announced there, a retired key leaves them); before that, the enrolment code's key alone.
pub(crate) fn client_for(
    store: &Store,
    e: &Enrolment,
    timeouts: Timeouts,
) -> Result<HubClient, CoreError> {
    let pins = pins_for(e.tls_pin.as_deref(), trust::signed_tls_pins(store)?);
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
