//! The hub's signing keys — seal keys sign permits, root keys sign the trust lists — live in
//! their own file beside the database, mode 0600, not in the database: the database is
//! copied for reports, backups and migrations far more often than a key should travel.
//!
//! With a passphrase (`ANJUNGAN_HUB_KEY_PASSPHRASE`, or the systemd credential
//! `hub-key-passphrase`) the file is sealed with age (scrypt), so a copy of the data
//! directory alone signs nothing. The database keeps each key's public half and id.
//! Keys held by a database from before this file are moved into it at the first open.

use crate::error::HubError;
use age::secrecy::SecretString;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use sqlx::AnyPool;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const PLAIN_FILE: &str = "signing-keys.json";
const LOCK_FILE: &str = "signing-keys.lock";
pub const SEALED_FILE: &str = "signing-keys.json.age";
pub const PASSPHRASE_ENV: &str = "ANJUNGAN_HUB_KEY_PASSPHRASE";
/// The name of the systemd credential (`LoadCredentialEncrypted=hub-key-passphrase:…`).
pub const CREDENTIAL: &str = "hub-key-passphrase";

type Keys = BTreeMap<String, [u8; 32]>;

/// Keys already read, per key file: scrypt takes about a second, so once per process.
static CACHE: Mutex<BTreeMap<PathBuf, Keys>> = Mutex::new(BTreeMap::new());

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct KeyFile {
    /// key id → 32 secret bytes, base64url.
    keys: BTreeMap<String, String>,
}

fn failed(what: impl std::fmt::Display) -> HubError {
    HubError::Internal(format!("the signing key file: {what}"))
}

/// The data directory of the hub that opened `pool`: the keys live there.
fn dir_of(pool: &AnyPool) -> PathBuf {
    crate::files::files_dir(pool)
}

fn passphrase() -> Option<SecretString> {
    if let Some(p) = std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()) {
        return Some(SecretString::from(p));
    }
    let dir = std::env::var_os("CREDENTIALS_DIRECTORY")?;
    let text = std::fs::read_to_string(Path::new(&dir).join(CREDENTIAL)).ok()?;
    let text = text.trim_end_matches(['\n', '\r']).to_owned();
    (!text.is_empty()).then(|| SecretString::from(text))
}

fn read(dir: &Path) -> Result<Keys, HubError> {
    let sealed = dir.join(SEALED_FILE);
    let bytes = if sealed.exists() {
        let pass = passphrase().ok_or_else(|| {
            failed(format!(
                "{} is sealed: set {PASSPHRASE_ENV} or the systemd credential {CREDENTIAL}",
                sealed.display()
            ))
        })?;
        let ciphertext = std::fs::read(&sealed)?;
        age::decrypt(&age::scrypt::Identity::new(pass), &ciphertext)
            .map_err(|e| failed(format!("{}: {e} (a wrong passphrase?)", sealed.display())))?
    } else {
        match std::fs::read(dir.join(PLAIN_FILE)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Keys::new()),
            Err(e) => return Err(e.into()),
        }
    };
    let file: KeyFile = serde_json::from_slice(&bytes).map_err(failed)?;
    file.keys
        .into_iter()
        .map(|(kid, b64)| {
            let bytes: [u8; 32] = B64
                .decode(&b64)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| failed(format!("key {kid} is damaged")))?;
            Ok((kid, bytes))
        })
        .collect()
}

fn write(dir: &Path, keys: &Keys) -> Result<(), HubError> {
    let file = KeyFile {
        keys: keys
            .iter()
            .map(|(kid, secret)| (kid.clone(), B64.encode(secret)))
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&file).map_err(failed)?;
    match passphrase() {
        Some(pass) => {
            let sealed = age::encrypt(&age::scrypt::Recipient::new(pass), &json).map_err(failed)?;
            anjungan_files::write(&dir.join(SEALED_FILE), &sealed)?;
            // Sealing newly configured: the plain copy goes.
            match std::fs::remove_file(dir.join(PLAIN_FILE)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        None => anjungan_files::write(&dir.join(PLAIN_FILE), &json)?,
    }
    Ok(())
}

fn cached(dir: &Path) -> Result<Keys, HubError> {
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(keys) = cache.get(dir) {
        return Ok(keys.clone());
    }
    let keys = read(dir)?;
    cache.insert(dir.to_owned(), keys.clone());
    Ok(keys)
}

/// Adds keys to the file (written whole, atomically) and to the cache. A lock file keeps
/// two processes (the service and an admin command) from writing over each other's key.
fn add(dir: &Path, new: &[(String, [u8; 32])]) -> Result<(), HubError> {
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let lock_path = dir.join(LOCK_FILE);
    anjungan_files::touch(&lock_path)?;
    let lock = std::fs::OpenOptions::new().write(true).open(&lock_path)?;
    lock.lock()?;
    // Read again under the lock: another process may have added a key meanwhile.
    let mut keys = read(dir)?;
    for (kid, secret) in new {
        keys.insert(kid.clone(), *secret);
    }
    write(dir, &keys)?;
    cache.insert(dir.to_owned(), keys);
    Ok(())
}

/// The secret of key `kid`. A key another process made since this one read the file (an
/// admin's `keys rotate-root` while the service runs) is found by reading it again.
pub fn secret(pool: &AnyPool, kid: &str) -> Result<[u8; 32], HubError> {
    let dir = dir_of(pool);
    if let Some(secret) = cached(&dir)?.get(kid) {
        return Ok(*secret);
    }
    let keys = read(&dir)?;
    let found = keys.get(kid).copied();
    CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(dir, keys);
    found.ok_or_else(|| failed(format!("key {kid} is not in it")))
}

/// Keeps a new key's secret; the caller records its public half in the database after.
pub fn keep(pool: &AnyPool, kid: &str, secret: &[u8; 32]) -> Result<(), HubError> {
    add(&dir_of(pool), &[(kid.to_owned(), *secret)])
}

/// Moves secrets a database from before the key file holds into it, then blanks them in the
/// database: the file first, so a power cut between leaves them in both, never in neither.
pub async fn move_out_of_database(pool: &AnyPool) -> Result<usize, HubError> {
    let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT kid, secret FROM seal_keys WHERE length(secret) > 0
         UNION ALL SELECT kid, secret FROM root_keys WHERE length(secret) > 0",
    )
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut found = Vec::new();
    for (kid, secret) in rows {
        let bytes: [u8; 32] = secret
            .try_into()
            .map_err(|_| failed(format!("key {kid} in the database is damaged")))?;
        found.push((kid, bytes));
    }
    add(&dir_of(pool), &found)?;
    let empty: Vec<u8> = Vec::new();
    sqlx::query("UPDATE seal_keys SET secret = $1 WHERE length(secret) > 0")
        .bind(&empty)
        .execute(pool)
        .await?;
    sqlx::query("UPDATE root_keys SET secret = $1 WHERE length(secret) > 0")
        .bind(&empty)
        .execute(pool)
        .await?;
    tracing::info!(
        keys = found.len(),
        "signing keys moved out of the database into their own file"
    );
    Ok(found.len())
}
