//! The decoding pipeline.

use image::{imageops, GrayImage};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Inputs larger than this are scaled down first (a 200-megapixel "photo" must not take the
/// kiosk's memory or minutes of decoding).
pub const MAX_PIXELS: u64 = 40_000_000;
/// rqrr gets at most this many pixels on its longer side (it can take seconds on big frames).
const RQRR_MAX_SIDE: u32 = 640;

/// Which decoders to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pipeline {
    /// rxing, rxing at half size, then rqrr: for files and counter scans, where a few
    /// milliseconds more do not matter.
    Full,
    /// rxing and rxing at half size: for live camera frames. On 720p frames of the corpus
    /// rqrr adds no decode but triples the p95 time (docs/benchmarks.md).
    Camera,
    /// rqrr alone on the frame (the reference point the design card names).
    RqrrOnly,
    /// rxing alone on the frame.
    RxingOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoded {
    pub text: String,
    /// Which attempt found it: `rxing`, `rxing_half`, `rqrr`.
    pub by: &'static str,
}

fn rxing(img: &GrayImage) -> Option<String> {
    let (w, h) = img.dimensions();
    let mut hints = rxing::DecodeHints {
        AlsoInverted: Some(true),
        ..rxing::DecodeHints::default()
    };
    catch_unwind(AssertUnwindSafe(|| {
        rxing::helpers::detect_in_luma_slice_with_hints(
            img.as_raw(),
            w,
            h,
            Some(rxing::BarcodeFormat::QR_CODE),
            &mut hints,
        )
        .ok()
        .map(|r| r.getText().to_owned())
    }))
    .ok()
    .flatten()
}

fn rqrr(img: &GrayImage) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut prepared = rqrr::PreparedImage::prepare(img.clone());
        prepared
            .detect_grids()
            .into_iter()
            .find_map(|g| g.decode().ok().map(|(_, text)| text))
    }))
    .ok()
    .flatten()
}

fn scaled(img: &GrayImage, max_side: u32) -> Option<GrayImage> {
    let (w, h) = img.dimensions();
    let side = w.max(h);
    (side > max_side).then(|| {
        let f = max_side as f32 / side as f32;
        imageops::resize(
            img,
            ((w as f32 * f) as u32).max(1),
            ((h as f32 * f) as u32).max(1),
            imageops::FilterType::Triangle,
        )
    })
}

fn half(img: &GrayImage) -> Option<GrayImage> {
    let (w, h) = img.dimensions();
    (w >= 200 && h >= 200)
        .then(|| imageops::resize(img, w / 2, h / 2, imageops::FilterType::Triangle))
}

/// Decodes the first QR code found in a greyscale frame.
pub fn decode(img: &GrayImage, pipeline: Pipeline) -> Option<Decoded> {
    let found = |text: Option<String>, by| text.map(|text| Decoded { text, by });
    match pipeline {
        Pipeline::RqrrOnly => found(rqrr(img), "rqrr"),
        Pipeline::RxingOnly => found(rxing(img), "rxing"),
        Pipeline::Camera => found(rxing(img), "rxing")
            .or_else(|| half(img).and_then(|h| found(rxing(&h), "rxing_half"))),
        Pipeline::Full => decode(img, Pipeline::Camera).or_else(|| {
            let small = scaled(img, RQRR_MAX_SIDE);
            found(rqrr(small.as_ref().unwrap_or(img)), "rqrr")
        }),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("not a readable PNG or JPEG image: {0}")]
    Unreadable(String),
    #[error("the image is {0} pixels; at most {MAX_PIXELS} are read")]
    TooLarge(u64),
    #[error("the file is {0} bytes; at most {MAX_FILE_BYTES} are read")]
    FileTooLarge(u64),
}

/// Files larger than this are not read at all (a 40-megapixel JPEG is far smaller).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an image file (PNG or JPEG, sniffed by content, bounded in bytes and pixels) as
/// greyscale.
pub fn load_gray(path: &Path) -> Result<GrayImage, ImageError> {
    let unreadable = |e: std::io::Error| ImageError::Unreadable(e.to_string());
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImageError::FileTooLarge(size));
    }
    gray_from_bytes(&std::fs::read(path).map_err(unreadable)?)
}

/// Reads an image (PNG or JPEG, sniffed by content, not by name) as greyscale. The size in
/// the header is checked before any pixel is decoded, so a decompression bomb costs nothing.
pub fn gray_from_bytes(bytes: &[u8]) -> Result<GrayImage, ImageError> {
    let unreadable = |e: &dyn std::fmt::Display| ImageError::Unreadable(e.to_string());
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImageError::FileTooLarge(bytes.len() as u64));
    }
    let reader = || {
        image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| unreadable(&e))
    };
    let probe = reader()?;
    if !matches!(
        probe.format(),
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg)
    ) {
        return Err(ImageError::Unreadable("neither PNG nor JPEG".into()));
    }
    let (w, h) = probe.into_dimensions().map_err(|e| unreadable(&e))?;
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PIXELS {
        return Err(ImageError::TooLarge(pixels));
    }
    let mut reader = reader()?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    Ok(reader.decode().map_err(|e| unreadable(&e))?.into_luma8())
}

/// Reads and decodes an image file.
pub fn decode_file(path: &Path, pipeline: Pipeline) -> Result<Option<Decoded>, ImageError> {
    Ok(decode(&load_gray(path)?, pipeline))
}
