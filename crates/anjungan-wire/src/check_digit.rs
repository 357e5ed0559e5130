//! The Damm check digit of tracking numbers and e-SKM codes: it catches every single-digit
//! error and every swap of two neighbouring digits. Kept here, the crate both the Rust side
//! and the generated TypeScript ([`crate::bindings`], `DAMM_TABLE`) read, so the kiosk's
//! screens and the hub check digits with one table.

/// Damm's quasigroup of order 10 (weakly totally anti-symmetric); its diagonal is zero, so
/// the interim digit after a body is that body's check digit.
pub const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm check digit of a string of ASCII digits (0 for a whole, valid number).
pub fn damm(digits: &[u8]) -> u8 {
    digits.iter().fold(0u8, |interim, d| {
        DAMM[interim as usize][usize::from(d.wrapping_sub(b'0')).min(9)]
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_published_example() {
        assert_eq!(super::damm(b"572"), 4);
        assert_eq!(super::damm(b"5724"), 0);
    }
}
