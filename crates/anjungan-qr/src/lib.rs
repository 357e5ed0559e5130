//! QR decoding for real camera frames and scans.
//!
//! One decoder is not enough for photographs (blur, perspective, glare, small codes), and
//! decoders panic or stall on some inputs. [`decode`] tries, in order of cost: zxing-cpp (the
//! fastest and best reader measured, statically linked), zxing-cpp with its other binarizer,
//! and — for files and scans, not live frames — rxing (a pure Rust port of ZXing) and rqrr on a
//! bounded-size copy, which each still read a photo the first two miss. Every call is wrapped
//! in `catch_unwind`, so a decoder bug costs a frame, never the kiosk. [`bench`] measures any
//! pipeline on a corpus of `N.<png|jpg>` + `N.txt` pairs.

pub mod bench;
pub mod pipeline;

pub use pipeline::{decode, decode_file, gray_from_bytes, Decoded, ImageError, Pipeline};
