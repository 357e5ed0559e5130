//! The rules of "Ajukan Izin", shared by the kiosk screens, the counter and
//! `anjungan-cli apply`, so every path refuses exactly the same drafts.
//!
//! - [`nik`]: the 16-digit NIK (region, encoded birth date, sex).
//! - [`contact`]: phone, e-mail, NIB and NPWP formats.
//! - [`regions`]: Indonesia's kecamatan codes and Kota Metro's kelurahan.
//! - [`tracking`]: tracking numbers issued offline, with a Damm check digit.
//! - [`validate`]: a whole application against its service in the catalogue.

pub mod contact;
pub mod nik;
pub mod regions;
pub mod tracking;
pub mod validate;

pub use tracking::TrackingNumber;
pub use validate::validate;
