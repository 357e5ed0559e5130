//! `anjungan-hub`: the reference central server that Anjungan kiosks sync with.
//!
//! Map of the crate:
//! - [`applications`]: applications as records (applicant, documents, status history).
//! - [`catalogue`]: the service catalogue, imported and versioned.
//! - [`service_page`]: `/s/{code}`, a service's information for phones.
//! - [`db`]: the storage seam: SQLite under the data directory, or PostgreSQL (sqlx `Any`).
//! - [`kiosks`]: enrolment and token checks.
//! - [`fleet`]: kiosks' heartbeats and the office's status page.
//! - [`items`]: idempotent batch ingestion: every upload read once as its typed item
//!   ([`anjungan_wire::item::Item`]) and handed to its kind: [`applications`], [`skm`],
//!   [`complaints`], [`outages`], [`verifications`] (each checks, stores and counts its own).
//! - [`numbers`]: tracking numbers as filed: the sender's own, or the office's for a taken one.
//! - [`quota`]: what one kiosk token may spend a day (items, document bytes, PIN attempts).
//! - [`blobs`]: content-addressed documents on disk.
//! - [`permits`]: seal keys, permit issuing and revocation, plain-URL lookups.
//! - [`register`]: permits this hub did not issue: the imported register, national verifiers.
//! - [`retention`]: how long personal data stays (UU PDP), the purge, a data subject's export and erasure.
//! - [`trust`]: the root key and the signed trust lists, TLS pins, enrolment codes.
//! - [`skm`]: e-SKM responses from every kiosk and their office-wide figures.
//! - [`demo`]: the demo catalogue and example applications.
//! - [`migrate`]: moving an office's hub from SQLite to PostgreSQL, checked table by table.
//! - [`routes`]: the `/v1` HTTP API, as `fn app(state) -> Router` so tests can drive it.
//! - [`evaluation`]: the yearly evaluation to the Mayor (Pasal 24), JSON and PDF.
//! - [`error`]: the one error type, rendered as `{code, message}`.
//! - [`server`]: listening, logging and graceful shutdown.
//! - [`testing`]: the engine tests run on (SQLite, or PostgreSQL with `ANJUNGAN_TEST_POSTGRES`).

pub mod applications;
pub mod audit;
pub mod backoffice;
pub mod blobs;
pub mod catalogue;
pub mod clock;
pub mod complaints;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod files;
pub mod fleet;
pub mod items;
pub mod keystore;
pub mod kiosks;
pub mod limits;
pub mod migrate;
pub mod numbers;
pub mod office;
pub mod outages;
pub mod permits;
pub mod quota;
pub mod register;
pub mod retention;
pub mod routes;
pub mod server;
pub mod service_page;
pub mod skm;
pub mod status_page;
pub mod testing;
pub mod trust;
pub mod verifications;

/// The OpenAPI document of `/v1`, served at `/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");
