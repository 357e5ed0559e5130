//! TLS between kiosk and hub.
//!
//! A kiosk trusts the hub's TLS *key*, not a certificate authority: the enrolment code
//! carries the pin of the hub's key ([`spki_pin`]), and [`client::config`] accepts exactly
//! the pinned keys. So a self-made certificate on an office network is as safe as a bought
//! one, and a bought one for the same name in someone else's hands is refused.
//!
//! A pin is the SHA-256 of the certificate's SubjectPublicKeyInfo, base64url without
//! padding — the same value as
//! `openssl x509 -pubkey -noout -in cert.pem | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | basenc --base64url`
//! (minus the `=`), so an operator can compute the pin of a certificate the hub did not make.

pub mod client;
#[cfg(feature = "server")]
pub mod server;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use rustls::pki_types::CertificateDer;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("not a usable certificate: {0}")]
    BadCertificate(String),
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("TLS setup failed: {0}")]
    Setup(String),
}

/// The crypto this project uses everywhere (ring, as reqwest's rustls does).
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The pin of a certificate's key: SHA-256 of its SubjectPublicKeyInfo, base64url.
pub fn spki_pin(cert: &CertificateDer<'_>) -> Result<String, TlsError> {
    let parsed = rustls::server::ParsedCertificate::try_from(cert)
        .map_err(|e| TlsError::BadCertificate(e.to_string()))?;
    Ok(B64.encode(Sha256::digest(parsed.subject_public_key_info().as_ref())))
}
