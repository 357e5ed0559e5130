//! From the text of a QR code to a verdict. The order matters: signature before any field,
//! then the key's standing, then revocation, then dates.

use crate::token::{self, Claims, TokenError};
use crate::trust::Lists;
use anjungan_wire::api::ExternalVerifier;
use anjungan_wire::ipc::PointsTo;
use serde::Serialize;

/// Longest QR text considered at all.
pub const MAX_TEXT_LEN: usize = 4096;

/// The verdicts are part of the wire protocol (kiosk screen, hub lookup), so they live there.
pub use anjungan_wire::ipc::Verdict;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Present once the signature has been verified.
    pub claims: Option<Claims>,
    pub revocation_reason: Option<String>,
    /// For `PERLU_ONLINE` and `PERIKSA_DI_PENERBIT`: the URL to look up through the hub
    /// (never opened in a browser).
    pub url: Option<String>,
    /// For `PERIKSA_DI_PENERBIT`: the national service the URL belongs to.
    pub points_to: Option<PointsTo>,
}

/// What a QR's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrText<'a> {
    /// A URL whose fragment is a token (or a bare token).
    Token(&'a str),
    /// Any other http(s) URL.
    PlainUrl(&'a str),
    Other,
}

pub fn classify(text: &str) -> QrText<'_> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_TEXT_LEN || text.chars().any(char::is_control) {
        return QrText::Other;
    }
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let is_url = lower.starts_with("https://") || lower.starts_with("http://");
    let candidate = if is_url {
        text.split_once('#').map(|(_, f)| f)
    } else {
        Some(text)
    };
    match candidate {
        Some(t) if token::key_id(t).is_ok() => QrText::Token(t),
        _ if is_url => QrText::PlainUrl(text),
        _ => QrText::Other,
    }
}

fn outcome(verdict: Verdict) -> Outcome {
    Outcome {
        verdict,
        claims: None,
        revocation_reason: None,
        url: None,
        points_to: None,
    }
}

/// The national verification service a plain URL belongs to, if the office names one: its
/// host, or a subdomain of it, over http(s).
pub fn points_to(url: &str, verifiers: &[ExternalVerifier]) -> Option<PointsTo> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return None;
    }
    let host = parsed
        .host_str()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let found = verifiers.iter().find(|v| {
        let named = v.host.trim().trim_end_matches('.').to_ascii_lowercase();
        !named.is_empty() && (host == named || host.ends_with(&format!(".{named}")))
    })?;
    Some(PointsTo {
        name: found.name.clone(),
        host,
        url: url.trim().to_owned(),
    })
}

/// The verdict for a QR's text, against the kiosk's lists and today's date (YYYY-MM-DD).
pub fn verify(text: &str, lists: Option<&Lists>, today: &str) -> Outcome {
    let token = match classify(text) {
        QrText::Token(t) => t,
        QrText::PlainUrl(url) => {
            // A national service's page: the lists name it, so the kiosk can say where the
            // QR points even offline. Anything else only the hub's register can tell.
            let elsewhere = lists.and_then(|l| points_to(url, &l.verifiers));
            return Outcome {
                url: Some(url.to_owned()),
                verdict: if elsewhere.is_some() {
                    Verdict::PeriksaDiPenerbit
                } else {
                    Verdict::PerluOnline
                },
                points_to: elsewhere,
                ..outcome(Verdict::PerluOnline)
            };
        }
        QrText::Other => return outcome(Verdict::TidakDikenal),
    };
    let Some(lists) = lists else {
        return outcome(Verdict::BelumBisaOffline);
    };
    let Ok(kid) = token::key_id(token) else {
        return outcome(Verdict::TidakDikenal);
    };
    let Some(key) = lists.key(kid) else {
        return outcome(Verdict::TidakDikenal);
    };
    let claims = match token::open(token, &key) {
        Ok(c) => c,
        Err(TokenError::Malformed | TokenError::BadSignature | TokenError::UnknownKey(_)) => {
            return outcome(Verdict::TidakDikenal)
        }
    };
    // A key retired on day R signs nothing issued after R.
    let retired = lists
        .keys
        .iter()
        .find(|k| k.kid == kid)
        .and_then(|k| k.retired.clone());
    if retired.is_some_and(|r| claims.issued > r) {
        return outcome(Verdict::TidakDikenal);
    }
    if let Some(r) = lists.revocation(&claims.number) {
        return Outcome {
            revocation_reason: Some(r.reason.clone()),
            claims: Some(claims),
            ..outcome(Verdict::Dicabut)
        };
    }
    let verdict = match &claims.valid_until {
        Some(until) if today > until.as_str() => Verdict::Kedaluwarsa,
        _ => Verdict::Asli,
    };
    Outcome {
        claims: Some(claims),
        ..outcome(verdict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::{nik_hash, sign};
    use crate::trust::{public_key_b64, Anchor, Revocation, TrustedKey};
    use ed25519_dalek::SigningKey;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn claims(number: &str, until: Option<&str>) -> Claims {
        Claims {
            number: number.into(),
            kind: "Surat Izin Praktik Dokter".into(),
            holder: "dr. Siti Rahmawati".into(),
            nib: None,
            nik_hash: Some(nik_hash("1872015201900002")),
            issued: "2026-11-02".into(),
            valid_until: until.map(str::to_owned),
            pdf_sha256: "ab".repeat(32),
        }
    }

    fn lists(keys: &[(&str, &SigningKey, Option<&str>)], revoked: &[(&str, &str)]) -> Lists {
        Lists {
            issued_at: "2026-11-29T00:00:00Z".into(),
            keys: keys
                .iter()
                .map(|(kid, k, retired)| TrustedKey {
                    kid: (*kid).into(),
                    public_key: public_key_b64(&k.verifying_key()),
                    retired: retired.map(str::to_owned),
                })
                .collect(),
            revoked: revoked
                .iter()
                .map(|(n, r)| Revocation {
                    number: (*n).into(),
                    reason: (*r).into(),
                    revoked_at: "2026-11-20T00:00:00Z".into(),
                })
                .collect(),
            ..Lists::default()
        }
    }

    fn url(token: &str) -> String {
        format!("https://izin.metrokota.go.id/p/1#{token}")
    }

    #[test]
    fn every_verdict() {
        let seal = SigningKey::generate(&mut StdRng::seed_from_u64(1));
        let stranger = SigningKey::generate(&mut StdRng::seed_from_u64(9));
        let l = lists(
            &[("seal-1", &seal, None)],
            &[("N-REV", "izin dicabut atas permintaan pemegang")],
        );
        let today = "2026-11-29";
        let v = |text: &str| verify(text, Some(&l), today);
        assert_eq!(
            v(&url(&sign(
                &claims("N-1", Some("2031-01-01")),
                "seal-1",
                &seal
            )))
            .verdict,
            Verdict::Asli
        );
        assert_eq!(
            v(&url(&sign(&claims("N-2", None), "seal-1", &seal))).verdict,
            Verdict::Asli
        );
        assert_eq!(
            v(&url(&sign(
                &claims("N-3", Some("2026-11-28")),
                "seal-1",
                &seal
            )))
            .verdict,
            Verdict::Kedaluwarsa
        );
        let revoked = v(&url(&sign(&claims("N-REV", None), "seal-1", &seal)));
        assert_eq!(revoked.verdict, Verdict::Dicabut);
        assert!(revoked
            .revocation_reason
            .expect("reason")
            .contains("dicabut"));
        assert_eq!(
            v(&url(&sign(&claims("N-4", None), "seal-1", &stranger))).verdict,
            Verdict::TidakDikenal
        );
        assert_eq!(
            v(&url(&sign(&claims("N-5", None), "seal-9", &stranger))).verdict,
            Verdict::TidakDikenal
        );
        let plain = v("https://sicantik.go.id/cek/12345");
        assert_eq!(
            (plain.verdict, plain.url.as_deref()),
            (
                Verdict::PerluOnline,
                Some("https://sicantik.go.id/cek/12345")
            )
        );
        // Named by the office: a national service's page says where it points, even offline.
        let mut named = l.clone();
        named.verifiers = vec![anjungan_wire::api::ExternalVerifier {
            host: "sicantik.go.id".into(),
            name: "SiCantik".into(),
        }];
        let there = verify("https://app.SiCantik.go.id/cek/12345", Some(&named), today);
        assert_eq!(there.verdict, Verdict::PeriksaDiPenerbit);
        let to = there.points_to.expect("points to");
        assert_eq!(
            (to.name.as_str(), to.host.as_str()),
            ("SiCantik", "app.sicantik.go.id")
        );
        for lookalike in [
            "https://sicantik.go.id.evil.example/cek/1",
            "https://evilsicantik.go.id/cek/1",
        ] {
            assert_eq!(
                verify(lookalike, Some(&named), today).verdict,
                Verdict::PerluOnline,
                "{lookalike}"
            );
        }
        assert_eq!(v("WIFI:S:lobby;;").verdict, Verdict::TidakDikenal);
        assert_eq!(v(&"A".repeat(3 * 1024)).verdict, Verdict::TidakDikenal);
        let token = sign(&claims("N-6", None), "seal-1", &seal);
        assert_eq!(
            verify(&url(&token), None, today).verdict,
            Verdict::BelumBisaOffline
        );
    }

    #[test]
    fn a_rotated_key_still_verifies_what_it_signed_before_its_retirement() {
        let old = SigningKey::generate(&mut StdRng::seed_from_u64(1));
        let new = SigningKey::generate(&mut StdRng::seed_from_u64(2));
        let l = lists(
            &[("seal-1", &old, Some("2026-11-15")), ("seal-2", &new, None)],
            &[],
        );
        let before = sign(&claims("N-1", None), "seal-1", &old);
        assert_eq!(
            verify(&url(&before), Some(&l), "2026-11-29").verdict,
            Verdict::Asli
        );
        let mut late = claims("N-2", None);
        late.issued = "2026-11-20".into();
        assert_eq!(
            verify(&url(&sign(&late, "seal-1", &old)), Some(&l), "2026-11-29").verdict,
            Verdict::TidakDikenal
        );
        assert_eq!(
            verify(&url(&sign(&late, "seal-2", &new)), Some(&l), "2026-11-29").verdict,
            Verdict::Asli
        );
    }

    #[test]
    fn signed_lists_travel_across_a_rotation() {
        let old = SigningKey::generate(&mut StdRng::seed_from_u64(1));
        let new = SigningKey::generate(&mut StdRng::seed_from_u64(2));
        let first = lists(&[("seal-1", &old, None)], &[]);
        let got = first
            .sign("seal-1", &old, Vec::new())
            .open(Anchor::FirstUse)
            .expect("first contact");
        assert_eq!(got, first);
        let rotated = lists(
            &[("seal-1", &old, Some("2026-11-15")), ("seal-2", &new, None)],
            &[],
        );
        let got = rotated
            .sign("seal-1", &old, Vec::new())
            .open(Anchor::Held(&first))
            .expect("signed by a trusted key");
        assert_eq!(got, rotated);
        // A list signed by a key the kiosk does not know is refused.
        let forged = lists(&[("evil", &new, None)], &[]);
        assert!(forged
            .sign("evil", &new, Vec::new())
            .open(Anchor::Held(&first))
            .is_err());
        let mut tampered = rotated.sign("seal-1", &old, Vec::new());
        tampered.lists = tampered.lists.replace("2026-11-15", "2099-01-01");
        assert!(tampered.open(Anchor::Held(&first)).is_err());
    }
}
