//! The kiosk's private inbox: accepted documents wait here, named by their SHA-256, until
//! the application that uses them is saved (then they move into the store with its outbox
//! row and leave this folder) or abandoned (then they are deleted).

use crate::sniff::{self, Limits, Refusal};
use anjungan_wire::application::{InboxDocument, InboxReport};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Longest side of a thumbnail, in pixels.
const THUMB: u32 = 240;

#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("the inbox folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no document {0} in the inbox")]
    Unknown(String),
}

#[derive(Debug, Clone)]
pub struct Inbox {
    dir: PathBuf,
    limits: Limits,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> InboxError + '_ {
    move |source| InboxError::Io {
        path: path.to_owned(),
        source,
    }
}

fn valid_sha(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Inbox {
    /// Opens (creating, readable by this user only) the inbox at `dir`.
    pub fn open(dir: &Path, limits: Limits) -> Result<Self, InboxError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(io(dir))?;
        }
        Ok(Self {
            dir: dir.to_owned(),
            limits,
        })
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn meta_path(&self, sha: &str) -> PathBuf {
        self.dir.join(format!("{sha}.json"))
    }

    fn data_path(&self, sha: &str) -> PathBuf {
        self.dir.join(format!("{sha}.bin"))
    }

    /// Checks `bytes` and keeps them. `file` is the name to show (the scanner's file name,
    /// or "Kamera"). Taking the same content twice keeps one copy.
    pub fn admit(
        &self,
        file: &str,
        bytes: &[u8],
    ) -> Result<Result<InboxDocument, Refusal>, InboxError> {
        let checked = match sniff::check(bytes, &self.limits) {
            Ok(c) => c,
            Err(r) => return Ok(Err(r)),
        };
        let thumbnail = match checked.kind {
            sniff::Kind::Pdf => None,
            kind => match thumbnail(bytes, kind) {
                Ok(t) => Some(t),
                Err(r) => return Ok(Err(r)),
            },
        };
        let sha = hex::encode(Sha256::digest(bytes));
        let doc = InboxDocument {
            file: display_name(file),
            sha256: sha.clone(),
            kind: checked.kind.code().to_owned(),
            pages: checked.pages,
            bytes: bytes.len() as u64,
            thumbnail,
        };
        write_durably(&self.data_path(&sha), bytes)?;
        let meta = serde_json::to_vec(&doc).unwrap_or_default();
        write_durably(&self.meta_path(&sha), &meta)?;
        Ok(Ok(doc))
    }

    /// Takes `bytes` like [`Inbox::admit`] and says what happened the way every document
    /// source reports it (the scanner folder, a chosen file, the camera).
    pub fn take(&self, file: &str, bytes: &[u8]) -> Result<InboxReport, InboxError> {
        Ok(match self.admit(file, bytes)? {
            Ok(doc) => InboxReport {
                accepted: vec![doc],
                refused: Vec::new(),
            },
            Err(r) => InboxReport {
                accepted: Vec::new(),
                refused: vec![r.of_file(&display_name(file))],
            },
        })
    }

    /// Every document in the inbox, oldest first.
    pub fn list(&self) -> Result<Vec<InboxDocument>, InboxError> {
        let mut out = Vec::new();
        let entries = std::fs::read_dir(&self.dir).map_err(io(&self.dir))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                if let Some(doc) = std::fs::read(&path)
                    .ok()
                    .and_then(|b| serde_json::from_slice::<InboxDocument>(&b).ok())
                    .filter(|d| self.data_path(&d.sha256).exists())
                {
                    out.push((modified, doc));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.file.cmp(&b.1.file)));
        Ok(out.into_iter().map(|(_, d)| d).collect())
    }

    /// The kind (`pdf`, `jpeg`, `png`) of a held document.
    pub fn kind(&self, sha: &str) -> Option<String> {
        self.get(sha).ok().map(|d| d.kind)
    }

    pub fn get(&self, sha: &str) -> Result<InboxDocument, InboxError> {
        if !valid_sha(sha) || !self.data_path(sha).exists() {
            return Err(InboxError::Unknown(sha.to_owned()));
        }
        let b =
            std::fs::read(self.meta_path(sha)).map_err(|_| InboxError::Unknown(sha.to_owned()))?;
        serde_json::from_slice(&b).map_err(|_| InboxError::Unknown(sha.to_owned()))
    }

    pub fn read(&self, sha: &str) -> Result<Vec<u8>, InboxError> {
        if !valid_sha(sha) {
            return Err(InboxError::Unknown(sha.to_owned()));
        }
        std::fs::read(self.data_path(sha)).map_err(|_| InboxError::Unknown(sha.to_owned()))
    }

    /// Deletes one document (the citizen removed or replaced it, or it was saved).
    pub fn remove(&self, sha: &str) -> Result<(), InboxError> {
        if !valid_sha(sha) {
            return Err(InboxError::Unknown(sha.to_owned()));
        }
        for p in [self.data_path(sha), self.meta_path(sha)] {
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(InboxError::Io { path: p, source: e }),
            }
        }
        Ok(())
    }

    /// Deletes everything: an abandoned application leaves nothing behind.
    pub fn clear(&self) -> Result<usize, InboxError> {
        let mut n = 0;
        for entry in std::fs::read_dir(&self.dir)
            .map_err(io(&self.dir))?
            .flatten()
        {
            let p = entry.path();
            if p.is_file() {
                std::fs::remove_file(&p).map_err(io(&p))?;
                n += 1;
            }
        }
        Ok(n / 2)
    }
}

/// The shown name: the last path part, at most 80 characters, no control characters.
fn display_name(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    base.chars().filter(|c| !c.is_control()).take(80).collect()
}

/// A document or its description: only the kiosk's user may read it (mode 0600).
fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), InboxError> {
    anjungan_files::write(path, bytes).map_err(io(path))
}

/// A small PNG of an image, as a `data:` URL. Decoding is bounded by the pixel limit
/// already checked, and by the decoder's own allocation limit.
fn thumbnail(bytes: &[u8], kind: sniff::Kind) -> Result<String, Refusal> {
    let format = match kind {
        sniff::Kind::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let small = img.thumbnail(THUMB, THUMB);
    let mut out = Vec::new();
    small
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    Ok(format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(out)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sniff::tests::{pdf, png};

    #[test]
    fn admitted_documents_are_listed_read_and_removed() {
        let dir = tempfile::tempdir().expect("tmp");
        let inbox = Inbox::open(&dir.path().join("inbox"), Limits::default()).expect("open");
        let a = inbox
            .admit("scan/KTP.pdf", &pdf(2))
            .expect("io")
            .expect("pdf");
        assert_eq!(
            (a.file.as_str(), a.kind.as_str(), a.pages),
            ("KTP.pdf", "pdf", 2)
        );
        assert!(a.thumbnail.is_none());
        let b = inbox
            .admit("foto.png", &png(300, 200))
            .expect("io")
            .expect("png");
        assert!(b
            .thumbnail
            .as_deref()
            .is_some_and(|t| t.starts_with("data:image/png;base64,")));
        assert_eq!(inbox.list().expect("list").len(), 2);
        assert_eq!(inbox.kind(&b.sha256).as_deref(), Some("png"));
        assert_eq!(inbox.read(&a.sha256).expect("read"), pdf(2));
        inbox.remove(&a.sha256).expect("remove");
        assert_eq!(inbox.list().expect("list"), vec![b]);
        assert_eq!(inbox.clear().expect("clear"), 1);
        assert!(inbox.list().expect("list").is_empty());
        assert!(inbox.read("../../etc/passwd").is_err());
    }

    #[test]
    fn a_refused_document_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let inbox = Inbox::open(dir.path(), Limits::default()).expect("open");
        let r = inbox.admit("x.pdf", b"PK\x03\x04").expect("io");
        assert_eq!(r.map_err(|e| e.code()), Err("not_a_document"));
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
