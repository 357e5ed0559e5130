//! Any QR text: the verifier answers, never panics, and says ASLI only for what was signed.
#![no_main]

mod common;

use anjungan_permit::verify::{classify, verify, Verdict};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = classify(&text);
    let lists = common::lists();
    let outcome = verify(&text, Some(&lists), "2027-01-01");
    if matches!(outcome.verdict, Verdict::Asli | Verdict::Kedaluwarsa | Verdict::Dicabut) {
        assert_eq!(outcome.claims, Some(common::claims()), "a forged permit passed");
    }
    let _ = verify(&text, None, "2027-01-01");
});
