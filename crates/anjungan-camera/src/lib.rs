//! Camera frames for "Cek Keaslian Izin".
//!
//! WebKitGTK does not give the page the camera, so capture runs here. Everything that
//! produces frames is a [`FrameSource`]: the real camera ([`device`], behind the `camera`
//! feature) or a [`replay`] of image files, so tests and demos run without a camera. The
//! [`scanner`] pulls frames on one thread, hands a small preview to the screen, and decodes
//! only the newest frame on a worker that a slow or panicking decoder cannot block.

#[cfg(feature = "camera")]
pub mod device;
pub mod preview;
pub mod replay;
pub mod scanner;
pub mod yuyv;

use image::GrayImage;

#[derive(Debug, thiserror::Error)]
pub enum CameraError {
    /// No camera is attached, or it cannot be opened.
    #[error("no camera: {0}")]
    Unavailable(String),
    /// The camera was open and stopped delivering frames.
    #[error("the camera stopped: {0}")]
    Lost(String),
    /// A replay path has no readable PNG or JPEG frames.
    #[error("nothing to replay: {0}")]
    NothingToReplay(String),
}

/// What a source delivers, for the screen (it sizes the preview from it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// `camera` or `replay`.
    pub kind: &'static str,
    pub width: u32,
    pub height: u32,
    /// For a replay, how many frames one pass has.
    pub frames: Option<usize>,
}

/// Anything that produces greyscale frames: only luminance matters for QR codes, and taking
/// it directly is the cheapest conversion from every camera format.
/// Not `Send`: some camera handles must stay on the thread that opened them, so the
/// [`scanner`] opens its source on its own capture thread.
pub trait FrameSource {
    fn info(&self) -> SourceInfo;
    /// Blocks until the next frame, paced by the device (or the replay rate).
    fn next_frame(&mut self) -> Result<GrayImage, CameraError>;
}

/// Which source the app opens: `ANJUNGAN_CAMERA` is `replay:PATH` (a frame file or a folder of
/// them) or a camera index (default 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSpec {
    Camera(u32),
    Replay(std::path::PathBuf),
}

impl SourceSpec {
    pub fn parse(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            Some(v) if v.starts_with("replay:") => {
                SourceSpec::Replay(v.trim_start_matches("replay:").into())
            }
            Some(v) => SourceSpec::Camera(v.parse().unwrap_or(0)),
            None => SourceSpec::Camera(0),
        }
    }

    /// Opens the source; a camera needs the `camera` feature.
    pub fn open(&self, replay_fps: u32) -> Result<Box<dyn FrameSource>, CameraError> {
        match self {
            SourceSpec::Replay(path) => Ok(Box::new(replay::ReplaySource::open(path, replay_fps)?)),
            #[cfg(feature = "camera")]
            SourceSpec::Camera(index) => Ok(Box::new(device::DeviceSource::open(*index)?)),
            #[cfg(not(feature = "camera"))]
            SourceSpec::Camera(_) => Err(CameraError::Unavailable(
                "built without camera support".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_spec_from_the_environment_value() {
        assert_eq!(SourceSpec::parse(None), SourceSpec::Camera(0));
        assert_eq!(SourceSpec::parse(Some("2")), SourceSpec::Camera(2));
        assert_eq!(
            SourceSpec::parse(Some("replay:/tmp/frames")),
            SourceSpec::Replay("/tmp/frames".into())
        );
    }
}
