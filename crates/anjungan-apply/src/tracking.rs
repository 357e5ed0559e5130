//! Tracking numbers: issued by the kiosk at "Kirim", offline, and still unique across every
//! kiosk of the office because they carry the kiosk's number (given by the hub at
//! enrolment). Eleven digits, typed on the numeric pad and read aloud in groups:
//!
//! ```text
//! 26-014-00023-7    year (2 digits) · kiosk (3) · sequence of that kiosk in that year (5) · check
//! ```
//!
//! The check digit is Damm's: it catches every single-digit error and every swap of two
//! neighbouring digits, so a mistyped number is refused before the hub is asked.

use std::fmt;

pub use anjungan_wire::check_digit::damm;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackingNumber {
    /// Last two digits of the year.
    pub year: u8,
    /// The kiosk's number at the hub (1–999; 0 is the office's own back office).
    pub kiosk: u16,
    /// 1–99999 within that kiosk and year.
    pub sequence: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadTrackingNumber {
    #[error("a tracking number has 11 digits, as in 26-014-00023-7")]
    Format,
    #[error("the tracking number's last digit does not match: a digit was mistyped")]
    CheckDigit,
}

impl BadTrackingNumber {
    /// The code the screens translate.
    pub fn code(self) -> &'static str {
        match self {
            BadTrackingNumber::Format => "tracking_format",
            BadTrackingNumber::CheckDigit => "tracking_check_digit",
        }
    }
}

impl TrackingNumber {
    pub const MAX_SEQUENCE: u32 = 99_999;

    pub fn new(year: i32, kiosk: u16, sequence: u32) -> Option<Self> {
        (kiosk <= 999 && (1..=Self::MAX_SEQUENCE).contains(&sequence)).then_some(Self {
            year: year.rem_euclid(100) as u8,
            kiosk,
            sequence,
        })
    }

    fn body(&self) -> String {
        format!("{:02}{:03}{:05}", self.year, self.kiosk, self.sequence)
    }

    /// Accepts the printed form and the bare 11 digits, with spaces or dashes anywhere.
    pub fn parse(input: &str) -> Result<Self, BadTrackingNumber> {
        if input.len() > 64 {
            return Err(BadTrackingNumber::Format);
        }
        let digits: Vec<u8> = input
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\u{a0}'))
            .map(|c| if c.is_ascii_digit() { c as u8 } else { b'x' })
            .collect();
        if digits.len() != 11 || digits.iter().any(|d| !d.is_ascii_digit()) {
            return Err(BadTrackingNumber::Format);
        }
        if damm(&digits) != 0 {
            return Err(BadTrackingNumber::CheckDigit);
        }
        let num = |r: std::ops::Range<usize>| {
            digits[r]
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
        };
        let sequence = num(5..10);
        if sequence == 0 {
            return Err(BadTrackingNumber::Format);
        }
        Ok(Self {
            year: num(0..2) as u8,
            kiosk: num(2..5) as u16,
            sequence,
        })
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self.body();
        let check = damm(body.as_bytes());
        write!(f, "{}-{}-{}-{}", &body[..2], &body[2..5], &body[5..], check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damm_reference_value() {
        // The published example: 572 has check digit 4.
        assert_eq!(damm(b"572"), 4);
        assert_eq!(damm(b"5724"), 0);
    }

    #[test]
    fn printed_form_round_trips_with_or_without_dashes() {
        let n = TrackingNumber::new(2026, 14, 23).expect("valid");
        let printed = n.to_string();
        assert_eq!(&printed[..13], "26-014-00023-");
        assert_eq!(TrackingNumber::parse(&printed), Ok(n));
        assert_eq!(TrackingNumber::parse(&printed.replace('-', "")), Ok(n));
        assert_eq!(TrackingNumber::parse(&printed.replace('-', " ")), Ok(n));
    }

    #[test]
    fn every_single_digit_error_and_neighbour_swap_is_caught() {
        for (kiosk, seq) in [(1, 1), (14, 23), (999, 99_999), (250, 40_404)] {
            let n = TrackingNumber::new(2026, kiosk, seq).expect("valid");
            let good: Vec<u8> = n.to_string().bytes().filter(u8::is_ascii_digit).collect();
            for i in 0..good.len() {
                for d in b'0'..=b'9' {
                    if d == good[i] {
                        continue;
                    }
                    let mut bad = good.clone();
                    bad[i] = d;
                    let s = String::from_utf8(bad).expect("ascii");
                    assert!(TrackingNumber::parse(&s).is_err(), "{s}");
                }
                if i + 1 < good.len() && good[i] != good[i + 1] {
                    let mut bad = good.clone();
                    bad.swap(i, i + 1);
                    let s = String::from_utf8(bad).expect("ascii");
                    assert!(TrackingNumber::parse(&s).is_err(), "swap {s}");
                }
            }
        }
    }

    #[test]
    fn wrong_shapes_are_format_errors() {
        for bad in [
            "",
            "2026-000123",
            "26-014-00023",
            "26-014-0002a-7",
            &"1".repeat(300),
        ] {
            assert_eq!(
                TrackingNumber::parse(bad),
                Err(BadTrackingNumber::Format),
                "{bad:.20}"
            );
        }
        let n = TrackingNumber::new(2026, 14, 23)
            .expect("valid")
            .to_string();
        let last = n.as_bytes()[n.len() - 1];
        let wrong = format!(
            "{}{}",
            &n[..n.len() - 1],
            if last == b'9' { 0 } else { last - b'0' + 1 }
        );
        assert_eq!(
            TrackingNumber::parse(&wrong),
            Err(BadTrackingNumber::CheckDigit)
        );
    }
}
