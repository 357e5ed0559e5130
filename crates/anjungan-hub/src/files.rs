//! Where the hub that opened a database keeps its own files (signing keys, TLS key,
//! complaint keys; with SQLite also the database and documents). [`crate::db::connect`]
//! notes it; the key store and the document store read it from the pool they are given.

use sqlx::AnyPool;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each database's data directory, by URL: where the keys and other files of the hub that
/// opened it live. Set by [`crate::db::connect`].
static FILES: std::sync::Mutex<BTreeMap<String, PathBuf>> = std::sync::Mutex::new(BTreeMap::new());

/// The data directory of the hub whose database `pool` opened (signing keys, TLS key,
/// complaint keys; with SQLite also the database and documents).
pub fn files_dir(pool: &AnyPool) -> PathBuf {
    FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(pool.connect_options().database_url.as_str())
        .cloned()
        .unwrap_or_default()
}

/// Notes that the database at `database_url` belongs to the hub whose files are in `dir`.
pub(crate) fn register(database_url: &str, dir: &Path) {
    FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(database_url.to_owned(), dir.to_owned());
}
