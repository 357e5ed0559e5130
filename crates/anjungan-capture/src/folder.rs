//! One pass over the counter scanner's folder. A file is taken only once its size and
//! modification time have stayed the same for the settle time (a scanner that writes in
//! pieces is not read half-way); symbolic links are never followed; a file over the size
//! limit is refused from its metadata, unread. Taken files leave the folder; refused ones
//! are set aside into [`REFUSED_DIR`] with a note of the reason, so that no pass reads them
//! again (a file that may still be being written stays, reported once until it changes), and
//! [`clear`] empties both when a citizen's session starts or ends.

use crate::inbox::{Inbox, InboxError};
use crate::sniff::Refusal;
use anjungan_wire::application::{InboxReport, RefusedFile};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How long a file must stay unchanged before it is taken.
pub const DEFAULT_SETTLE: Duration = Duration::from_millis(1500);

/// Where refused files are set aside, inside the scanner folder (hidden: passes skip it).
pub const REFUSED_DIR: &str = ".ditolak";

/// Empties `path` of what an earlier citizen left: files and links (never followed) and the
/// refused ones set aside. Folders inside are left alone. Returns how many files went.
pub fn clear(path: &Path) -> std::io::Result<usize> {
    let mut gone = 0;
    for dir in [path.to_owned(), path.join(REFUSED_DIR)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if meta.is_dir() {
                continue;
            }
            match std::fs::remove_file(entry.path()) {
                Ok(()) => gone += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(gone)
}

/// Sets a refused file aside with its reason beside it (`NAME.alasan.txt`), so that it is
/// read only once. Renaming moves a link itself, never what it points to.
fn set_aside(path: &Path, file: &str, r: &Refusal) {
    let Some(folder) = path.parent() else {
        return;
    };
    let aside = folder.join(REFUSED_DIR);
    let moved = std::fs::create_dir_all(&aside)
        .and_then(|()| std::fs::rename(path, aside.join(file)))
        .and_then(|()| {
            std::fs::write(
                aside.join(format!("{file}.alasan.txt")),
                format!("{}: {r}\n", r.code()),
            )
        });
    if let Err(e) = moved {
        tracing::warn!(error = %e, "a refused scan could not be set aside");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified: Option<SystemTime>,
}

#[derive(Debug)]
pub struct Folder {
    path: PathBuf,
    settle: Duration,
    /// Files seen but not yet stable: their stamp and since when it has not changed.
    pending: HashMap<PathBuf, (Stamp, Instant)>,
    /// Files refused, with the stamp they had (reported again only after a change).
    refused: HashMap<PathBuf, Stamp>,
}

impl Folder {
    pub fn new(path: &Path, settle: Duration) -> Self {
        Self {
            path: path.to_owned(),
            settle,
            pending: HashMap::new(),
            refused: HashMap::new(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether some file is waiting to become stable.
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Looks at every file once: takes the stable ones, refuses the bad ones.
    pub fn pass(&mut self, inbox: &Inbox, now: Instant) -> Result<InboxReport, InboxError> {
        let mut report = InboxReport::default();
        let Ok(entries) = std::fs::read_dir(&self.path) else {
            // Deleted (or not there yet): nothing to take; the watcher waits for it.
            self.pending.clear();
            return Ok(report);
        };
        let mut present = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue; // scanners' and editors' temporary files
            }
            present.push(path.clone());
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let stamp = Stamp {
                size: meta.len(),
                modified: meta.modified().ok(),
            };
            if self.refused.get(&path) == Some(&stamp) {
                continue;
            }
            let refusal = if meta.file_type().is_symlink() {
                Some(Refusal::Symlink)
            } else if meta.is_dir() {
                continue;
            } else if !meta.is_file() {
                Some(Refusal::NotAFile)
            } else if stamp.size > inbox.limits().max_bytes {
                Some(Refusal::TooLarge {
                    bytes: stamp.size,
                    limit: inbox.limits().max_bytes,
                })
            } else {
                None
            };
            if let Some(r) = refusal {
                self.refuse(&mut report, path, name, stamp, r);
                continue;
            }
            match self.pending.get(&path) {
                Some((seen, since))
                    if *seen == stamp && now.duration_since(*since) >= self.settle => {}
                Some((seen, _)) if *seen == stamp => continue,
                _ => {
                    self.pending.insert(path, (stamp, now));
                    continue;
                }
            }
            self.pending.remove(&path);
            match read_no_follow(&path, inbox.limits().max_bytes) {
                Ok(bytes) => match inbox.admit(&name, &bytes)? {
                    Ok(doc) => {
                        if let Err(e) = std::fs::remove_file(&path) {
                            tracing::warn!(error = %e, "a taken scan could not be removed from the scanner folder");
                        }
                        report.accepted.push(doc);
                    }
                    Err(r) => self.refuse(&mut report, path, name, stamp, r),
                },
                Err(r) => self.refuse(&mut report, path, name, stamp, r),
            }
        }
        self.pending.retain(|p, _| present.contains(p));
        self.refused.retain(|p, _| present.contains(p));
        Ok(report)
    }

    fn refuse(
        &mut self,
        report: &mut InboxReport,
        path: PathBuf,
        file: String,
        stamp: Stamp,
        r: Refusal,
    ) {
        tracing::info!(
            reason = r.code(),
            "a file in the scanner folder was refused"
        );
        // A file still being written, or cut short, may yet be whole: it stays (reported
        // once until it changes, and wiped with the session). Every other refusal is final.
        if !matches!(r, Refusal::Incomplete | Refusal::Unreadable(_)) {
            set_aside(&path, &file, &r);
        }
        self.refused.insert(path, stamp);
        report.refused.push(r.of_file(&file));
    }

    /// The files still changing, as refusals (for a one-shot pass that cannot wait).
    pub fn still_changing(&self) -> Vec<RefusedFile> {
        let mut v: Vec<RefusedFile> = self
            .pending
            .keys()
            .map(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                Refusal::Incomplete.of_file(&name.unwrap_or_default())
            })
            .collect();
        v.sort_by(|a, b| a.file.cmp(&b.file));
        v
    }
}

/// Reads a file without following a symbolic link put there after it was looked at.
pub fn read_no_follow(path: &Path, max: u64) -> Result<Vec<u8>, Refusal> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let f = options.open(path).map_err(|e| {
        if e.raw_os_error() == Some(libc::ELOOP) {
            Refusal::Symlink
        } else {
            Refusal::Unreadable(e.to_string())
        }
    })?;
    let mut bytes = Vec::new();
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(Refusal::TooLarge {
            bytes: bytes.len() as u64,
            limit: max,
        });
    }
    Ok(bytes)
}

/// One complete pass for scripts: look, wait the settle time, look again; what is still
/// changing then is reported as `incomplete` and left alone.
pub fn scan_once(
    folder: &Path,
    inbox: &Inbox,
    settle: Duration,
) -> Result<InboxReport, InboxError> {
    let mut f = Folder::new(folder, settle);
    let mut report = f.pass(inbox, Instant::now())?;
    if f.waiting() {
        std::thread::sleep(settle);
        let second = f.pass(inbox, Instant::now())?;
        report.accepted.extend(second.accepted);
        report.refused.extend(second.refused);
        report.refused.extend(f.still_changing());
    }
    Ok(report)
}
