//! Officers' accounts: one per officer, with a role, an Argon2id password and (for admins,
//! optional for others) a TOTP secret. The first admin is made on the server's command line
//! (`anjungan-hub staff add`); the rest from the back office.

use super::roles::Role;
use super::totp;
use crate::error::HubError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use serde::Serialize;
use sqlx::AnyPool;

/// Shortest password taken.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Passwords seen most often in breaches, and the office's own obvious ones: refused
/// whatever their length (compared without case).
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "qwertyuiopas",
    "password1234",
    "passwordpassword",
    "iloveyou1234",
    "qwerty123456",
    "111111111111",
    "000000000000",
    "123123123123",
    "abcdefghijkl",
    "abc123abc123",
    "password123!",
    "Password1234",
    "administrator",
    "admin1234567",
    "adminadminadmin",
    "letmein12345",
    "welcome12345",
    "sayangkamu123",
    "bismillah123",
    "indonesia123",
    "indonesia1945",
    "merdeka12345",
    "kotametro2024",
    "kotametro2025",
    "kotametro2026",
    "dpmptsp12345",
    "dpmptspmetro",
    "anjungan12345",
    "pelayanan123",
    "rahasia12345",
    "katasandi123",
    "passwordbaru",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Officer {
    pub name: String,
    pub role: Role,
    pub totp: bool,
    pub disabled: bool,
    pub created_at: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    role: String,
    password_hash: String,
    totp_secret: Option<String>,
    totp_step: Option<i64>,
    disabled: i64,
    created_at: String,
}

impl Row {
    fn officer(&self) -> Option<Officer> {
        Some(Officer {
            name: self.name.clone(),
            role: Role::from_code(&self.role)?,
            totp: self.totp_secret.is_some(),
            disabled: self.disabled != 0,
            created_at: self.created_at.clone(),
        })
    }
}

fn invalid(m: impl Into<String>) -> HubError {
    HubError::InvalidInput(m.into())
}

/// Why a password is refused, or `None` when it may be used.
pub fn weak_password(name: &str, password: &str) -> Option<String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Some(format!(
            "a password has at least {MIN_PASSWORD_CHARS} characters"
        ));
    }
    if chars > 256 {
        return Some("a password has at most 256 characters".into());
    }
    let lower = password.to_lowercase();
    if COMMON.iter().any(|c| c.to_lowercase() == lower)
        || lower
            .chars()
            .all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Some("this password is among the most common ones: choose another".into());
    }
    if !name.is_empty() && lower.contains(&name.to_lowercase()) {
        return Some("a password does not contain the account's name".into());
    }
    None
}

fn valid_name(name: &str) -> Result<(), HubError> {
    let ok = (3..=40).contains(&name.len())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_' || b == b'-'
        });
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "an account name is 3 to 40 characters: lowercase letters, digits, '.', '_' or '-'",
        ))
    }
}

pub fn hash_password(password: &str, rng: &mut impl RngCore) -> Result<String, HubError> {
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| HubError::Internal(e.to_string()))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| HubError::Internal(e.to_string()))?
        .to_string())
}

fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// What a new account (or a reset) gives its officer, once.
#[derive(Debug, Clone, Serialize)]
pub struct Issued {
    pub name: String,
    pub role: Role,
    /// A generated password (reset), shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The `otpauth://` URI for the officer's authenticator app, shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totp_uri: Option<String>,
}

/// Makes an account. Admins always get a TOTP secret; others when `totp` is set.
pub async fn add(
    pool: &AnyPool,
    name: &str,
    role: Role,
    password: &str,
    totp: bool,
    now: &str,
    rng: &mut impl RngCore,
) -> Result<Issued, HubError> {
    valid_name(name)?;
    if let Some(why) = weak_password(name, password) {
        return Err(invalid(why));
    }
    let hash = hash_password(password, rng)?;
    let secret = (totp || role.needs_totp()).then(|| totp::new_secret(rng));
    let inserted = sqlx::query(
        "INSERT INTO staff (name, role, password_hash, totp_secret, disabled, created_at, changed_at)
         VALUES ($1, $2, $3, $4, 0, $5, $5) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(role.code())
    .bind(&hash)
    .bind(&secret)
    .bind(now)
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(invalid(format!("an account named {name} exists already")));
    }
    Ok(Issued {
        name: name.to_owned(),
        role,
        password: None,
        totp_uri: secret.map(|s| totp::uri(&s, name)),
    })
}

pub async fn list(pool: &AnyPool) -> Result<Vec<Officer>, HubError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT name, role, password_hash, totp_secret, totp_step, disabled, created_at
           FROM staff ORDER BY name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().filter_map(Row::officer).collect())
}

async fn row(pool: &AnyPool, name: &str) -> Result<Option<Row>, HubError> {
    Ok(sqlx::query_as(
        "SELECT name, role, password_hash, totp_secret, totp_step, disabled, created_at
           FROM staff WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(pool)
    .await?)
}

/// Disables an account and ends its sessions.
pub async fn disable(pool: &AnyPool, name: &str, now: &str) -> Result<(), HubError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let n = sqlx::query("UPDATE staff SET disabled = 1, changed_at = $2 WHERE name = $1")
        .bind(name)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(HubError::NotFound("account".into()));
    }
    sqlx::query("DELETE FROM staff_sessions WHERE name = $1")
        .bind(name)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A new generated password (and a new TOTP secret where the account has one), shown once;
/// the account is enabled again, its sessions end and its failed sign-ins are forgotten.
pub async fn reset(
    pool: &AnyPool,
    name: &str,
    now: &str,
    rng: &mut impl RngCore,
) -> Result<Issued, HubError> {
    let current = row(pool, name)
        .await?
        .ok_or_else(|| HubError::NotFound("account".into()))?;
    let role = Role::from_code(&current.role).ok_or_else(|| invalid("unknown role"))?;
    let password = generate_password(rng);
    let hash = hash_password(&password, rng)?;
    let secret =
        (current.totp_secret.is_some() || role.needs_totp()).then(|| totp::new_secret(rng));
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query(
        "UPDATE staff SET password_hash = $2, totp_secret = $3, totp_step = NULL, disabled = 0,
                changed_at = $4 WHERE name = $1",
    )
    .bind(name)
    .bind(&hash)
    .bind(&secret)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM staff_sessions WHERE name = $1")
        .bind(name)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM staff_login_failures WHERE name = $1")
        .bind(name)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Issued {
        name: name.to_owned(),
        role,
        password: Some(password),
        totp_uri: secret.map(|s| totp::uri(&s, name)),
    })
}

/// Sixteen characters from an alphabet without look-alikes (no 0/O, 1/l/I).
pub fn generate_password(rng: &mut impl RngCore) -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..16)
        .map(|_| char::from(ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()]))
        .collect()
}

/// Why a sign-in was refused. The officer is told only "name, password or code wrong" for
/// all three wrong kinds, so the page never says which names exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Wrong,
    NeedsCode,
    Disabled,
}

/// A dummy hash checked for unknown names, so that they take as long as known ones.
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0bCp2vJ1j0kH1Q+M6bpbTSo0CbVUpd4M8ZlQpHB3Z0A";

/// Checks a sign-in; on success returns the officer and remembers the TOTP step used.
pub async fn authenticate(
    pool: &AnyPool,
    name: &str,
    password: &str,
    code: &str,
    unix_s: i64,
) -> Result<Result<Officer, Refusal>, HubError> {
    let found = row(pool, name).await?;
    let hash = found.as_ref().map_or(DUMMY, |r| r.password_hash.as_str());
    // Argon2id takes tens of milliseconds on purpose: not on the async workers.
    let (hash, password) = (hash.to_owned(), password.to_owned());
    let matches = tokio::task::spawn_blocking(move || password_matches(&hash, &password))
        .await
        .unwrap_or(false);
    let Some(row) = found.filter(|_| matches) else {
        return Ok(Err(Refusal::Wrong));
    };
    if row.disabled != 0 {
        return Ok(Err(Refusal::Disabled));
    }
    if let Some(secret) = &row.totp_secret {
        if code.trim().is_empty() {
            return Ok(Err(Refusal::NeedsCode));
        }
        let Some(step) = totp::check(secret, code, unix_s, row.totp_step) else {
            return Ok(Err(Refusal::Wrong));
        };
        // Only a newer step: two sign-ins racing with one code, one wins.
        let taken = sqlx::query(
            "UPDATE staff SET totp_step = $2 WHERE name = $1 AND (totp_step IS NULL OR totp_step < $2)",
        )
        .bind(&row.name)
        .bind(step)
        .execute(pool)
        .await?
        .rows_affected();
        if taken == 0 {
            return Ok(Err(Refusal::Wrong));
        }
    }
    row.officer().map(Ok).ok_or_else(|| invalid("unknown role"))
}

/// The officer behind a session's name, if the account is still enabled.
pub async fn enabled(pool: &AnyPool, name: &str) -> Result<Option<Officer>, HubError> {
    Ok(row(pool, name)
        .await?
        .filter(|r| r.disabled == 0)
        .and_then(|r| r.officer()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_named() {
        assert!(weak_password("siti", "short").is_some());
        assert!(weak_password("siti", "Password1234").is_some(), "common");
        assert!(
            weak_password("siti", "aaaaaaaaaaaaaaaa").is_some(),
            "one character"
        );
        assert!(
            weak_password("siti", "siti-metro-2026!").is_some(),
            "the name"
        );
        assert_eq!(
            weak_password("siti", "kopi tubruk di pasar cendrawasih"),
            None
        );
    }

    #[test]
    fn the_dummy_hash_is_a_real_argon2id_hash() {
        assert!(PasswordHash::new(DUMMY).is_ok());
        assert!(!password_matches(DUMMY, "anything"));
    }
}
