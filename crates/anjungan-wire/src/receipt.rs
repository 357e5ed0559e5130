//! The receipt (bukti pendaftaran) an applicant takes home, and the printers that print it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything printed on a receipt. No NIK, no address, no phone: the applicant's name only
/// masked ("S*** A****"), so a receipt left on the counter tells a stranger nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Receipt {
    /// Printed form, `26-001-00042-7`.
    pub tracking_number: String,
    pub office_name: String,
    pub service_code: String,
    pub service_name: String,
    /// `baru`, `perpanjangan` or `perubahan`.
    pub kind: String,
    /// RFC 3339, UTC; printed in WIB.
    pub issued_at: String,
    pub applicant_masked: String,
    /// Names of the documents received.
    pub documents_received: Vec<String>,
    /// Names of mandatory documents still to bring.
    pub documents_to_bring: Vec<String>,
    pub sla_working_days: Option<u32>,
    /// YYYY-MM-DD: the due date if the file is declared complete on the day of the receipt.
    pub estimated_due: Option<String>,
    /// What the status QR holds: the hub's public status page, or the bare number when the
    /// kiosk was never enrolled.
    pub status_url: String,
    /// The one-time e-SKM code, ten digits, the last a check digit.
    pub skm_code: String,
    /// What the e-SKM QR holds (`ANJUNGAN-SKM:` and the code).
    pub skm_qr: String,
    pub kiosk_name: String,
}

/// Which printer a kiosk prints receipts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrinterConfig {
    /// No printer: the screen shows the number and its QR to photograph.
    None,
    /// A thermal printer on USB, `/dev/usb/lp0`.
    EscposUsb { path: String, paper: Paper },
    /// A thermal printer on the network, raw TCP (port 9100).
    EscposTcp { address: String, paper: Paper },
    /// A CUPS queue (or any IPP printer), A4 PDF: `ipp://localhost:631/printers/KioskPDF`.
    Ipp { uri: String },
}

/// Thermal paper width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Paper {
    #[serde(rename = "80mm")]
    Mm80,
    #[serde(rename = "58mm")]
    Mm58,
}

impl Paper {
    /// Printable dots across at 203 dpi.
    pub fn dots(self) -> u32 {
        match self {
            Paper::Mm80 => 576,
            Paper::Mm58 => 384,
        }
    }
    /// Characters per line in font A (12 dots wide).
    pub fn columns(self) -> usize {
        match self {
            Paper::Mm80 => 48,
            Paper::Mm58 => 32,
        }
    }
}

/// How one print ended, as staff see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrintState {
    Printed,
    /// The printer answers and can print (a check from the staff window).
    Ready,
    /// The queue accepted the job and has not finished it yet.
    Queued,
    /// No printer configured.
    NoPrinter,
    /// Unplugged, switched off, unreachable, or the queue does not exist.
    Offline,
    PaperOut,
    /// Accepted, then failed (the printer's own words in `message`).
    JobFailed,
}

/// The answer to "print this receipt".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrintOutcome {
    pub state: PrintState,
    /// The printer's own words (IPP `printer-state-message`, an OS error), untranslated.
    pub detail: Option<String>,
    /// `escpos_usb`, `escpos_tcp`, `ipp` or `none`.
    pub printer: String,
    pub at: String,
}

/// One receipt of the day, for the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceiptRow {
    pub tracking_number: String,
    pub service_name: String,
    pub applicant_masked: String,
    pub issued_at: String,
    /// The last print of it, if any.
    pub last_print: Option<PrintOutcome>,
    /// Whether the hub has confirmed the application.
    pub sent: bool,
}
