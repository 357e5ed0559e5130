//! Permit QR codes (Pasal 16–17): a compact token signed with the office's Ed25519 seal key,
//! carried in the fragment of the verification URL, checked offline against a trust list of
//! seal keys and a revocation list.
//!
//! - [`token`]: `kid.payload.signature`; the signature covers `kid.payload`, and nothing in
//!   the payload is read before it is verified.
//! - [`trust`]: the lists the hub signs and kiosks sync.
//! - [`verify`]: QR text → verdict (ASLI, KEDALUWARSA, DICABUT, TIDAK_DIKENAL, PERLU_ONLINE).

pub mod token;
pub mod trust;
pub mod verify;
