//! The kiosk's SQLite file.
//!
//! A printed receipt is a promise, so commits are durable (`synchronous=FULL`); deleted
//! personal data is overwritten (`secure_delete`); the schema comes from migrations embedded
//! in the binary. A store that fails `integrity_check` is reported, never recreated: it may
//! hold citizens' unsent submissions.

use anjungan_wire::ipc::MaintenanceReason;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

/// File name inside the kiosk's data directory.
pub const STORE_FILE: &str = "kiosk.sqlite3";

/// Ordered, append-only. A released migration is never edited.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    ("0002_outbox", include_str!("migrations/0002_outbox.sql")),
    (
        "0003_hub_documents",
        include_str!("migrations/0003_hub_documents.sql"),
    ),
    // The same table as the hub's, defined once in the e-SKM crate.
    ("0004_survey", anjungan_skm::store::CREATE_TABLE),
    (
        "0005_applications",
        include_str!("migrations/0005_applications.sql"),
    ),
    ("0006_survey_codes", anjungan_skm::store::ADD_CODE_COLUMN),
    (
        "0007_receipts",
        include_str!("migrations/0007_receipts.sql"),
    ),
    ("0008_trust", include_str!("migrations/0008_trust.sql")),
    (
        "0009_staff_pin",
        include_str!("migrations/0009_staff_pin.sql"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the store at {path} failed its integrity check: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error("migration {version} failed: {source}")]
    Migration {
        version: &'static str,
        source: rusqlite::Error,
    },
    #[error(
        "the store was written by a newer version (schema {found}); this build knows up to {known}"
    )]
    TooNew { found: String, known: &'static str },
    #[error("the kiosk's disk is full; nothing was saved, and what was saved before is intact")]
    Full,
    #[error(
        "the kiosk's store is read-only; nothing was saved, and what was saved before is intact"
    )]
    ReadOnly,
    #[error("store error: {0}")]
    Sql(rusqlite::Error),
}

impl StoreError {
    /// What the maintenance screen says when the store cannot be opened at start-up: every
    /// failure to open is one of these, so the app never exits silently or recreates data.
    pub fn maintenance_reason(&self) -> MaintenanceReason {
        match self {
            StoreError::TooNew { .. } => MaintenanceReason::TooNew,
            StoreError::Full => MaintenanceReason::DiskFull,
            StoreError::ReadOnly => MaintenanceReason::ReadOnly,
            StoreError::Open { .. }
            | StoreError::Corrupt { .. }
            | StoreError::Migration { .. }
            | StoreError::Sql(_) => MaintenanceReason::Damaged,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => StoreError::Full,
            Some(C::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sql(e),
        }
    }
}

pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Rung when something becomes due for the hub (see [`Write`]): the sync worker waits
    /// on it, so no use case has to remember to wake the worker.
    bell: Arc<Notify>,
}

/// A write transaction (`BEGIN IMMEDIATE`) from [`Store::write`]. What it writes commits
/// together or not at all; when it committed an item for the hub (the outbox marks it with
/// [`Write::ring_on_commit`]) the delivery bell rings after the commit.
pub struct Write<'c> {
    tx: Transaction<'c>,
    ring: Cell<bool>,
}

impl<'c> std::ops::Deref for Write<'c> {
    type Target = Transaction<'c>;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl Write<'_> {
    /// Wakes the sync worker once this transaction has committed (never for a rollback).
    pub fn ring_on_commit(&self) {
        self.ring.set(true);
    }
}

impl Store {
    /// Opens (creating if absent) the store in `data_dir`, checks it and migrates it.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let path = data_dir.join(STORE_FILE);
        // Made 0600 before SQLite opens it; SQLite gives its `-wal` and `-shm` the same mode.
        anjungan_files::touch(&path).map_err(|e| StoreError::Open {
            path: path.clone(),
            source: rusqlite::Error::InvalidPath(PathBuf::from(e.to_string())),
        })?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Self::init(conn, Some(path))
    }

    /// A private in-memory store, for tests.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(conn: Connection, path: Option<PathBuf>) -> Result<Self, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let detail: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if detail != "ok" {
            return Err(StoreError::Corrupt {
                path: path.unwrap_or_default(),
                detail,
            });
        }
        let mut store = Self {
            conn: Mutex::new(conn),
            path,
            bell: Arc::new(Notify::new()),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let conn = self.conn.get_mut().unwrap_or_else(|p| p.into_inner());
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version TEXT PRIMARY KEY,
                 applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
             ) STRICT;",
        )?;
        let newest: Option<String> =
            conn.query_row("SELECT max(version) FROM schema_migrations", [], |r| {
                r.get(0)
            })?;
        let known = MIGRATIONS.last().map(|m| m.0).unwrap_or_default();
        if let Some(found) = newest.filter(|v| v.as_str() > known) {
            return Err(StoreError::TooNew { found, known });
        }
        for (version, sql) in MIGRATIONS {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let done: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM schema_migrations WHERE version = ?1)",
                [version],
                |r| r.get(0),
            )?;
            if done {
                continue;
            }
            tx.execute_batch(sql)
                .and_then(|()| {
                    tx.execute(
                        "INSERT INTO schema_migrations (version) VALUES (?1)",
                        [version],
                    )
                })
                .map_err(|source| StoreError::Migration { version, source })?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The one writer connection. Held only for short, synchronous work, never across `.await`.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one durable write transaction and commits it when `f` returns `Ok`
    /// (an `Err` rolls everything back). Rings the delivery bell after a commit that
    /// enqueued something.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.conn();
        let write = Write {
            tx: conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(StoreError::from)?,
            ring: Cell::new(false),
        };
        let value = f(&write)?;
        let ring = write.ring.get();
        write.tx.commit().map_err(StoreError::from)?;
        if ring {
            self.ring();
        }
        Ok(value)
    }

    /// Wakes the sync worker: something is due for the hub now.
    pub fn ring(&self) {
        self.bell.notify_one();
    }

    /// What the sync worker waits on between deliveries.
    pub fn bell(&self) -> Arc<Notify> {
        Arc::clone(&self.bell)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The newest migration applied.
    pub fn schema_version(&self) -> Result<String, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
                r.get(0)
            })?)
    }

    /// Re-runs `PRAGMA integrity_check`; `Ok(())` when the file is sound.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let detail: String = self
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if detail == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                detail,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_migrated_durable_and_wal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(store.schema_version().expect("version"), "0009_staff_pin");
        let conn = store.conn();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(sync, 2, "FULL");
        let secure: i64 = conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(secure, 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_store_and_its_folder_are_readable_by_their_user_only() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let parent = tempfile::tempdir().expect("tempdir");
        let dir = parent.path().join("kiosk/data");
        anjungan_files::dir(&dir).expect("dir");
        assert_eq!(mode(&dir), 0o700);
        // Open: the migrations have written, so the write-ahead log exists too.
        let _store = Store::open(&dir).expect("open");
        assert_eq!(mode(&dir.join(STORE_FILE)), 0o600);
        assert_eq!(mode(&dir.join(format!("{STORE_FILE}-wal"))), 0o600);
    }

    #[test]
    fn reopening_does_not_reapply_migrations() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(Store::open(dir.path()).expect("first open"));
        let store = Store::open(dir.path()).expect("second open");
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n as usize, MIGRATIONS.len());
    }

    #[test]
    fn a_store_from_a_newer_build_is_refused_not_downgraded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        store
            .conn()
            .execute(
                "INSERT INTO schema_migrations (version) VALUES ('9999_future')",
                [],
            )
            .expect("insert");
        drop(store);
        let err = Store::open(dir.path()).err().expect("must fail");
        assert!(matches!(err, StoreError::TooNew { .. }));
        assert_eq!(err.maintenance_reason(), MaintenanceReason::TooNew);
    }

    #[test]
    fn a_corrupt_file_is_reported_and_left_in_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(STORE_FILE);
        std::fs::write(&path, vec![0x5a_u8; 8192]).expect("write garbage");
        let err = Store::open(dir.path()).err().expect("must fail");
        assert!(
            matches!(
                err,
                StoreError::Corrupt { .. } | StoreError::Sql(_) | StoreError::Open { .. }
            ),
            "{err}"
        );
        assert_eq!(err.maintenance_reason(), MaintenanceReason::Damaged);
        let after = std::fs::read(&path).expect("still there");
        assert_eq!(after, vec![0x5a_u8; 8192], "the file must not be recreated");
    }
}
