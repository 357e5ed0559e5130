//! Pengaduan (Perwali 27/2020 Pasal 20, in the shape of SP4N-LAPOR!).
//!
//! - [`validate`]: every problem with a complaint, each naming its field;
//! - [`seal`]: the complaint is encrypted on the kiosk to the office's complaint key with
//!   `age` (X25519) before it touches the disk; its content and the complainant's identity
//!   are two envelopes, so the identity can be kept apart at the hub;
//! - [`pin`]: the six-digit PIN that, with the number, opens the answer;
//! - [`tray`]: photos and scans attached while the complaint is filled in, in memory only;
//! - [`deadline`]: verified within 3 working days, answered within 5 after that.

pub mod deadline;
pub mod pin;
pub mod seal;
pub mod tray;
pub mod validate;

/// Longest chronology, in characters: generous (a page and a half), bounded.
pub const MAX_CHRONOLOGY: usize = 4000;
pub const MAX_TITLE: usize = 150;
pub const MAX_LINE: usize = 200;

/// The statuses a complaint moves through at the office.
pub const STATUSES: [&str; 6] = [
    "diterima",
    "diverifikasi",
    "diteruskan",
    "ditanggapi",
    "selesai",
    "ditolak",
];
