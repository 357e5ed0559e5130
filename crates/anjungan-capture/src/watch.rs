//! The scanner-folder watcher. `notify` tells it when the folder changes; a steady tick
//! re-checks files waiting to become stable and re-attaches the watch when the folder was
//! deleted and created again (a watch on a deleted folder is gone for good).

use crate::folder::Folder;
use crate::inbox::Inbox;
use anjungan_wire::application::InboxReport;
use notify::{RecursiveMode, Watcher as _};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often the watcher looks again without an event.
const TICK: Duration = Duration::from_millis(250);

/// A running watcher; dropping it stops the thread.
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Watches `folder` and calls `on_report` with every non-empty pass (documents taken,
/// files refused). The folder need not exist yet.
pub fn watch(
    folder: &Path,
    inbox: Inbox,
    settle: Duration,
    on_report: impl Fn(InboxReport) + Send + 'static,
) -> Watch {
    let stop = Arc::new(AtomicBool::new(false));
    let folder = folder.to_owned();
    let stopping = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("scanner-folder".into())
        .spawn(move || run(&folder, &inbox, settle, &stopping, &on_report))
        .ok();
    Watch { stop, thread }
}

fn run(
    path: &Path,
    inbox: &Inbox,
    settle: Duration,
    stop: &AtomicBool,
    on_report: &dyn Fn(InboxReport),
) {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    }) {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::warn!(error = %e, "no file-system events; the scanner folder is polled");
            None
        }
    };
    let mut folder = Folder::new(path, settle);
    let mut watched = false;
    while !stop.load(Ordering::SeqCst) {
        let event = rx.recv_timeout(TICK);
        let exists = path.is_dir();
        if exists && !watched {
            watched = watcher
                .as_mut()
                .is_some_and(|w| w.watch(path, RecursiveMode::NonRecursive).is_ok());
        } else if !exists && watched {
            if let Some(w) = watcher.as_mut() {
                let _ = w.unwatch(path);
            }
            watched = false;
        }
        // Drain what else arrived; one pass serves them all.
        while rx.try_recv().is_ok() {}
        let _ = event;
        match folder.pass(inbox, Instant::now()) {
            Ok(report) if !report.accepted.is_empty() || !report.refused.is_empty() => {
                on_report(report)
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "the inbox cannot be written"),
        }
    }
}
