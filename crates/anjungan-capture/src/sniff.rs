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
    #[error("the PDF unpacks to more than a scan would ({0})")]
    Compressed(String),
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
            Refusal::Compressed(_) => "compressed",
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

/// The most one compressed stream of a PDF may unpack to while its pages are counted: a
/// scanner's object streams hold a few kilobytes of dictionaries.
pub const MAX_PDF_STREAM_BYTES: usize = 8 * 1024 * 1024;
/// Object and cross-reference streams a PDF may have: with the bound above, what reading
/// the page tree may unpack in all is bounded too (a 2 KB file once unpacked to 1 GB).
pub const MAX_PDF_STREAMS: usize = 64;

/// Page count of a PDF, from its page tree. A PDF cut short (still being written, or a
/// broken download) fails here; one whose streams unpack past the bounds above is refused
/// before it can take the kiosk's memory.
fn pdf_pages(bytes: &[u8]) -> Result<u32, Refusal> {
    let streams = count(bytes, b"/ObjStm") + count(bytes, b"/XRef");
    if streams > MAX_PDF_STREAMS {
        return Err(Refusal::Compressed(format!(
            "{streams} compressed object streams"
        )));
    }
    let options = lopdf::LoadOptions::with_max_decompressed_size(MAX_PDF_STREAM_BYTES);
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Refusal::Compressed(e.to_string())
        }
        e => Refusal::Unreadable(e.to_string()),
    })?;
    let pages = doc.get_pages().len() as u32;
    if pages == 0 {
        // The lenient reader skips an object stream it would not unpack (the bound above):
        // pages that live in one are refused as such, not as a damaged file.
        if count(bytes, b"/ObjStm") > 0 {
            return Err(Refusal::Compressed(format!(
                "its pages are in an object stream that does not unpack within {MAX_PDF_STREAM_BYTES} bytes"
            )));
        }
        return Err(Refusal::Unreadable("the PDF has no pages".into()));
    }
    Ok(pages)
}

/// Occurrences of `needle` in `hay`.
fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
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

    /// A PDF whose one page lives in an object stream compressed twice over, padded so that
    /// it unpacks to `unpacked` bytes: a file of a few kilobytes that once took the kiosk to
    /// a gigabyte of memory.
    pub fn pdf_bomb(unpacked: usize) -> Vec<u8> {
        use std::io::Write;
        let deflate = |data: &[u8]| {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(data).expect("deflate");
            z.finish().expect("deflate")
        };
        let page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>";
        let header = b"3 0 ";
        let mut inner = header.to_vec();
        inner.extend_from_slice(page);
        inner.resize(unpacked.max(inner.len()), b' ');
        let packed = deflate(&deflate(&inner));
        let mut out = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        let mut object = |out: &mut Vec<u8>, body: &[u8]| {
            offsets.push(out.len());
            out.extend_from_slice(body);
        };
        object(&mut out, b"1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
        object(
            &mut out,
            b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n",
        );
        let mut stream = format!(
            "4 0 obj <</Type/ObjStm/N 1/First {}/Filter[/FlateDecode/FlateDecode]/Length {}>> stream\n",
            header.len(),
            packed.len()
        )
        .into_bytes();
        stream.extend_from_slice(&packed);
        stream.extend_from_slice(b"\nendstream endobj\n");
        object(&mut out, &stream);
        // The cross-reference stream: object 3 is the first in object stream 4.
        let xref_at = out.len();
        let mut rows = Vec::new();
        let mut row = |kind: u8, a: u32, b: u16| {
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes());
            rows.extend_from_slice(&b.to_be_bytes());
        };
        row(0, 0, 65535);
        row(1, offsets[0] as u32, 0);
        row(1, offsets[1] as u32, 0);
        row(2, 4, 0);
        row(1, offsets[2] as u32, 0);
        row(1, xref_at as u32, 0);
        out.extend_from_slice(
            format!(
                "5 0 obj <</Type/XRef/Size 6/W[1 4 2]/Root 1 0 R/Length {}>> stream\n",
                rows.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&rows);
        out.extend_from_slice(
            format!("\nendstream endobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes(),
        );
        out
    }

    #[test]
    fn a_pdf_that_unpacks_far_past_a_scan_is_refused_unread() {
        let l = Limits::default();
        // The same shape, small: a valid one-page PDF.
        assert_eq!(
            check(&pdf_bomb(4096), &l).map(|c| c.pages),
            Ok(1),
            "the fixture is a real PDF"
        );
        let bomb = pdf_bomb(64 * 1024 * 1024);
        assert!(bomb.len() < 4096, "{} bytes", bomb.len());
        let got = check(&bomb, &l);
        assert_eq!(
            got.as_ref().map_err(|e| e.code()),
            Err("compressed"),
            "{got:?}"
        );
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
