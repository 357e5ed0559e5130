//! A fixed seal key and its lists, so a verdict of ASLI can be checked against what was signed.
#![allow(dead_code)] // each target uses a part of it

use anjungan_permit::token::{sign, Claims};
use anjungan_permit::trust::{public_key_b64, Lists, Revocation, RootKey, TrustedKey};
use ed25519_dalek::SigningKey;

pub fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

pub fn claims() -> Claims {
    Claims {
        number: "503/0042/SIP/2026".into(),
        kind: "Surat Izin Praktik".into(),
        holder: "Bd. Ayu".into(),
        nib: None,
        nik_hash: None,
        issued: "2026-11-02".into(),
        valid_until: Some("2031-11-02".into()),
        pdf_sha256: "ab".repeat(32),
    }
}

pub fn token() -> String {
    sign(&claims(), "seal-1", &key())
}

pub fn lists() -> Lists {
    Lists {
        issued_at: "2026-11-29T00:00:00Z".into(),
        keys: vec![TrustedKey {
            kid: "seal-1".into(),
            public_key: public_key_b64(&key().verifying_key()),
            retired: None,
        }],
        revoked: vec![Revocation {
            number: "503/0001/SIP/2026".into(),
            reason: "dicabut".into(),
            revoked_at: "2026-11-20T00:00:00Z".into(),
        }],
        root: Some(RootKey {
            kid: "seal-1".into(),
            public_key: public_key_b64(&key().verifying_key()),
        }),
        ..Lists::default()
    }
}
