//! Any trust-list download: reading and opening it never panics, and nothing unsigned by the
//! trusted key replaces the lists a kiosk holds.
#![no_main]

mod common;

use anjungan_permit::trust::SignedLists;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(signed) = serde_json::from_slice::<SignedLists>(data) else {
        return;
    };
    let trusted = common::lists();
    if let Ok(opened) = signed.open(Some(&trusted)) {
        let genuine = trusted.sign("seal-1", &common::key());
        assert_eq!(signed.lists, genuine.lists, "unsigned lists were accepted");
        let _ = opened;
    }
    let _ = signed.open(None);
});
