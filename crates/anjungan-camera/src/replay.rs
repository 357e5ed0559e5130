//! Replays a frame file or a folder of frames (PNG or JPEG, in name order, looping) as if a
//! camera delivered them: the stand-in for the camera in tests, demos and benchmarks.

use crate::{CameraError, FrameSource, SourceInfo};
use image::GrayImage;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// More frames than this in a folder are not read (a replay is a recording, not an archive).
pub const MAX_FRAMES: usize = 10_000;

pub struct ReplaySource {
    frames: Vec<PathBuf>,
    next: usize,
    interval: Option<Duration>,
    due: Instant,
    info: SourceInfo,
    /// The first frame, already read to learn the size.
    first: Option<GrayImage>,
}

fn is_frame(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg"))
}

impl ReplaySource {
    /// `fps` 0 replays as fast as frames can be read (benchmarks).
    pub fn open(path: &Path, fps: u32) -> Result<Self, CameraError> {
        let nothing =
            |why: String| CameraError::NothingToReplay(format!("{}: {why}", path.display()));
        let mut frames = if path.is_dir() {
            let mut list: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| nothing(e.to_string()))?
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.path())
                .filter(|p| is_frame(p))
                .take(MAX_FRAMES)
                .collect();
            list.sort();
            list
        } else {
            vec![path.to_path_buf()]
        };
        // The first readable frame gives the size; unreadable ones are dropped.
        let mut first = None;
        while !frames.is_empty() {
            match anjungan_qr::pipeline::load_gray(&frames[0]) {
                Ok(img) => {
                    first = Some(img);
                    break;
                }
                Err(e) => {
                    tracing::warn!(frame = %frames[0].display(), error = %e, "replay frame skipped");
                    frames.remove(0);
                }
            }
        }
        let first = first.ok_or_else(|| nothing("no readable PNG or JPEG frame".into()))?;
        let info = SourceInfo {
            kind: "replay",
            width: first.width(),
            height: first.height(),
            frames: Some(frames.len()),
        };
        Ok(Self {
            frames,
            next: 0,
            interval: (fps > 0).then(|| Duration::from_secs(1) / fps),
            due: Instant::now(),
            info,
            first: Some(first),
        })
    }
}

impl FrameSource for ReplaySource {
    fn info(&self) -> SourceInfo {
        self.info.clone()
    }

    fn next_frame(&mut self) -> Result<GrayImage, CameraError> {
        if let Some(interval) = self.interval {
            let now = Instant::now();
            if self.due > now {
                std::thread::sleep(self.due - now);
            }
            // Never try to catch up after a pause: a camera does not either.
            self.due = self.due.max(now) + interval;
        }
        let index = self.next % self.frames.len();
        self.next = self.next.wrapping_add(1);
        if index == 0 {
            if let Some(first) = self.first.take() {
                return Ok(first);
            }
        }
        anjungan_qr::pipeline::load_gray(&self.frames[index])
            .map_err(|e| CameraError::Lost(format!("{}: {e}", self.frames[index].display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, shade: u8) {
        GrayImage::from_pixel(8, 6, image::Luma([shade]))
            .save(dir.join(name))
            .expect("write a frame");
    }

    #[test]
    fn a_folder_replays_in_name_order_and_loops() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "b.png", 2);
        write(dir.path(), "a.png", 1);
        std::fs::write(dir.path().join("notes.txt"), "not a frame").expect("write");
        std::fs::write(dir.path().join("c.png"), b"PK\x03\x04 a zip, not a png").expect("write");
        let mut source = ReplaySource::open(dir.path(), 0).expect("open");
        assert_eq!(
            source.info(),
            SourceInfo {
                kind: "replay",
                width: 8,
                height: 6,
                frames: Some(3)
            }
        );
        let shades: Vec<Result<u8, String>> = (0..4)
            .map(|_| {
                source
                    .next_frame()
                    .map(|f| f.as_raw()[0])
                    .map_err(|e| e.to_string())
            })
            .collect();
        assert_eq!(shades[0], Ok(1));
        assert_eq!(shades[1], Ok(2));
        // The ZIP posing as a PNG is a lost frame, not a crash.
        assert!(shades[2].is_err());
        assert_eq!(shades[3], Ok(1));
    }

    #[test]
    fn a_folder_without_frames_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("x.jpg"), b"garbage").expect("write");
        assert!(matches!(
            ReplaySource::open(dir.path(), 15),
            Err(CameraError::NothingToReplay(_))
        ));
    }
}
