//! The scanner's promises: newest frame only, one find per resume, and a decoder that panics
//! or stalls never stops the preview.

use anjungan_camera::scanner::{Decoder, ScanConfig, ScanSink, Scanner};
use anjungan_camera::{CameraError, FrameSource, SourceInfo};
use image::GrayImage;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames whose grey level counts up, a few milliseconds apart, like a camera.
struct Counting {
    n: u8,
    fail: bool,
}

impl FrameSource for Counting {
    fn info(&self) -> SourceInfo {
        SourceInfo {
            kind: "replay",
            width: 4,
            height: 4,
            frames: None,
        }
    }
    fn next_frame(&mut self) -> Result<GrayImage, CameraError> {
        std::thread::sleep(Duration::from_millis(3));
        if self.fail {
            return Err(CameraError::Lost("unplugged".into()));
        }
        self.n = self.n.wrapping_add(1);
        Ok(GrayImage::from_pixel(4, 4, image::Luma([self.n])))
    }
}

#[derive(Default)]
struct Collect {
    previews: AtomicU64,
    found: Mutex<Vec<String>>,
    lost: Mutex<Option<String>>,
}

impl ScanSink for Collect {
    fn preview(&self, bytes: Vec<u8>) {
        assert_eq!(bytes.len(), 16 + 16);
        self.previews.fetch_add(1, Ordering::SeqCst);
    }
    fn found(&self, text: String, _captured: Instant) {
        self.found
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(text);
    }
    fn lost(&self, error: CameraError) {
        *self.lost.lock().unwrap_or_else(|p| p.into_inner()) = Some(error.to_string());
    }
}

impl Collect {
    fn found(&self) -> Vec<String> {
        self.found.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn start(decoder: Decoder, sink: &Arc<Collect>, config: ScanConfig) -> Scanner {
    let sink: Arc<dyn ScanSink> = Arc::clone(sink) as Arc<dyn ScanSink>;
    Scanner::start(
        || Ok(Box::new(Counting { n: 0, fail: false }) as Box<dyn FrameSource>),
        decoder,
        sink,
        config,
    )
    .expect("start")
}

#[test]
fn one_find_per_resume_while_the_preview_goes_on() {
    let sink = Arc::new(Collect::default());
    let scanner = start(
        Arc::new(|_| Some("permit".to_owned())),
        &sink,
        ScanConfig::default(),
    );
    until("a find", || sink.found().len() == 1);
    let previews = sink.previews.load(Ordering::SeqCst);
    until("previews while paused", || {
        sink.previews.load(Ordering::SeqCst) > previews + 20
    });
    assert_eq!(sink.found().len(), 1, "paused after the first find");
    scanner.resume();
    until("a second find after resume", || sink.found().len() == 2);
    assert_eq!(scanner.info().kind, "replay");
    scanner.stop();
}

#[test]
fn a_panicking_decoder_costs_frames_not_the_scanner() {
    let calls = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&calls);
    let decoder: Decoder = Arc::new(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) < 3 {
            panic!("a decoder bug");
        }
        Some("after the panics".to_owned())
    });
    let sink = Arc::new(Collect::default());
    let scanner = start(decoder, &sink, ScanConfig::default());
    until("a find after three panics", || !sink.found().is_empty());
    assert_eq!(sink.found(), ["after the panics"]);
    assert_eq!(scanner.stats().panics, 3);
    scanner.stop();
}

#[test]
fn a_stalled_decode_is_abandoned_and_the_newest_frame_is_decoded() {
    // The first decode blocks until the test lets it go; every later one finds the level.
    let (release, blocked) = mpsc::channel::<()>();
    let blocked = Mutex::new(Some(blocked));
    let decoder: Decoder = Arc::new(move |frame: &GrayImage| {
        let first = blocked.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(rx) = first {
            let _ = rx.recv();
            return Some("stale".to_owned());
        }
        Some(format!("level {}", frame.as_raw()[0]))
    });
    let sink = Arc::new(Collect::default());
    let config = ScanConfig {
        stall_after: Duration::from_millis(50),
        ..ScanConfig::default()
    };
    let scanner = start(decoder, &sink, config);
    until("previews during the stall", || {
        sink.previews.load(Ordering::SeqCst) > 30
    });
    until("a find from the fresh worker", || !sink.found().is_empty());
    let found = sink.found();
    assert!(found[0].starts_with("level "), "{found:?}");
    assert!(scanner.stats().abandoned >= 1);
    // The stuck decode returns late: its answer is dropped.
    release.send(()).expect("release");
    scanner.resume();
    until("a later find", || sink.found().len() >= 2);
    assert!(sink.found().iter().all(|t| t != "stale"));
    scanner.stop();
}

#[test]
fn a_camera_that_stops_delivering_is_reported_once() {
    let sink = Arc::new(Collect::default());
    let as_sink: Arc<dyn ScanSink> = Arc::clone(&sink) as Arc<dyn ScanSink>;
    let scanner = Scanner::start(
        || Ok(Box::new(Counting { n: 0, fail: true }) as Box<dyn FrameSource>),
        Arc::new(|_| None),
        as_sink,
        ScanConfig {
            max_frame_errors: 3,
            ..ScanConfig::default()
        },
    )
    .expect("start");
    until("the loss", || {
        sink.lost
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    });
    scanner.stop();
}

#[test]
fn a_source_that_cannot_open_is_an_error_not_a_thread_left_behind() {
    let sink: Arc<dyn ScanSink> = Arc::new(Collect::default());
    let result = Scanner::start(
        || Err(CameraError::Unavailable("no /dev/video0".into())),
        Arc::new(|_| None),
        sink,
        ScanConfig::default(),
    );
    assert!(matches!(result, Err(CameraError::Unavailable(_))));
}
