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

/// Reads a printer setting as staff write it:
/// `none`, `usb:/dev/usb/lp0`, `tcp:192.168.1.50:9100` (each thermal one with an optional
/// `?paper=58mm`, 80 mm otherwise), or an IPP address `ipp://localhost:631/printers/KioskPDF`.
pub fn parse_spec(spec: &str) -> Result<PrinterConfig, String> {
    let spec = spec.trim();
    let (head, paper) = match spec.split_once("?paper=") {
        Some((h, "58mm")) => (h, Paper::Mm58),
        Some((h, "80mm")) => (h, Paper::Mm80),
        Some((_, other)) => return Err(format!("paper {other:?}: use 58mm or 80mm")),
        None => (spec, Paper::Mm80),
    };
    if head.is_empty() || head == "none" {
        Ok(PrinterConfig::None)
    } else if let Some(path) = head.strip_prefix("usb:") {
        if !path.starts_with('/') {
            return Err("usb: takes a device path such as /dev/usb/lp0".into());
        }
        Ok(PrinterConfig::EscposUsb {
            path: path.to_owned(),
            paper,
        })
    } else if let Some(address) = head.strip_prefix("tcp:") {
        let ok = address
            .rsplit_once(':')
            .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok());
        if !ok {
            return Err("tcp: takes host:port, such as 192.168.1.50:9100".into());
        }
        Ok(PrinterConfig::EscposTcp {
            address: address.to_owned(),
            paper,
        })
    } else if head.starts_with("ipp://") || head.starts_with("ipps://") {
        head.parse::<http::Uri>()
            .map_err(|e| format!("{head}: {e}"))?;
        Ok(PrinterConfig::Ipp {
            uri: head.to_owned(),
        })
    } else {
        Err(format!(
            "{spec:?}: a printer is none, usb:/dev/usb/lp0, tcp:HOST:9100 or ipp://HOST:631/printers/NAME"
        ))
    }
}

/// The setting back in the form [`parse_spec`] reads.
pub fn spec_of(config: &PrinterConfig) -> String {
    let paper = |p: &Paper| match p {
        Paper::Mm80 => "",
        Paper::Mm58 => "?paper=58mm",
    };
    match config {
        PrinterConfig::None => "none".into(),
        PrinterConfig::EscposUsb { path, paper: p } => format!("usb:{path}{}", paper(p)),
        PrinterConfig::EscposTcp { address, paper: p } => format!("tcp:{address}{}", paper(p)),
        PrinterConfig::Ipp { uri } => uri.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_settings_read_back() {
        for spec in [
            "none",
            "usb:/dev/usb/lp0",
            "tcp:127.0.0.1:9100?paper=58mm",
            "ipp://localhost:631/printers/KioskPDF",
        ] {
            assert_eq!(spec_of(&parse_spec(spec).expect(spec)), spec);
        }
        assert!(parse_spec("tcp:printer").is_err());
        assert!(parse_spec("usb:lp0").is_err());
        assert!(parse_spec("lpt1").is_err());
        assert!(parse_spec("tcp:h:9100?paper=A4").is_err());
    }
}
