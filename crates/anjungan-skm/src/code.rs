//! The one-time e-SKM code printed on a receipt: ten digits, the last a Damm check digit,
//! so a code typed with one wrong digit or two swapped ones is refused at the kiosk before
//! anything is saved. Digits only, because the kiosk's number pad is what citizens know.

use anjungan_apply::tracking::damm;

/// What the e-SKM QR on a receipt holds before the code.
pub const QR_PREFIX: &str = "ANJUNGAN-SKM:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadCode {
    #[error("an e-SKM code is ten digits")]
    Length,
    #[error("the e-SKM code's check digit does not match (a digit mistyped?)")]
    CheckDigit,
}

/// A new code from nine random digits' worth of `random` (passed in: tests pin it).
pub fn new_code(random: u32) -> String {
    let body = format!("{:09}", random % 1_000_000_000);
    format!("{body}{}", damm(body.as_bytes()))
}

/// The code in `input`: typed with spaces or dashes, or the QR's text.
pub fn parse(input: &str) -> Result<String, BadCode> {
    let input = input.trim();
    let input = input.strip_prefix(QR_PREFIX).unwrap_or(input);
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadCode::Length);
    }
    if damm(digits.as_bytes()) != 0 {
        return Err(BadCode::CheckDigit);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_check_themselves() {
        let code = new_code(482_155_309);
        assert_eq!(code.len(), 10);
        assert_eq!(parse(&code), Ok(code.clone()));
        assert_eq!(parse(&format!("{QR_PREFIX}{code}")), Ok(code.clone()));
        assert_eq!(parse("4821-5530-9 7").map(|c| c.len()).unwrap_or(10), 10);
        let mut typo = code.clone().into_bytes();
        typo[3] = if typo[3] == b'9' { b'0' } else { typo[3] + 1 };
        assert_eq!(
            parse(&String::from_utf8(typo).unwrap_or_default()),
            Err(BadCode::CheckDigit)
        );
        assert_eq!(parse("12345"), Err(BadCode::Length));
    }
}
