//! The committed TypeScript bindings must equal what the Rust types generate.

use anjungan_wire::bindings::{typescript, BINDINGS_PATH};
use std::path::PathBuf;

#[test]
fn committed_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(BINDINGS_PATH);
    let fresh = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p anjungan-wire` and commit it",
        BINDINGS_PATH
    );
}

/// The page reads `Boot::GLOBAL` (ui/src/kiosk/boot.ts); the script must define it with the
/// same JSON the IPC command would answer.
#[test]
fn the_boot_script_defines_the_global_the_page_reads() {
    use anjungan_wire::ipc::{Boot, MaintenanceInfo, MaintenanceReason};
    let ts = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/kiosk/boot.ts"),
    )
    .expect("ui/src/kiosk/boot.ts");
    assert!(ts.contains(&format!("'{}'", Boot::GLOBAL)));
    let normal = Boot { maintenance: None }.script();
    assert!(
        normal.contains(r#"Object.freeze({"maintenance":null})"#),
        "{normal}"
    );
    let damaged = Boot {
        maintenance: Some(MaintenanceInfo {
            reason: MaintenanceReason::Damaged,
        }),
    }
    .script();
    assert!(
        damaged.contains(r#"{"maintenance":{"reason":"damaged"}}"#),
        "{damaged}"
    );
}
