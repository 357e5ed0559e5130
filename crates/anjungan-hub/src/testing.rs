//! For tests of the hub and of everything that talks to it: the same test runs on SQLite
//! (the default) or, with `ANJUNGAN_TEST_POSTGRES=postgres://…/DB` set, on PostgreSQL, each
//! test's data directory getting a schema of its own in that database.

use crate::db::Pool;
use crate::error::HubError;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The environment variable naming the test PostgreSQL database.
pub const POSTGRES_ENV: &str = "ANJUNGAN_TEST_POSTGRES";

/// The `--database` URL of the hub whose data directory is `dir` under test, when the tests
/// run on PostgreSQL; `None` on SQLite. The same directory always gets the same schema, so a
/// second hub process over it shares the first one's data.
pub fn database_url(dir: &Path) -> Option<String> {
    let server = std::env::var(POSTGRES_ENV).ok().filter(|s| !s.is_empty())?;
    let digest = Sha256::digest(dir.to_string_lossy().as_bytes());
    let schema = format!("t_{}", &hex::encode(digest)[..20]);
    let sep = if server.contains('?') { '&' } else { '?' };
    Some(format!("{server}{sep}options=-c%20search_path%3D{schema}"))
}

/// Opens the hub's database for the data directory `dir`, on the engine the tests run on.
pub async fn open(dir: &Path) -> Result<Pool, HubError> {
    match database_url(dir) {
        Some(url) => crate::db::connect(&url, dir).await,
        None => crate::db::open(dir).await,
    }
}
