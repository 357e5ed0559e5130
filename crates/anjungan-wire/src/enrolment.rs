//! The enrolment code `anjungan-hub enrol` prints and a kiosk is enrolled with: the kiosk's
//! token together with the fingerprints of the hub's TLS key and of the office's root key,
//! so the kiosk trusts only the hub that made the code, never whatever answers first.
//!
//! `anj1.<token>.<root fingerprint>.<TLS pin or ->` — dots, because neither the token
//! (`ajk_` + hex) nor base64url contains one, and the whole code is one word a terminal
//! selects with a double click. `-` stands for "no TLS pin": a hub behind a TLS proxy whose
//! certificate a public CA vouches for, or plain HTTP on loopback.

use std::fmt;

const PREFIX: &str = "anj1";

#[derive(Clone, PartialEq, Eq)]
pub struct EnrolmentCode {
    pub token: String,
    /// SHA-256 of the office's root key, base64url (43 characters).
    pub root_fingerprint: String,
    /// SHA-256 of the hub certificate's SubjectPublicKeyInfo, base64url (43 characters).
    pub tls_pin: Option<String>,
}

/// Why a text is not an enrolment code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// A bare token, as hubs printed before codes: it carries no fingerprint to check.
    BareToken,
    Malformed,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::BareToken => f.write_str(
                "this is a bare token without the hub's fingerprints: use the whole enrolment code (anj1.…) from the last line of `anjungan-hub enrol` or `anjungan-hub kiosk rotate`",
            ),
            CodeError::Malformed => f.write_str(
                "not an enrolment code: expected anj1.TOKEN.ROOT.TLS from the last line of `anjungan-hub enrol`",
            ),
        }
    }
}

impl std::error::Error for CodeError {}

fn fingerprint_shaped(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl EnrolmentCode {
    /// Reads a code, ignoring surrounding whitespace.
    pub fn parse(text: &str) -> Result<Self, CodeError> {
        let text = text.trim();
        if text.starts_with("ajk_") && !text.contains('.') {
            return Err(CodeError::BareToken);
        }
        let parts: Vec<&str> = text.split('.').collect();
        let [prefix, token, root, tls] = parts[..] else {
            return Err(CodeError::Malformed);
        };
        let token_ok = !token.is_empty()
            && token.len() <= 200
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if prefix != PREFIX || !token_ok || !fingerprint_shaped(root) {
            return Err(CodeError::Malformed);
        }
        let tls_pin = match tls {
            "-" => None,
            pin if fingerprint_shaped(pin) => Some(pin.to_owned()),
            _ => return Err(CodeError::Malformed),
        };
        Ok(Self {
            token: token.to_owned(),
            root_fingerprint: root.to_owned(),
            tls_pin,
        })
    }
}

impl fmt::Display for EnrolmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}.{}.{}.{}",
            self.token,
            self.root_fingerprint,
            self.tls_pin.as_deref().unwrap_or("-")
        )
    }
}

/// The token is a secret: debug output shows the fingerprints only.
impl fmt::Debug for EnrolmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnrolmentCode")
            .field("token", &"<redacted>")
            .field("root_fingerprint", &self.root_fingerprint)
            .field("tls_pin", &self.tls_pin)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FP: &str = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83";

    #[test]
    fn a_code_round_trips_and_hides_its_token() {
        let code = EnrolmentCode {
            token: format!("ajk_{}", "ab".repeat(32)),
            root_fingerprint: FP.into(),
            tls_pin: Some(FP.replace('q', "Z")),
        };
        let text = code.to_string();
        assert_eq!(
            EnrolmentCode::parse(&format!("  {text}\n")),
            Ok(code.clone())
        );
        assert!(!format!("{code:?}").contains("abab"));
        let no_tls = EnrolmentCode {
            tls_pin: None,
            ..code
        };
        assert!(no_tls.to_string().ends_with(".-"));
        assert_eq!(EnrolmentCode::parse(&no_tls.to_string()), Ok(no_tls));
    }

    #[test]
    fn bare_tokens_and_damaged_codes_are_refused_with_a_reason() {
        let token = format!("ajk_{}", "ab".repeat(32));
        assert_eq!(EnrolmentCode::parse(&token), Err(CodeError::BareToken));
        for bad in [
            String::new(),
            format!("anj2.{token}.{FP}.-"),
            format!("anj1.{token}.{FP}"),
            format!("anj1.{token}.short.-"),
            format!("anj1.{token}.{FP}.{FP}.extra"),
            format!("anj1..{FP}.-"),
            format!("anj1.{token}.{FP}.not-a-pin"),
        ] {
            assert_eq!(
                EnrolmentCode::parse(&bad),
                Err(CodeError::Malformed),
                "{bad}"
            );
        }
    }
}
