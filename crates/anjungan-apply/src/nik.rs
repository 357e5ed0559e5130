//! The NIK (Nomor Induk Kependudukan): `PPRRSS DDMMYY NNNN`. The first six digits are the
//! kecamatan where it was issued, then the birth date with 40 added to the day for women,
//! then a serial. There is no checksum, so none is invented here.

use crate::regions;
use time::{Date, Month};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("a NIK has 16 digits")]
    Length,
    #[error("a NIK has digits only")]
    NotDigits,
    #[error("the NIK's region code is not a kecamatan of the Kemendagri list")]
    UnknownRegion,
    #[error("the NIK's date part is not a real date")]
    BadDate,
    #[error("the NIK's birth date differs from the birth date given")]
    BirthDateMismatch,
    #[error("the NIK says the other sex (women have 40 added to the day)")]
    SexMismatch,
}

impl NikError {
    /// The code the screens translate (`apply.problem.<code>`).
    pub fn code(self) -> &'static str {
        match self {
            NikError::Length => "nik_length",
            NikError::NotDigits => "nik_digits",
            NikError::UnknownRegion => "nik_region",
            NikError::BadDate => "nik_date",
            NikError::BirthDateMismatch => "nik_birth_date",
            NikError::SexMismatch => "nik_sex",
        }
    }
}

/// What a valid NIK encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NikInfo {
    pub female: bool,
    pub day: u8,
    pub month: u8,
    /// Two digits: the century is not encoded.
    pub year2: u8,
}

/// Checks the NIK alone: length, digits, region, and that its date exists in 19yy or 20yy.
pub fn parse(nik: &str) -> Result<NikInfo, NikError> {
    if !nik.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if nik.chars().count() == 16 {
            NikError::NotDigits
        } else {
            NikError::Length
        });
    }
    if nik.len() != 16 {
        return Err(NikError::Length);
    }
    if !regions::district_exists(&nik[..6]) {
        return Err(NikError::UnknownRegion);
    }
    let two = |i: usize| (nik.as_bytes()[i] - b'0') * 10 + (nik.as_bytes()[i + 1] - b'0');
    let (dd, month, year2) = (two(6), two(8), two(10));
    let (female, day) = if dd > 40 {
        (true, dd - 40)
    } else {
        (false, dd)
    };
    let exists = |century: i32| {
        Month::try_from(month)
            .ok()
            .and_then(|m| Date::from_calendar_date(century + i32::from(year2), m, day).ok())
            .is_some()
    };
    if !(exists(1900) || exists(2000)) {
        return Err(NikError::BadDate);
    }
    Ok(NikInfo {
        female,
        day,
        month,
        year2,
    })
}

/// Checks the NIK against the birth date (`YYYY-MM-DD`) and sex (`L`/`P`) typed with it.
/// Either may be missing, when the citizen has not typed it yet.
pub fn check(nik: &str, birth_date: Option<Date>, sex: Option<&str>) -> Result<NikInfo, NikError> {
    let info = parse(nik)?;
    if let Some(d) = birth_date {
        let same = d.day() == info.day
            && u8::from(d.month()) == info.month
            && (d.year().rem_euclid(100)) as u8 == info.year2;
        if !same {
            return Err(NikError::BirthDateMismatch);
        }
    }
    match sex {
        Some("P") if !info.female => Err(NikError::SexMismatch),
        Some("L") if info.female => Err(NikError::SexMismatch),
        _ => Ok(info),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    // Metro Pusat (18.72.01), born 14 Aug 1990; the woman's day is 54.
    const MAN: &str = "1872011408900001";
    const WOMAN: &str = "1872015408900002";

    #[test]
    fn valid_niks_decode_birth_and_sex() {
        let m = check(MAN, Some(date!(1990 - 08 - 14)), Some("L")).expect("man");
        assert!(!m.female);
        let w = check(WOMAN, Some(date!(1990 - 08 - 14)), Some("P")).expect("woman");
        assert!(w.female);
        assert_eq!((w.day, w.month, w.year2), (14, 8, 90));
    }

    #[test]
    fn each_kind_of_wrong_nik_has_its_own_reason() {
        let cases = [
            ("187201140890001", NikError::Length),
            ("18720114089000011", NikError::Length),
            ("18720114089000a1", NikError::NotDigits),
            ("1872991408900001", NikError::UnknownRegion),
            ("9972011408900001", NikError::UnknownRegion),
            ("1872013102900001", NikError::BadDate),
            ("1872017102900001", NikError::BadDate),
            ("1872011413900001", NikError::BadDate),
            ("1872010008900001", NikError::BadDate),
        ];
        for (nik, want) in cases {
            assert_eq!(parse(nik), Err(want), "{nik}");
        }
    }

    #[test]
    fn feb_29_exists_in_2000_and_1996_but_not_2001() {
        assert!(parse("1872012902000001").is_ok());
        assert!(parse("1872012902960001").is_ok());
        assert_eq!(parse("1872012902010001"), Err(NikError::BadDate));
    }

    #[test]
    fn the_typed_birth_date_and_sex_must_agree() {
        assert_eq!(
            check(MAN, Some(date!(1990 - 08 - 15)), None),
            Err(NikError::BirthDateMismatch)
        );
        assert_eq!(
            check(MAN, Some(date!(1980 - 08 - 14)), None),
            Err(NikError::BirthDateMismatch)
        );
        assert_eq!(check(MAN, None, Some("P")), Err(NikError::SexMismatch));
        assert_eq!(check(WOMAN, None, Some("L")), Err(NikError::SexMismatch));
    }
}
