//! What every PDF the project makes shares (the SKM report here, the permit at the hub): the
//! embedded Noto Sans, and the drawing operations for text and filled rectangles. Positions
//! are mm from the bottom-left corner of the page.

use printpdf::{
    Color, FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, Point, Pt, Rect, Rgb,
    TextItem,
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
