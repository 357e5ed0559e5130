//! The complaint's PIN: ten digits the citizen takes home with the number (complaints made
//! before this release have six, and still open). The hub keeps only a salted, slow hash
//! (PBKDF2-HMAC-SHA256), and the kiosk seals even that. Ten digits, because the hub limits
//! guesses per kiosk token per hour across all numbers: at that pace a stolen token that
//! guesses for a year still finds a given complaint's PIN with odds of about 1 in 38,000.

use sha2::Sha256;

const ROUNDS: u32 = 60_000;

/// Digits in a new PIN.
pub const DIGITS: usize = 10;
/// Digits in the PINs of complaints made before ten-digit ones.
pub const OLD_DIGITS: usize = 6;

/// Whether `pin` has a PIN's shape: ten digits, or six on a complaint made before.
pub fn is_pin(pin: &str) -> bool {
    (pin.len() == DIGITS || pin.len() == OLD_DIGITS) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Ten digits from `random` (passed in: tests pin it).
pub fn new_pin(random: u64) -> String {
    format!("{:010}", random % 10_000_000_000)
}

/// `salt$hash`, both hex; `salt` is 16 random bytes from the caller.
pub fn hash(pin: &str, salt: &[u8; 16]) -> String {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt, ROUNDS, &mut out);
    format!("{}${}", hex::encode(salt), hex::encode(out))
}

/// Whether `pin` matches a stored `salt$hash`.
pub fn verify(pin: &str, stored: &str) -> bool {
    let Some((salt, _)) = stored.split_once('$') else {
        return false;
    };
    let Ok(bytes) = hex::decode(salt) else {
        return false;
    };
    let Ok(salt): Result<[u8; 16], _> = bytes.try_into() else {
        return false;
    };
    // Compare the whole strings: both are fixed-length hex of the same hash.
    let candidate = hash(pin.trim(), &salt);
    candidate.len() == stored.len()
        && candidate
            .bytes()
            .zip(stored.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pin_verifies_and_a_neighbour_does_not() {
        let pin = super::new_pin(420_000_200_017);
        assert_eq!(pin, "0000200017");
        let stored = super::hash(&pin, &[7; 16]);
        assert!(super::verify("0000200017", &stored));
        assert!(!super::verify("0000200018", &stored));
        assert!(
            !super::verify("200017", &stored),
            "not without its leading digits"
        );
        assert!(!super::verify("0000200017", "nonsense"));
        // Six-digit PINs of earlier complaints still open.
        let old = super::hash("583920", &[7; 16]);
        assert!(super::verify("583920", &old));
    }
}
