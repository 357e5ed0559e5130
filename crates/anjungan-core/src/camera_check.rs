//! Cek Keaslian Izin from the camera: the scanner's finds become checks (the same
//! [`verification::check`] as everywhere else) and go to the screen as [`VerifyEvent`]s, with
//! the preview frames beside them. The shell only forwards both to the window.

use crate::context::{CameraState, Context};
use crate::error::CoreError;
use crate::verification;
use anjungan_camera::scanner::{Decoder, ScanConfig, ScanSink, Scanner};
use anjungan_camera::{CameraError, SourceSpec};
use anjungan_wire::ipc::{CameraInfo, IpcError, VerifyEvent};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Replayed frames come at this rate, like a modest USB camera.
pub const REPLAY_FPS: u32 = 15;

/// Where the previews and events go (the window's channels, or a test's list).
pub trait CheckSink: Send + Sync + 'static {
    fn preview(&self, bytes: Vec<u8>);
    fn event(&self, event: VerifyEvent);
}

/// What a QR read by the camera is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Cek Keaslian Izin: every read is checked as a permit.
    Permit,
    /// A receipt's QR (Cek Status, the e-SKM code): the text goes to the screen, which
    /// knows what it expects; nothing is asked of anyone here.
    Read,
}

/// Longest QR text passed on for [`Purpose::Read`]: a receipt's QR is far shorter, and the
/// screen refuses anything that is not one.
pub const MAX_READ_CHARS: usize = 512;

struct Bridge {
    purpose: Purpose,
    ctx: Arc<Context>,
    sink: Arc<dyn CheckSink>,
    runtime: tokio::runtime::Handle,
    latencies: Arc<Mutex<Vec<Duration>>>,
}

impl ScanSink for Bridge {
    fn preview(&self, bytes: Vec<u8>) {
        self.sink.preview(bytes);
    }

    fn found(&self, text: String, captured: Instant) {
        if self.purpose == Purpose::Read {
            let text: String = text.chars().take(MAX_READ_CHARS).collect();
            self.sink.event(VerifyEvent::Read { text });
            return;
        }
        // The decode worker waits here; decoding is paused until the citizen asks again.
        let checked = self.runtime.block_on(verification::check(
            &self.ctx,
            &text,
            &mut rand::rngs::OsRng,
        ));
        let latency = captured.elapsed();
        self.latencies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(latency);
        match checked {
            Ok(check) => {
                tracing::info!(verdict = ?check.verdict, latency_ms = latency.as_millis(), "permit checked");
                self.sink.event(VerifyEvent::Verdict {
                    check: Box::new(check),
                });
            }
            Err(e) => {
                tracing::warn!(error = %e, "permit check failed");
                self.sink.event(VerifyEvent::Failed {
                    error: IpcError::from(e),
                });
            }
        }
    }

    fn lost(&self, error: CameraError) {
        tracing::warn!(error = %error, "camera lost");
        self.ctx.note_camera(CameraState::Lost);
        self.sink.event(VerifyEvent::CameraLost);
    }
}

/// What the screen is told about an opened camera.
pub(crate) fn camera_info(info: &anjungan_camera::SourceInfo) -> CameraInfo {
    CameraInfo {
        source: info.kind.to_owned(),
        width: info.width,
        height: info.height,
    }
}

/// A running camera check; dropping it closes the camera.
pub struct CameraCheck {
    scanner: Scanner,
    latencies: Arc<Mutex<Vec<Duration>>>,
}

impl CameraCheck {
    /// Opens the source and starts scanning. `runtime` runs the checks (they may ask the hub).
    pub fn start(
        ctx: Arc<Context>,
        spec: SourceSpec,
        sink: Arc<dyn CheckSink>,
        runtime: tokio::runtime::Handle,
    ) -> Result<Self, CoreError> {
        Self::start_for(Purpose::Permit, ctx, spec, sink, runtime)
    }

    /// Like [`CameraCheck::start`], for `purpose`.
    pub fn start_for(
        purpose: Purpose,
        ctx: Arc<Context>,
        spec: SourceSpec,
        sink: Arc<dyn CheckSink>,
        runtime: tokio::runtime::Handle,
    ) -> Result<Self, CoreError> {
        let latencies = Arc::new(Mutex::new(Vec::new()));
        let noted = Arc::clone(&ctx);
        let bridge = Arc::new(Bridge {
            purpose,
            ctx,
            sink,
            runtime,
            latencies: Arc::clone(&latencies),
        });
        let decoder: Decoder = Arc::new(|frame| {
            anjungan_qr::decode(frame, anjungan_qr::Pipeline::Camera).map(|d| d.text)
        });
        let scanner = Scanner::start(
            move || spec.open(REPLAY_FPS),
            decoder,
            bridge,
            ScanConfig::default(),
        )
        .map_err(|e| {
            noted.note_camera(CameraState::Unavailable);
            CoreError::CameraUnavailable(e.to_string())
        })?;
        noted.note_camera(CameraState::Ok);
        Ok(Self { scanner, latencies })
    }

    pub fn info(&self) -> CameraInfo {
        camera_info(self.scanner.info())
    }

    /// For a replay, how many frames one pass has.
    pub fn replay_length(&self) -> Option<usize> {
        self.scanner.info().frames
    }

    /// Scans for the next permit after a verdict.
    pub fn resume(&self) {
        self.scanner.resume();
    }

    /// Capture-to-verdict time of every check so far (for the benchmark and the staff log).
    pub fn latencies(&self) -> Vec<Duration> {
        self.latencies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn stats(&self) -> anjungan_camera::scanner::ScanStats {
        self.scanner.stats()
    }
}
