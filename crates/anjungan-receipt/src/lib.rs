//! Receipts (bukti pendaftaran): what is printed, in what order, and how it reaches paper.
//!
//! [`layout`] turns a [`Receipt`] into blocks once; [`escpos`] (thermal, 58/80 mm) and
//! [`pdf`] (A4, for CUPS) draw the same blocks, so the two never disagree on content.
//! [`printer`] sends the result and says how it went in words staff can act on.

pub mod escpos;
pub mod layout;
pub mod mask;
pub mod pdf;
pub mod printer;
pub mod when;

pub use anjungan_wire::receipt::{Paper, PrintOutcome, PrintState, PrinterConfig, Receipt};
pub use mask::mask_name;
