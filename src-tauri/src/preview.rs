//! The verify screen's live preview, served on the `preview:` scheme. The page asks for "a
//! frame newer than the one I drew" and gets the newest one (or 204 after a second), so
//! frames are never queued for a page that is busy: it pulls only when it is ready to draw,
//! and no frame is turned into JSON or base64 on the way.

use crate::windows::KIOSK;
use std::sync::Arc;
use std::time::Duration;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, UriSchemeContext, UriSchemeResponder};
use tokio::sync::watch;

pub const SCHEME: &str = "preview";

/// The newest preview (bytes in the `anjungan_camera::preview` layout) and its capture time.
#[derive(Clone, Default)]
pub struct Latest(pub Option<(f64, Arc<Vec<u8>>)>);

/// Shared by the camera sink (writer) and the scheme handler (readers).
pub struct PreviewSlot(pub watch::Sender<Latest>);

impl Default for PreviewSlot {
    fn default() -> Self {
        Self(watch::channel(Latest::default()).0)
    }
}

impl PreviewSlot {
    pub fn publish(&self, bytes: Vec<u8>) {
        let captured = anjungan_camera::preview::captured_ms(&bytes).unwrap_or_default();
        self.0
            .send_replace(Latest(Some((captured, Arc::new(bytes)))));
    }

    pub fn clear(&self) {
        self.0.send_replace(Latest(None));
    }
}

fn respond(status: StatusCode, body: Vec<u8>) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(body)
        .unwrap_or_default()
}

/// `preview://localhost/frame?after=<capture ms>`: only for the kiosk window.
pub fn handle<R: tauri::Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    if ctx.webview_label() != KIOSK {
        responder.respond(respond(StatusCode::FORBIDDEN, Vec::new()));
        return;
    }
    let after: f64 = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("after=")))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let Some(slot) = ctx.app_handle().try_state::<PreviewSlot>() else {
        responder.respond(respond(StatusCode::SERVICE_UNAVAILABLE, Vec::new()));
        return;
    };
    let mut rx = slot.0.subscribe();
    tauri::async_runtime::spawn(async move {
        // "Another frame than the one drawn", not "a later one": a clock set back must not
        // freeze the preview.
        let newer = |l: &Latest| l.0.as_ref().is_some_and(|(t, _)| *t != after);
        let waited = tokio::time::timeout(Duration::from_secs(1), rx.wait_for(newer)).await;
        let frame = match waited {
            Ok(Ok(latest)) => latest.0.as_ref().map(|(_, b)| Arc::clone(b)),
            _ => None,
        };
        responder.respond(match frame {
            Some(bytes) => respond(StatusCode::OK, bytes.to_vec()),
            None => respond(StatusCode::NO_CONTENT, Vec::new()),
        });
    });
}
