//! The signed token: `kid.payload.signature`, base64url without padding. The payload is
//! compact JSON with one-letter keys so that the QR stays small enough to print at
//! ≥ 0.8 mm per module.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Longest token accepted (a QR holding 3 KB of garbage is refused before any work).
pub const MAX_TOKEN_LEN: usize = 1024;

/// What a permit's QR asserts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    #[serde(rename = "n")]
    pub number: String,
    #[serde(rename = "t")]
    pub kind: String,
    #[serde(rename = "h")]
    pub holder: String,
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub nib: Option<String>,
    /// SHA-256 (hex, first 16 bytes) of the holder's NIK: enough to match a KTP at the
    /// counter, not enough to print the NIK on a public QR.
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub nik_hash: Option<String>,
    /// YYYY-MM-DD.
    #[serde(rename = "d")]
    pub issued: String,
    /// YYYY-MM-DD, or absent for permits without expiry.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// SHA-256 (hex) of the signed PDF.
    #[serde(rename = "p")]
    pub pdf_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("not a permit token")]
    Malformed,
    #[error("the signing key {0:?} is not in the trust list")]
    UnknownKey(String),
    #[error("the signature does not match")]
    BadSignature,
}

pub fn nik_hash(nik: &str) -> String {
    hex::encode(&Sha256::digest(nik.trim().as_bytes())[..16])
}

fn valid_kid(kid: &str) -> bool {
    !kid.is_empty()
        && kid.len() <= 32
        && kid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Signs `claims` with `key`, named `kid` in the trust list.
pub fn sign(claims: &Claims, kid: &str, key: &SigningKey) -> String {
    let payload = B64.encode(serde_json::to_vec(claims).unwrap_or_default());
    let signed = format!("{kid}.{payload}");
    let sig = key.sign(signed.as_bytes());
    format!("{signed}.{}", B64.encode(sig.to_bytes()))
}

/// The token's key id, read before anything else (it selects the key to verify with).
pub fn key_id(token: &str) -> Result<&str, TokenError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenError::Malformed);
    }
    let kid = token.split('.').next().ok_or(TokenError::Malformed)?;
    if valid_kid(kid) && token.split('.').count() == 3 {
        Ok(kid)
    } else {
        Err(TokenError::Malformed)
    }
}

/// Verifies the signature with `key`, and only then decodes the claims.
pub fn open(token: &str, key: &VerifyingKey) -> Result<Claims, TokenError> {
    key_id(token)?;
    let (signed, sig) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
    let sig: [u8; 64] = B64
        .decode(sig)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(TokenError::Malformed)?;
    key.verify(signed.as_bytes(), &Signature::from_bytes(&sig))
        .map_err(|_| TokenError::BadSignature)?;
    let payload = signed
        .split_once('.')
        .map(|(_, p)| p)
        .ok_or(TokenError::Malformed)?;
    let json = B64.decode(payload).map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    pub(crate) fn claims() -> Claims {
        Claims {
            number: "503/0123/SIP/DPMPTSP/2026".into(),
            kind: "Surat Izin Praktik Dokter".into(),
            holder: "dr. Siti Rahmawati".into(),
            nib: None,
            nik_hash: Some(nik_hash("1872015201900002")),
            issued: "2026-11-02".into(),
            valid_until: Some("2031-11-02".into()),
            pdf_sha256: "ab".repeat(32),
        }
    }

    #[test]
    fn a_signed_token_opens_with_its_key_and_no_other() {
        let key = SigningKey::generate(&mut StdRng::seed_from_u64(1));
        let other = SigningKey::generate(&mut StdRng::seed_from_u64(2));
        let token = sign(&claims(), "seal-2026", &key);
        // ≈ 410 characters: with the URL, a version-14 QR at level M, 65 mm at 0.8 mm per module.
        assert!(
            token.len() < 480,
            "small enough for a printable QR: {}",
            token.len()
        );
        assert_eq!(key_id(&token), Ok("seal-2026"));
        assert_eq!(open(&token, &key.verifying_key()), Ok(claims()));
        assert_eq!(
            open(&token, &other.verifying_key()),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn changing_any_byte_breaks_it() {
        let key = SigningKey::generate(&mut StdRng::seed_from_u64(1));
        let token = sign(&claims(), "seal-2026", &key);
        let bytes = token.as_bytes();
        for i in 0..bytes.len() {
            let mut t = bytes.to_vec();
            t[i] = if t[i] == b'A' { b'B' } else { b'A' };
            let t = String::from_utf8(t).expect("ascii");
            if t == token {
                continue;
            }
            assert!(
                open(&t, &key.verifying_key()).is_err(),
                "byte {i} changed and it still opened"
            );
        }
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        let key = SigningKey::generate(&mut StdRng::seed_from_u64(1)).verifying_key();
        for g in [
            "",
            ".",
            "..",
            "a.b.c",
            "k.!!!.!!!",
            &"x".repeat(3000),
            "k\u{0}.a.b",
        ] {
            assert!(open(g, &key).is_err(), "{g:.20}");
        }
    }
}
