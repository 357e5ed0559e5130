//! The trust list (the office's seal keys) and the revocation list, in one document the hub
//! signs with its current seal key. A kiosk accepts a new list only when it is signed by a
//! key it already trusts, so a key rotation travels safely: the new list names the new key
//! and is signed with the old one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKey {
    pub kid: String,
    /// Ed25519 public key, base64url.
    pub public_key: String,
    /// Permits issued after this date are not signed with this key (rotation); YYYY-MM-DD.
    pub retired: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub number: String,
    pub reason: String,
    /// RFC 3339.
    pub revoked_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lists {
    /// RFC 3339: when the hub made this list.
    pub issued_at: String,
    pub keys: Vec<TrustedKey>,
    pub revoked: Vec<Revocation>,
    /// The office's complaint key (an `age` X25519 recipient, `age1…`): kiosks seal
    /// complaints to it. Signed with the lists, so a kiosk never seals to a stranger's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_recipient: Option<String>,
}

/// The signed envelope kiosks download: `lists` is the exact JSON that was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedLists {
    pub lists: String,
    pub kid: String,
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    #[error("the lists are not well formed")]
    Malformed,
    #[error("the lists are signed by a key this kiosk does not trust")]
    Untrusted,
}

pub fn public_key_b64(key: &VerifyingKey) -> String {
    B64.encode(key.to_bytes())
}

impl Lists {
    pub fn key(&self, kid: &str) -> Option<VerifyingKey> {
        let k = self.keys.iter().find(|k| k.kid == kid)?;
        let bytes: [u8; 32] = B64.decode(&k.public_key).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok()
    }

    pub fn revocation(&self, number: &str) -> Option<&Revocation> {
        self.revoked.iter().find(|r| r.number == number)
    }

    pub fn sign(&self, kid: &str, key: &SigningKey) -> SignedLists {
        let lists = serde_json::to_string(self).unwrap_or_default();
        let signature = B64.encode(key.sign(lists.as_bytes()).to_bytes());
        SignedLists {
            lists,
            kid: kid.to_owned(),
            signature,
        }
    }
}

impl SignedLists {
    /// Opens the envelope with a key from `trusted` (the lists the kiosk already has), or,
    /// on first contact, with the key the envelope itself names (trust on first use over the
    /// authenticated enrolment channel).
    pub fn open(&self, trusted: Option<&Lists>) -> Result<Lists, TrustError> {
        let inner: Lists = serde_json::from_str(&self.lists).map_err(|_| TrustError::Malformed)?;
        let key = match trusted {
            Some(t) => t.key(&self.kid).ok_or(TrustError::Untrusted)?,
            None => inner.key(&self.kid).ok_or(TrustError::Untrusted)?,
        };
        let sig: [u8; 64] = B64
            .decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(TrustError::Malformed)?;
        key.verify(self.lists.as_bytes(), &Signature::from_bytes(&sig))
            .map_err(|_| TrustError::Untrusted)?;
        Ok(inner)
    }
}
