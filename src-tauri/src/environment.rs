//! The process environment WebKitGTK and GTK read at start-up, set before any thread or
//! WebKit exists (nothing else reads the environment yet). Each setting was measured with
//! `scripts/bench-start`; figures in docs/benchmarks.md ("Start-up and memory").

use std::path::{Path, PathBuf};

/// Kiosk PCs often have no usable GPU: WebKitGTK's accelerated compositing then renders
/// through software OpenGL, and the verify screen's live preview drops from 15 to about 5 fps
/// with a quarter-second lag (docs/benchmarks.md). Plain software painting keeps up, so it is
/// the default; `ANJUNGAN_GPU_COMPOSITING=1` turns compositing back on for machines with a GPU.
///
/// Software painting needs neither the DMA-BUF renderer (off: the app's process holds about
/// 5 MiB less) nor GTK's own OpenGL: without `GDK_GL=disable`, GTK probes GLX visuals inside
/// `gtk_init`, which loads Mesa's driver and LLVM (25 ms of symbol binding) on the way to the
/// first screen.
///
/// Nor does the app's process need EGL at all: WebKit brings it up there for one answer only,
/// which DRM render node the web process should use (its `drmRenderNodeDevice`, which reads
/// `WEBKIT_WEB_RENDER_DEVICE_FILE` first). That costs the process Mesa's driver and LLVM,
/// about 23 MiB. Where the answer is plain, the app gives it: see [`render_node`].
pub fn choose_rendering() {
    let gpu = std::env::var("ANJUNGAN_GPU_COMPOSITING").is_ok_and(|v| v == "1");
    if gpu {
        return;
    }
    for (name, value) in [
        ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
        ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
        ("GDK_GL", "disable"),
    ] {
        set_default(name, value);
    }
    if let Some(node) = render_node(Path::new(DRI_DIR)) {
        set_default(RENDER_DEVICE_ENV, &node.to_string_lossy());
    }
}

const DRI_DIR: &str = "/dev/dri";
const RENDER_DEVICE_ENV: &str = "WEBKIT_WEB_RENDER_DEVICE_FILE";

/// The render node WebKit would find through EGL, when there is no doubt: the only one, or,
/// on a machine with none (no GPU, or a virtual display), a path that does not exist, which
/// the web process takes as "no device", as WebKit concludes itself there. With several GPUs
/// the choice is left to WebKit (`None`).
fn render_node(dri: &Path) -> Option<PathBuf> {
    let mut nodes: Vec<PathBuf> = std::fs::read_dir(dri)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        .map(|e| e.path())
        .collect();
    match nodes.len() {
        0 => Some(dri.join("no-render-node")),
        1 => nodes.pop(),
        _ => None,
    }
}

/// Without a session bus (a kiosk session started straight from `cage`, a test under Xvfb),
/// GLib and libdbus "autolaunch" one: the app and each WebKit process fork `dbus-launch`,
/// which is absent or starts a stray bus daemon per launch, and wait for it. Nothing in the
/// kiosk needs the session bus, so when none is there it is declared absent instead.
pub fn declare_missing_session_bus() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return;
    }
    let runtime_bus = std::env::var_os("XDG_RUNTIME_DIR").map(|d| Path::new(&d).join("bus"));
    if runtime_bus.is_some_and(|bus| bus.exists()) {
        return;
    }
    set_default("DBUS_SESSION_BUS_ADDRESS", "disabled:");
}

fn set_default(name: &str, value: &str) {
    if std::env::var_os(name).is_none() {
        // Called first thing in `run`, before any thread exists.
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_render_node_is_named_only_when_there_is_no_doubt() {
        let dri = tempfile::tempdir().expect("dir");
        let none = render_node(dri.path()).expect("no GPU: named");
        assert!(!none.exists(), "a path the web process cannot open");
        assert!(render_node(&dri.path().join("absent")).is_some());

        std::fs::write(dri.path().join("card0"), "").expect("card");
        std::fs::write(dri.path().join("renderD128"), "").expect("node");
        assert_eq!(render_node(dri.path()), Some(dri.path().join("renderD128")));

        std::fs::write(dri.path().join("renderD129"), "").expect("second node");
        assert_eq!(render_node(dri.path()), None, "two GPUs: WebKit chooses");
    }
}
