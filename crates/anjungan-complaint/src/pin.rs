//! The complaint's PIN: six digits the citizen takes home with the number. The hub keeps
//! only a salted, slow hash (PBKDF2-HMAC-SHA256), and the kiosk seals even that.

use sha2::Sha256;

const ROUNDS: u32 = 60_000;

/// Six digits from `random` (passed in: tests pin it).
pub fn new_pin(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
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
        let pin = super::new_pin(4_200_017);
        assert_eq!(pin, "200017");
        let stored = super::hash(&pin, &[7; 16]);
        assert!(super::verify("200017", &stored));
        assert!(!super::verify("200018", &stored));
        assert!(!super::verify("200017", "nonsense"));
    }
}
