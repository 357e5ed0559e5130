//! Generates one `allow-<command>` permission per app command from the single command list
//! in `anjungan-wire`, so capabilities can grant them per window.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(anjungan_wire::commands::ALL_COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|e| panic!("tauri build script failed: {e:#}"));
}
