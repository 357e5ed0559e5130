//! The decoding pipeline.

use image::{imageops, GrayImage};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use zxingcpp::Binarizer;

/// Inputs larger than this are scaled down first (a 200-megapixel "photo" must not take the
/// kiosk's memory or minutes of decoding).
pub const MAX_PIXELS: u64 = 40_000_000;
/// rqrr gets at most this many pixels on its longer side (it can take seconds on big frames).
const RQRR_MAX_SIDE: u32 = 640;

/// Which decoders to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pipeline {
    /// The camera's attempts, then rxing, then rqrr on a bounded copy: for files and counter
    /// scans, where a few milliseconds more do not matter. rxing and rqrr each read a photo
    /// zxing-cpp misses on the corpus; rxing on a half-size copy added only a wrong decode.
    Full,
    /// zxing-cpp, then zxing-cpp with its global-histogram binarizer: for live camera frames.
    /// Decodes more of the corpus than zxing-cpp's defaults at up to about twice their p95
    /// time; rxing would add two more photos at twice that again (docs/benchmarks.md).
    Camera,
    /// rqrr alone on the frame (the reference point the design card names).
    RqrrOnly,
    /// rxing alone on the frame.
    RxingOnly,
    /// zxing-cpp alone, with its defaults (the peer the benchmarks compare against).
    ZxingOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoded {
    pub text: String,
    /// Which attempt found it: `zxing`, `zxing_global`, `rxing`, `rqrr`.
    pub by: &'static str,
}

/// How zxing-cpp is asked. The first attempt is zxing-cpp's defaults (local binarizer, with
/// its pyramid of downscaled copies, which 1080p frames need). The second,
/// [`Attempt::Global`], uses the global-histogram binarizer, which reads some blurred or
/// low-contrast photos the local one misses; it skips the pyramid, which added no decode
/// there but most of its time on frames without a code (docs/benchmarks.md).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attempt {
    Default,
    Global,
}

/// zxing-cpp (the C++ library, statically linked): try harder, rotated and inverted. Its C API
/// turns C++ exceptions into error values; `catch_unwind` still guards the Rust side of the
/// wrapper.
fn zxing(img: &GrayImage, attempt: Attempt) -> Option<String> {
    let (w, h) = img.dimensions();
    catch_unwind(AssertUnwindSafe(|| {
        let view =
            zxingcpp::ImageView::from_slice(img.as_raw(), w, h, zxingcpp::ImageFormat::Lum).ok()?;
        zxingcpp::read()
            .formats([zxingcpp::BarcodeFormat::QRCode])
            .binarizer(match attempt {
                Attempt::Default => Binarizer::LocalAverage,
                Attempt::Global => Binarizer::GlobalHistogram,
            })
            .try_downscale(attempt == Attempt::Default)
            .max_number_of_symbols(1)
            .from(view)
            .ok()?
            .into_iter()
            .find(|b| b.is_valid())
            .map(|b| b.text())
    }))
    .ok()
    .flatten()
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

/// Decodes the first QR code found in a greyscale frame.
pub fn decode(img: &GrayImage, pipeline: Pipeline) -> Option<Decoded> {
    let found = |text: Option<String>, by| text.map(|text| Decoded { text, by });
    match pipeline {
        Pipeline::RqrrOnly => found(rqrr(img), "rqrr"),
        Pipeline::RxingOnly => found(rxing(img), "rxing"),
        Pipeline::ZxingOnly => found(zxing(img, Attempt::Default), "zxing"),
        Pipeline::Camera => found(zxing(img, Attempt::Default), "zxing")
            .or_else(|| found(zxing(img, Attempt::Global), "zxing_global")),
        Pipeline::Full => decode(img, Pipeline::Camera)
            .or_else(|| found(rxing(img), "rxing"))
            .or_else(|| {
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
