//! The pipeline on the corpus of 179 real QR photographs (zxing's black-box tests, kept in
//! `tests/corpus/qr-photos` with their licence), and on inputs meant to hurt.

use anjungan_qr::bench::{run, run_framed, Framing};
use anjungan_qr::pipeline::{load_gray, ImageError};
use anjungan_qr::{decode_file, Pipeline};
use std::path::PathBuf;

/// `ANJUNGAN_QR_CORPUS`, or the copy in this crate's `tests/corpus/qr-photos`.
fn corpus() -> PathBuf {
    std::env::var_os("ANJUNGAN_QR_CORPUS").map_or_else(
        || {
            // Where the package is now, as cargo says when it runs the test: a binary
            // reused from a clone at another path would carry that path from its build.
            let here = std::env::var_os("CARGO_MANIFEST_DIR")
                .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
            here.join("tests/corpus/qr-photos")
        },
        PathBuf::from,
    )
}

#[test]
fn the_pipeline_decodes_at_least_as_many_photos_as_zxing_cpp() {
    let full = run(&corpus(), Pipeline::Full);
    assert_eq!(full.total, 179);
    // zxing-cpp 3.1 decodes 165 of these (corpus README); rqrr alone about 110.
    assert!(
        full.decoded >= 167,
        "{} decoded: {:?}",
        full.decoded,
        full.failures
    );
    let rqrr = run(&corpus(), Pipeline::RqrrOnly);
    assert!(rqrr.decoded < full.decoded);
    assert!(full.wrong <= 2, "wrong decodes: {}", full.wrong);
}

#[test]
fn camera_frames_decode_at_least_what_zxing_cpp_alone_does() {
    for framing in [Framing::Frame720p, Framing::Frame1080p] {
        let camera = run_framed(&corpus(), Pipeline::Camera, framing);
        let zxing = run_framed(&corpus(), Pipeline::ZxingOnly, framing);
        // zxing-cpp 3.1 from Python reads 163 of the framed photos (docs/benchmarks.md).
        assert!(
            camera.decoded >= 163 && camera.decoded >= zxing.decoded,
            "{framing:?}: camera {} of {}, zxing-cpp alone {}: {:?}",
            camera.decoded,
            camera.total,
            zxing.decoded,
            camera.failures
        );
        assert!(camera.wrong <= 2, "{framing:?}: {} wrong", camera.wrong);
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG that claims `w`×`h` pixels (and has no image data).
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let mut png = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    for chunk in [&b"IDAT"[..], &b"IEND"[..]] {
        png.extend(0u32.to_be_bytes());
        png.extend(chunk);
        png.extend(crc32(chunk).to_be_bytes());
    }
    png
}

#[test]
fn hostile_inputs_are_refused_quickly_and_calmly() {
    let dir = tempfile::tempdir().expect("dir");
    let bomb = dir.path().join("200mp.png");
    std::fs::write(&bomb, png_header(20_000, 10_000)).expect("write");
    let refused = load_gray(&bomb);
    assert!(
        matches!(refused, Err(ImageError::TooLarge(200_000_000))),
        "{refused:?}"
    );

    let garbage = dir.path().join("garbage.png");
    let bytes: Vec<u8> = (0..3072u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&garbage, bytes).expect("write");
    assert!(matches!(
        decode_file(&garbage, Pipeline::Full),
        Err(ImageError::Unreadable(_))
    ));

    let zip = dir.path().join("permit.pdf");
    std::fs::write(&zip, b"PK\x03\x04 not a pdf and not an image").expect("write");
    assert!(decode_file(&zip, Pipeline::Full).is_err());

    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(640, 480, image::Luma([255]))
        .save(&blank)
        .expect("save");
    assert_eq!(decode_file(&blank, Pipeline::Full).expect("readable"), None);
}
