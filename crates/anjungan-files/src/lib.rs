//! Files only their owner can read. The kiosk's store and inbox and the hub's database,
//! documents and keys hold personal data and secrets: their folders are 0700 and their files
//! 0600, made so when they are created (never briefly readable by others), and checked at
//! every start, because a restore from backup or a hand-made copy can loosen them.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Creates `dir` (and its parents) as 0700; an existing folder keeps its mode.
pub fn dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates `path` empty as 0600 unless it exists (then it is left as it is): for a file
/// another library (SQLite) then opens and fills.
pub fn touch(path: &Path) -> std::io::Result<()> {
    match options().create_new(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Writes `bytes` to `path` as 0600: to a temporary file beside it, synced, renamed into
/// place, and the folder synced, so a power cut leaves the old file or the new, never half.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = options().create(true).truncate(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(parent)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A file or folder others can read, write or enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooOpen {
    pub path: PathBuf,
    /// The permission bits, as `chmod` takes them (`0o644`).
    pub mode: u32,
    pub is_dir: bool,
}

impl std::fmt::Display for TooOpen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is readable by others (mode {:o}); only its owner should reach it: chmod {} {}",
            self.path.display(),
            self.mode,
            if self.is_dir { "700" } else { "600" },
            self.path.display()
        )
    }
}

/// Everything under `root` (itself included) with any group or other permission, at most
/// `limit` of them, in a stable order. Symbolic links are not followed.
pub fn too_open(root: &Path, limit: usize) -> std::io::Result<Vec<TooOpen>> {
    let mut found = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut pending = vec![root.to_owned()];
        while let Some(path) = pending.pop() {
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(m) => m,
                // Removed meanwhile (a temporary file): nothing to report.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            if meta.file_type().is_symlink() {
                continue;
            }
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                found.push(TooOpen {
                    path: path.clone(),
                    mode,
                    is_dir: meta.is_dir(),
                });
                if found.len() >= limit {
                    break;
                }
            }
            if meta.is_dir() {
                let mut children: Vec<PathBuf> = std::fs::read_dir(&path)?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .collect();
                children.sort();
                children.reverse();
                pending.extend(children);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (root, limit);
    Ok(found)
}

/// Logs a warning for each file or folder under `dir` others could reach (at most 20), with
/// the `chmod` that fixes it: called at start, since a restore from backup or a copy by hand
/// can loosen modes.
pub fn warn_if_too_open(dir: &Path) {
    match too_open(dir, 20) {
        Ok(found) => {
            for t in found {
                tracing::warn!(path = %t.path.display(), mode = format!("{:o}", t.mode), "{t}");
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot check the permissions under {}", dir.display())
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn what_is_made_here_is_private_and_what_is_loosened_is_named() {
        let root = tempfile::tempdir().expect("dir");
        let data = root.path().join("data");
        dir(&data.join("blobs/ab")).expect("dir");
        touch(&data.join("hub.sqlite3")).expect("touch");
        write(&data.join("blobs/ab/abcd"), b"document").expect("write");
        write(&data.join("blobs/ab/abcd"), b"document, again").expect("rewrite");
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join("blobs/ab")), 0o700);
        assert_eq!(mode(&data.join("hub.sqlite3")), 0o600);
        assert_eq!(mode(&data.join("blobs/ab/abcd")), 0o600);
        assert_eq!(
            std::fs::read(data.join("blobs/ab/abcd")).expect("read"),
            b"document, again"
        );
        assert_eq!(too_open(&data, 10).expect("check"), Vec::new());

        // A restore from backup with the usual umask.
        std::fs::set_permissions(
            data.join("hub.sqlite3"),
            std::fs::Permissions::from_mode(0o644),
        )
        .expect("chmod");
        std::fs::set_permissions(data.join("blobs"), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        let found = too_open(&data, 10).expect("check");
        let named: Vec<(String, u32)> = found
            .iter()
            .map(|t| {
                (
                    t.path
                        .strip_prefix(&data)
                        .expect("inside")
                        .display()
                        .to_string(),
                    t.mode,
                )
            })
            .collect();
        assert_eq!(
            named,
            [
                ("blobs".to_owned(), 0o755),
                ("hub.sqlite3".to_owned(), 0o644)
            ]
        );
        assert!(found[0].to_string().contains("chmod 700"));
        assert!(found[1].to_string().contains("chmod 600"));
        assert_eq!(
            too_open(&data, 1).expect("check").len(),
            1,
            "at most the limit"
        );
    }
}
