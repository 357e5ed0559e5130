//! Documents from the kiosk camera ("Foto dengan kamera" in Ajukan Izin): the same capture
//! thread and preview as Cek Keaslian Izin, but instead of decoding QR codes it keeps the
//! newest frame, and "Ambil foto" turns that frame into a JPEG that enters the inbox like
//! any scan (sniffed, bounded, hashed, thumbnailed). The preview is greyscale, and so is the
//! still: a document is read by its contrast, and the camera pipeline keeps the Y plane only.

use crate::camera_check::{CheckSink, REPLAY_FPS};
use crate::error::CoreError;
use anjungan_camera::scanner::{Decoder, ScanConfig, ScanSink, Scanner};
use anjungan_camera::{CameraError, SourceSpec};
use anjungan_wire::ipc::{CameraInfo, VerifyEvent};
use image::GrayImage;
use std::sync::{Arc, Mutex};
use std::time::Instant;

type Latest = Arc<Mutex<Option<Arc<GrayImage>>>>;

struct Bridge {
    sink: Arc<dyn CheckSink>,
}

impl ScanSink for Bridge {
    fn preview(&self, bytes: Vec<u8>) {
        self.sink.preview(bytes);
    }

    fn found(&self, _text: String, _captured: Instant) {}

    fn lost(&self, error: CameraError) {
        tracing::warn!(error = %error, "camera lost");
        self.sink.event(VerifyEvent::CameraLost);
    }
}

/// A running document camera; dropping it closes the camera.
pub struct DocumentCamera {
    scanner: Scanner,
    latest: Latest,
}

impl DocumentCamera {
    pub fn start(spec: SourceSpec, sink: Arc<dyn CheckSink>) -> Result<Self, CoreError> {
        let latest: Latest = Arc::new(Mutex::new(None));
        let keep = Arc::clone(&latest);
        // The "decoder" keeps the newest frame and never reports a find.
        let decoder: Decoder = Arc::new(move |frame| {
            *keep.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(frame.clone()));
            None
        });
        let scanner = Scanner::start(
            move || spec.open(REPLAY_FPS),
            decoder,
            Arc::new(Bridge { sink }),
            ScanConfig::default(),
        )
        .map_err(|e| CoreError::CameraUnavailable(e.to_string()))?;
        Ok(Self { scanner, latest })
    }

    pub fn info(&self) -> CameraInfo {
        crate::camera_check::camera_info(self.scanner.info())
    }

    /// The newest frame as a JPEG, or `None` before the first frame.
    pub fn still_jpeg(&self) -> Result<Option<Vec<u8>>, CoreError> {
        let frame = self
            .latest
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let Some(frame) = frame else {
            return Ok(None);
        };
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(frame.as_ref())
            .map_err(|e| CoreError::CameraUnavailable(e.to_string()))?;
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Quiet;

    impl CheckSink for Quiet {
        fn preview(&self, _bytes: Vec<u8>) {}
        fn event(&self, _event: VerifyEvent) {}
    }

    #[test]
    fn a_still_is_the_newest_replayed_frame_as_a_jpeg_the_inbox_accepts() {
        let dir = tempfile::tempdir().expect("dir");
        let frame = dir.path().join("0001.png");
        image::GrayImage::from_fn(640, 480, |x, y| image::Luma([((x ^ y) & 0xff) as u8]))
            .save(&frame)
            .expect("frame");
        let camera =
            DocumentCamera::start(SourceSpec::Replay(dir.path().to_owned()), Arc::new(Quiet))
                .expect("camera");
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        let jpeg = loop {
            if let Some(j) = camera.still_jpeg().expect("still") {
                break j;
            }
            assert!(Instant::now() < deadline, "no frame within 10 s");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let inbox = anjungan_capture::Inbox::open(
            &dir.path().join("inbox"),
            anjungan_capture::Limits::default(),
        )
        .expect("inbox");
        let doc = inbox.admit("Kamera", &jpeg).expect("io").expect("accepted");
        assert_eq!((doc.kind.as_str(), doc.pages), ("jpeg", 1));
        assert!(doc.thumbnail.is_some());
    }
}
