//! Sealing a complaint to the office's complaint key with `age` (X25519 recipients), the
//! maintained format the rage project keeps; nothing home-made. The kiosk holds only the
//! public recipient (`age1…`, delivered in the signed trust lists); the hub holds the
//! identities (`AGE-SECRET-KEY-1…`) in a file of its own, never sent anywhere.

use age::secrecy::ExposeSecret;
use anjungan_wire::complaint::ComplaintCategory;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the office's complaint key is not valid: {0}")]
    BadRecipient(String),
    #[error("no complaint key of this hub opens it")]
    NoKey,
    #[error("the sealed complaint could not be read: {0}")]
    Corrupt(String),
}

/// A new complaint key pair: the secret (for the hub's key file) and the recipient.
pub fn keygen() -> (String, String) {
    let id = age::x25519::Identity::generate();
    let recipient = id.to_public().to_string();
    (id.to_string().expose_secret().to_owned(), recipient)
}

/// Checks a recipient string (`age1…`).
pub fn recipient(s: &str) -> Result<age::x25519::Recipient, SealError> {
    s.trim()
        .parse::<age::x25519::Recipient>()
        .map_err(|e| SealError::BadRecipient(e.to_string()))
}

/// Encrypts `value` (as JSON) to `recipient`.
pub fn seal<T: Serialize>(recipient_str: &str, value: &T) -> Result<Vec<u8>, SealError> {
    let r = recipient(recipient_str)?;
    let plain = serde_json::to_vec(value).map_err(|e| SealError::Corrupt(e.to_string()))?;
    age::encrypt(&r, &plain).map_err(|e| SealError::Corrupt(e.to_string()))
}

/// Decrypts with the first of `identities` (secret strings, newest last) that opens it.
pub fn open<T: for<'de> Deserialize<'de>>(
    identities: &[String],
    sealed: &[u8],
) -> Result<T, SealError> {
    for s in identities.iter().rev() {
        let Ok(id) = s.trim().parse::<age::x25519::Identity>() else {
            continue;
        };
        if let Ok(plain) = age::decrypt(&id, sealed) {
            return serde_json::from_slice(&plain).map_err(|e| SealError::Corrupt(e.to_string()));
        }
    }
    Err(SealError::NoKey)
}

/// An attachment inside the sealed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedFile {
    pub kind: String,
    /// Base64 of the file's bytes.
    pub data: String,
}

impl SealedFile {
    pub fn new(kind: &str, bytes: &[u8]) -> Self {
        Self {
            kind: kind.to_owned(),
            data: B64.encode(bytes),
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        B64.decode(&self.data).unwrap_or_default()
    }
}

/// What the first envelope holds: the complaint itself, and the PIN's hash (so that not
/// even the PIN's hash lies on the kiosk's disk in the clear).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub category: ComplaintCategory,
    pub title: String,
    pub chronology: String,
    pub event_date: String,
    pub place: String,
    pub unit: Option<String>,
    pub related_tracking_number: Option<String>,
    /// `named`, `rahasia` or `anonim`.
    pub privacy: String,
    pub pin_hash: String,
    pub attachments: Vec<SealedFile>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use anjungan_wire::complaint::ComplaintIdentity;

    #[test]
    fn only_the_office_key_opens_a_sealed_complaint() {
        let (secret, public) = keygen();
        let (other, _) = keygen();
        assert!(public.starts_with("age1") && secret.starts_with("AGE-SECRET-KEY-1"));
        let who = ComplaintIdentity {
            name: "Budi Santoso".into(),
            nik: String::new(),
            phone: "081298765432".into(),
            email: String::new(),
        };
        let sealed = seal(&public, &who).expect("seal");
        assert!(!String::from_utf8_lossy(&sealed).contains("Budi"));
        assert_eq!(
            open::<ComplaintIdentity>(&[other.clone(), secret.clone()], &sealed).expect("open"),
            who
        );
        assert!(matches!(
            open::<ComplaintIdentity>(&[other], &sealed),
            Err(SealError::NoKey)
        ));
        assert!(recipient("age1notakey").is_err());
    }
}
