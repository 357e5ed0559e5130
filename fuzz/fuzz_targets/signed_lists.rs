//! Any trust-list download: reading and opening it never panics, and nothing unsigned by the
//! trusted root replaces the lists a kiosk holds, whatever anchor it opens them with.
#![no_main]

mod common;

use anjungan_permit::trust::{root_fingerprint, Anchor, SignedLists};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(signed) = serde_json::from_slice::<SignedLists>(data) else {
        return;
    };
    let trusted = common::lists();
    let genuine = trusted.sign("seal-1", &common::key(), Vec::new());
    let pinned = root_fingerprint(&trusted.root.clone().expect("root").public_key).expect("key");
    for anchor in [Anchor::Held(&trusted), Anchor::Pinned(&pinned)] {
        // Handovers could lead elsewhere only with signatures of the trusted root.
        if signed.open(anchor).is_ok() && signed.handovers.is_empty() {
            assert_eq!(signed.lists, genuine.lists, "unsigned lists were accepted");
        }
    }
    let _ = signed.open(Anchor::FirstUse);
});
