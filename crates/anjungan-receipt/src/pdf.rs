//! The A4 receipt for office printers (through CUPS): the same blocks as the thermal slip,
//! with the embedded Noto Sans the other PDFs use and vector QR codes.

use crate::escpos::wrap;
use crate::layout::{self, Block};
use anjungan_skm::pdf::{fill, rect, FontError, Fonts};
use anjungan_wire::receipt::Receipt;
use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("the QR code cannot hold {0} bytes")]
    QrTooLong(usize),
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 20.0;
const BOTTOM: f32 = 20.0;
/// 1 mm per module: well above the 0.8 mm a phone camera needs.
const QR_MODULE_MM: f32 = 1.0;
const BLACK: (f32, f32, f32) = (0.0, 0.0, 0.0);
const GREY: (f32, f32, f32) = (0.35, 0.35, 0.35);

struct Writer {
    fonts: Fonts,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    y: f32,
}

impl Writer {
    fn room(&mut self, mm: f32) {
        if self.y - mm < BOTTOM {
            let ops = std::mem::take(&mut self.ops);
            self.pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
            self.y = PAGE_H - 20.0;
        }
    }

    fn line(&mut self, text: &str, size: f32, bold: bool, x: f32, colour: (f32, f32, f32)) {
        let step = size * 0.3528 * 1.45;
        self.room(step);
        self.y -= step;
        self.fonts
            .text(&mut self.ops, text, size, bold, (x, self.y), colour);
    }

    /// Wrapped text; `chars` per line for the size (Noto Sans averages ~0.5 em a glyph).
    fn para(&mut self, text: &str, size: f32, bold: bool, x: f32) {
        let chars = ((PAGE_W - x - LEFT) / (size * 0.3528 * 0.52)) as usize;
        for l in wrap(text, chars) {
            self.line(&l, size, bold, x, BLACK);
        }
    }

    /// A list entry: a bullet, and wrapped lines aligned after it.
    fn item(&mut self, text: &str) {
        let x = LEFT + 8.0;
        let chars = ((PAGE_W - x - LEFT) / (11.0 * 0.3528 * 0.52)) as usize;
        for (i, l) in wrap(text, chars).iter().enumerate() {
            if i == 0 {
                self.line("•", 11.0, false, LEFT + 4.0, BLACK);
                self.y += 11.0 * 0.3528 * 1.45;
            }
            self.line(l, 11.0, false, x, BLACK);
        }
    }

    fn qr(&mut self, text: &str, caption: &str) -> Result<(), PdfError> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .map_err(|_| PdfError::QrTooLong(text.len()))?;
        let n = code.width();
        let side = n as f32 * QR_MODULE_MM;
        self.room(side + 10.0);
        self.y -= 4.0;
        let top = self.y;
        self.ops.push(fill(BLACK));
        for (i, c) in code.to_colors().iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (col, row) = ((i % n) as f32, (i / n) as f32);
                self.ops.push(rect(
                    LEFT + col * QR_MODULE_MM,
                    top - (row + 1.0) * QR_MODULE_MM,
                    QR_MODULE_MM,
                    QR_MODULE_MM,
                ));
            }
        }
        let x = LEFT + side + 8.0;
        let chars = ((PAGE_W - x - LEFT) / (10.0 * 0.3528 * 0.52)) as usize;
        for l in wrap(caption, chars) {
            self.y -= 5.2;
            self.fonts
                .text(&mut self.ops, &l, 10.0, false, (x, self.y), BLACK);
        }
        self.y -= 5.2;
        self.fonts
            .text(&mut self.ops, text, 8.0, false, (x, self.y), GREY);
        self.y = self.y.min(top - side - 4.0);
        Ok(())
    }
}

/// The receipt as PDF bytes, dated `now`.
pub fn render(receipt: &Receipt, now: OffsetDateTime) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&format!("Bukti Pendaftaran {}", receipt.tracking_number));
    let stamp = printpdf::DateTime::from_unix_timestamp(now.unix_timestamp())
        .unwrap_or_else(|_| printpdf::DateTime::epoch());
    doc.metadata.info.creation_date = stamp;
    doc.metadata.info.modification_date = stamp;
    doc.metadata.info.metadata_date = stamp;
    doc.metadata.info.creator = "Anjungan".into();
    let mut w = Writer {
        fonts: Fonts::embed(&mut doc)?,
        pages: Vec::new(),
        ops: Vec::new(),
        y: PAGE_H - 15.0,
    };
    for block in layout::blocks(receipt) {
        match block {
            Block::Title(t) => w.para(&t, 14.0, true, LEFT),
            Block::Subtitle(t) => w.para(&t, 10.0, false, LEFT),
            Block::Number(n) => {
                w.y -= 2.0;
                w.line(&n, 26.0, true, LEFT, BLACK);
                w.y -= 2.0;
            }
            Block::Field(label, value) => {
                w.line(label, 11.0, true, LEFT, BLACK);
                w.y += 11.0 * 0.3528 * 1.45;
                w.para(&value, 11.0, false, LEFT + 32.0);
            }
            Block::Heading(t) => {
                w.y -= 1.5;
                w.para(&t, 11.0, true, LEFT);
            }
            Block::Item(t) => w.item(&t),
            Block::Note(t) => w.para(&t, 11.0, false, LEFT),
            Block::Qr { text, caption } => w.qr(&text, &caption)?,
            Block::Rule => {
                w.room(5.0);
                w.y -= 3.0;
                w.ops.push(fill(GREY));
                w.ops.push(rect(LEFT, w.y, PAGE_W - 2.0 * LEFT, 0.3));
                w.y -= 1.0;
            }
        }
    }
    let ops = std::mem::take(&mut w.ops);
    w.pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
    doc.with_pages(w.pages);
    Ok(doc.save(&PdfSaveOptions::default(), &mut Vec::new()))
}
