//! Decode rate and time on a corpus: a directory tree of `N.<png|jpg>` images, each with the
//! expected text in `N.txt`. Success = decoded text equals the trimmed `.txt`.

use crate::pipeline::{decode, load_gray, Pipeline};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub pipeline: Pipeline,
    pub framing: Framing,
    pub decoded: usize,
    pub total: usize,
    /// Decoded, but to a different text than expected.
    pub wrong: usize,
    /// Decode call only (image already in memory), milliseconds.
    pub median_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// Images that failed, relative to the corpus root.
    pub failures: Vec<String>,
}

fn pairs(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_lowercase();
            if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") {
                continue;
            }
            if let Ok(expected) = std::fs::read_to_string(path.with_extension("txt")) {
                out.push((path, expected.trim().to_owned()));
            }
        }
    }
    out.sort();
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// How images are presented to the decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Framing {
    /// The image as it is.
    AsIs,
    /// Fitted into a 1280×720 grey frame, as a kiosk camera delivers it.
    Frame720p,
    /// Fitted into a 1920×1080 grey frame, as a 1080p camera delivers it.
    Frame1080p,
}

/// Fits `img` into a `fw`×`fh` mid-grey frame, keeping its aspect ratio (scaled up or down,
/// as a camera at that resolution would show the printed page filling its view).
pub fn frame(img: &image::GrayImage, fw: u32, fh: u32) -> image::GrayImage {
    let (w, h) = img.dimensions();
    let f = (fw as f32 / w as f32).min(fh as f32 / h as f32);
    let (nw, nh) = (
        ((w as f32 * f) as u32).max(1),
        ((h as f32 * f) as u32).max(1),
    );
    let scaled = image::imageops::resize(img, nw, nh, image::imageops::FilterType::Triangle);
    let mut framed = image::GrayImage::from_pixel(fw, fh, image::Luma([128]));
    image::imageops::overlay(
        &mut framed,
        &scaled,
        i64::from(fw.saturating_sub(nw) / 2),
        i64::from(fh.saturating_sub(nh) / 2),
    );
    framed
}

pub fn run(root: &Path, pipeline: Pipeline) -> BenchReport {
    run_framed(root, pipeline, Framing::AsIs)
}

pub fn run_framed(root: &Path, pipeline: Pipeline, framing: Framing) -> BenchReport {
    run_repeated(root, pipeline, framing, 1)
}

/// Like [`run_framed`], decoding each image `repeat` times and keeping its fastest time: one
/// image's time then no longer depends on what else the machine did at that moment, which
/// makes a p95 over 179 images comparable from run to run (`scripts/qr-compare` does the same
/// for the peer).
pub fn run_repeated(
    root: &Path,
    pipeline: Pipeline,
    framing: Framing,
    repeat: usize,
) -> BenchReport {
    let mut times = Vec::new();
    let (mut decoded, mut wrong, mut total) = (0, 0, 0);
    let mut failures = Vec::new();
    for (path, expected) in pairs(root) {
        total += 1;
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let Ok(img) = load_gray(&path) else {
            failures.push(name);
            continue;
        };
        let img = match framing {
            Framing::AsIs => img,
            Framing::Frame720p => frame(&img, 1280, 720),
            Framing::Frame1080p => frame(&img, 1920, 1080),
        };
        let mut fastest = f64::INFINITY;
        let mut result = None;
        for _ in 0..repeat.max(1) {
            let t = Instant::now();
            result = decode(&img, pipeline);
            fastest = fastest.min(t.elapsed().as_secs_f64() * 1e3);
        }
        times.push(fastest);
        match result {
            Some(d) if d.text.trim() == expected => decoded += 1,
            Some(_) => {
                wrong += 1;
                failures.push(name);
            }
            None => failures.push(name),
        }
    }
    times.sort_by(f64::total_cmp);
    BenchReport {
        pipeline,
        framing,
        decoded,
        total,
        wrong,
        median_ms: percentile(&times, 0.5),
        p95_ms: percentile(&times, 0.95),
        max_ms: times.last().copied().unwrap_or(0.0),
        failures,
    }
}
