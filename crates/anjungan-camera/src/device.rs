//! The kiosk's camera through nokhwa (V4L2 on Linux). YUYV is asked for first, because its
//! luminance is free to take; MJPEG and grey are accepted when that is all the camera has.

use crate::{yuyv, CameraError, FrameSource, SourceInfo};
use image::GrayImage;
use nokhwa::utils::{CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType};
use nokhwa::Camera;

/// Formats we can turn into luminance, in order of preference.
const FORMATS: [FrameFormat; 3] = [FrameFormat::YUYV, FrameFormat::MJPEG, FrameFormat::GRAY];

pub struct DeviceSource {
    camera: Camera,
    format: CameraFormat,
}

impl DeviceSource {
    /// Opens camera `index` near 1280×720 at 30 fps (enough for a printed QR at arm's length,
    /// and what the decoder's p95 budget was measured on).
    pub fn open(index: u32) -> Result<Self, CameraError> {
        let wanted = CameraFormat::new_from(1280, 720, FrameFormat::YUYV, 30);
        let request = RequestedFormat::with_formats(RequestedFormatType::Closest(wanted), &FORMATS);
        let mut camera = Camera::new(CameraIndex::Index(index), request)
            .map_err(|e| CameraError::Unavailable(e.to_string()))?;
        camera
            .open_stream()
            .map_err(|e| CameraError::Unavailable(e.to_string()))?;
        let format = camera.camera_format();
        tracing::info!(%format, "camera opened");
        Ok(Self { camera, format })
    }
}

impl FrameSource for DeviceSource {
    fn info(&self) -> SourceInfo {
        SourceInfo {
            kind: "camera",
            width: self.format.width(),
            height: self.format.height(),
            frames: None,
        }
    }

    fn next_frame(&mut self) -> Result<GrayImage, CameraError> {
        let (w, h) = (self.format.width(), self.format.height());
        let raw = self
            .camera
            .frame_raw()
            .map_err(|e| CameraError::Lost(e.to_string()))?;
        let bad = || {
            CameraError::Lost(format!(
                "a {} frame of the wrong size",
                self.format.format()
            ))
        };
        match self.format.format() {
            FrameFormat::YUYV => yuyv::y_plane(&raw, w, h).ok_or_else(bad),
            FrameFormat::GRAY => raw
                .get(..(w as usize * h as usize))
                .and_then(|b| GrayImage::from_raw(w, h, b.to_vec()))
                .ok_or_else(bad),
            FrameFormat::MJPEG => {
                image::load_from_memory_with_format(&raw, image::ImageFormat::Jpeg)
                    .map(|i| i.into_luma8())
                    .map_err(|e| CameraError::Lost(e.to_string()))
            }
            other => Err(CameraError::Lost(format!("unexpected format {other}"))),
        }
    }
}

impl Drop for DeviceSource {
    fn drop(&mut self) {
        // Frees the device for the next session (and the light on the camera goes off).
        let _ = self.camera.stop_stream();
    }
}
