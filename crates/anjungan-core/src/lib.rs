//! The kiosk's core, runnable without a window: the Tauri shell and `anjungan-cli` both
//! adapt [`Kiosk`], which owns the local store and talks to the hub.
//!
//! Map of the crate, from the bottom up (no file imports one above it):
//! - [`store`]: the SQLite file (pragmas, embedded migrations, integrity check), its write
//!   transactions and the delivery bell they ring.
//! - [`clock`], [`failpoint`], [`backoff`], [`settings`], [`navigation`]: time passed in,
//!   named crash points, retry delays, per-site tuning, which URLs a webview may show.
//! - [`outbox`]: items saved with their delivery promise, until the hub has them.
//! - [`outage`]: the Pasal 29 outage log.
//! - [`enrolment`]: which hub this kiosk belongs to, and its token.
//! - [`staff_access`], [`staff_session`]: the staff PIN, its lockout, the unlocked period.
//! - [`hub_client`]: HTTP calls to the hub, with timeouts and typed failures.
//! - [`hub_documents`]: hub documents kept for offline use, with their ETags.
//! - [`trust`]: the office's signed lists and the keys they pin.
//! - [`error`]: one error type per concern, and their `{code, message}` form for the UI.
//! - [`context`]: store, clock, data folder and hub client: what the background parts take.
//! - [`sync`]: the one worker that delivers the outbox (batches, backoff, leases, pause).
//! - [`heartbeat`]: the kiosk's state for the office's fleet view.
//! - [`verification`]: Cek Keaslian Izin, the verdict for a QR's text.
//! - [`camera_check`], [`document_camera`]: the same check from the camera; a document
//!   photographed for the inbox.
//! - [`kiosk`]: the kiosk and the citizen in front of it.
//! - The slices, each with its `impl Kiosk` block: [`application`] (Ajukan Izin),
//!   [`complaint`] (Pengaduan), [`survey`] (e-SKM), [`status`] (Cek Status), [`receipts`]
//!   and [`printing`], [`catalogue`] and [`office`], [`tracking`] (numbers), [`connection`]
//!   (enrolment and the connection check), [`staff`], [`stats`], [`speech`].

pub mod application;
pub mod backoff;
pub mod camera_check;
pub mod catalogue;
pub mod clock;
pub mod complaint;
pub mod connection;
pub mod context;
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
pub mod printing;
pub mod receipts;
pub mod settings;
pub mod speech;
pub mod staff;
pub mod staff_access;
pub mod staff_session;
pub mod stats;
pub mod status;
pub mod store;
pub mod survey;
pub mod sync;
pub mod tracking;
pub mod trust;
pub mod verification;

pub use clock::{Clock, SystemClock};
pub use connection::Enrolled;
pub use context::Context;
pub use error::CoreError;
pub use kiosk::Kiosk;
pub use staff::KioskStatus;
