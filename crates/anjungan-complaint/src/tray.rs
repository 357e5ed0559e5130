//! Photos and scans attached to the complaint being filled in. They stay in memory: the
//! complaint is sealed with them at "Kirim", and the tray is emptied when the citizen
//! leaves. Each is judged like any document (content sniffed, size and pixels bounded).

use anjungan_capture::{Limits, Refusal};
use anjungan_wire::complaint::ComplaintAttachment;
use std::sync::Mutex;

/// At most this many attachments to one complaint.
pub const MAX_ATTACHMENTS: usize = 5;

struct Held {
    id: String,
    kind: String,
    bytes: Vec<u8>,
}

#[derive(Default)]
pub struct Tray {
    held: Mutex<Vec<Held>>,
    limits: Limits,
    next: Mutex<u32>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TrayError {
    #[error("at most {MAX_ATTACHMENTS} attachments")]
    Full,
    #[error("{0}")]
    Refused(String),
}

impl Tray {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Held>> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Judges `bytes` and keeps them.
    pub fn add(&self, bytes: Vec<u8>) -> Result<Vec<ComplaintAttachment>, TrayError> {
        if self.lock().len() >= MAX_ATTACHMENTS {
            return Err(TrayError::Full);
        }
        let kind = anjungan_capture::sniff::check(&bytes, &self.limits)
            .map_err(|r: Refusal| TrayError::Refused(r.code().to_owned()))?
            .kind
            .code();
        let id = {
            let mut n = self.next.lock().unwrap_or_else(|p| p.into_inner());
            *n += 1;
            format!("a{n}")
        };
        self.lock().push(Held {
            id,
            kind: kind.to_owned(),
            bytes,
        });
        Ok(self.list())
    }

    pub fn list(&self) -> Vec<ComplaintAttachment> {
        self.lock()
            .iter()
            .map(|h| ComplaintAttachment {
                id: h.id.clone(),
                kind: h.kind.clone(),
                bytes: h.bytes.len() as u64,
            })
            .collect()
    }

    pub fn remove(&self, id: &str) -> Vec<ComplaintAttachment> {
        self.lock().retain(|h| h.id != id);
        self.list()
    }

    /// Everything held, emptied (for sealing).
    pub fn take(&self) -> Vec<(String, Vec<u8>)> {
        std::mem::take(&mut *self.lock())
            .into_iter()
            .map(|h| (h.kind, h.bytes))
            .collect()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }
}
