//! Sending a receipt to the configured printer, and asking a printer how it is.
//!
//! Every failure ends as a [`PrintOutcome`] with a state staff can act on (offline, paper
//! out, job failed) and the printer's own words; nothing here panics or hides an error, and
//! the application it belongs to is already saved whatever happens.

use crate::{escpos, pdf};
use anjungan_wire::receipt::{Paper, PrintOutcome, PrintState, PrinterConfig, Receipt};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long a print may take before the kiosk stops waiting (the job may still print).
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    pub connect: Duration,
    /// For an IPP job to reach a final state.
    pub job: Duration,
    /// For a thermal printer to answer the paper-status query.
    pub status_reply: Duration,
}

impl Default for Patience {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(3),
            job: Duration::from_secs(20),
            status_reply: Duration::from_millis(400),
        }
    }
}

/// `DLE EOT 4`: the paper-roll sensor status; bits 5 and 6 set mean the paper has run out.
pub const PAPER_STATUS_QUERY: [u8; 3] = [0x10, 0x04, 0x04];
const PAPER_END: u8 = 0x60;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Qr(#[from] escpos::QrTooLong),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

/// The bytes `config`'s printer takes: ESC/POS for thermal printers, PDF for IPP; `None`
/// without a printer.
pub fn bytes_for(
    config: &PrinterConfig,
    receipt: &Receipt,
    now: OffsetDateTime,
) -> Result<Option<Vec<u8>>, RenderError> {
    Ok(match config {
        PrinterConfig::None => None,
        PrinterConfig::EscposUsb { paper, .. } | PrinterConfig::EscposTcp { paper, .. } => {
            Some(escpos::render(receipt, *paper)?)
        }
        PrinterConfig::Ipp { .. } => Some(pdf::render(receipt, now)?),
    })
}

pub fn printer_name(config: &PrinterConfig) -> &'static str {
    match config {
        PrinterConfig::None => "none",
        PrinterConfig::EscposUsb { .. } => "escpos_usb",
        PrinterConfig::EscposTcp { .. } => "escpos_tcp",
        PrinterConfig::Ipp { .. } => "ipp",
    }
}

fn outcome(
    config: &PrinterConfig,
    state: PrintState,
    detail: Option<String>,
    now: OffsetDateTime,
) -> PrintOutcome {
    PrintOutcome {
        state,
        detail,
        printer: printer_name(config).to_owned(),
        at: now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
    }
}

/// Prints `bytes` (from [`bytes_for`]) on `config`'s printer. `title` names the job in the
/// queue; it must not be personal data (the tracking number is used).
pub async fn print(
    config: &PrinterConfig,
    bytes: Vec<u8>,
    title: &str,
    patience: Patience,
    now: OffsetDateTime,
) -> PrintOutcome {
    let (state, detail) = match config {
        PrinterConfig::None => (PrintState::NoPrinter, None),
        PrinterConfig::EscposUsb { path, .. } => usb(path, &bytes).await,
        PrinterConfig::EscposTcp { address, .. } => tcp(address, Some(&bytes), patience).await,
        PrinterConfig::Ipp { uri } => ipp_queue::print(uri, bytes, title, patience).await,
    };
    outcome(config, state, detail, now)
}

/// Asks the printer how it is, printing nothing: `Ready`, `Offline` or `PaperOut`.
pub async fn probe(
    config: &PrinterConfig,
    patience: Patience,
    now: OffsetDateTime,
) -> PrintOutcome {
    let (state, detail) = match config {
        PrinterConfig::None => (PrintState::NoPrinter, None),
        PrinterConfig::EscposUsb { path, .. } => match usb(path, &[]).await {
            (PrintState::Printed, d) => (PrintState::Ready, d),
            other => other,
        },
        PrinterConfig::EscposTcp { address, .. } => tcp(address, None, patience).await,
        PrinterConfig::Ipp { uri } => ipp_queue::probe(uri, patience).await,
    };
    outcome(config, state, detail, now)
}

/// A USB printer is a character device: open it without creating anything (an unplugged
/// printer must not become a regular file) and write.
async fn usb(path: &str, bytes: &[u8]) -> (PrintState, Option<String>) {
    let file = tokio::fs::OpenOptions::new().append(true).open(path).await;
    let mut file = match file {
        Ok(f) => f,
        Err(e) => return (PrintState::Offline, Some(format!("{path}: {e}"))),
    };
    match async {
        file.write_all(bytes).await?;
        file.flush().await
    }
    .await
    {
        Ok(()) => (PrintState::Printed, None),
        Err(e) => (PrintState::JobFailed, Some(format!("{path}: {e}"))),
    }
}

/// A network thermal printer: connect, ask for the paper sensor (printers that do not
/// answer are assumed to have paper), then send and close.
async fn tcp(
    address: &str,
    bytes: Option<&[u8]>,
    patience: Patience,
) -> (PrintState, Option<String>) {
    let connect =
        tokio::time::timeout(patience.connect, tokio::net::TcpStream::connect(address)).await;
    let mut stream = match connect {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return (PrintState::Offline, Some(format!("{address}: {e}"))),
        Err(_) => return (PrintState::Offline, Some(format!("{address}: no answer"))),
    };
    if let Err(e) = stream.write_all(&PAPER_STATUS_QUERY).await {
        return (PrintState::Offline, Some(format!("{address}: {e}")));
    }
    let mut reply = [0u8; 1];
    if let Ok(Ok(1)) = tokio::time::timeout(patience.status_reply, stream.read(&mut reply)).await {
        if reply[0] & PAPER_END != 0 {
            return (
                PrintState::PaperOut,
                Some(format!("{address}: paper end sensor")),
            );
        }
    }
    let Some(bytes) = bytes else {
        return (PrintState::Ready, None);
    };
    match async {
        stream.write_all(bytes).await?;
        stream.flush().await?;
        stream.shutdown().await
    }
    .await
    {
        Ok(()) => (PrintState::Printed, None),
        Err(e) => (PrintState::JobFailed, Some(format!("{address}: {e}"))),
    }
}

/// The paper a config prints on, for the thermal renderers.
pub fn paper(config: &PrinterConfig) -> Option<Paper> {
    match config {
        PrinterConfig::EscposUsb { paper, .. } | PrinterConfig::EscposTcp { paper, .. } => {
            Some(*paper)
        }
        _ => None,
    }
}

mod ipp_queue;
