//! ESC/POS bytes for 58 and 80 mm thermal printers.
//!
//! Written here rather than through a printer-driver crate: a receipt needs seven commands
//! (initialise, align, bold, size, raster image, feed, cut), and the golden-file tests need
//! the exact bytes in memory, which a driver that writes each command to a device hides. The
//! QR is a raster image (`GS v 0`) drawn from the `qrcode` crate's modules, because cheap
//! printers lack the `GS ( k` QR command but all print raster images.

use crate::layout::{self, Block};
use anjungan_wire::receipt::{Paper, Receipt};

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;

#[derive(Debug, thiserror::Error)]
#[error("the QR code cannot hold {0} bytes")]
pub struct QrTooLong(usize);

/// The bytes a printer gets for `receipt`.
pub fn render(receipt: &Receipt, paper: Paper) -> Result<Vec<u8>, QrTooLong> {
    let mut out = Vec::with_capacity(16 * 1024);
    let cols = paper.columns();
    out.extend([ESC, b'@']); // initialise
    out.extend([ESC, b't', 0]); // code page PC437: the text is ASCII only
    for block in layout::blocks(receipt) {
        match block {
            Block::Title(t) => {
                align(&mut out, 1);
                out.extend([ESC, b'E', 1]);
                lines(&mut out, &t, cols);
                out.extend([ESC, b'E', 0]);
            }
            Block::Subtitle(t) => {
                align(&mut out, 1);
                lines(&mut out, &t, cols);
            }
            Block::Number(n) => {
                align(&mut out, 1);
                out.extend([GS, b'!', 0x11]); // double width and height
                out.extend([ESC, b'E', 1]);
                lines(&mut out, &n, cols / 2);
                out.extend([ESC, b'E', 0]);
                out.extend([GS, b'!', 0x00]);
            }
            Block::Field(label, value) => {
                align(&mut out, 0);
                let prefix = format!("{label:<10}: ");
                let width = cols.saturating_sub(prefix.len()).max(8);
                for (i, line) in wrap(&ascii(&value), width).into_iter().enumerate() {
                    let head = if i == 0 {
                        prefix.clone()
                    } else {
                        " ".repeat(prefix.len())
                    };
                    out.extend(head.bytes());
                    out.extend(line.bytes());
                    out.push(b'\n');
                }
            }
            Block::Heading(t) => {
                align(&mut out, 0);
                out.extend([ESC, b'E', 1]);
                lines(&mut out, &t, cols);
                out.extend([ESC, b'E', 0]);
            }
            Block::Item(t) => {
                align(&mut out, 0);
                for (i, line) in wrap(&ascii(&t), cols - 2).into_iter().enumerate() {
                    out.extend(if i == 0 { b"- " } else { b"  " });
                    out.extend(line.bytes());
                    out.push(b'\n');
                }
            }
            Block::Note(t) => {
                align(&mut out, 0);
                lines(&mut out, &t, cols);
            }
            Block::Qr { text, caption } => {
                align(&mut out, 1);
                qr_raster(&mut out, &text, paper)?;
                lines(&mut out, &caption, cols);
            }
            Block::Rule => {
                align(&mut out, 0);
                out.extend(std::iter::repeat_n(b'-', cols));
                out.push(b'\n');
            }
        }
    }
    out.extend([ESC, b'd', 4]); // feed 4 lines past the cutter
    out.extend([GS, b'V', 66, 0]); // partial cut
    Ok(out)
}

fn align(out: &mut Vec<u8>, how: u8) {
    out.extend([ESC, b'a', how]);
}

fn lines(out: &mut Vec<u8>, text: &str, cols: usize) {
    for line in wrap(&ascii(text), cols) {
        out.extend(line.bytes());
        out.push(b'\n');
    }
}

/// Printable ASCII: Latin letters lose their accents, anything else becomes `?`, so a
/// printer in any code page prints the same thing.
pub fn ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c,
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'À' | 'Á' | 'Â' | 'Ä' | 'Ã' => 'A',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'Ñ' => 'N',
            '–' | '—' => '-',
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            _ => '?',
        })
        .collect()
}

/// Greedy word wrap at `width` characters; words longer than a line are split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let rest = word.split_off(width);
            lines.push(word);
            word = rest;
        }
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Dots per QR module: at least 0.8 mm at 203 dpi (7 dots) where the paper allows.
fn module_dots(modules: usize, paper: Paper) -> usize {
    let usable = paper.dots() as usize * 3 / 4;
    (usable / modules.max(1)).clamp(3, 8)
}

/// `GS v 0`: the QR with a four-module quiet zone as one raster image.
fn qr_raster(out: &mut Vec<u8>, text: &str, paper: Paper) -> Result<(), QrTooLong> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| QrTooLong(text.len()))?;
    let n = code.width();
    let colours = code.to_colors();
    let quiet = 4;
    let modules = n + 2 * quiet;
    let scale = module_dots(modules, paper);
    let px = modules * scale;
    let row_bytes = px.div_ceil(8);
    let dark = |x: usize, y: usize| {
        let (mx, my) = (x / scale, y / scale);
        mx >= quiet
            && my >= quiet
            && mx < quiet + n
            && my < quiet + n
            && colours[(my - quiet) * n + (mx - quiet)] == qrcode::Color::Dark
    };
    out.extend([GS, b'v', b'0', 0]);
    out.extend(u16_le(row_bytes));
    out.extend(u16_le(px));
    for y in 0..px {
        for bx in 0..row_bytes {
            let mut byte = 0u8;
            for bit in 0..8 {
                let x = bx * 8 + bit;
                if x < px && dark(x, y) {
                    byte |= 0x80 >> bit;
                }
            }
            out.push(byte);
        }
    }
    out.push(b'\n');
    Ok(())
}

fn u16_le(v: usize) -> [u8; 2] {
    let v = u16::try_from(v).unwrap_or(u16::MAX);
    v.to_le_bytes()
}

#[cfg(test)]
mod tests {
    use super::{ascii, wrap};

    #[test]
    fn wraps_at_the_column() {
        assert_eq!(
            wrap("Persetujuan Bangunan Gedung dan Sertifikat", 16),
            ["Persetujuan", "Bangunan Gedung", "dan Sertifikat"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn text_is_plain_ascii() {
        assert_eq!(ascii("Café – Nyepi ✓"), "Cafe - Nyepi ?");
    }
}
