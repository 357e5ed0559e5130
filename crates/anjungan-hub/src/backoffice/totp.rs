//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, six digits), the
//! second factor an authenticator app on the officer's phone gives. Time is passed in.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

const STEP_S: i64 = 30;
const DIGITS: u32 = 6;

/// A new secret: 20 random bytes, in base32 as authenticator apps take it.
pub fn new_secret(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; 20];
    rng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The `otpauth://` URI an authenticator app reads from a QR code.
pub fn uri(secret: &str, officer: &str) -> String {
    let label: String =
        url::form_urlencoded::byte_serialize(format!("Anjungan:{officer}").as_bytes()).collect();
    format!("otpauth://totp/{label}?secret={secret}&issuer=Anjungan&digits=6&period=30")
}

/// The code for the step that `unix_s` falls in.
pub fn code_at(secret: &[u8], unix_s: i64) -> u32 {
    hotp(secret, (unix_s.max(0) / STEP_S) as u64)
}

fn hotp(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[19] & 0x0f);
    let bin = (u32::from(h[offset]) & 0x7f) << 24
        | u32::from(h[offset + 1]) << 16
        | u32::from(h[offset + 2]) << 8
        | u32::from(h[offset + 3]);
    bin % 10u32.pow(DIGITS)
}

/// The six digits an authenticator app shows at `unix_s` for a base32 secret (what a
/// browser test types).
pub fn code_now(secret_b32: &str, unix_s: i64) -> Option<String> {
    let secret = data_encoding::BASE32_NOPAD
        .decode(secret_b32.as_bytes())
        .ok()?;
    Some(format!("{:06}", code_at(&secret, unix_s)))
}

/// Whether `typed` is the code of this step or of the one before or after (a phone's clock a
/// little off). `last_step` is the step of the last code accepted: a code is good once.
/// Returns the step to remember.
pub fn check(secret_b32: &str, typed: &str, unix_s: i64, last_step: Option<i64>) -> Option<i64> {
    let secret = data_encoding::BASE32_NOPAD
        .decode(secret_b32.as_bytes())
        .ok()?;
    let typed = typed.trim();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let typed: u32 = typed.parse().ok()?;
    let now = unix_s / STEP_S;
    (now - 1..=now + 1).find(|step| {
        last_step.is_none_or(|l| *step > l)
            && *step >= 0
            && bool::from(subtle::ConstantTimeEq::ct_eq(
                &hotp(&secret, *step as u64).to_be_bytes()[..],
                &typed.to_be_bytes()[..],
            ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B (SHA-1), the last six digits.
    #[test]
    fn the_rfc_vectors() {
        let secret = b"12345678901234567890";
        for (t, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
        ] {
            assert_eq!(code_at(secret, t), code, "t = {t}");
        }
    }

    #[test]
    fn a_code_is_good_once_and_only_near_its_time() {
        let b32 = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        let code = format!("{:06}", code_at(b"12345678901234567890", 59));
        let step = check(&b32, &code, 59, None).expect("accepted");
        assert_eq!(check(&b32, &code, 59, Some(step)), None, "replayed");
        assert_eq!(check(&b32, &code, 59 + 120, None), None, "too late");
        assert_eq!(check(&b32, "28708", 59, None), None, "five digits");
    }
}
