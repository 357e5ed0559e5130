//! The tracking number printed on a receipt: the year and a six-digit sequence,
//! `2026-000123`. Digits only, so it can be typed on a numeric keypad; the dash is optional.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingNumber {
    year: u16,
    sequence: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a tracking number has 10 digits, as in 2026-000123")]
pub struct BadTrackingNumber;

impl TrackingNumber {
    /// Accepts `2026-000123`, `2026000123` and the same with spaces; nothing else.
    pub fn parse(input: &str) -> Result<Self, BadTrackingNumber> {
        if input.len() > 64 {
            return Err(BadTrackingNumber);
        }
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\u{a0}'))
            .collect();
        if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BadTrackingNumber);
        }
        let year: u16 = digits[..4].parse().map_err(|_| BadTrackingNumber)?;
        let sequence: u32 = digits[4..].parse().map_err(|_| BadTrackingNumber)?;
        if !(2020..=2099).contains(&year) {
            return Err(BadTrackingNumber);
        }
        Ok(Self { year, sequence })
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:06}", self.year, self.sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_printed_form_and_bare_digits() {
        for input in ["2026-000123", "2026000123", " 2026 000123 "] {
            assert_eq!(
                TrackingNumber::parse(input).expect(input).to_string(),
                "2026-000123"
            );
        }
    }

    #[test]
    fn refuses_wrong_lengths_letters_and_odd_years() {
        for input in [
            "",
            "2026-00012",
            "2026-0001234",
            "2026-00012a",
            "1999-000123",
            "٢٠٢٦٠٠٠١٢٣",
            &"1".repeat(3000),
        ] {
            assert_eq!(
                TrackingNumber::parse(input),
                Err(BadTrackingNumber),
                "{input:.20}"
            );
        }
    }
}
