//! Content sniffing and limits. A ZIP named `.pdf`, a 60,000 × 60,000 PNG header or a
//! 300 MB file is refused here, before it is decoded or kept.

use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpeg",
            Kind::Png => "png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Kind::Pdf, Kind::Jpeg, Kind::Png]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// By the first bytes only.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Kind::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_pixels: u64,
    pub max_pages: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_pages: 50,
        }
    }
}

/// Why a file was not taken. [`Refusal::code`] is what the screen translates
/// (`capture.refused.<code>`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("a symbolic link is never followed")]
    Symlink,
    #[error("not a regular file")]
    NotAFile,
    #[error("not a PDF, JPEG or PNG document (by its content)")]
    NotADocument,
    #[error("{bytes} bytes is over the {limit}-byte limit")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("{width} × {height} pixels is over the {limit}-pixel limit")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    #[error("{pages} pages is over the {limit}-page limit")]
    TooManyPages { pages: u32, limit: u32 },
    #[error("the file is damaged or incomplete: {0}")]
    Unreadable(String),
    #[error("the file is still being written")]
    Incomplete,
    #[error("the file is empty")]
    Empty,
}

impl Refusal {
    /// The refusal of `file` as the screens receive it.
    pub fn of_file(&self, file: &str) -> anjungan_wire::application::RefusedFile {
        anjungan_wire::application::RefusedFile {
            file: file.to_owned(),
            reason: self.code().to_owned(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Symlink => "symlink",
            Refusal::NotAFile => "not_a_file",
            Refusal::NotADocument => "not_a_document",
            Refusal::TooLarge { .. } => "too_large",
            Refusal::TooManyPixels { .. } => "too_many_pixels",
            Refusal::TooManyPages { .. } => "too_many_pages",
            Refusal::Unreadable(_) => "unreadable",
            Refusal::Incomplete => "incomplete",
            Refusal::Empty => "empty",
        }
    }
}

/// A document that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub kind: Kind,
    pub pages: u32,
    /// Pixels of an image (0 for a PDF).
    pub width: u32,
    pub height: u32,
}

/// Checks a whole document held in memory.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<Checked, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    let len = bytes.len() as u64;
    if len > limits.max_bytes {
        return Err(Refusal::TooLarge {
            bytes: len,
            limit: limits.max_bytes,
        });
    }
    let kind = Kind::sniff(bytes).ok_or(Refusal::NotADocument)?;
    match kind {
        Kind::Pdf => {
            let pages = pdf_pages(bytes)?;
            if pages > limits.max_pages {
                return Err(Refusal::TooManyPages {
                    pages,
                    limit: limits.max_pages,
                });
            }
            Ok(Checked {
                kind,
                pages,
                width: 0,
                height: 0,
            })
        }
        Kind::Jpeg | Kind::Png => {
            let (width, height) = image_size(bytes, kind)?;
            if u64::from(width) * u64::from(height) > limits.max_pixels {
                return Err(Refusal::TooManyPixels {
                    width,
                    height,
                    limit: limits.max_pixels,
                });
            }
            Ok(Checked {
                kind,
                pages: 1,
                width,
                height,
            })
        }
    }
}

/// Width and height from the header alone: nothing is decoded. A PNG's size is the first
/// chunk (IHDR), read directly, so even a file that is nothing but a header is judged.
fn image_size(bytes: &[u8], kind: Kind) -> Result<(u32, u32), Refusal> {
    if kind == Kind::Png {
        let be = |i: usize| {
            bytes
                .get(i..i + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(u32::from_be_bytes)
        };
        return match (bytes.get(12..16), be(16), be(20)) {
            (Some(b"IHDR"), Some(w), Some(h)) if w > 0 && h > 0 => Ok((w, h)),
            _ => Err(Refusal::Unreadable("the PNG has no valid header".into())),
        };
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Jpeg);
    // Only the header is read here; the limits apply when (and if) pixels are decoded.
    reader.no_limits();
    reader
        .into_dimensions()
        .map_err(|e| Refusal::Unreadable(e.to_string()))
}

/// Page count of a PDF, from its page tree. A PDF cut short (still being written, or a
/// broken download) fails here.
fn pdf_pages(bytes: &[u8]) -> Result<u32, Refusal> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let pages = doc.get_pages().len() as u32;
    if pages == 0 {
        return Err(Refusal::Unreadable("the PDF has no pages".into()));
    }
    Ok(pages)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small valid PDF with `pages` blank pages.
    pub fn pdf(pages: u32) -> Vec<u8> {
        crate::fixtures::pdf(pages, "test", &[])
    }

    /// A PNG header claiming `w` × `h` pixels, with no image data after it.
    pub fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        let crc = crc32(&ihdr);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend_from_slice(&13u32.to_be_bytes());
        out.extend_from_slice(&ihdr);
        out.extend_from_slice(&crc.to_be_bytes());
        out
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    pub fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::GrayImage::from_fn(w, h, |x, y| image::Luma([((x + y) % 256) as u8]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn documents_are_known_by_content() {
        let l = Limits::default();
        assert_eq!(
            check(&pdf(3), &l).map(|c| (c.kind, c.pages)),
            Ok((Kind::Pdf, 3))
        );
        assert_eq!(
            check(&png(40, 30), &l).map(|c| (c.width, c.height)),
            Ok((40, 30))
        );
        assert_eq!(
            check(b"PK\x03\x04zip pretending", &l),
            Err(Refusal::NotADocument)
        );
        assert_eq!(check(b"", &l), Err(Refusal::Empty));
    }

    #[test]
    fn bombs_and_giants_are_refused_from_the_header() {
        let l = Limits::default();
        assert_eq!(
            check(&png_header(60_000, 60_000), &l).map_err(|e| e.code()),
            Err("too_many_pixels")
        );
        assert_eq!(
            check(&pdf(51), &l).map_err(|e| e.code()),
            Err("too_many_pages")
        );
        let half = pdf(2);
        assert_eq!(
            check(&half[..half.len() / 2], &l).map_err(|e| e.code()),
            Err("unreadable")
        );
        let small = Limits {
            max_bytes: 100,
            ..l
        };
        assert_eq!(
            check(&pdf(1), &small).map_err(|e| e.code()),
            Err("too_large")
        );
    }
}
