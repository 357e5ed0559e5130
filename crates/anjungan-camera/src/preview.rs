//! The preview the screen draws: a small greyscale copy of the frame with a 16-byte header,
//! served as raw bytes (no JSON, no base64) and drawn straight into a canvas.
//!
//! Layout (little-endian): width u32, height u32, capture time f64 (Unix ms, so the screen
//! can measure how old a frame is when it is drawn), then width × height grey bytes.

use image::GrayImage;

pub const HEADER_LEN: usize = 16;

/// The preview is at most this wide; a 720p frame becomes 640×360.
pub const MAX_WIDTH: u32 = 640;

/// The capture time in a preview's header.
pub fn captured_ms(preview: &[u8]) -> Option<f64> {
    preview
        .get(8..16)
        .and_then(|b| b.try_into().ok())
        .map(f64::from_le_bytes)
}

/// Box-averages the frame down by a whole factor (cheap and free of aliasing shimmer).
pub fn encode(frame: &GrayImage, captured_unix_ms: f64) -> Vec<u8> {
    let (w, h) = frame.dimensions();
    let factor = w.div_ceil(MAX_WIDTH).max(1);
    let (pw, ph) = ((w / factor).max(1), (h / factor).max(1));
    let mut out = Vec::with_capacity(HEADER_LEN + (pw * ph) as usize);
    out.extend_from_slice(&pw.to_le_bytes());
    out.extend_from_slice(&ph.to_le_bytes());
    out.extend_from_slice(&captured_unix_ms.to_le_bytes());
    let raw = frame.as_raw();
    let stride = w as usize;
    let f = factor as usize;
    let area = (f * f) as u32;
    for py in 0..ph as usize {
        for px in 0..pw as usize {
            let mut sum = 0u32;
            for dy in 0..f {
                let row = (py * f + dy).min(h as usize - 1) * stride;
                for dx in 0..f {
                    sum += u32::from(raw[row + (px * f + dx).min(stride - 1)]);
                }
            }
            out.push((sum / area) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_720p_frame_becomes_640_by_360_with_its_header() {
        let frame = GrayImage::from_fn(1280, 720, |x, _| image::Luma([(x % 2 * 200) as u8]));
        let bytes = encode(&frame, 1234.5);
        assert_eq!(bytes.len(), HEADER_LEN + 640 * 360);
        assert_eq!(
            u32::from_le_bytes(bytes[0..4].try_into().unwrap_or_default()),
            640
        );
        assert_eq!(
            u32::from_le_bytes(bytes[4..8].try_into().unwrap_or_default()),
            360
        );
        assert_eq!(
            f64::from_le_bytes(bytes[8..16].try_into().unwrap_or_default()),
            1234.5
        );
        // Columns of 0 and 200 average to 100.
        assert!(bytes[HEADER_LEN..].iter().all(|&p| p == 100));
    }

    #[test]
    fn small_frames_pass_through() {
        let frame = GrayImage::from_pixel(3, 2, image::Luma([7]));
        let bytes = encode(&frame, 0.0);
        assert_eq!(&bytes[HEADER_LEN..], &[7; 6]);
    }
}
