//! The kiosk's side: a verifier that accepts the hub only when its key is one of the pins.

use crate::spki_pin;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, OtherError, SignatureScheme};
use std::sync::Arc;

/// The hub answered with a key this kiosk was not enrolled with.
#[derive(Debug)]
pub struct PinMismatch {
    pub got: String,
}

impl std::fmt::Display for PinMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the server's TLS key (pin {}) is not the hub's key this kiosk was enrolled with",
            self.got
        )
    }
}

impl std::error::Error for PinMismatch {}

/// Accepts a server whose end-entity key is one of `pins`, whatever its name, issuer or
/// dates: the pin is the trust anchor (a self-made certificate never expires into an
/// outage). The handshake signature is still checked, so only the key's holder passes.
#[derive(Debug)]
pub struct PinnedVerifier {
    pins: Vec<String>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl PinnedVerifier {
    pub fn new(pins: Vec<String>) -> Self {
        Self {
            pins,
            provider: crate::provider(),
        }
    }
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let pin = spki_pin(end_entity)
            .map_err(|_| Error::InvalidCertificate(CertificateError::BadEncoding))?;
        if self.pins.contains(&pin) {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(Error::InvalidCertificate(CertificateError::Other(
                OtherError(Arc::new(PinMismatch { got: pin })),
            )))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A client config that trusts exactly `pins`.
pub fn config(pins: Vec<String>) -> Result<rustls::ClientConfig, crate::TlsError> {
    Ok(
        rustls::ClientConfig::builder_with_provider(crate::provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| crate::TlsError::Setup(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(PinnedVerifier::new(pins)))
            .with_no_client_auth(),
    )
}

/// The [`PinMismatch`] somewhere in an HTTP client's error chain (rustls reports it inside
/// an I/O error, whose own `source` skips it), so the kiosk can say why in words.
pub fn pin_mismatch<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a PinMismatch> {
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(Error::InvalidCertificate(CertificateError::Other(other))) =
            e.downcast_ref::<Error>()
        {
            return other.0.downcast_ref::<PinMismatch>();
        }
        // An I/O error's `source` is its inner error's source: step into the inner one.
        next = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    None
}
