//! The scanner: one capture thread and one decode worker.
//!
//! The capture thread never waits for decoding. It sends every frame to the preview and puts
//! it in a one-frame slot, replacing whatever the worker has not taken yet, so the worker
//! always decodes the newest frame. A decode that panics costs one frame; a decode that
//! stalls past [`ScanConfig::stall_after`] is abandoned and a fresh worker takes over (a
//! bounded number of times), so neither reaches the preview or the screen.
//!
//! After a find the scanner pauses decoding (the preview goes on) until [`Scanner::resume`]:
//! one verdict stays on the screen until the citizen asks for the next check.

use crate::{preview, CameraError, FrameSource, SourceInfo};
use image::GrayImage;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Turns a frame into the QR's text, if it holds one.
pub type Decoder = Arc<dyn Fn(&GrayImage) -> Option<String> + Send + Sync>;
/// The wall clock (Unix ms) stamped on previews; passed in so tests control it.
pub type WallClock = Arc<dyn Fn() -> f64 + Send + Sync>;

/// Where the scanner's output goes (the app sends it to the window; tests collect it).
pub trait ScanSink: Send + Sync + 'static {
    /// A preview in the [`preview`] layout.
    fn preview(&self, bytes: Vec<u8>);
    /// A QR's text, with when its frame was captured (for the camera-to-verdict latency).
    fn found(&self, text: String, captured: Instant);
    /// The source failed for good; the scanner has stopped.
    fn lost(&self, error: CameraError);
}

#[derive(Clone)]
pub struct ScanConfig {
    pub stall_after: Duration,
    /// Abandoned workers may hold a thread until their decode returns; at most this many.
    pub max_abandoned: u64,
    /// Consecutive failed frames before the camera counts as lost.
    pub max_frame_errors: u32,
    pub wall_clock: WallClock,
}

impl Default for ScanConfig {
    fn default() -> Self {
        Self {
            stall_after: Duration::from_secs(2),
            max_abandoned: 4,
            max_frame_errors: 30,
            wall_clock: Arc::new(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs_f64() * 1000.0)
                    .unwrap_or_default()
            }),
        }
    }
}

/// Counters for the staff view and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScanStats {
    pub frames: u64,
    pub decoded: u64,
    /// Frames replaced in the slot before the worker took them.
    pub skipped: u64,
    pub panics: u64,
    pub abandoned: u64,
}

#[derive(Default)]
struct Counters {
    frames: AtomicU64,
    decoded: AtomicU64,
    skipped: AtomicU64,
    panics: AtomicU64,
    abandoned: AtomicU64,
}

type Slot = Option<(Arc<GrayImage>, Instant)>;

struct Shared {
    slot: Mutex<Slot>,
    ready: Condvar,
    stop: AtomicBool,
    paused: AtomicBool,
    /// The current worker's number; a worker with another number has been abandoned.
    generation: AtomicU64,
    /// When the current worker started its decode (None while it waits).
    busy_since: Mutex<Option<Instant>>,
    counters: Counters,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub struct Scanner {
    shared: Arc<Shared>,
    capture: Option<JoinHandle<()>>,
    info: SourceInfo,
}

impl Scanner {
    /// Opens the source on the capture thread and starts scanning; returns once the source is
    /// open (or failed to open).
    pub fn start<O>(
        open: O,
        decoder: Decoder,
        sink: Arc<dyn ScanSink>,
        config: ScanConfig,
    ) -> Result<Self, CameraError>
    where
        O: FnOnce() -> Result<Box<dyn FrameSource>, CameraError> + Send + 'static,
    {
        let shared = Arc::new(Shared {
            slot: Mutex::new(None),
            ready: Condvar::new(),
            stop: AtomicBool::new(false),
            paused: AtomicBool::new(false),
            generation: AtomicU64::new(0),
            busy_since: Mutex::new(None),
            counters: Counters::default(),
        });
        let (opened_tx, opened_rx) = mpsc::channel();
        let thread_shared = Arc::clone(&shared);
        let capture = std::thread::Builder::new()
            .name("camera-capture".into())
            .spawn(move || {
                let source = match open() {
                    Ok(s) => {
                        let _ = opened_tx.send(Ok(s.info()));
                        s
                    }
                    Err(e) => {
                        let _ = opened_tx.send(Err(e));
                        return;
                    }
                };
                capture_loop(source, &thread_shared, decoder, sink, &config);
            })
            .map_err(|e| CameraError::Unavailable(e.to_string()))?;
        let info = opened_rx
            .recv()
            .map_err(|_| CameraError::Unavailable("the capture thread ended".into()))??;
        Ok(Self {
            shared,
            capture: Some(capture),
            info,
        })
    }

    pub fn info(&self) -> &SourceInfo {
        &self.info
    }

    /// Decodes again after a find.
    pub fn resume(&self) {
        self.shared.paused.store(false, Ordering::SeqCst);
    }

    pub fn stats(&self) -> ScanStats {
        let c = &self.shared.counters;
        ScanStats {
            frames: c.frames.load(Ordering::Relaxed),
            decoded: c.decoded.load(Ordering::Relaxed),
            skipped: c.skipped.load(Ordering::Relaxed),
            panics: c.panics.load(Ordering::Relaxed),
            abandoned: c.abandoned.load(Ordering::Relaxed),
        }
    }

    /// Stops capture and closes the source (the camera's light goes off). A worker stuck in a
    /// decode is not waited for; it ends when its decode returns.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.ready.notify_all();
        if let Some(t) = self.capture.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Scanner {
    fn drop(&mut self) {
        self.halt();
    }
}

fn spawn_worker(shared: &Arc<Shared>, decoder: &Decoder, sink: &Arc<dyn ScanSink>, gen: u64) {
    let shared = Arc::clone(shared);
    let decoder = Arc::clone(decoder);
    let sink = Arc::clone(sink);
    let spawned = std::thread::Builder::new()
        .name(format!("qr-decode-{gen}"))
        .spawn(move || decode_loop(&shared, &decoder, &*sink, gen));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the QR decoder");
    }
}

fn capture_loop(
    mut source: Box<dyn FrameSource>,
    shared: &Arc<Shared>,
    decoder: Decoder,
    sink: Arc<dyn ScanSink>,
    config: &ScanConfig,
) {
    spawn_worker(shared, &decoder, &sink, 0);
    let mut errors = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        match source.next_frame() {
            Ok(frame) => {
                errors = 0;
                let captured = Instant::now();
                shared.counters.frames.fetch_add(1, Ordering::Relaxed);
                sink.preview(preview::encode(&frame, (config.wall_clock)()));
                if !shared.paused.load(Ordering::SeqCst) {
                    let replaced = lock(&shared.slot).replace((Arc::new(frame), captured));
                    if replaced.is_some() {
                        shared.counters.skipped.fetch_add(1, Ordering::Relaxed);
                    }
                    shared.ready.notify_one();
                }
            }
            Err(e) => {
                errors += 1;
                tracing::warn!(error = %e, errors, "camera frame failed");
                if errors >= config.max_frame_errors {
                    shared.stop.store(true, Ordering::SeqCst);
                    shared.ready.notify_all();
                    sink.lost(e);
                    return;
                }
            }
        }
        let stalled = lock(&shared.busy_since).is_some_and(|t| t.elapsed() > config.stall_after);
        let abandoned = shared.counters.abandoned.load(Ordering::Relaxed);
        if stalled && abandoned < config.max_abandoned {
            let gen = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
            shared.counters.abandoned.fetch_add(1, Ordering::Relaxed);
            *lock(&shared.busy_since) = None;
            tracing::warn!(
                gen,
                "QR decode stalled; a fresh worker takes the newest frame"
            );
            spawn_worker(shared, &decoder, &sink, gen);
        }
    }
}

fn decode_loop(shared: &Shared, decoder: &Decoder, sink: &dyn ScanSink, gen: u64) {
    let current = || shared.generation.load(Ordering::SeqCst) == gen;
    loop {
        let (frame, captured) = {
            let mut slot = lock(&shared.slot);
            loop {
                if shared.stop.load(Ordering::SeqCst) || !current() {
                    return;
                }
                if let Some(taken) = slot.take() {
                    break taken;
                }
                slot = shared
                    .ready
                    .wait_timeout(slot, Duration::from_millis(200))
                    .map(|(g, _)| g)
                    .unwrap_or_else(|p| p.into_inner().0);
            }
        };
        if shared.paused.load(Ordering::SeqCst) {
            continue;
        }
        *lock(&shared.busy_since) = Some(Instant::now());
        let result = catch_unwind(AssertUnwindSafe(|| decoder(&frame)));
        if !current() {
            // Abandoned while decoding: a newer worker owns the scanner now.
            return;
        }
        *lock(&shared.busy_since) = None;
        shared.counters.decoded.fetch_add(1, Ordering::Relaxed);
        match result {
            Ok(Some(text)) => {
                if !shared.paused.swap(true, Ordering::SeqCst) {
                    sink.found(text, captured);
                }
            }
            Ok(None) => {}
            Err(_) => {
                shared.counters.panics.fetch_add(1, Ordering::Relaxed);
                tracing::warn!("QR decoder panicked on a frame");
            }
        }
    }
}
