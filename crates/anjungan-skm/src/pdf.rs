//! What every PDF the project makes shares (the SKM report here, the permit at the hub): the
//! embedded Noto Sans, and the drawing operations for text and filled rectangles. Positions
//! are mm from the bottom-left corner of the page.

use printpdf::{
    Color, FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, Point, Pt,
    Rect, Rgb, TextItem,
};

/// Noto Sans (SIL OFL 1.1), embedded so every PDF prints the same everywhere.
pub const REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Red, green, blue, each 0–1.
pub type Colour = (f32, f32, f32);

#[derive(Debug, thiserror::Error)]
#[error("the embedded font could not be read")]
pub struct FontError;

/// The two faces, added to one document.
pub struct Fonts {
    regular: FontId,
    bold: FontId,
}

impl Fonts {
    pub fn embed(doc: &mut PdfDocument) -> Result<Self, FontError> {
        let mut warnings = Vec::new();
        let regular = ParsedFont::from_bytes(REGULAR, 0, &mut warnings).ok_or(FontError)?;
        let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings).ok_or(FontError)?;
        Ok(Self {
            regular: doc.add_font(&regular),
            bold: doc.add_font(&bold),
        })
    }

    /// One line of text with its baseline starting at `(x, y)`.
    pub fn text(
        &self,
        ops: &mut Vec<Op>,
        text: &str,
        size: f32,
        bold: bool,
        (x, y): (f32, f32),
        colour: Colour,
    ) {
        let font = if bold { &self.bold } else { &self.regular };
        ops.extend([
            Op::StartTextSection,
            fill(colour),
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Mm(x).into(),
                    y: Mm(y).into(),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }
}

/// Sets the fill colour for what follows.
pub fn fill((r, g, b): Colour) -> Op {
    Op::SetFillColor {
        col: Color::Rgb(Rgb {
            r,
            g,
            b,
            icc_profile: None,
        }),
    }
}

/// A rectangle filled with the current fill colour (a QR code is hundreds of them, so the
/// colour is set once, not per rectangle).
pub fn rect(x: f32, y: f32, w: f32, h: f32) -> Op {
    Op::DrawRectangle {
        rectangle: Rect {
            x: Mm(x).into(),
            y: Mm(y).into(),
            width: Mm(w).into(),
            height: Mm(h).into(),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        },
    }
}

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const MARGIN: f32 = 20.0;
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;

/// A4 pages written top to bottom: headings, wrapped paragraphs, tables, bars, each moving
/// a cursor down and starting a new page (with its numbered footer) when one is full.
pub struct Writer {
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    /// Cursor, mm from the bottom of the page.
    pub y: f32,
    fonts: Fonts,
    page_no: usize,
    /// The footer's words before the page number ("Laporan SKM").
    footer: String,
}

pub const BLACK: Colour = (0.1, 0.1, 0.12);
pub const BLUE: Colour = (0.043, 0.31, 0.541);
pub const AMBER: Colour = (0.85, 0.47, 0.02);
pub const GREY: Colour = (0.85, 0.87, 0.9);

/// Characters that fit in `width` mm at `size` pt (Noto Sans averages ~0.52 em).
/// A number as Indonesian documents write it: a decimal comma.
pub fn id_num(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

pub fn fits(width: f32, size: f32) -> usize {
    (width / (size * 0.3528 * 0.52)).max(8.0) as usize
}

pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

impl Writer {
    pub fn new(fonts: Fonts, footer: &str) -> Self {
        Self {
            pages: Vec::new(),
            ops: Vec::new(),
            y: PAGE_H - MARGIN,
            fonts,
            page_no: 1,
            footer: footer.to_owned(),
        }
    }

    pub fn new_page(&mut self) {
        self.footer();
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
        self.y = PAGE_H - MARGIN;
        self.page_no += 1;
    }

    fn footer(&mut self) {
        let y = self.y;
        self.y = 12.0;
        self.text_at(
            &format!("{} — halaman {}", self.footer, self.page_no),
            8.0,
            false,
            PAGE_W - MARGIN - 40.0,
            GREY_TEXT,
        );
        self.y = y;
    }

    pub fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.new_page();
        }
    }

    pub fn text_at(&mut self, text: &str, size: f32, bold: bool, x: f32, color: Colour) {
        self.fonts
            .text(&mut self.ops, text, size, bold, (x, self.y), color);
    }

    /// A wrapped paragraph at the left margin, moving the cursor down.
    pub fn para(&mut self, text: &str, size: f32, bold: bool) {
        let line_h = size * 0.3528 * 1.45;
        for line in wrap(text, fits(TEXT_W, size)) {
            self.ensure(line_h);
            self.y -= line_h;
            self.text_at(&line, size, bold, MARGIN, BLACK);
        }
        self.y -= line_h * 0.4;
    }

    pub fn heading(&mut self, text: &str) {
        self.ensure(20.0);
        self.y -= 4.0;
        self.y -= 6.0;
        self.text_at(text, 13.0, true, MARGIN, BLUE);
        self.y -= 3.0;
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Colour) {
        self.ops.extend([fill(color), rect(x, y, w, h)]);
    }

    /// A table: column x offsets (mm from the margin), a bold header row, then rows.
    pub fn table(&mut self, cols: &[f32], header: &[&str], rows: &[Vec<String>]) {
        let line_h = 6.0;
        self.ensure(line_h * 2.0);
        self.y -= line_h;
        self.rect(MARGIN, self.y - 1.8, TEXT_W, line_h, GREY);
        for (x, h) in cols.iter().zip(header) {
            self.text_at(h, 9.0, true, MARGIN + x + 1.0, BLACK);
        }
        // A cell never runs into the next column: what does not fit is cut.
        let widths: Vec<f32> = cols
            .iter()
            .zip(cols.iter().skip(1).chain([&TEXT_W]))
            .map(|(x, next)| next - x - 2.0)
            .collect();
        for row in rows {
            self.ensure(line_h);
            self.y -= line_h;
            for ((x, w), cell) in cols.iter().zip(&widths).zip(row) {
                let shown: String = cell.chars().take(fits(*w, 9.0)).collect();
                self.text_at(&shown, 9.0, false, MARGIN + x + 1.0, BLACK);
            }
        }
        self.y -= 4.0;
    }

    /// A horizontal bar chart: one row per label, bars scaled to the largest value, each
    /// value written at its bar's end as `show` formats it.
    pub fn bars(&mut self, rows: &[(String, f64)], show: &dyn Fn(f64) -> String) {
        let line_h = 5.5;
        let label_w = 62.0;
        let bar_max = TEXT_W - label_w - 22.0;
        let top = rows.iter().map(|(_, v)| *v).fold(0.0, f64::max);
        for (label, v) in rows {
            self.ensure(line_h);
            self.y -= line_h;
            let shown: String = label.chars().take(fits(label_w - 2.0, 8.5)).collect();
            self.text_at(&shown, 8.5, false, MARGIN, BLACK);
            let w = if top > 0.0 {
                (v / top) as f32 * bar_max
            } else {
                0.0
            };
            self.rect(MARGIN + label_w, self.y - 0.6, w.max(0.3), 3.6, BLUE);
            self.text_at(&show(*v), 8.5, false, MARGIN + label_w + w + 2.0, BLACK);
        }
        self.y -= 4.0;
    }

    pub fn finish(mut self) -> Vec<PdfPage> {
        self.footer();
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
        self.pages
    }
}

pub const GREY_TEXT: (f32, f32, f32) = (0.4, 0.42, 0.45);
