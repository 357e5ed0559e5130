//! The kiosk's core, runnable without a window: the Tauri shell and `anjungan-cli` both
//! adapt [`Kiosk`], which owns the local store and talks to the hub.
//!
//! Map of the crate:
//! - [`store`]: the SQLite file (pragmas, embedded migrations, integrity check).
//! - [`enrolment`]: which hub this kiosk belongs to, and its token.
//! - [`staff_access`]: the staff PIN and its lockout.
//! - [`hub_client`]: HTTP calls to the hub, with timeouts and typed failures.
//! - [`staff_session`]: the staff window's unlocked period after a correct PIN.
//! - [`navigation`]: which URLs a kiosk webview may show.
//! - [`settings`]: per-site tuning (idle timeout).
//! - [`application`]: Ajukan Izin: a draft checked and saved with its documents and number.
//! - [`outbox`]: citizen actions saved with their delivery promise, until the hub has them.
//! - [`sync`]: the one worker that delivers the outbox (batches, backoff, leases, pause).
//! - [`backoff`]: capped exponential backoff with full jitter, and `Retry-After`.
//! - [`outage`]: the Pasal 29 outage log.
//! - [`failpoint`]: named crash points for the crash tests.
//! - [`survey`]: e-SKM responses, CSV import and the kiosk's own IKM figures.
//! - [`permit_check`]: Cek Keaslian Izin: the synced trust lists and the verdict.
//! - [`camera_check`]: the same check from the camera, with previews for the screen.
//! - [`document_camera`]: a document photographed with the kiosk camera, for the inbox.
//! - [`hub_documents`]: hub documents kept for offline use, with their ETags.
//! - [`catalogue`]: the hub's service catalogue, cached for offline use.
//! - [`kiosk`]: the use cases, composed from the above.
//! - [`clock`]: time is passed in, so tests control it.
//! - [`error`]: one error type per concern, and their `{code, message}` form for the UI.

pub mod application;
pub mod backoff;
pub mod camera_check;
pub mod catalogue;
pub mod clock;
pub mod complaint;
pub mod document_camera;
pub mod enrolment;
pub mod error;
pub mod failpoint;
pub mod heartbeat;
pub mod hub_client;
pub mod hub_documents;
pub mod kiosk;
pub mod navigation;
pub mod office;
pub mod outage;
pub mod outbox;
pub mod permit_check;
pub mod printing;
pub mod receipts;
pub mod settings;
pub mod speech;
pub mod staff_access;
pub mod staff_session;
pub mod stats;
pub mod status;
pub mod store;
pub mod survey;
pub mod sync;

pub use clock::{Clock, SystemClock};
pub use error::CoreError;
pub use kiosk::{Enrolled, Kiosk, KioskStatus};
