//! The hub's side: its certificate and key, from files the office provides or made at
//! first start and kept in the data directory.

use crate::{spki_pin, TlsError};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the hub presents.
#[derive(Debug)]
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
    /// The pin of the first certificate's key: what enrolment codes carry.
    pub pin: String,
}

fn file_error(path: &Path, message: impl std::fmt::Display) -> TlsError {
    TlsError::File {
        path: path.to_owned(),
        message: message.to_string(),
    }
}

/// The folder under the data directory that holds a certificate the hub made.
pub fn made_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("tls")
}

impl Identity {
    /// Reads a PEM certificate chain and its PEM private key.
    pub fn from_files(cert: &Path, key: &Path) -> Result<Self, TlsError> {
        let chain = CertificateDer::pem_file_iter(cert)
            .map_err(|e| file_error(cert, e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| file_error(cert, e))?;
        let first = chain
            .first()
            .ok_or_else(|| file_error(cert, "no certificate in the file"))?;
        let pin = spki_pin(first)?;
        let key = PrivateKeyDer::from_pem_file(key).map_err(|e| file_error(key, e))?;
        Ok(Self { chain, key, pin })
    }

    /// The pin of the first certificate in a PEM file (to announce it before serving it).
    pub fn pin_of_file(cert: &Path) -> Result<String, TlsError> {
        let first = CertificateDer::pem_file_iter(cert)
            .map_err(|e| file_error(cert, e))?
            .next()
            .ok_or_else(|| file_error(cert, "no certificate in the file"))?
            .map_err(|e| file_error(cert, e))?;
        spki_pin(&first)
    }

    /// The certificate in `data_dir/tls/`, made there the first time (a key only this hub
    /// holds, mode 0600; names `localhost`, this host's name and the loopback addresses —
    /// kiosks check the pin, not the name).
    pub fn load_or_make(data_dir: &Path) -> Result<Self, TlsError> {
        let dir = made_dir(data_dir);
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        if !cert.exists() || !key.exists() {
            make(&dir, &cert, &key)?;
        }
        Self::from_files(&cert, &key)
    }

    /// A server config presenting this identity, HTTP/1.1 only.
    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, TlsError> {
        let mut config = rustls::ServerConfig::builder_with_provider(crate::provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsError::Setup(e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(self.chain.clone(), self.key.clone_key())
            .map_err(|e| TlsError::Setup(e.to_string()))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

fn make(dir: &Path, cert: &Path, key: &Path) -> Result<(), TlsError> {
    anjungan_files::dir(dir).map_err(|e| file_error(dir, e))?;
    let mut names = vec!["localhost".to_owned(), "127.0.0.1".into(), "::1".into()];
    names.extend(host_name());
    let pair = rcgen::KeyPair::generate().map_err(|e| TlsError::Setup(e.to_string()))?;
    let mut params =
        rcgen::CertificateParams::new(names).map_err(|e| TlsError::Setup(e.to_string()))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "anjungan-hub");
    let made = params
        .self_signed(&pair)
        .map_err(|e| TlsError::Setup(e.to_string()))?;
    anjungan_files::write(key, pair.serialize_pem().as_bytes()).map_err(|e| file_error(key, e))?;
    anjungan_files::write(cert, made.pem().as_bytes()).map_err(|e| file_error(cert, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_certificate_is_kept_private_and_reused() {
        let dir = tempfile::tempdir().expect("dir");
        let first = Identity::load_or_make(dir.path()).expect("made");
        let again = Identity::load_or_make(dir.path()).expect("loaded");
        assert_eq!(first.pin, again.pin, "made once, then reused");
        assert_eq!(first.pin.len(), 43);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&made_dir(dir.path()).join("key.pem")), 0o600);
            assert_eq!(mode(&made_dir(dir.path())), 0o700);
        }
        assert!(first.server_config().is_ok());
    }

    #[test]
    fn a_file_that_is_not_a_certificate_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let bogus = dir.path().join("cert.pem");
        std::fs::write(&bogus, "not pem").expect("write");
        let err = Identity::from_files(&bogus, &bogus).expect_err("refused");
        assert!(err.to_string().contains("cert.pem"), "{err}");
    }
}
